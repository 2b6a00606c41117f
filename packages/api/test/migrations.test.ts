import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { createScratchPostgres, type ScratchDatabase } from './support/postgres';
import { TEST_DATABASE } from './support/test-app';

describe(`migrations on ${TEST_DATABASE}`, () => {
  let database: DatabaseConfig;
  let postgres: ScratchDatabase | undefined;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'latchkey-migrations-'));
    if (TEST_DATABASE === 'postgres') {
      postgres = await createScratchPostgres('migrations');
      database = { type: 'postgres', url: postgres.url };
    } else {
      database = { type: 'sqlite', path: path.join(dir, 'm.sqlite') };
    }
  });
  afterAll(async () => {
    await postgres?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('build exactly the schema the entities describe, and undo cleanly', async () => {
    const dataSource = createDataSource(database);
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBeGreaterThan(0);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      // Anything listed here means an entity changed without a migration: run migration:generate.
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);

      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
      const tables = await dataSource.createQueryRunner().getTables(['users', 'sessions']);
      expect(tables).toEqual([]);
      expect(await dataSource.runMigrations()).toHaveLength(applied.length);
    } finally {
      await dataSource.destroy();
    }
  });
});
