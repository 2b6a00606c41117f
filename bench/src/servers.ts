import path from 'node:path';
import Database from 'better-sqlite3';
import { PasswordHasher } from '@latchkey/api/src/modules/auth/password';
import { SecretBox } from '@latchkey/api/src/shared/secret-box';
import { tsNodeArgs } from './children';
import { holdRun } from './cleanup';
import { PASSWORD, TOTP_SECRET } from './fixtures';
import { API_DIR, newEncryptionKey, startLatchkey } from './latchkey';
import { LOGIN_USERS, SETTINGS_USERS } from './scenarios';
import { seedSqlite, type SeedPlan, type SeedValues } from './seed';
import { startServer, type ServerProcess } from './server-process';

/** Latchkey's production cost. */
const passwords = new PasswordHasher('standard');

export const SERVER_NAMES = ['latchkey', 'bare', 'apollo'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];
export const SERVER_LABELS: Record<ServerName, string> = {
  latchkey: 'Latchkey (`pnpm start`, production)',
  bare: 'bare `node:http` + better-sqlite3',
  apollo: 'Apollo Server 5 standalone, hand-written resolvers',
};

/** The contenders' sources, run under tsx's loader. */
export const CONTENDERS: Record<Exclude<ServerName, 'latchkey'>, string> = {
  bare: 'contenders/bare-http.ts',
  apollo: 'contenders/plain-apollo.ts',
};

const SQL_CAPTURE = path.join(__dirname, 'sql-capture.cjs');
const BENCH_DIR = path.join(__dirname, '..');

/** The seed's fixed values for a run: an argon2 hash of the password, the sealed TOTP secret. */
export async function seedValuesFor(encryptionKey: string): Promise<SeedValues> {
  return {
    passwordHash: await passwords.hash(PASSWORD),
    secretCiphertext: new SecretBox(Buffer.from(encryptionKey, 'base64')).encrypt(TOTP_SECRET),
    nowMs: Date.now(),
  };
}

/**
 * Latchkey and the two contenders on one SQLite database (Latchkey's migrations made it; the bench
 * seeded it). They take turns under load, so sharing it is fair: each sees the rows the others
 * wrote, as one would after the other on a live server.
 */
export interface SqliteSite {
  dir: string;
  databasePath: string;
  servers: Record<ServerName, ServerProcess>;
  /** Seeds challenges (with their users) until `to` are there; S2 may spend indexes below it. */
  seedChallengesUpTo(to: number): void;
  stop(): Promise<void>;
}

export interface SiteOptions {
  /** The servers' cores (taskset), when pinned. */
  cores?: string;
  initialChallenges: number;
  /** Node options for Latchkey (a CPU profile). */
  latchkeyNodeOptions?: string[];
  /** Catch every statement each server sends, into `<dir>/<server>.sql.jsonl` (checks only: it slows them). */
  captureSql?: boolean;
}

export async function startSqliteSite(options: SiteOptions): Promise<SqliteSite> {
  const run = holdRun('latchkey-bench-');
  const { dir, started } = run;
  const encryptionKey = newEncryptionKey();
  const capture = (name: ServerName, from: string): { nodeOptions: string[]; env: Record<string, string> } =>
    options.captureSql
      ? { nodeOptions: ['--require', SQL_CAPTURE], env: { BENCH_SQL_LOG: sqlLogOf(dir, name), BENCH_SQL_FROM: from } }
      : { nodeOptions: [], env: {} };
  try {
    const latchkeyCapture = capture('latchkey', API_DIR);
    const latchkey = await startSeededLatchkey({
      dir,
      encryptionKey,
      cores: options.cores,
      initialChallenges: options.initialChallenges,
      nodeOptions: [...latchkeyCapture.nodeOptions, ...(options.latchkeyNodeOptions ?? [])],
      env: latchkeyCapture.env,
      started,
    });

    const contender = async (name: ContenderName) => {
      const server = await startContender(name, {
        dir,
        databasePath: latchkey.databasePath,
        encryptionKey,
        cores: options.cores,
        ...capture(name, BENCH_DIR),
      });
      started.push(server);
      return server;
    };
    const [bare, apollo] = await Promise.all([contender('bare'), contender('apollo')]);

    const site: SqliteSite = {
      dir,
      databasePath: latchkey.databasePath,
      servers: { latchkey: latchkey.server, bare, apollo },
      seedChallengesUpTo: (to) => latchkey.seedChallengesUpTo(to),
      stop: () => run.release(),
    };
    return site;
  } catch (error) {
    await run.release();
    throw error;
  }
}

