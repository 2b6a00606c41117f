import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../src/config';
import { readDeliveryConfig, type DeliveryConfigContext } from '../../src/delivery/delivery-config';
import { DELIVERY_SETTINGS } from '../../src/delivery/delivery-settings';

const DEVELOPMENT: DeliveryConfigContext = {
  production: false,
  dataDir: '/srv/latchkey/data',
  issuerName: 'HostKey',
  smsOffered: true,
  cwd: '/srv/latchkey',
};
const PRODUCTION: DeliveryConfigContext = { ...DEVELOPMENT, production: true };

const SENDGRID = { EMAIL_PROVIDER: 'sendgrid', EMAIL_FROM: 'no-reply@hostkey.example', SENDGRID_API_KEY: 'SG.key' };
const SMTP = { EMAIL_PROVIDER: 'smtp', EMAIL_FROM: 'no-reply@hostkey.example', SMTP_HOST: 'mail.hostkey.example' };
const VONAGE = { SMS_PROVIDER: 'vonage', VONAGE_API_KEY: 'a1b2c3d4', VONAGE_API_SECRET: 'secret' };

function failure(env: Record<string, string>, context = DEVELOPMENT): ConfigError {
  try {
    readDeliveryConfig(env, context);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('readDeliveryConfig', () => {
  it('defaults to the outbox for both channels in <DATA_DIR>/outbox.jsonl, 10 s time-out', () => {
    expect(readDeliveryConfig({}, DEVELOPMENT)).toEqual({
      email: { provider: 'outbox', from: 'no-reply@localhost' },
      sms: { provider: 'outbox' },
      outboxPath: '/srv/latchkey/data/outbox.jsonl',
      timeoutMs: 10_000,
    });
  });

  it('reads OUTBOX_PATH relative to the working directory, and DELIVERY_TIMEOUT_MS', () => {
    const config = readDeliveryConfig({ OUTBOX_PATH: 'tmp/mail.jsonl', DELIVERY_TIMEOUT_MS: '2500' }, DEVELOPMENT);
    expect(config.outboxPath).toBe(path.resolve('/srv/latchkey', 'tmp/mail.jsonl'));
    expect(config.timeoutMs).toBe(2_500);
    expect(readDeliveryConfig({ OUTBOX_PATH: '/var/mail/outbox.jsonl' }, DEVELOPMENT).outboxPath).toBe('/var/mail/outbox.jsonl');
  });

  it('configures SendGrid on its public host, sending as the issuer from EMAIL_FROM', () => {
    expect(readDeliveryConfig(SENDGRID, DEVELOPMENT).email).toEqual({
      provider: 'sendgrid',
      from: 'no-reply@hostkey.example',
      fromName: 'HostKey',
      apiKey: 'SG.key',
      baseUrl: 'https://api.sendgrid.com',
    });
    const local = readDeliveryConfig({ ...SENDGRID, SENDGRID_API_BASE_URL: 'http://127.0.0.1:8025/' }, DEVELOPMENT);
    expect(local.email).toMatchObject({ baseUrl: 'http://127.0.0.1:8025' });
  });

  it('configures SMTP with STARTTLS required on the submission port 587 by default, sending as the issuer', () => {
    expect(readDeliveryConfig(SMTP, DEVELOPMENT).email).toEqual({
      provider: 'smtp',
      from: 'no-reply@hostkey.example',
      fromName: 'HostKey',
      host: 'mail.hostkey.example',
      port: 587,
      tls: 'starttls',
    });
  });

  it('reads implicit TLS (port 465 by default), a login, another port and plain text for a local relay', () => {
    expect(
      readDeliveryConfig({ ...SMTP, SMTP_TLS: 'implicit', SMTP_USER: 'mailer', SMTP_PASSWORD: 'pw' }, DEVELOPMENT).email,
    ).toMatchObject({
      tls: 'implicit',
      port: 465,
      auth: { user: 'mailer', password: 'pw' },
    });
    expect(readDeliveryConfig({ ...SMTP, SMTP_TLS: 'STARTTLS', SMTP_PORT: '2525' }, DEVELOPMENT).email).toMatchObject({
      tls: 'starttls',
      port: 2525,
    });
    for (const host of ['localhost', '127.0.0.1', '::1']) {
      expect(
        readDeliveryConfig({ ...SMTP, ...VONAGE, SMTP_HOST: host, SMTP_TLS: 'none', SMTP_PORT: '25' }, PRODUCTION).email,
      ).toMatchObject({
        host,
        tls: 'none',
        port: 25,
      });
    }
  });

  it('reads SMTP_CA_FILE (relative to the working directory) once, as PEM text', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-ca-'));
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    writeFileSync(path.join(dir, 'relay-ca.pem'), pem);
    writeFileSync(path.join(dir, 'not-a-cert.txt'), 'hello');
    expect(readDeliveryConfig({ ...SMTP, SMTP_CA_FILE: 'relay-ca.pem' }, { ...DEVELOPMENT, cwd: dir }).email).toMatchObject({ ca: pem });
    expect(failure({ ...SMTP, SMTP_CA_FILE: 'not-a-cert.txt' }, { ...DEVELOPMENT, cwd: dir }).message).toMatch(
      /^Invalid configuration: SMTP_CA_FILE holds no PEM certificate/,
    );
    expect(failure({ ...SMTP, SMTP_CA_FILE: 'missing.pem' }, { ...DEVELOPMENT, cwd: dir }).message).toMatch(
      /^Invalid configuration: SMTP_CA_FILE cannot be read \(ENOENT: missing.pem\)/,
    );
  });

  it('runs in production with SMTP as the e-mail provider', () => {
    expect(readDeliveryConfig({ ...SMTP, ...VONAGE }, PRODUCTION).email.provider).toBe('smtp');
  });

  it('refuses plain-text SMTP in production to a server on another machine', () => {
    const error = failure({ ...SMTP, ...VONAGE, SMTP_TLS: 'none' }, PRODUCTION);
    expect(error.variable).toBe('SMTP_TLS');
    expect(error.message).toMatch(/only for an SMTP server on this machine \(SMTP_HOST is mail.hostkey.example\)/);
    // Development may use any test server.
    expect(readDeliveryConfig({ ...SMTP, SMTP_TLS: 'none' }, DEVELOPMENT).email).toMatchObject({ tls: 'none' });
  });

  it('never echoes an SMTP_HOST that looks like a URL with a password', () => {
    const error = failure({ ...SMTP, SMTP_HOST: 'smtps://mailer:hunter2@mail.example.com:465' });
    expect(error.variable).toBe('SMTP_HOST');
    expect(error.message).toMatch(/host name or an IP address, without scheme, port or credentials/);
    expect(error.message).not.toContain('hunter2');
  });

  it('configures Vonage on its REST host, sending as the issuer name unless VONAGE_FROM says otherwise', () => {
    expect(readDeliveryConfig(VONAGE, DEVELOPMENT).sms).toEqual({
      provider: 'vonage',
      from: 'HostKey',
      apiKey: 'a1b2c3d4',
      apiSecret: 'secret',
      baseUrl: 'https://rest.nexmo.com',
    });
    expect(readDeliveryConfig({ ...VONAGE, VONAGE_FROM: '+4915112345678' }, DEVELOPMENT).sms).toMatchObject({ from: '+4915112345678' });
    expect(readDeliveryConfig({ ...VONAGE, VONAGE_API_BASE_URL: 'http://127.0.0.1:9000' }, DEVELOPMENT).sms).toMatchObject({
      baseUrl: 'http://127.0.0.1:9000',
    });
  });

  it('asks production for no SMS provider when SMS is not offered, and sends no SMS then', () => {
    const notOffered = { ...PRODUCTION, smsOffered: false };
    expect(readDeliveryConfig(SENDGRID, notOffered).sms).toEqual({ provider: 'none' });
    // A provider chosen anyway is still checked, so a half-configured Vonage never slips through.
    expect(failure({ ...SENDGRID, SMS_PROVIDER: 'vonage' }, notOffered).message).toMatch(/VONAGE_API_KEY is required/);
    // E-mail stays required: notices and account mail need it whatever the methods.
    expect(failure({}, notOffered).message).toMatch(/^Invalid configuration: EMAIL_PROVIDER is "outbox"/);
    // Development keeps the outbox for SMS either way.
    expect(readDeliveryConfig({}, { ...DEVELOPMENT, smsOffered: false }).sms).toEqual({ provider: 'outbox' });
  });

  it('runs in production with both real providers', () => {
    const config = readDeliveryConfig({ ...SENDGRID, ...VONAGE }, PRODUCTION);
    expect([config.email.provider, config.sms.provider]).toEqual(['sendgrid', 'vonage']);
  });

  it.each([
    [{}, 'EMAIL_PROVIDER'],
    [{ EMAIL_PROVIDER: 'outbox', ...VONAGE }, 'EMAIL_PROVIDER'],
    [{ ...SENDGRID }, 'SMS_PROVIDER'],
    [{ ...SENDGRID, SMS_PROVIDER: 'outbox' }, 'SMS_PROVIDER'],
  ])('refuses the outbox in production: %j names %s', (env, variable) => {
    const error = failure(env, PRODUCTION);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} is "outbox".*refused in production`));
  });

  it.each([
    [{ EMAIL_PROVIDER: 'mailgun' }, 'EMAIL_PROVIDER', /one of outbox, sendgrid, smtp \(got "mailgun"\)/],
    [{ EMAIL_PROVIDER: 'smtp', SMTP_HOST: 'mail.example.com' }, 'EMAIL_FROM', /required when EMAIL_PROVIDER=smtp/],
    [{ ...SMTP, SMTP_HOST: '' }, 'SMTP_HOST', /required when EMAIL_PROVIDER=smtp/],
    [{ ...SMTP, SMTP_HOST: 'mail.example.com:587' }, 'SMTP_HOST', /without scheme, port/],
    [{ ...SMTP, SMTP_PORT: '0' }, 'SMTP_PORT', /whole number from 1 to 65535/],
    [{ ...SMTP, SMTP_TLS: 'ssl' }, 'SMTP_TLS', /one of starttls, implicit, none \(got "ssl"\)/],
    [{ ...SMTP, SMTP_USER: 'mailer' }, 'SMTP_PASSWORD', /required when SMTP_USER is set/],
    [{ ...SMTP, SMTP_PASSWORD: 'pw' }, 'SMTP_USER', /required when SMTP_PASSWORD is set/],
    [{ SMS_PROVIDER: 'twilio' }, 'SMS_PROVIDER', /one of outbox, vonage \(got "twilio"\)/],
    [{ ...SENDGRID, SENDGRID_API_KEY: '' }, 'SENDGRID_API_KEY', /required when EMAIL_PROVIDER=sendgrid/],
    [{ ...SENDGRID, SENDGRID_API_KEY: '   ' }, 'SENDGRID_API_KEY', /required/],
    [{ EMAIL_PROVIDER: 'sendgrid', SENDGRID_API_KEY: 'SG.key' }, 'EMAIL_FROM', /required when EMAIL_PROVIDER=sendgrid/],
    [{ ...SENDGRID, EMAIL_FROM: 'not an address' }, 'EMAIL_FROM', /plain e-mail address/],
    [{ ...SENDGRID, EMAIL_FROM: 'HostKey <no-reply@hostkey.example>' }, 'EMAIL_FROM', /plain e-mail address/],
    [{ EMAIL_FROM: 'nobody@' }, 'EMAIL_FROM', /plain e-mail address/],
    [{ ...SENDGRID, SENDGRID_API_BASE_URL: 'ftp://api.sendgrid.com' }, 'SENDGRID_API_BASE_URL', /http:\/\/ or https:\/\/ URL/],
    [{ ...SENDGRID, SENDGRID_API_BASE_URL: 'api.sendgrid.com' }, 'SENDGRID_API_BASE_URL', /http:\/\/ or https:\/\/ URL/],
    [{ ...VONAGE, VONAGE_API_KEY: '' }, 'VONAGE_API_KEY', /required when SMS_PROVIDER=vonage/],
    [{ ...VONAGE, VONAGE_API_SECRET: '' }, 'VONAGE_API_SECRET', /required when SMS_PROVIDER=vonage/],
    [{ ...VONAGE, VONAGE_FROM: 'HostKeyHosting' }, 'VONAGE_FROM', /up to 11 letters and digits or a number in E.164/],
    [{ ...VONAGE, VONAGE_FROM: 'Host-Key' }, 'VONAGE_FROM', /up to 11 letters and digits/],
    [{ ...VONAGE, VONAGE_FROM: '+0123' }, 'VONAGE_FROM', /E.164/],
    [{ ...VONAGE, VONAGE_API_BASE_URL: 'rest.nexmo.com' }, 'VONAGE_API_BASE_URL', /http:\/\/ or https:\/\/ URL/],
    [{ ...VONAGE, VONAGE_API_BASE_URL: 'https://rest.nexmo.com/?debug=1' }, 'VONAGE_API_BASE_URL', /without query/],
    [{ DELIVERY_TIMEOUT_MS: '999' }, 'DELIVERY_TIMEOUT_MS', /whole number from 1000 to 60000 \(got "999"\)/],
    [{ DELIVERY_TIMEOUT_MS: '60001' }, 'DELIVERY_TIMEOUT_MS', /1000 to 60000/],
    [{ DELIVERY_TIMEOUT_MS: '10s' }, 'DELIVERY_TIMEOUT_MS', /whole number/],
  ])('refuses %j, naming %s', (env, variable, problem) => {
    const error = failure(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`Invalid configuration: ${variable} `)).toBe(true);
    expect(error.message).toMatch(problem);
  });

  it('asks for VONAGE_FROM when the issuer name cannot be a sender ID', () => {
    const error = failure(VONAGE, { ...DEVELOPMENT, issuerName: 'Host Key GmbH' });
    expect(error.variable).toBe('VONAGE_FROM');
    expect(error.message).toMatch(/must be set: its default, the issuer name "Host Key GmbH", is not a valid sender/);
    expect(readDeliveryConfig({ ...VONAGE, VONAGE_FROM: 'HostKey' }, { ...DEVELOPMENT, issuerName: 'Host Key GmbH' }).sms).toMatchObject({
      from: 'HostKey',
    });
  });

  it("checks a provider's settings only when that provider is chosen", () => {
    const config = readDeliveryConfig({ VONAGE_FROM: 'far too long a sender', SENDGRID_API_BASE_URL: 'nonsense' }, DEVELOPMENT);
    expect(config.sms).toEqual({ provider: 'outbox' });
  });

  it('never puts a secret into its messages', () => {
    expect(failure({ ...SMTP, SMTP_USER: 'mailer' }).message).not.toContain('mailer');
    const error = failure({ ...VONAGE, VONAGE_API_BASE_URL: 'https://user:hunter2@rest.example/?x=1' });
    expect(error.message).not.toContain('hunter2');
  });

  it('lists in DELIVERY_SETTINGS exactly the variables it reads', () => {
    const read = new Set<string>();
    const recording = (values: Record<string, string>) =>
      new Proxy<Record<string, string | undefined>>(values, {
        get(target, name) {
          if (typeof name === 'string') read.add(name);
          return target[name as string];
        },
      });
    readDeliveryConfig(recording({ ...SENDGRID, ...VONAGE }), PRODUCTION);
    readDeliveryConfig(recording({ ...SMTP, ...VONAGE }), PRODUCTION);
    expect([...read].sort()).toEqual([...DELIVERY_SETTINGS].sort());
  });
});
