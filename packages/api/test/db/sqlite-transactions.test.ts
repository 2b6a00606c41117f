import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';
import { preparedWrite } from '../../src/db/prepared-statements';
import { UserEntity } from '../../src/modules/auth/entities/user.entity';
import { Role } from '../../src/modules/auth/role';
import { ENTITIES } from '../../src/composition-root';
import { PROCESS_TEST_TIMEOUT_MS, typeScriptProcess } from '../support/source-process';

/**
 * SQLite has one connection per process, which every request shares. Transactions of parallel
 * requests must still be apart: one's rollback never takes another's writes with it, and a write
 * made outside any transaction never joins one that then rolls back.
 */
/** better-sqlite3's connection, as far as this test reads it. */
interface SqliteReader {
  prepare(sql: string): { get(...parameters: unknown[]): unknown };
}

describe('ASVS 5.0 V2.3.3: SQLite transactions of parallel requests stay apart', () => {
  let dir: string;
  let dataSource: DataSource;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'latchkey-sqlite-tx-'));
    dataSource = await openDatabase({ type: 'sqlite', path: path.join(dir, 'tx.sqlite') }, { entities: ENTITIES, migrate: true });
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const user = (label: string) => ({
    id: randomUUID(),
    email: `${label}.${randomUUID()}@example.com`,
    passwordHash: 'not a hash',
    role: Role.CUSTOMER,
    createdAt: new Date(),
  });
  const exists = (email: string) => dataSource.getRepository(UserEntity).existsBy({ email });
  const insert = (manager: EntityManager, row: ReturnType<typeof user>) => manager.insert(UserEntity, row);

  it('a transaction that rolls back takes none of a parallel transaction’s writes with it', async () => {
    const [a, b, c] = [user('first'), user('second'), user('rolled-back')];
    const committing = dataSource.transaction(async (manager) => {
      await insert(manager, a);
      await sleep(20);
      await insert(manager, b);
      await sleep(20);
    });
    const failing = sleep(5).then(() =>
      dataSource.transaction(async (manager) => {
        await insert(manager, c);
        await sleep(25);
        throw new Error('this one rolls back');
      }),
    );
    await expect(failing).rejects.toThrow('this one rolls back');
    await committing;
    expect([await exists(a.email), await exists(b.email), await exists(c.email)]).toEqual([true, true, false]);
  });

  it('a write outside any transaction survives a parallel transaction’s rollback', async () => {
    const [inside, outside] = [user('inside'), user('outside')];
    const failing = dataSource.transaction(async (manager) => {
      await insert(manager, inside);
      await sleep(20);
      throw new Error('rolls back');
    });
    await sleep(5);
    await insert(dataSource.manager, outside);
    await expect(failing).rejects.toThrow('rolls back');
    expect([await exists(inside.email), await exists(outside.email)]).toEqual([false, true]);
  });

  it('a prepared write waits for the open transaction, survives its rollback, and runs at once when none is open', async () => {
    const renamed = user('renamed');
    await insert(dataSource.manager, renamed);
    const rename = preparedWrite(dataSource, { name: 'test-rename-user', sql: 'UPDATE "users" SET "email" = ? WHERE "id" = ?' });
    const inside = user('inside-prepared');
    const order: string[] = [];
    const failing = dataSource.transaction(async (manager) => {
      await insert(manager, inside);
      await sleep(20);
      order.push('transaction ends');
      throw new Error('rolls back');
    });
    await sleep(5);
    const newEmail = `now.${renamed.email}`;
    const changed = rename([newEmail, renamed.id]).then((n) => (order.push('prepared write'), n));
    await expect(failing).rejects.toThrow('rolls back');
    expect(await changed).toBe(1);
    expect(order).toEqual(['transaction ends', 'prepared write']);
    expect([await exists(inside.email), await exists(newEmail)]).toEqual([false, true]);

    // Nothing open: the statement has run by the time its call returns (read on the connection itself, outside the gate).
    const again = `again.${renamed.email}`;
    const direct = rename([again, renamed.id]);
    const connection = (dataSource.driver as unknown as { databaseConnection: SqliteReader }).databaseConnection;
    expect(connection.prepare('SELECT "email" FROM "users" WHERE "id" = ?').get(renamed.id)).toEqual({ email: again });
    expect(await direct).toBe(1);
  });

  it('twenty transactions at once each commit whole', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => [user(`many${i}a`), user(`many${i}b`)] as const);
    await Promise.all(
      rows.map(([first, second], i) =>
        dataSource.transaction(async (manager) => {
          await insert(manager, first);
          await sleep(i % 3);
          await insert(manager, second);
        }),
      ),
    );
    for (const [first, second] of rows) expect([await exists(first.email), await exists(second.email)]).toEqual([true, true]);
  });

  it(
    'leaves no tracking of async context behind once its transactions end',
    () => {
      const { command, args } = typeScriptProcess(path.join(__dirname, '../support/transaction-context-probe.ts'));
      const probe = spawnSync(command, args, { env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 60_000 });
      expect(probe.stderr).toBe('');
      const seen = JSON.parse(probe.stdout) as { before: number; inside: number[]; after: number };
      // Tracked while a transaction runs (its queries are told apart by it), and not before or after.
      expect(seen).toEqual({ before: 0, inside: [expect.any(Number), expect.any(Number)], after: 0 });
      expect(seen.inside).not.toContain(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
