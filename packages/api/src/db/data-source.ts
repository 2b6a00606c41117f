import 'reflect-metadata';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { DataSource, TypeORMError } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';
import { oneTransactionAtATime } from './sqlite-one-at-a-time';

/** An entity class: a table. The modules own them; the composition root hands the list in. */
export type EntityClass = new (...args: never[]) => object;

/** A DataSource for the configured database. Schema changes only ever come from migrations. */
export function createDataSource(database: DatabaseConfig, entities: readonly EntityClass[]): DataSource {
  if (database.type === 'sqlite') {
    createPrivately(database.path);
    return new DataSource({
      type: 'better-sqlite3',
      database: database.path,
      entities: [...entities],
      migrations: SQLITE_MIGRATIONS,
      migrationsTransactionMode: 'each',
      // WAL lets readers work while a write is in progress; writers wait for the lock instead of failing.
      enableWAL: true,
      timeout: 5000,
      // TypeORM's own logger would print failed queries with their bound parameters (addresses, ids).
      logging: false,
    });
  }
  return new DataSource({
    type: 'postgres',
    url: database.url,
    entities: [...entities],
    migrations: POSTGRES_MIGRATIONS,
    migrationsTransactionMode: 'each',
    extra: { max: 10, connectionTimeoutMillis: 5000 },
    logging: false,
  });
}

/** Only the owner may read the database: it holds addresses, password hashes and sealed secrets. */
const OWNER_ONLY = 0o600;

/**
 * Creates the SQLite file readable by its owner only. SQLite gives its -wal and -shm files the
 * mode of the database file, so the three stay private; files of earlier versions are tightened.
 */
function createPrivately(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', OWNER_ONLY));
  for (const existing of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(existing, OWNER_ONLY);
    } catch (error) {
      // Missing (no WAL yet), or owned by someone else (their choice of mode stands).
      if (!['ENOENT', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
}

/**
 * What the logs may say about an error. TypeORM's errors carry the SQL, its bound parameters
 * (addresses, ids) and driver messages that can quote a value: only their class, the driver's
 * error code and the stack frames are kept. Other errors pass unchanged.
 */
export function loggableError(error: unknown): unknown {
  if (!(error instanceof TypeORMError)) return error;
  const driverCode = (error as { driverError?: { code?: unknown } }).driverError?.code;
  return {
    type: error.name,
    // Not `code`: the logger censors fields of that name (2FA codes).
    ...(typeof driverCode === 'string' ? { driverCode } : {}),
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n'),
  };
}

/** Any fixed number: the advisory lock that lets one process at a time migrate a PostgreSQL database. */
const MIGRATION_LOCK_ID = 7_261_010;

export async function openDatabase(
  database: DatabaseConfig,
  options: { entities: readonly EntityClass[]; migrate: boolean },
): Promise<DataSource> {
  const dataSource = createDataSource(database, options.entities);
  await dataSource.initialize();
  if (database.type === 'sqlite') oneTransactionAtATime(dataSource);
  if (options.migrate) await runMigrationsExclusively(dataSource);
  return dataSource;
}

/**
 * Several API processes may start at once on one PostgreSQL database: they take turns, and the
 * later ones find nothing left to do. (SQLite has one process by nature, and locks the file anyway.)
 */
async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations();
    return;
  }
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await dataSource.runMigrations();
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lockHolder.release();
  }
}
