import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { registerCleanup } from './cleanup';
import { API_DIR, newEncryptionKey, startLatchkey } from './latchkey';
import type { Machine } from './machine';
import type { Options } from './options';
import { formatSpread, loadGeneratorNotes, ratio, rowsOf, table, type Row } from './report';
import { ChallengePool, load, measure, schedule, type Sample } from './rounds';
import { SCENARIOS, SETTINGS_USERS, requestFor, type ScenarioName } from './scenarios';
import { seedPostgres, type SeedPlan } from './seed';
import { seedValuesFor } from './servers';
import type { ServerProcess } from './server-process';
import { sqlLogSize, statementsSince, tablesOf, verbOf, type CapturedStatement } from './sql-log';

/**
 * Latchkey on PostgreSQL with a small and a large population (1,000 and 1,000,000 users by
 * default, each with a session and TOTP), seeded in bulk with SQL. S1 and S2 run against both in
 * alternating rounds: a hot query that scans instead of seeking shows as a p99 that grows with the
 * table. The plan of every statement Latchkey sends for S1 and S2 (caught at the driver) is printed.
 * Each size gets a database of its own, dropped at the end.
 */

const ADMIN_URL = process.env.POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SQL_CAPTURE = path.join(__dirname, 'sql-capture.cjs');
const SCALE_SCENARIOS: ScenarioName[] = ['S1', 'S2'];
/** Recovery codes of each resident: enough rows for the count's index to matter. */
const RESIDENT_RECOVERY_CODES = 2;
/** PostgreSQL's S2 is slower than SQLite's: a first pool for this rate, grown as rounds show more. */
const FIRST_GUESS_S2_PER_SECOND = 3_000;
/** Challenges 0 and 1: the requests whose statements are caught (S2 takes the one of its index). */
const CAUGHT_CHALLENGES = SCALE_SCENARIOS.length;

export interface PlanReport {
  scenario: ScenarioName;
  sql: string;
  plan: string;
  /** Reads and conditional writes must find their rows through an index. */
  usesIndex: boolean;
}

