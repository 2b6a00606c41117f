import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { createScratchPostgres, type ScratchDatabase } from './support/postgres';
import { TEST_DATABASE } from './support/test-app';

const API_ROOT = path.join(__dirname, '..');
const BURST = 60;
const READY_TIMEOUT_MS = 20_000;

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

describe('SIGTERM during a burst of requests', () => {
  let postgres: ScratchDatabase | undefined;
  afterAll(() => postgres?.drop());

  it('finishes every request it accepted, then exits 0', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-shutdown-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const env: Record<string, string> = { PATH: process.env.PATH!, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
    if (TEST_DATABASE === 'postgres') {
      postgres = await createScratchPostgres('shutdown');
      env.DATABASE_URL = postgres.url;
    }
    // Node itself with tsx's loader (not the tsx CLI, which would stand between the signal and the server).
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(API_ROOT, 'src/main.ts')], {
      cwd: API_ROOT,
      env: { ...env, TSX_TSCONFIG_PATH: path.join(API_ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, child);

    // Registrations hash a password (tens of ms each), so many are in flight when SIGTERM lands.
    const requests = Array.from({ length: BURST }, (_, i) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `mutation { register(email: "burst${i}@example.com", password: "burst password") { user { id } } }` }),
      }).then(
        async (res) => ({ answered: true as const, status: res.status, body: await res.text() }),
        (error: Error & { cause?: { code?: string } }) => ({ answered: false as const, cause: error.cause?.code ?? error.message }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    child.kill('SIGTERM');
    const outcomes = await Promise.all(requests);
    expect(await exited).toBe(0);

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
  });
});
