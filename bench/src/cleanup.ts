import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerProcess } from './server-process';

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

/**
 * What a tool holds while it runs: a temporary folder, the servers it starts (pushed onto
 * `started`) and anything else to stop with them. `release` stops and removes all of it on the
 * tool's way out, and Ctrl-C does the same.
 */
export interface HeldRun {
  dir: string;
  started: ServerProcess[];
  /** Something else to stop with the servers, first (Chromium, a process under valgrind). */
  alsoStop(stop: () => void): void;
  /** Stops the servers and the rest, keeping the folder: for a tool that then reads what they wrote. */
  stopServers(): Promise<void>;
  release(): Promise<void>;
}

/** Makes a temporary folder named from `prefix` and holds it, and what is started into it, until released. */
export function holdRun(prefix: string): HeldRun {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const started: ServerProcess[] = [];
  const others: (() => void)[] = [];
  const stopServers = async () => {
    for (const stop of others) stop();
    // Stopping a server twice is harmless: a stopped one answers at once.
    await Promise.all(started.map((server) => server.stop()));
  };
  const release = async () => {
    unregister();
    await stopServers();
    rmSync(dir, { recursive: true, force: true });
  };
  const unregister = registerCleanup(release);
  return { dir, started, alsoStop: (stop) => others.push(stop), stopServers, release };
}
