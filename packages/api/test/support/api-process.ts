import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { GraphQLClient } from './graphql-client';
import { sourceEntry } from './source-process';

const API_ROOT = path.join(__dirname, '../..');
// Seconds on a quiet machine; a slow one whose cores the rest of the suite shares takes far longer.
const READY_TIMEOUT_MS = 60_000;
const POLL_MS = 100;

export interface ApiProcess {
  url: string;
  client: GraphQLClient;
  child: ChildProcess;
  /** What the process printed (its JSON log lines and any start-up error). */
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
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

/** Sends `signal` unless the child has already exited, and resolves once it has. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

/**
 * The API as its own process, as in production: Node running src/main.ts, compiled through the
 * tests' cache (no wrapper process that would stand between a signal and the server). Resolves
 * once /healthz answers.
 */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  let output = '';
  const main = sourceEntry('main');
  const child = spawn(main.command, main.args, {
    cwd: API_ROOT,
    env: {
      PATH: process.env.PATH!,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      // Tests register many accounts from 127.0.0.1.
      REGISTER_LIMIT_PER_IP: '0',
      // A cheap password hash, but only where the configuration allows one.
      ...(env.NODE_ENV === undefined || env.NODE_ENV === 'test' ? { PASSWORD_HASH_COST: 'test' } : {}),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not start in time: ${output}`);
    }
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return {
    url,
    client: new GraphQLClient(`${url}/graphql`),
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
