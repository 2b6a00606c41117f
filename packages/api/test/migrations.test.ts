import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { runWithoutForeignKeys } from '../src/db/sqlite-migration';
import { createScratchPostgres, type ScratchDatabase } from './support/postgres';
import { TEST_DATABASE } from './support/test-app';
import { ENTITIES } from '../src/composition-root';

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
    const dataSource = createDataSource(database, ENTITIES);
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBeGreaterThan(0);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      // Anything listed here means an entity changed without a migration: run migration:generate.
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);

      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
      const tables = await dataSource.createQueryRunner().getTables(['users', 'sessions', 'two_factor_enrollments', 'security_events']);
      expect(tables).toEqual([]);
      expect(await dataSource.runMigrations()).toHaveLength(applied.length);
    } finally {
      await dataSource.destroy();
    }
  });

  it('keep the rows already there when later migrations run', async () => {
    const dataSource = createDataSource(database, ENTITIES);
    await dataSource.initialize();
    try {
      // Start from an empty database (the test above left every migration applied).
      const migrations = dataSource.migrations.length;
      for (let i = 0; i < migrations; i++) await dataSource.undoLastMigration();
      expect(await dataSource.showMigrations()).toBe(true);
      // Only the first migration, then data, then every later one.
      const first = createDataSource(database, ENTITIES);
      (first.options as { migrations: unknown[] }).migrations = [dataSource.migrations[0]!.constructor];
      await first.initialize();
      await first.runMigrations();
      await first.query(
        `INSERT INTO users (id, email, password_hash, role, created_at) VALUES ('u1', 'kept@example.com', 'x', 'CUSTOMER', 1)`,
      );
      await first.query(
        `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ('s1', 'h1', 'u1', 1, 1, 2)`,
      );
      // Each method's state was a column of the enrollment; it moves to the method's own table.
      await first.query(
        `INSERT INTO users (id, email, password_hash, role, created_at) VALUES ('u2', 'mail@example.com', 'x', 'CUSTOMER', 1)`,
      );
      await first.query(
        `INSERT INTO two_factor_enrollments (id, user_id, method, state, secret_ciphertext, destination, last_totp_step, created_at)
         VALUES ('e1', 'u1', 'TOTP', 'ACTIVE', 'v1.sealed', NULL, 58000000, 1),
                ('e2', 'u2', 'EMAIL', 'ACTIVE', NULL, 'kept@example.com', NULL, 1),
                ('e3', 'u2', 'SMS', 'PENDING', NULL, '+447911123456', NULL, 1)`,
      );
      await first.destroy();

      expect((await dataSource.runMigrations()).length).toBe(migrations - 1);
      expect(await dataSource.query(`SELECT id FROM sessions`)).toEqual([{ id: 's1' }]);
      expect(await dataSource.query(`SELECT email FROM users ORDER BY email`)).toEqual([
        { email: 'kept@example.com' },
        { email: 'mail@example.com' },
      ]);
      expect(
        (await dataSource.query(`SELECT enrollment_id, secret_ciphertext, last_step FROM totp_secrets`)).map(
          (row: { last_step: string | number }) => ({ ...row, last_step: Number(row.last_step) }),
        ),
      ).toEqual([{ enrollment_id: 'e1', secret_ciphertext: 'v1.sealed', last_step: 58000000 }]);
      expect(await dataSource.query(`SELECT enrollment_id, destination FROM code_destinations ORDER BY enrollment_id`)).toEqual([
        { enrollment_id: 'e2', destination: 'kept@example.com' },
        { enrollment_id: 'e3', destination: '+447911123456' },
      ]);
      expect(await dataSource.query(`SELECT id, method, state FROM two_factor_enrollments ORDER BY id`)).toEqual([
        { id: 'e1', method: 'TOTP', state: 'ACTIVE' },
        { id: 'e2', method: 'EMAIL', state: 'ACTIVE' },
        { id: 'e3', method: 'SMS', state: 'PENDING' },
      ]);
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('runWithoutForeignKeys (SQLite)', () => {
  it('rebuilds a referenced table without cascading deletes into the rows that reference it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-fk-'));
    const dataSource = createDataSource({ type: 'sqlite', path: path.join(dir, 'fk.sqlite') }, ENTITIES);
    await dataSource.initialize();
    try {
      const runner = dataSource.createQueryRunner();
      await runner.query('CREATE TABLE parent (id integer PRIMARY KEY)');
      await runner.query('CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent(id) ON DELETE CASCADE)');
      await runner.query('INSERT INTO parent VALUES (1)');
      await runner.query('INSERT INTO child VALUES (10, 1)');
      await runWithoutForeignKeys(runner, [
        'CREATE TABLE temporary_parent (id integer PRIMARY KEY, extra text)',
        'INSERT INTO temporary_parent (id) SELECT id FROM parent',
        'DROP TABLE parent',
        'ALTER TABLE temporary_parent RENAME TO parent',
      ]);
      expect(await runner.query('SELECT id, parent_id FROM child')).toEqual([{ id: 10, parent_id: 1 }]);
      expect(await runner.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);

      await expect(runWithoutForeignKeys(runner, ['DELETE FROM parent'])).rejects.toThrow(/foreign key/);
      expect(await runner.query('SELECT count(*) AS n FROM parent')).toEqual([{ n: 1 }]);
      await runner.release();
    } finally {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
