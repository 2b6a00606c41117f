import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, type ServerProcess } from './server-process';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const API_DIR = path.join(REPO_ROOT, 'packages/api');
/** The build `pnpm build` makes; a comparison may start another (see compare.ts). */
export const BUILD_DIR = path.join(API_DIR, 'dist');
const mainOf = (buildDir: string) => path.join(buildDir, 'main.js');

/** A fresh ENCRYPTION_KEY for a run (32 bytes, base64), shared by Latchkey, the contenders and the seed. */
export const newEncryptionKey = () => randomBytes(32).toString('base64');

/**
 * What production mode requires and nothing more: an encryption key, the panel's public address,
 * the security keys' site, and real providers for mail and SMS instead of the dev outbox. Both providers point at a closed port on this machine, so even
 * a notice would never leave it (none of the timed operations sends one). Everything else keeps
 * its default, request logging at `info` included: this is Latchkey as `pnpm start` runs it.
 */
export function productionEnv(options: { encryptionKey: string; dataDir: string; databaseUrl?: string }): Record<string, string> {
  return {
    NODE_ENV: 'production',
    ENCRYPTION_KEY: options.encryptionKey,
    DATA_DIR: options.dataDir,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    // Production names where the panel lives and which site security keys belong to; the bench
    // sends no link and registers no key, so a local name serves.
    PUBLIC_URL: 'https://localhost',
    WEBAUTHN_RP_ID: 'localhost',
    WEBAUTHN_ORIGINS: 'https://localhost',
    EMAIL_PROVIDER: 'smtp',
    EMAIL_FROM: 'security@bench.example',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '9',
    SMTP_TLS: 'none',
    SMS_PROVIDER: 'vonage',
    VONAGE_API_KEY: 'bench',
    VONAGE_API_SECRET: 'bench',
    VONAGE_API_BASE_URL: 'http://127.0.0.1:9',
  };
}

export function assertBuilt(buildDir = BUILD_DIR): void {
  const main = mainOf(buildDir);
  if (!existsSync(main)) throw new Error(`Latchkey is not built (${path.relative(REPO_ROOT, main)} is missing): run \`pnpm build\` first.`);
}

export interface LatchkeyOptions {
  encryptionKey: string;
  dataDir: string;
  /** Where the process runs (and writes its log); no .env is read from here. */
  workDir: string;
  logFile: string;
  /** The build to start (a folder holding main.js); `pnpm build`'s by default. */
  buildDir?: string;
  /** How messages name it; "Latchkey" by default. */
  name?: string;
  databaseUrl?: string;
  cores?: string;
  /** Options for node before the script (a --require, --cpu-prof). */
  nodeOptions?: string[];
  env?: Record<string, string>;
}

/** How `pnpm start` runs node: the environment it sets and node's options before the script. */
export interface StartScript {
  env: Record<string, string>;
  nodeOptions: string[];
}

/**
 * A start script's words: `NAME=value` assignments, then `node`, its options and the server's
 * script, which must be `script`.
 */
export function parseStartScript(command: string, script: string): StartScript {
  const words = command.trim().split(/\s+/);
  const node = words.indexOf('node');
  const assignments = words.slice(0, Math.max(node, 0)).map((word) => /^([A-Z_]+)=(\S*)$/.exec(word));
  if (node < 0 || words.indexOf(script) !== words.length - 1 || assignments.some((a) => a === null))
    throw new Error(`the start script is not "[NAME=value …] node [options] ${script}": ${command}`);
  return {
    env: Object.fromEntries(assignments.map((a) => [a![1]!, a![2]!])),
    nodeOptions: words.slice(node + 1, -1),
  };
}

/**
 * `pnpm start` (the root package's start script), read so that the bench runs Latchkey as users do,
 * with the allocator's settings it sets.
 */
export function startScript(): StartScript {
  const start = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  return parseStartScript(start, 'packages/api/dist/main.js');
}

/** Latchkey from its build, in production mode, as its own process, started as `pnpm start` starts it. */
export function startLatchkey(options: LatchkeyOptions): Promise<ServerProcess> {
  const buildDir = options.buildDir ?? BUILD_DIR;
  assertBuilt(buildDir);
  const start = startScript();
  return startServer({
    name: options.name ?? 'Latchkey',
    nodeArgs: [...start.nodeOptions, ...(options.nodeOptions ?? []), mainOf(buildDir)],
    env: { ...start.env, ...productionEnv(options), ...options.env },
    cwd: options.workDir,
    logFile: options.logFile,
    cores: options.cores,
    readyPath: '/healthz',
  });
}
