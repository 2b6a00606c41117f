import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApiProcess } from './support/api-process';
import { OPS } from './support/flows';
import { createScratchPostgres } from './support/postgres';
import { referenceTotp } from './support/reference-totp';
import { PROCESS_TEST_TIMEOUT_MS, runSourceEntry } from './support/source-process';
import { TEST_DATABASE } from './support/test-app';

describe('the server and the operator CLI as processes', () => {
  const dataDir = () => mkdtempSync(path.join(tmpdir(), 'latchkey-proc-'));

  it('stops at start-up with a message naming a bad DATABASE_URL', () => {
    const result = runSourceEntry('main', [], { DATA_DIR: dataDir(), DATABASE_URL: 'mongodb://localhost/x' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration: DATABASE_URL has an unsupported scheme ("mongodb:")');
  });

  it('stops at start-up with a clear message when PostgreSQL has no such database', () => {
    const result = runSourceEntry('main', [], {
      DATA_DIR: dataDir(),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/latchkey_no_such_db',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Latchkey failed to start: .*database "latchkey_no_such_db" does not exist/);
  });

  it(
    'creates a user with a role, refuses a duplicate and a bad role, and migrates',
    async () => {
      const env: Record<string, string> = { DATA_DIR: dataDir() };
      const postgres = TEST_DATABASE === 'postgres' ? await createScratchPostgres('cli') : undefined;
      if (postgres) env.DATABASE_URL = postgres.url;
      try {
        const migrate = runSourceEntry('cli', ['migrate'], env);
        expect(migrate.stdout).toMatch(/^applied Initial\d+/);
        expect(runSourceEntry('cli', ['migrate'], env).stdout).toBe('database is up to date\n');
        expect(runSourceEntry('cli', ['reencrypt-secrets'], env).stdout).toBe(
          're-encrypted 0 secret(s); 0 already used the current key\nre-encrypted 0 webhook secret(s); 0 already used the current key\n',
        );

        const created = runSourceEntry(
          'cli',
          ['create-user', '--email', 'Staff@Example.com', '--role', 'support'],
          env,
          'a good password\n',
        );
        expect(created.status).toBe(0);
        expect(created.stdout).toMatch(/^created SUPPORT staff@example.com \([0-9a-f-]{36}\)/);

        const again = runSourceEntry('cli', ['create-user', '--email', 'staff@example.com'], {
          ...env,
          LATCHKEY_PASSWORD: 'another password',
        });
        expect(again.status).toBe(1);
        expect(again.stderr).toContain('An account with this e-mail address already exists.');

        // 2FA on, as its owner turns it on: through the API, on the same database.
        const api = await startApiProcess(env);
        try {
          const login = await api.client.request(OPS.LOGIN, { email: 'staff@example.com', password: 'a good password' });
          const owner = api.client.withToken(login.data!.login.token as string);
          const setup = await owner.request(OPS.ENABLE, { input: { method: 'TOTP' } });
          const code = referenceTotp(setup.data!.enableTwoFactor.secret as string, Math.floor(Date.now() / 1000));
          expect((await owner.request(OPS.VERIFY, { code })).errors).toBeUndefined();
        } finally {
          expect(await api.stop()).toBe(0);
        }
        const resetArgs = ['reset-2fa', '--email', 'STAFF@example.com', '--reason', 'Lost the phone; identity checked.'];
        const reset = runSourceEntry('cli', resetArgs, env);
        expect(reset.stdout).toBe('reset 2FA of staff@example.com: signed out everywhere and told by e-mail\n');
        // Nothing left to reset: said, and nothing done.
        const nothingLeft = runSourceEntry('cli', resetArgs, env);
        expect(nothingLeft.status).toBe(1);
        expect(nothingLeft.stderr).toContain('This account has no two-factor authentication to reset.');
        expect(runSourceEntry('cli', ['reset-2fa', '--email', 'nobody@example.com', '--reason', 'x'], env).stderr).toContain(
          'no account has the e-mail',
        );
        expect(runSourceEntry('cli', ['reset-2fa', '--email', 'staff@example.com'], env).status).toBe(2);

        const badRole = runSourceEntry('cli', ['create-user', '--email', 'x@example.com', '--role', 'ROOT'], env, 'whatever123');
        expect(badRole.status).toBe(2);
        expect(badRole.stderr).toContain('--role must be one of CUSTOMER, SUPPORT, ADMIN');
      } finally {
        await postgres?.drop();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
