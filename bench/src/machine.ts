import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** Which cores the servers and the load generator get; null: not pinned. */
export interface Pinning {
  server: string;
  load: string;
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** When the run started (ISO 8601). */
  date: string;
  /** The 1, 5 and 15-minute load averages at the start: other work on the machine shows here. */
  loadAverage: number[];
  pinning: Pinning | null;
}

const hasTaskset = () => spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

/**
 * Server on the first core, load generator on the second, when there are two and `taskset` is
 * there: the load generator then never takes CPU time from the server it measures.
 */
export function describeMachine(): Machine {
  const cores = os.availableParallelism();
  const cpus = os.cpus();
  return {
    cores,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    pinning: cores >= 2 && hasTaskset() ? { server: '0', load: '1' } : null,
  };
}

/** The command that runs `args` on `cores` (taskset), or as it is without pinning. */
export function pinned(cores: string | undefined, command: string, args: string[]): [string, string[]] {
  return cores === undefined ? [command, args] : ['taskset', ['-c', cores, command, ...args]];
}