export interface ScaleReport {
  sizes: number[];
  samples: Sample<string>[];
  rows: Row<string>[];
  plans: PlanReport[];
  /** S1's p99 with the largest population over that with the smallest (median of rounds). */
  s1P99Growth: number;
  markdown: string;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const DATABASE_PREFIX = 'latchkey_bench_';

/** Databases of runs that were killed before they could drop them: their process is gone. */
async function dropLeftovers(): Promise<void> {
  await withClient(ADMIN_URL, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
      DATABASE_PREFIX,
    ]);
    for (const { datname } of rows) {
      const pid = Number(datname.slice(DATABASE_PREFIX.length).split('_')[1]);
      if (Number.isInteger(pid) && !isAlive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const label = (users: number) => `${users.toLocaleString('en-US')} users`;

interface SizedSite {
  users: number;
  url: string;
  name: string;
  latchkey?: ServerProcess;
  pool: ChallengePool;
  challengesSeeded: number;
  captured: Map<ScenarioName, CapturedStatement[]>;
}

/** The plan PostgreSQL would use for a statement, with the parameters Latchkey bound to it. */
async function explain(url: string, statement: CapturedStatement): Promise<string> {
  return withClient(url, async (client) => {
    const result = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.sql}`, statement.params);
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

/** An insert needs no index to find anything; every other statement must not scan a table. */
const usesIndex = (statement: CapturedStatement, plan: string) => verbOf(statement.sql) === 'INSERT' || !/Seq Scan/.test(plan);

export async function runScale(options: Options, machine: Machine, log: (line: string) => void): Promise<ScaleReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-bench-pg-'));
  const encryptionKey = newEncryptionKey();
  const values = await seedValuesFor(encryptionKey);
  const sites: SizedSite[] = [];
  const samples: Sample<string>[] = [];
  const cleanUp = async () => {
    await Promise.all(sites.map((site) => (site.latchkey ? site.latchkey.stop() : Promise.resolve(null))));
    rmSync(dir, { recursive: true, force: true });
    if (sites.length === 0) return;
    await withClient(ADMIN_URL, async (admin) => {
      for (const site of sites) await admin.query(`DROP DATABASE IF EXISTS "${site.name}" WITH (FORCE)`);
    });
  };
  const unregister = registerCleanup(cleanUp);
  try {
    await dropLeftovers();
    for (const users of options.scaleUsers) {
      const name = `${DATABASE_PREFIX}${users}_${process.pid}_${randomBytes(3).toString('hex')}`;
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      const site: SizedSite = {
        users,
        url: url.toString(),
        name,
        captured: new Map(),
        challengesSeeded: 0,
        // The first challenges are spent while the statements are caught.
        pool: new ChallengePool(
          async (to) => {
            if (to <= site.challengesSeeded) return;
            const more: SeedPlan = { group: 'challenge', from: site.challengesSeeded, to, totp: true, challenge: true };
            await withClient(site.url, (client) => seedPostgres(client, [more], values, { analyze: false }));
            site.challengesSeeded = to;
          },
          FIRST_GUESS_S2_PER_SECOND,
          CAUGHT_CHALLENGES,
        ),
      };
      sites.push(site);
      await withClient(ADMIN_URL, (admin) => admin.query(`CREATE DATABASE "${name}"`));
      await prepare(site);
    }

    for (const { scenario, round, name: site, warmUp } of schedule(SCALE_SCENARIOS, options.rounds, sites)) {
      const plan = {
        scenario,
        server: site.latchkey!,
        connections: options.connections,
        users: SETTINGS_USERS,
        pool: site.pool,
        loadCores: machine.pinning?.load,
      };
      if (warmUp && options.warmup > 0) await load({ ...plan, seconds: options.warmup });
      const sample = await measure(round, label(site.users), { ...plan, seconds: options.seconds });
      samples.push(sample);
      const l = sample.load;
      log(
        `scale round ${round} ${scenario} ${label(site.users).padEnd(16)} ${l.requestsPerSecond.toFixed(0).padStart(6)} req/s  ` +
          `p50 ${l.p50Ms} ms  p99 ${l.p99Ms} ms  errors ${l.non2xx + l.socketErrors + l.graphqlErrors}`,
      );
    }

    const largest = sites[sites.length - 1]!;
    const plans: PlanReport[] = [];
    for (const scenario of SCALE_SCENARIOS) {
      for (const statement of largest.captured.get(scenario) ?? []) {
        const plan = await explain(largest.url, statement);
        plans.push({ scenario, sql: statement.sql, plan, usesIndex: usesIndex(statement, plan) });
      }
    }
    const rows = rowsOf(samples);
    const p99 = (site: SizedSite) => rows.find((r) => r.scenario === 'S1' && r.server === label(site.users))?.p99.median ?? NaN;
    const s1P99Growth = p99(largest) / p99(sites[0]!);
    return { sizes: options.scaleUsers, samples, rows, plans, s1P99Growth, markdown: markdownOf(sites, samples, rows, plans, s1P99Growth) };
  } finally {
    unregister();
    await cleanUp();
  }

  /**
   * Migrates (Latchkey's own start-up), seeds, catches the statements of one S1 and one S2 request,
   * then starts the Latchkey the rounds measure: the catching one writes a line per statement.
   */
  async function prepare(site: SizedSite): Promise<void> {
    const sqlLog = path.join(dir, `${site.name}.sql.jsonl`);
    writeFileSync(sqlLog, '');
    const common = { encryptionKey, dataDir: dir, workDir: dir, databaseUrl: site.url };
    const catching = await startLatchkey({
      ...common,
      logFile: path.join(dir, `${site.name}.capture.log`),
      nodeOptions: ['--require', SQL_CAPTURE],
      env: { BENCH_SQL_LOG: sqlLog, BENCH_SQL_FROM: API_DIR },
    });
    try {
      log(`seeding ${label(site.users)} into PostgreSQL (${site.name})…`);
      const started = Date.now();
      const plans: SeedPlan[] = [
        { group: 'resident', from: 0, to: site.users, session: true, totp: true, recoveryCodes: RESIDENT_RECOVERY_CODES },
        { group: 'settings', from: 0, to: SETTINGS_USERS, session: true, totp: true, recoveryCodes: 10 },
        { group: 'challenge', from: 0, to: CAUGHT_CHALLENGES, totp: true, challenge: true },
      ];
      await withClient(site.url, (client) => seedPostgres(client, plans, values, { analyze: true }));
      site.challengesSeeded = CAUGHT_CHALLENGES;
      log(`  seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const [n, scenario] of SCALE_SCENARIOS.entries()) {
        const before = sqlLogSize(sqlLog);
        const { headers, body } = requestFor(scenario, n, SETTINGS_USERS);
        const answer = await (await fetch(`${catching.url}/graphql`, { method: 'POST', headers, body })).text();
        if (answer.includes('"errors"')) throw new Error(`${scenario} failed on PostgreSQL: ${answer}`);
        site.captured.set(scenario, statementsSince(sqlLog, before));
      }
    } finally {
      await catching.stop();
    }
    site.latchkey = await startLatchkey({ ...common, logFile: path.join(dir, `${site.name}.log`), cores: machine.pinning?.server });
  }
}

function markdownOf(sites: SizedSite[], samples: Sample<string>[], rows: Row<string>[], plans: PlanReport[], growth: number): string {
  const lines: string[] = [];
  const sizes = sites.map((s) => label(s.users));
  for (const scenario of SCALE_SCENARIOS) {
    lines.push(`### ${scenario} on PostgreSQL: ${SCENARIOS[scenario].title}`, '');
    const body = sizes.map((size, i) => {
      const row = rows.find((r) => r.scenario === scenario && r.server === size)!;
      return [
        size,
        formatSpread(row.rps),
        formatSpread(row.p50, 1),
        formatSpread(row.p99, 1),
        String(row.errors),
        row.peakRssMb.toFixed(0),
        i === 0 ? '' : formatSpread(ratio(samples, scenario, size, sizes[0]!), 2),
      ];
    });
    lines.push(table(['population', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MB', `req/s × ${sizes[0]}`], body), '');
  }
  lines.push(...loadGeneratorNotes(rows, (r) => `${r.scenario} with ${r.server}`).flatMap((note) => [note, '']));
  lines.push(`S1's p99 with ${sizes[sizes.length - 1]} is ${growth.toFixed(2)} × its p99 with ${sizes[0]}.`, '');
  lines.push(
    `### The plans of what Latchkey sends (${sizes[sizes.length - 1]})`,
    '',
    'Every statement of one S1 and one S2 request, as caught at the driver, with the parameters it was sent with.',
    '',
  );
  for (const p of plans) {
    lines.push(
      `- ${p.scenario} ${verbOf(p.sql)} ${tablesOf(p.sql).join(', ')}: ${verbOf(p.sql) === 'INSERT' ? 'an insert (finds no row)' : p.usesIndex ? 'uses an index' : '**scans a table**'}`,
      '',
      '  ```',
      ...p.plan.split('\n').map((l) => `  ${l}`),
      '  ```',
      '',
    );
  }
  return lines.join('\n');
}
