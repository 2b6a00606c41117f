import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const PRODUCTION_PROVIDERS = {
  EMAIL_PROVIDER: 'sendgrid',
  SENDGRID_API_KEY: 'SG.test',
  EMAIL_FROM: 'security@hostkey.example',
  SMS_PROVIDER: 'vonage',
  VONAGE_API_KEY: 'key',
  VONAGE_API_SECRET: 'secret',
};

function load(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-config-'));
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
    [{ NODE_ENV: 'production', ENCRYPTION_KEY: KEY }, 'EMAIL_PROVIDER', /outbox/],
    [{ TWO_FACTOR_METHODS: 'TOTP,FAX' }, 'TWO_FACTOR_METHODS', /"FAX"/],
    [{ TWO_FACTOR_REQUIRED: 'everyone' }, 'TWO_FACTOR_REQUIRED', /none, staff, all/],
    [{ REMEMBER_BROWSER_DAYS: '400' }, 'REMEMBER_BROWSER_DAYS', /whole number/],
    [{ TWO_FACTOR_GRACE_DAYS: '-1' }, 'TWO_FACTOR_GRACE_DAYS', /whole number/],
    [{ SMS_COUNTRIES: 'GB,XX' }, 'SMS_COUNTRIES', /"XX"/],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL', /unsupported scheme/],
    [{ CORS_ORIGINS: 'https://ok.example,panel.example.com' }, 'CORS_ORIGINS', /not an origin/],
    [{ ENCRYPTION_KEY_PREVIOUS: 'short' }, 'ENCRYPTION_KEY_PREVIOUS', /32 bytes/],
    [{ REGISTER_LIMIT_PER_IP: 'ten' }, 'REGISTER_LIMIT_PER_IP', /whole number/],
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
      methods: ['TOTP', 'EMAIL', 'SMS'],
      requiredFor: 'none',
      graceDays: 14,
      rememberBrowserDays: 30,
      smsCountries: null,
      smsNumberTypes: 'mobile',
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
    });
    expect(
      load({ CODES_PER_IP_PER_HOUR: '0', SMS_CODES_PER_HOUR: '5', EMAIL_CODES_PER_HOUR: '0', NOTICES_PER_ADDRESS_PER_HOUR: '3' }).config
        .sendLimits,
    ).toEqual({ codesPerIpPerHour: 0, smsCodesPerHour: 5, emailCodesPerHour: 0, noticesPerAddressPerHour: 3 });
    expect(() => load({ SMS_CODES_PER_HOUR: '-1' })).toThrow(/SMS_CODES_PER_HOUR/);
  });

  it('uses ENCRYPTION_KEY when given, and Secure cookies in production', () => {
    const { config } = load({ NODE_ENV: 'production', ENCRYPTION_KEY: KEY, ...PRODUCTION_PROVIDERS });
    expect(config.encryptionKey).toEqual(Buffer.alloc(32, 7));
    expect(config.session.secureCookie).toBe(true);
  });
});
