import { errorCode } from '../support/graphql-client';
import { OPS, PASSWORD, registerUser, uniqueEmail } from '../support/flows';
import { TEST_DATABASE, startTestApp, type TestApp } from '../support/test-app';

describe('failed queries reach the logs without their SQL or parameters', () => {
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
      .map((line) => JSON.parse(line) as { msg: string; err?: { type?: string; driverCode?: string } });
    const failures = lines.filter((line) => line.msg === 'unexpected error in a GraphQL operation');
    expect(failures).toHaveLength(2);
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
