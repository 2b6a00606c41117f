import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_REDIS_URL } from './support/redis-test-support';
import { PROCESS_TEST_TIMEOUT_MS, typeScriptProcess } from './support/source-process';

/**
 * Redis's client and the SDKs of the mail and SMS providers load only when the settings choose
 * them, and SimpleWebAuthn at the first security-key operation: the embedded default (SQLite,
 * counters in the process, the outbox) starts faster and holds less memory without them. (In the
 * PostgreSQL project, which has Redis to choose.)
 */
describe('the packages an app loads', () => {
  function loadedBy(env: Record<string, string>): Record<string, boolean> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-loaded-'));
    try {
      const probe = typeScriptProcess(path.join(__dirname, 'support/loaded-packages-probe.ts'));
      const result = spawnSync(probe.command, probe.args, {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          PASSWORD_HASH_COST: 'test',
          DATA_DIR: dataDir,
          ...env,
        },
        encoding: 'utf8',
        timeout: PROCESS_TEST_TIMEOUT_MS,
      });
      if (result.status !== 0) throw new Error(`the probe failed (${result.status}): ${result.stderr}`);
      return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, boolean>;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  it(
    'leaves out Redis, every provider and security keys on the embedded default, and loads each one chosen',
    () => {
      expect(loadedBy({})).toEqual({
        ioredis: false,
        nodemailer: false,
        '@sendgrid/mail': false,
        '@vonage/server-sdk': false,
        '@simplewebauthn/server': false,
      });
      expect(
        loadedBy({
          REDIS_URL: TEST_REDIS_URL,
          EMAIL_PROVIDER: 'smtp',
          EMAIL_FROM: 'security@example.test',
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: '9',
          SMS_PROVIDER: 'vonage',
          VONAGE_API_KEY: 'key',
          VONAGE_API_SECRET: 'secret',
        }),
      ).toEqual({
        ioredis: true,
        nodemailer: true,
        '@sendgrid/mail': false,
        '@vonage/server-sdk': true,
        '@simplewebauthn/server': false,
      });
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
