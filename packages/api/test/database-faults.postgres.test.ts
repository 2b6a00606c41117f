import { Client } from 'pg';
import { errorCode } from './support/graphql-client';
import { OPS, PASSWORD, registerUser } from './support/flows';
import { POSTGRES_ADMIN_URL } from './support/postgres';
import { startTestApp, type TestApp } from './support/test-app';

/** Ends every connection the app holds to its database, as a PostgreSQL restart or failover would. */
async function dropAppConnections(databaseUrl: string): Promise<number> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    const result = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return result.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL dropping its connections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives clean errors at worst, and recovers without a restart', async () => {
    const user = await registerUser(t);
    expect((await user.client.request(OPS.ME)).data!.me.email).toBe(user.email);
    if (t.config.database.type !== 'postgres') throw new Error('this test needs PostgreSQL');

    expect(await dropAppConnections(t.config.database.url)).toBeGreaterThan(0);
    // Requests right after: each either works or fails cleanly (a coded, masked error), never hangs.
    const during = await Promise.all(Array.from({ length: 5 }, () => user.client.request(OPS.ME)));
    for (const res of during) {
      if (res.errors) {
        expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
        expect(res.errors[0]!.message).toBe('Unexpected error.');
      } else {
        expect(res.data!.me.email).toBe(user.email);
      }
    }
    // And then everything works again: reads, writes, readiness.
    const login = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    expect(login.data!.login.__typename).toBe('AuthPayload');
    expect((await registerUser(t)).token).toBeTruthy();
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
  });
});
