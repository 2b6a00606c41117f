/** What withDeadline rejects with; classifyNetworkError reads its name as a time-out. */
export class DeadlineExceededError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Settles like `work`, or rejects after `timeoutMs`. The SDKs' own time-outs close the socket, but
 * SendGrid's is an idle timer that a slow trickle of bytes keeps alive: this bounds the wait itself.
 */
export function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(timeoutMs)), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
