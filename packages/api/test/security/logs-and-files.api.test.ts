import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { errorCode } from '../support/graphql-client';
import { OPS, PASSWORD, registerUser, uniqueEmail } from '../support/flows';
import { TEST_DATABASE, startTestApp, type TestApp } from '../support/test-app';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('ASVS V7.1.1, V7.1.2 (5.0 V16.2.5): failed queries reach the logs without their SQL or parameters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Runs `during` with `table` renamed away, so every query on it fails in the driver. */
  async function withTableMissing(table: string, during: () => Promise<void>): Promise<void> {
    await t.app.dataSource.query(`ALTER TABLE ${table} RENAME TO ${table}_gone`);
    try {
      await during();
    } finally {
      await t.app.dataSource.query(`ALTER TABLE ${table}_gone RENAME TO ${table}`);
    }
  }

  it('logs the error class and driver code of a failed query, never the query text, addresses or ids', async () => {
    const user = await registerUser(t);
    const me = await user.client.request('{ me { id } }');
    const userId = me.data!.me.id as string;
    const newcomer = uniqueEmail('newcomer');

    await withTableMissing('sessions', async () => {
      // The password is right: the session INSERT (user id, address, token hash) is what fails.
      expect(errorCode(await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD }))).toBe('INTERNAL_SERVER_ERROR');
    });
    await withTableMissing('users', async () => {
      // The lookup by address fails: its parameter is the address.
      expect(errorCode(await t.client.request(OPS.REGISTER, { email: newcomer, password: PASSWORD }))).toBe('INTERNAL_SERVER_ERROR');
    });

    const lines = t
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; requestId?: string; err?: { type?: string; driverCode?: string } });
    const failures = lines.filter((line) => line.msg === 'unexpected error in a GraphQL operation');
    expect(failures).toHaveLength(2);
    // Each names its request, as that request's own line does.
    const requestIds = lines.filter((line) => line.msg === 'graphql request').map((line) => line.requestId);
    for (const failure of failures) expect(requestIds).toContain(failure.requestId ?? 'no id');
    for (const failure of failures) {
      // The request log names the signed-in caller by id, on purpose; an error line names no one.
      expect(JSON.stringify(failure)).not.toContain(userId);
      expect(failure.err).toMatchObject({ type: 'QueryFailedError', driverCode: TEST_DATABASE === 'postgres' ? '42P01' : 'SQLITE_ERROR' });
    }
    const logs = t.logs();
    for (const address of [user.email, newcomer]) expect(logs).not.toContain(address);
    expect(logs).not.toMatch(/\b(SELECT|INSERT|UPDATE|DELETE)\b/);
    expect(logs).not.toMatch(/no such table|does not exist|"parameters":|"query":|"driverError":/);
  });
});

describe('WSTG-CONF-09: the SQLite files are readable by their owner only', () => {
  let dir: string;
  let t: TestApp | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'latchkey-files-'));
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  // SQLite whatever TEST_DATABASE says: the files exist only there.
  const startOnSqlite = (file: string) => startTestApp({ DATABASE_URL: `sqlite:${file}` });

  it('creates the database and its -wal and -shm files 0600', async () => {
    const previousUmask = process.umask(0o022); // the usual umask, under which files come out 0644
    try {
      const file = path.join(dir, 'data', 'latchkey.sqlite');
      t = await startOnSqlite(file);
      await registerUser(t); // writes go through the WAL
      for (const created of [file, `${file}-wal`, `${file}-shm`])
        expect({ created, mode: modeOf(created) }).toEqual({ created, mode: 0o600 });
      expect(modeOf(path.dirname(file))).toBe(0o700);
    } finally {
      process.umask(previousUmask);
    }
  });

  it('tightens a database file left world-readable by an earlier version', async () => {
    const file = path.join(dir, 'old.sqlite');
    closeSync(openSync(file, 'w'));
    chmodSync(file, 0o644);
    t = await startOnSqlite(file);
    expect(modeOf(file)).toBe(0o600);
  });
});
