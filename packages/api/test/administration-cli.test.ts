import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createScratchPostgres, type ScratchDatabase } from './support/postgres';
import { PROCESS_TEST_TIMEOUT_MS, runSourceEntry } from './support/source-process';
import { TEST_DATABASE } from './support/test-app';

function cli(args: string[], env: Record<string, string>) {
  return runSourceEntry('cli', args, { LATCHKEY_PASSWORD: 'a good password', ...env });
}

describe('administration from the operator’s command line', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-admin-cli-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, TWO_FACTOR_REQUIRED: 'none', TWO_FACTOR_METHODS: 'TOTP,EMAIL,SMS' };
  let postgres: ScratchDatabase | undefined;

  beforeAll(async () => {
    if (TEST_DATABASE === 'postgres') {
      postgres = await createScratchPostgres('admincli');
      env.DATABASE_URL = postgres.url;
    }
  });
  afterAll(async () => {
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'shows and saves the policy and changes roles through the same rules as the API, with no proof',
    () => {
      expect(cli(['create-user', '--email', 'boss@example.com', '--role', 'ADMIN'], env).status).toBe(0);
      expect(cli(['create-user', '--email', 'helper@example.com'], env).status).toBe(0);

      const defaults = cli(['policy', 'show'], env);
      expect(defaults.status).toBe(0);
      expect(defaults.stdout).toContain('version              0 (the environment’s defaults; never saved)');
      expect(defaults.stdout).toContain('offered methods      TOTP, EMAIL, SMS');

      // Every problem at once, nothing saved.
      const refused = cli(['policy', 'set', '--grace-days', '400', '--methods', ',', '--sms-countries', 'gb,XX'], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('graceDays: Enter a number of days from 0 to 365. (DAYS_OUT_OF_RANGE)');
      expect(refused.stderr).toContain('offeredMethods: Offer at least one 2FA method. (POLICY_NO_METHODS)');
      expect(refused.stderr).toContain('smsCountries: XX is not an ISO 3166 country code');

      const saved = cli(
        ['policy', 'set', '--required', 'staff', '--grace-days', '3', '--methods', 'totp,email', '--sms-countries', 'any'],
        env,
      );
      expect(saved.stderr).toBe('');
      expect(saved.stdout).toContain('saved the policy as version 1');
      const shown = cli(['policy', 'show'], env).stdout;
      expect(shown).toContain('required for         staff');
      expect(shown).toContain('grace days           3');
      expect(shown).toContain('offered methods      TOTP, EMAIL');
      expect(shown).toMatch(/saved {16}\S+ by CLI/);

      expect(cli(['set-role', 'Helper@Example.com', 'support'], env).stdout).toBe('helper@example.com is now SUPPORT\n');
      const last = cli(['set-role', 'boss@example.com', 'CUSTOMER'], env);
      expect(last.status).toBe(1);
      expect(last.stderr).toContain('This is the last admin account: make another account ADMIN first. (LAST_ADMIN)');
      expect(cli(['set-role', 'nobody@example.com', 'ADMIN'], env).stderr).toContain('NO_SUCH_USER');
      expect(cli(['set-role', 'boss@example.com', 'ROOT'], env).status).toBe(2);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
