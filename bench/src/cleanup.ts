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

/**
 * Runs an entry point: on Ctrl-C (or SIGTERM) it stops the servers and drops what the run made
 * before leaving; a failure is printed and exits with 1.
 */
export function runEntryPoint(main: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up…`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

async function runCleanups(): Promise<void> {
  const all = [...pending];
  pending.clear();
  await Promise.allSettled(all.map((cleanup) => cleanup()));
}
