import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { ENTITIES } from './entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

/** A DataSource for the configured database. Schema changes only ever come from migrations. */
export function createDataSource(database: DatabaseConfig): DataSource {
  if (database.type === 'sqlite') {
    mkdirSync(path.dirname(database.path), { recursive: true });
    return new DataSource({
      type: 'better-sqlite3',
      database: database.path,
      entities: ENTITIES,
      migrations: SQLITE_MIGRATIONS,
      migrationsTransactionMode: 'each',
      // WAL lets readers work while a write is in progress; writers wait for the lock instead of failing.
      enableWAL: true,
      timeout: 5000,
    });
  }
  return new DataSource({
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    migrations: POSTGRES_MIGRATIONS,
    migrationsTransactionMode: 'each',
    extra: { max: 10, connectionTimeoutMillis: 5000 },
  });
}

export async function openDatabase(database: DatabaseConfig, options: { migrate: boolean }): Promise<DataSource> {
  const dataSource = createDataSource(database);
  await dataSource.initialize();
  if (options.migrate) await dataSource.runMigrations();
  return dataSource;
}
