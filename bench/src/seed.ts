import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Client } from 'pg';
import { GROUPS, KINDS, type Group, type Kind } from './fixtures';

/**
 * Bench users written straight into Latchkey's tables (made by its own migrations), in bulk and
 * set-based: a million users take seconds, not the hours argon2 would take one by one. The same
 * statements serve SQLite and PostgreSQL; only a few expressions differ (`Dialect`).
 */

export interface Dialect {
  /** A FROM item named `alias` with one integer column `column`, from `from` to `to - 1`. */
  series(from: number, to: number, column?: string, alias?: string): string;
  /** The integer expression as 12 lower-case hex digits. */
  hex12(expression: string): string;
  /** SHA-256 of the text expression, as 64 hex digits (how Latchkey stores session tokens). */
  sha256Hex(expression: string): string;
}

export const SQLITE: Dialect = {
  series: (from, to, c = 'i', alias = 's') =>
    `(WITH RECURSIVE n(${c}) AS (SELECT ${from} WHERE ${from} < ${to} UNION ALL SELECT ${c} + 1 FROM n WHERE ${c} + 1 < ${to}) SELECT ${c} FROM n) AS ${alias}`,
  hex12: (e) => `printf('%012x', ${e})`,
  sha256Hex: (e) => `bench_sha256_hex(${e})`,
};

export const POSTGRES: Dialect = {
  series: (from, to, c = 'i', alias = 's') => `generate_series(${from}, ${to - 1}) AS ${alias}(${c})`,
  hex12: (e) => `lpad(to_hex(${e}), 12, '0')`,
  sha256Hex: (e) => `encode(sha256(convert_to(${e}, 'UTF8')), 'hex')`,
};

/** What the rows need besides their index: the same for every user of a run. */
export interface SeedValues {
  /** An argon2id hash of PASSWORD, made with Latchkey's own parameters. */
  passwordHash: string;
  /** TOTP_SECRET sealed with the run's ENCRYPTION_KEY. */
  secretCiphertext: string;
  nowMs: number;
}

export interface SeedPlan {
  group: Group;
  from: number;
  to: number;
  session?: boolean;
  totp?: boolean;
  /** Unused recovery codes per user. */
  recoveryCodes?: number;
  challenge?: boolean;
}

const HOUR_MS = 60 * 60_000;
/** Latchkey's absolute session end (SESSION_ABSOLUTE_MINUTES' default). */
const SESSION_MS = 12 * HOUR_MS;
/**
 * Seeded challenges stay open an hour (Latchkey's own last 10 minutes), so a pool made before the
 * first round still serves the last one.
 */
const CHALLENGE_MS = HOUR_MS;
/** Recovery codes are counted, never checked, on the hot paths: any argon2-shaped text will do. */
const UNUSED_CODE_HASH = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaA$unusedunusedunusedunusedunusedunusedunused';

/** Latchkey hands out ten; ids leave room for that many per user. */
const MAX_RECOVERY_CODES = 10;

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The statements that add the plan's users and rows, in foreign-key order. */
export function seedStatements(d: Dialect, plan: SeedPlan, values: SeedValues): string[] {
  const { group, from, to } = plan;
  if (from >= to) return [];
  const id = (kind: Kind, index = 'i') => `'${KINDS[kind]}${GROUPS[group]}000000-0000-4000-8000-' || ${d.hex12(index)}`;
  const now = values.nowMs;
  const series = d.series(from, to);
  const statements = [
    `INSERT INTO users (id, email, password_hash, role, created_at)
     SELECT ${id('user')}, '${group}-' || CAST(i AS TEXT) || '@bench.example', ${literal(values.passwordHash)}, 'CUSTOMER', ${now}
     FROM ${series}`,
  ];
  if (plan.session) {
    // The token of fixtures.sessionToken: a prefix padded with zeros to 43 characters, then the index.
    const token = `substr(${literal(`bench-${group}-token-`.padEnd(43, '0'))}, 1, 43 - length(CAST(i AS TEXT))) || CAST(i AS TEXT)`;
    statements.push(
      `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
       SELECT ${id('session')}, ${d.sha256Hex(token)}, ${id('user')}, ${now}, ${now}, ${now + SESSION_MS}, '127.0.0.1', 'latchkey-bench'
       FROM ${series}`,
    );
  }
  if (plan.totp) {
    statements.push(
      `INSERT INTO two_factor_enrollments (id, user_id, method, state, created_at, activated_at)
       SELECT ${id('enrollment')}, ${id('user')}, 'TOTP', 'ACTIVE', ${now}, ${now}
       FROM ${series}`,
      // The TOTP method keeps its secret in a table of its own, one row per enrollment.
      `INSERT INTO totp_secrets (enrollment_id, secret_ciphertext)
       SELECT ${id('enrollment')}, ${literal(values.secretCiphertext)}
       FROM ${series}`,
    );
  }
  if (plan.recoveryCodes) {
    const perUser = plan.recoveryCodes;
    statements.push(
      `INSERT INTO recovery_codes (id, user_id, selector, code_hash, created_at)
       SELECT ${id('recoveryCode', `i * ${MAX_RECOVERY_CODES} + k`)}, ${id('user')}, 'rc' || CAST(k AS TEXT), '${UNUSED_CODE_HASH}', ${now}
       FROM ${series} CROSS JOIN ${d.series(0, perUser, 'k', 'r')}`,
    );
  }
  if (plan.challenge) {
    statements.push(
      `INSERT INTO login_challenges (id, user_id, method, attempts, created_at, expires_at)
       SELECT ${id('challenge')}, ${id('user')}, 'TOTP', 0, ${now}, ${now + CHALLENGE_MS}
       FROM ${series}`,
    );
  }
  return statements;
}

/** Seeds into an open SQLite database, in one transaction. */
export function seedSqlite(db: BetterSqlite3.Database, plans: SeedPlan[], values: SeedValues): void {
  db.function('bench_sha256_hex', { deterministic: true }, (text: unknown) =>
    createHash('sha256').update(String(text), 'utf8').digest('hex'),
  );
  db.transaction(() => {
    for (const plan of plans) for (const sql of seedStatements(SQLITE, plan, values)) db.exec(sql);
  })();
}

/** Seeds into PostgreSQL, one statement at a time (each a bulk insert); `analyze` then refreshes the planner's statistics. */
export async function seedPostgres(client: Client, plans: SeedPlan[], values: SeedValues, options: { analyze: boolean }): Promise<void> {
  for (const plan of plans) for (const sql of seedStatements(POSTGRES, plan, values)) await client.query(sql);
  if (options.analyze) await client.query('ANALYZE');
}
