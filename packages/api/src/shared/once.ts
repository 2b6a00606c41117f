/** A function that does its work at the first call and answers that result ever after. */
export function once<T>(work: () => T): () => T {
  let done = false;
  let result: T;
  return () => {
    if (!done) {
      result = work();
      done = true;
    }
    return result;
  };
}
