import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { pinned } from './machine';

const READY_TIMEOUT_MS = 60_000;
const POLL_MS = 100;
// Long enough for a server to drain and, with --profile, to write its CPU profile.
const STOP_TIMEOUT_MS = 60_000;

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /**
   * Forgets the peak so far, so the next `peakRssMb` covers only what follows; false when the
   * kernel refused (the peak then counts from the start).
   */
  resetPeak(): boolean;
  /** The highest resident memory since start or the last `resetPeak` (VmHWM), in MB. */
  peakRssMb(): number;
  /** The CPU time the process has used since it started, user and system, in seconds. */
  cpuSeconds(): number;
  /** The same for its main thread alone, the one that runs the event loop. */
  mainThreadCpuSeconds(): number;
  /** The tail of what the process printed (its log file). */
  logTail(): string;
  /** SIGTERM, then SIGKILL after a while; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface ServerSpec {
  name: string;
  /** Node's arguments: options and the script. */
  nodeArgs: string[];
  env: Record<string, string>;
  cwd: string;
  /** Its output goes here, not through a pipe the bench would have to read. */
  logFile: string;
  /** Cores it runs on (taskset), when pinned. */
  cores?: string;
  /** Answers once the server is up (any HTTP status). */
  readyPath?: string;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The kernel's clock ticks a second, the unit of CPU times in /proc (100 on every usual Linux). */
const clockTicks = (): number => {
  const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout;
  return Number(answer) > 0 ? Number(answer) : 100;
};
let ticksPerSecond: number | undefined;

/**
 * utime + stime of a stat file (fields 14 and 15, counted after the command's closing parenthesis):
 * /proc/<pid>/stat for the whole process, /proc/<pid>/task/<tid>/stat for one thread.
 */
function cpuSecondsOf(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  ticksPerSecond ??= clockTicks();
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

const statusField = (pid: number, field: string): number => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
};

/** Starts a server on a free loopback port (PORT and HOST are set for it) and waits until it answers. */
export async function startServer(spec: ServerSpec): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = openSync(spec.logFile, 'a');
  const [command, args] = pinned(spec.cores, process.execPath, spec.nodeArgs);
  const child: ChildProcess = spawn(command, args, {
    cwd: spec.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...spec.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logTail = () => readFileSync(spec.logFile, 'utf8').split('\n').slice(-30).join('\n');

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${spec.name} exited with ${child.exitCode}:\n${logTail()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} did not answer within ${READY_TIMEOUT_MS / 1000} s:\n${logTail()}`);
    }
    const up = await fetch(`${url}${spec.readyPath ?? '/healthz'}`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  // taskset execs node: the pid is the server's own.
  const pid = child.pid!;
  return {
    name: spec.name,
    url,
    pid,
    resetPeak: () => {
      try {
        // "5" resets the process's peak resident set size (Linux 4.0+, needs the right to write it).
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    peakRssMb: () => statusField(pid, 'VmHWM'),
    cpuSeconds: () => cpuSecondsOf(`/proc/${pid}/stat`),
    // The main thread's id is the process's.
    mainThreadCpuSeconds: () => cpuSecondsOf(`/proc/${pid}/task/${pid}/stat`),
    logTail,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
