import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const PRODUCTION_PROVIDERS = {
  PUBLIC_URL: 'https://panel.hostkey.example',
  EMAIL_PROVIDER: 'sendgrid',
  SENDGRID_API_KEY: 'SG.test',
  EMAIL_FROM: 'security@hostkey.example',
  SMS_PROVIDER: 'vonage',
  VONAGE_API_KEY: 'key',
  VONAGE_API_SECRET: 'secret',
  WEBAUTHN_RP_ID: 'hostkey.example',
  WEBAUTHN_ORIGINS: 'https://panel.hostkey.example',
};

/** Every data folder the tests made, removed at the end (hundreds, one per configuration loaded). */
const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function load(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-config-'));
  dataDirs.push(dataDir);
  return { dataDir, config: loadConfig({ DATA_DIR: dataDir, ...env }, { cwd: '/srv/latchkey' }) };
}

function failure(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to port 4000, SQLite in DATA_DIR, migrations on, issuer HostKey, 30 min idle and 12 h sessions', () => {
    const { config, dataDir } = load({});
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({ type: 'sqlite', path: path.join(dataDir, 'latchkey.sqlite') });
    expect(config.runMigrations).toBe(true);
    expect(config.issuerName).toBe('HostKey');
    expect(config.session.idleTimeoutMs).toBe(30 * 60_000);
    expect(config.session.absoluteTimeoutMs).toBe(12 * 60 * 60_000);
    expect(config.session.secureCookie).toBe(false);
  });

  it('reads sqlite: paths relative to the working directory and postgres URLs as given', () => {
    expect(load({ DATABASE_URL: 'sqlite:./db/x.sqlite' }).config.database).toEqual({
      type: 'sqlite',
      path: '/srv/latchkey/db/x.sqlite',
    });
    expect(load({ DATABASE_URL: 'sqlite:///var/lib/x.sqlite' }).config.database).toEqual({
      type: 'sqlite',
      path: '/var/lib/x.sqlite',
    });
    const url = 'postgres://latchkey:pw@db.internal:5432/latchkey';
    expect(load({ DATABASE_URL: url }).config.database).toEqual({ type: 'postgres', url });
    expect(load({ DATABASE_URL: 'postgresql://h/d' }).config.database.type).toBe('postgres');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://root@localhost/x' }, 'DATABASE_URL', /unsupported scheme \("mysql:"\)/],
    [{ DATABASE_URL: 'sqlite:' }, 'DATABASE_URL', /must name a file/],
    [{ DATABASE_URL: 'postgres://host-without-db' }, 'DATABASE_URL', /must name a database/],
    [{ DATABASE_URL: 'just-words' }, 'DATABASE_URL', /unsupported scheme/],
    [{ PORT: 'eighty' }, 'PORT', /whole number/],
    [{ PORT: '70000' }, 'PORT', /0 to 65535/],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV', /one of development, production, test/],
    [{ REGISTRATION_ENABLED: 'maybe' }, 'REGISTRATION_ENABLED', /true or false/],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES', /whole number/],
    [{ ENCRYPTION_KEY: 'dG9vIHNob3J0' }, 'ENCRYPTION_KEY', /32 bytes/],
    [{ ENCRYPTION_KEY: 'not base64!' }, 'ENCRYPTION_KEY', /32 bytes/],
    [{ NODE_ENV: 'production' }, 'ENCRYPTION_KEY', /required in production/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/],
    [{ NODE_ENV: 'production', ENCRYPTION_KEY: KEY, TWO_FACTOR_METHODS: 'TOTP,EMAIL' }, 'EMAIL_PROVIDER', /outbox/],
    [{ TWO_FACTOR_METHODS: 'TOTP,FAX' }, 'TWO_FACTOR_METHODS', /"FAX"/],
    [{ TWO_FACTOR_REQUIRED: 'everyone' }, 'TWO_FACTOR_REQUIRED', /none, staff, all/],
    [{ REMEMBER_BROWSER_DAYS: '400' }, 'REMEMBER_BROWSER_DAYS', /whole number/],
    [{ TWO_FACTOR_GRACE_DAYS: '-1' }, 'TWO_FACTOR_GRACE_DAYS', /whole number/],
    [{ SMS_COUNTRIES: 'GB,XX' }, 'SMS_COUNTRIES', /"XX"/],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL', /unsupported scheme/],
    [{ CORS_ORIGINS: 'https://ok.example,panel.example.com' }, 'CORS_ORIGINS', /not an origin/],
    [{ ENCRYPTION_KEY_PREVIOUS: 'short' }, 'ENCRYPTION_KEY_PREVIOUS', /32 bytes/],
    [{ REGISTER_LIMIT_PER_IP: 'ten' }, 'REGISTER_LIMIT_PER_IP', /whole number/],
    [{ WEBAUTHN_RP_ID: 'https://panel.example.com' }, 'WEBAUTHN_RP_ID', /not a domain/],
    [{ WEBAUTHN_ORIGINS: 'http://panel.example.com', WEBAUTHN_RP_ID: 'panel.example.com' }, 'WEBAUTHN_ORIGINS', /https/],
    [{ WEBAUTHN_ORIGINS: 'https://panel.other.example', WEBAUTHN_RP_ID: 'example.com' }, 'WEBAUTHN_ORIGINS', /not example.com or below/],
    [{ METRICS_TOKEN: 'guessable' }, 'METRICS_TOKEN', /at least 16 characters/],
  ])('refuses %j naming %s', (env, variable, problem) => {
    const error = failure(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(error.message).toMatch(problem);
  });

  it('limits registrations to 10 an hour per IP by default, 0 meaning no limit', () => {
    expect(load({}).config.registerLimitPerIp).toBe(10);
    expect(load({ REGISTER_LIMIT_PER_IP: '0' }).config.registerLimitPerIp).toBe(0);
  });

  it('leaves /metrics without a token by default, and reads METRICS_TOKEN trimmed', () => {
    expect(load({}).config.metricsToken).toBeUndefined();
    expect(load({ METRICS_TOKEN: ' a-token-of-24-characters ' }).config.metricsToken).toBe('a-token-of-24-characters');
  });

  it('never echoes METRICS_TOKEN in its error', () => {
    expect(failure({ METRICS_TOKEN: 'secret-ish' }).message).not.toContain('secret-ish');
  });

  it('generates a development encryption key into DATA_DIR once and reuses it', () => {
    const { config, dataDir } = load({});
    const stored = readFileSync(path.join(dataDir, 'encryption.key'), 'utf8').trim();
    expect(Buffer.from(stored, 'base64')).toEqual(config.encryptionKey);
    expect(config.encryptionKey).toHaveLength(32);
    expect(loadConfig({ DATA_DIR: dataDir }).encryptionKey).toEqual(config.encryptionKey);
  });

  it('offers every 2FA method, requires none and remembers browsers 30 days by default; reads a chosen list in the panel order', () => {
    expect(load({}).config.twoFactor).toEqual({
      methods: ['TOTP', 'WEBAUTHN', 'EMAIL', 'SMS'],
      requiredFor: 'none',
      graceDays: 14,
      rememberBrowserDays: 30,
      smsCountries: null,
      smsNumberTypes: 'mobile',
      webAuthn: { rpId: 'localhost', rpName: 'HostKey', origins: ['http://localhost:4000', 'http://localhost:5173'] },
    });
    expect(
      load({
        TWO_FACTOR_METHODS: 'sms, totp',
        TWO_FACTOR_REQUIRED: 'Staff',
        REMEMBER_BROWSER_DAYS: '0',
        SMS_COUNTRIES: 'gb, de,GB',
        SMS_NUMBER_TYPES: 'Any',
      }).config.twoFactor,
    ).toEqual({
      methods: ['TOTP', 'SMS'],
      requiredFor: 'staff',
      graceDays: 14,
      rememberBrowserDays: 0,
      smsCountries: ['GB', 'DE'],
      webAuthn: expect.objectContaining({ rpId: 'localhost' }),
      smsNumberTypes: 'any',
    });
    expect(() => load({ SMS_NUMBER_TYPES: 'landline' })).toThrow(/SMS_NUMBER_TYPES/);
  });

  it('limits codes per IP and per channel, and notices per address, each hour; 0 turns a limit off', () => {
    expect(load({}).config.sendLimits).toEqual({
      codesPerIpPerHour: 30,
      smsCodesPerHour: 100,
      emailCodesPerHour: 1000,
      noticesPerAddressPerHour: 10,
      setupCodesPerUserPerHour: 5,
      setupCodesPerDestinationPerHour: 5,
      signInCodesPerUserPerHour: 5,
      signInCodesPerDestinationPerHour: 5,
    });
    expect(
      load({ CODES_PER_IP_PER_HOUR: '0', SMS_CODES_PER_HOUR: '5', EMAIL_CODES_PER_HOUR: '0', NOTICES_PER_ADDRESS_PER_HOUR: '3' }).config
        .sendLimits,
    ).toMatchObject({ codesPerIpPerHour: 0, smsCodesPerHour: 5, emailCodesPerHour: 0, noticesPerAddressPerHour: 3 });
    expect(() => load({ SMS_CODES_PER_HOUR: '-1' })).toThrow(/SMS_CODES_PER_HOUR/);
  });

  it('limits set-up and sign-in codes per user and per destination each hour, apart, 5 by default, never off', () => {
    expect(
      load({
        SETUP_CODES_PER_USER_PER_HOUR: '8',
        SETUP_CODES_PER_DESTINATION_PER_HOUR: '3',
        SIGN_IN_CODES_PER_USER_PER_HOUR: '12',
        SIGN_IN_CODES_PER_DESTINATION_PER_HOUR: '2',
      }).config.sendLimits,
    ).toMatchObject({
      setupCodesPerUserPerHour: 8,
      setupCodesPerDestinationPerHour: 3,
      signInCodesPerUserPerHour: 12,
      signInCodesPerDestinationPerHour: 2,
    });
    const variables = [
      'SETUP_CODES_PER_USER_PER_HOUR',
      'SETUP_CODES_PER_DESTINATION_PER_HOUR',
      'SIGN_IN_CODES_PER_USER_PER_HOUR',
      'SIGN_IN_CODES_PER_DESTINATION_PER_HOUR',
    ];
    for (const variable of variables) {
      for (const bad of ['0', '-1', '101', 'five', '2.5']) {
        expect(failure({ [variable]: bad })).toMatchObject({ variable });
      }
    }
  });

  it('builds e-mail links on PUBLIC_URL: localhost by default, required over https:// in production', () => {
    expect(load({}).config.publicUrl).toBe('http://localhost:4000');
    expect(load({ PORT: '8080' }).config.publicUrl).toBe('http://localhost:8080');
    expect(load({ PUBLIC_URL: 'https://panel.example.com/' }).config.publicUrl).toBe('https://panel.example.com');
    expect(load({ PUBLIC_URL: 'https://example.com/hosting/panel//' }).config.publicUrl).toBe('https://example.com/hosting/panel');
    const production = { NODE_ENV: 'production', ENCRYPTION_KEY: KEY, ...PRODUCTION_PROVIDERS };
    expect(load({ ...production, PUBLIC_URL: 'http://localhost:4000' }).config.publicUrl).toBe('http://localhost:4000');
    const { PUBLIC_URL: _unset, ...withoutUrl } = production;
    expect(failure(withoutUrl)).toMatchObject({ variable: 'PUBLIC_URL', message: expect.stringMatching(/required in production/) });
    expect(failure({ ...production, PUBLIC_URL: 'http://panel.example.com' }).message).toMatch(/https:\/\/ in production/);
    for (const bad of [
      'panel.example.com',
      'ftp://panel.example.com',
      'https://panel.example.com/?next=x',
      'https://u:p@panel.example.com',
    ]) {
      expect(failure({ PUBLIC_URL: bad }).variable).toBe('PUBLIC_URL');
    }
  });

  it('binds security keys to localhost outside production, and asks production to name the RP ID and origins', () => {
    expect(load({ PORT: '4100' }).config.twoFactor.webAuthn).toEqual({
      rpId: 'localhost',
      rpName: 'HostKey',
      origins: ['http://localhost:4100', 'http://localhost:5173'],
    });
    const { WEBAUTHN_RP_ID: _rpId, WEBAUTHN_ORIGINS: _origins, ...withoutWebAuthn } = PRODUCTION_PROVIDERS;
    const production = { NODE_ENV: 'production', ENCRYPTION_KEY: KEY, ...withoutWebAuthn };
    expect(failure(production).variable).toBe('WEBAUTHN_RP_ID');
    expect(failure({ ...production, WEBAUTHN_RP_ID: 'hostkey.example' }).variable).toBe('WEBAUTHN_ORIGINS');
    // Not offered: nothing to name.
    expect(load({ ...production, TWO_FACTOR_METHODS: 'TOTP,EMAIL,SMS' }).config.twoFactor.methods).toEqual(['TOTP', 'EMAIL', 'SMS']);
    expect(
      load({ ...production, WEBAUTHN_RP_ID: 'HostKey.example', WEBAUTHN_ORIGINS: 'https://panel.hostkey.example/' }).config.twoFactor
        .webAuthn,
    ).toEqual({
      rpId: 'hostkey.example',
      rpName: 'HostKey',
      origins: ['https://panel.hostkey.example'],
    });
  });

  it('uses ENCRYPTION_KEY when given, and Secure cookies in production', () => {
    const { config } = load({ NODE_ENV: 'production', ENCRYPTION_KEY: KEY, ...PRODUCTION_PROVIDERS });
    expect(config.encryptionKey).toEqual(Buffer.alloc(32, 7));
    expect(config.session.secureCookie).toBe(true);
  });

  it('takes a test clock outside production only: production refuses to start with one', () => {
    expect(load({}).config.testClockFile).toBeUndefined();
    expect(load({ NODE_ENV: 'test', TEST_CLOCK_FILE: './clock' }).config.testClockFile).toBe('/srv/latchkey/clock');
    const production = { NODE_ENV: 'production', ENCRYPTION_KEY: KEY, ...PRODUCTION_PROVIDERS };
    expect(load(production).config.testClockFile).toBeUndefined();
    expect(failure({ ...production, TEST_CLOCK_FILE: '/tmp/clock' })).toMatchObject({
      variable: 'TEST_CLOCK_FILE',
      message: expect.stringMatching(/production refuses to start/),
    });
  });

  it('hashes passwords at the standard cost; a cheap one only for the test suites, under NODE_ENV=test', () => {
    expect(load({}).config.passwordHashCost).toBe('standard');
    expect(load({ NODE_ENV: 'test', PASSWORD_HASH_COST: 'test' }).config.passwordHashCost).toBe('test');
    const production = { NODE_ENV: 'production', ENCRYPTION_KEY: KEY, ...PRODUCTION_PROVIDERS };
    expect(load(production).config.passwordHashCost).toBe('standard');
    for (const settings of [
      { ...production, PASSWORD_HASH_COST: 'test' },
      { NODE_ENV: 'development', PASSWORD_HASH_COST: 'test' },
    ]) {
      expect(failure(settings)).toMatchObject({ variable: 'PASSWORD_HASH_COST', message: expect.stringMatching(/outside NODE_ENV=test/) });
    }
    expect(failure({ PASSWORD_HASH_COST: 'low' })).toMatchObject({ variable: 'PASSWORD_HASH_COST' });
  });

  it('waits 72 hours before an approved recovery takes effect, and names support by an e-mail or a web address', () => {
    const { config } = load({});
    expect(config.recovery).toEqual({ waitMs: 72 * 60 * 60_000, sweepIntervalMs: 60_000 });
    expect(config.supportContact).toBeNull();
    expect(load({ RECOVERY_WAIT_HOURS: '1', RECOVERY_SWEEP_SECONDS: '5' }).config.recovery).toEqual({
      waitMs: 60 * 60_000,
      sweepIntervalMs: 5000,
    });
    expect(failure({ RECOVERY_WAIT_HOURS: '0' }).variable).toBe('RECOVERY_WAIT_HOURS');
    expect(failure({ RECOVERY_WAIT_HOURS: '721' }).variable).toBe('RECOVERY_WAIT_HOURS');
    expect(load({ SUPPORT_CONTACT: 'support@hostkey.example' }).config.supportContact).toBe('support@hostkey.example');
    expect(load({ SUPPORT_CONTACT: 'https://hostkey.example/support' }).config.supportContact).toBe('https://hostkey.example/support');
    for (const bad of ['call us', 'javascript:alert(1)', 'ftp://hostkey.example', 'a@b', '<x@y.z>']) {
      expect(failure({ SUPPORT_CONTACT: bad }).variable).toBe('SUPPORT_CONTACT');
    }
  });
});