export type ContenderName = keyof typeof CONTENDERS;

/** A contender under tsx's loader, serving Latchkey's database (`databasePath`) with Latchkey's key. */
export function startContender(
  name: ContenderName,
  options: {
    dir: string;
    databasePath: string;
    encryptionKey: string;
    cores?: string;
    nodeOptions?: string[];
    env?: Record<string, string>;
  },
): Promise<ServerProcess> {
  return startServer({
    name: SERVER_LABELS[name],
    nodeArgs: [...(options.nodeOptions ?? []), ...tsNodeArgs(CONTENDERS[name])],
    env: { BENCH_DATABASE: options.databasePath, ENCRYPTION_KEY: options.encryptionKey, ...options.env },
    cwd: options.dir,
    logFile: path.join(options.dir, `${name}.log`),
    cores: options.cores,
    readyPath: '/healthz',
  });
}

/** Latchkey on a SQLite database of its own, seeded for every scenario. */
export interface SeededLatchkey {
  server: ServerProcess;
  databasePath: string;
  /** Seeds challenges (with their users) until `to` are there; S2 may spend indexes below it. */
  seedChallengesUpTo(to: number): void;
}

export interface SeededLatchkeyOptions {
  /** Where its database, log and working directory go. */
  dir: string;
  encryptionKey: string;
  /** A build other than `pnpm build`'s (a folder holding main.js). */
  buildDir?: string;
  name?: string;
  cores?: string;
  initialChallenges: number;
  nodeOptions?: string[];
  env?: Record<string, string>;
  /** The server is added here as soon as it runs, so the caller stops it even if seeding fails. */
  started: ServerProcess[];
}

/**
 * Starts Latchkey from a build (its migrations make the database), seeds the scenarios' users with
 * SQL, and sends one registration, so the rounds measure a server in the state a live one is in.
 */
export async function startSeededLatchkey(options: SeededLatchkeyOptions): Promise<SeededLatchkey> {
  const name = options.name ?? 'latchkey';
  const databasePath = path.join(options.dir, 'latchkey.sqlite');
  const server = await startLatchkey({
    encryptionKey: options.encryptionKey,
    dataDir: options.dir,
    workDir: options.dir,
    logFile: path.join(options.dir, `${name}.log`),
    buildDir: options.buildDir,
    name,
    cores: options.cores,
    nodeOptions: options.nodeOptions,
    env: options.env,
  });
  options.started.push(server);

  const values = await seedValuesFor(options.encryptionKey);
  const seed = (plans: SeedPlan[]) => {
    const db = new Database(databasePath, { timeout: 5000 });
    try {
      seedSqlite(db, plans, values);
    } finally {
      db.close();
    }
  };
  seed([
    { group: 'settings', from: 0, to: SETTINGS_USERS, session: true, totp: true, recoveryCodes: 10 },
    { group: 'login', from: 0, to: LOGIN_USERS },
    { group: 'challenge', from: 0, to: options.initialChallenges, totp: true, challenge: true },
  ]);
  await registerOnce(server.url);

  let challengesSeeded = options.initialChallenges;
  return {
    server,
    databasePath,
    seedChallengesUpTo(to) {
      if (to <= challengesSeeded) return;
      seed([{ group: 'challenge', from: challengesSeeded, to, totp: true, challenge: true }]);
      challengesSeeded = to;
    },
  };
}

/**
 * One registration before any load, which runs a transaction: a live server has run many, and
 * the rounds should measure it in that state. (On SQLite a transaction's first run of Node's
 * async context used to leave every later promise tracked: S1 and S2 then took about 8% more CPU
 * a request, which a bench of reads and single writes never showed.)
 */
async function registerOnce(url: string): Promise<void> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation Register($email: String!, $password: String!) { register(email: $email, password: $password) { user { id } } }',
      variables: { email: 'first-registration@bench.example', password: PASSWORD },
    }),
  });
  const body = (await res.json()) as { errors?: unknown[] };
  if (!res.ok || body.errors) throw new Error(`Latchkey refused the bench's registration: ${res.status} ${JSON.stringify(body)}`);
}

export const sqlLogOf = (dir: string, name: ServerName) => path.join(dir, `${name}.sql.jsonl`);
