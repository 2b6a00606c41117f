/**
 * What must not outlive an interrupted run (Ctrl-C): server processes, temporary databases and
 * folders. Each part registers its own clean-up while it holds something; the entry point runs
 * what is left when a signal comes.
 */
const pending = new Set<() => Promise<unknown>>();

/** Registers a clean-up; the function returned unregisters it (call it once cleaned up normally). */
export function registerCleanup(cleanup: () => Promise<unknown>): () => void {
  pending.add(cleanup);
  return () => pending.delete(cleanup);
}

export async function runCleanups(): Promise<void> {
  const all = [...pending];
  pending.clear();
  await Promise.allSettled(all.map((cleanup) => cleanup()));
}
