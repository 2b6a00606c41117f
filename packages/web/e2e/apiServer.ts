import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO_DIR = path.resolve(__dirname, '../../..');
/** The built API; E2E_API_MAIN runs the browser tests against another build of it. */
export const API_MAIN = process.env.E2E_API_MAIN ?? path.join(REPO_DIR, 'packages/api/dist/main.js');
/** The API's command line (`latchkey create-user …`), next to the main module it belongs to. */
const API_CLI = path.join(path.dirname(API_MAIN), 'cli.js');
const WEB_DIST_DIR = path.resolve(__dirname, '../dist');

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const POLL_INTERVAL_MS = 100;

export interface RunningApi {
  baseUrl: string;
  /** Where the dev outbox writes e-mails and SMS (`<DATA_DIR>/outbox.jsonl`). */
  outboxPath: string;
  /** The API's data dir, for its command line to act on the same database. */
  dataDir: string;
  /** What the process printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the built API as users run it (`node packages/api/dist/main.js`) on a free port with
 * an empty data dir, and waits until it answers. It serves the built panel at `/`. `settings`
 * are environment variables of the API (e.g. TWO_FACTOR_REQUIRED) for tests of a server policy.
 */
export async function startApi(settings: Record<string, string> = {}): Promise<RunningApi> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: build the API first (pnpm build at the root)`);
  const port = await findFreePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-e2e-'));
  const env: NodeJS.ProcessEnv = { ...apiEnv(dataDir), ...settings, PORT: String(port), HOST: '127.0.0.1', WEB_DIST_DIR };

  const child = spawn(process.execPath, [API_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilHealthy(baseUrl, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\nAPI output:\n${output}`, { cause: error });
  }
  return { baseUrl, outboxPath: path.join(dataDir, 'outbox.jsonl'), dataDir, output: () => output, stop };
}

/** What the API and its command line run with: the embedded SQLite and the dev outbox in `dataDir`. */
function apiEnv(dataDir: string): NodeJS.ProcessEnv {
  // A cheap password hash: the browser tests sign up and in many times (the API's own tests show the real cost).
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test', PASSWORD_HASH_COST: 'test' };
  // Hermetic, whatever the shell exports.
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'ENCRYPTION_KEY',
    'EMAIL_PROVIDER',
    'SMS_PROVIDER',
    'OUTBOX_PATH',
    'ISSUER_NAME',
    'TWO_FACTOR_METHODS',
    'TWO_FACTOR_REQUIRED',
    'TWO_FACTOR_GRACE_DAYS',
    'REMEMBER_BROWSER_DAYS',
    'WEBHOOK_ALLOW_HTTP',
    'WEBHOOK_ALLOW_PRIVATE',
  ]) {
    delete env[name];
  }
  return env;
}

/**
 * Creates an account with the API's command line, as an operator would (the only way to make
 * SUPPORT or ADMIN accounts), in the running API's data dir.
 */
export function createUserWithCli(api: RunningApi, email: string, password: string, role: 'CUSTOMER' | 'SUPPORT' | 'ADMIN'): void {
  const run = spawnSync(process.execPath, [API_CLI, 'create-user', '--email', email, '--role', role], {
    env: { ...apiEnv(api.dataDir), LATCHKEY_PASSWORD: password },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`latchkey create-user failed (${run.status}): ${run.stderr}${run.stdout}`);
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`the API did not answer ${baseUrl}/healthz within ${STARTUP_TIMEOUT_MS} ms`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
