import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { startApiProcess } from './support/api-process';
import { createScratchPostgres, type ScratchDatabase } from './support/postgres';
import { TEST_DATABASE } from './support/test-app';

const BURST = 60;

// Production as a deployment runs it, SMS not offered. Mail goes to an SMTP port where nothing
// listens: a registration's verification e-mail fails at once (and is logged), as it would with a
// provider that is down, instead of waiting on a host this machine cannot reach.
const PRODUCTION = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://panel.hostkey.example',
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  EMAIL_PROVIDER: 'smtp',
  EMAIL_FROM: 'no-reply@example.com',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: '1',
  TWO_FACTOR_METHODS: 'TOTP,EMAIL',
};

describe.each([
  ['test', {}],
  ['production', PRODUCTION],
])('SIGTERM during a burst of requests (NODE_ENV=%s)', (_mode, modeEnv: Record<string, string>) => {
  let postgres: ScratchDatabase | undefined;
  afterAll(() => postgres?.drop());

  it('finishes every request it accepted, then exits 0', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-shutdown-'));
    const env: Record<string, string> = { ...modeEnv, DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    if (TEST_DATABASE === 'postgres') {
      postgres = await createScratchPostgres('shutdown');
      env.DATABASE_URL = postgres.url;
    }
    const api = await startApiProcess(env);
    const { url } = api;
    // Registrations hash a password (tens of ms each), so many are in flight when SIGTERM lands.
    const requests = Array.from({ length: BURST }, (_, i) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation { register(email: "burst${i}@example.com", password: "burst password") { user { id } } }`,
        }),
      }).then(
        async (res) => ({ answered: true as const, status: res.status, body: await res.text() }),
        (error: Error & { cause?: { code?: string } }) => ({ answered: false as const, cause: error.cause?.code ?? error.message }),
      ),
    );
    // SIGTERM lands once the server has answered one of them, whatever the machine's load, so the
    // rest are in flight or still arriving.
    await Promise.race(requests);
    const exitCode = api.stop();
    const outcomes = await Promise.all(requests);
    expect(await exitCode).toBe(0);

    // A request is either done and answered, or refused before any work (503, or no connection).
    const done = outcomes.filter((o) => o.answered && o.status === 200);
    for (const outcome of done) expect((outcome as { body: string }).body).toContain('"register":{"user"');
    for (const outcome of outcomes.filter((o) => o.answered && o.status !== 200)) {
      expect(outcome).toMatchObject({ status: 503 });
    }
    for (const outcome of outcomes.filter((o) => !o.answered)) {
      expect(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']).toContain((outcome as { cause: string }).cause);
    }
    expect(done.length).toBeGreaterThan(0);

    // Each answered registration is in the database, whole.
    const dataSource = new DataSource(
      postgres ? { type: 'postgres', url: postgres.url } : { type: 'better-sqlite3', database: path.join(dataDir, 'latchkey.sqlite') },
    );
    await dataSource.initialize();
    const [{ count }] = await dataSource.query(`SELECT count(*) AS count FROM users WHERE email LIKE 'burst%'`);
    await dataSource.destroy();
    expect(Number(count)).toBe(done.length);

    // The server writes its log off the event loop: what was still pending at the exit is written
    // too, a line for each answered request and the shutdown's own.
    const lines = api.output().split('\n');
    expect(lines.filter((line) => line.includes('"msg":"graphql request"')).length).toBeGreaterThanOrEqual(done.length);
    expect(lines.some((line) => line.includes('"msg":"shutting down"'))).toBe(true);
  });
});
