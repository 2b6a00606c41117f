import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { ConfigError } from '../shared/config-error';
import { integer, nonEmpty, oneOf, type Env } from '../shared/env';

/**
 * The delivery settings (mail and SMS providers, sender, outbox), validated once at start-up like the rest of config.ts. Provider
 * credentials are checked only for the provider chosen, and the outbox never runs in production.
 */

export type EmailDeliveryConfig =
  | { provider: 'outbox'; from: string }
  | { provider: 'sendgrid'; from: string; fromName: string; apiKey: string; baseUrl: string }
  | SmtpDeliveryConfig;

/**
 * How the connection to the SMTP server is protected:
 * - starttls: connect in plain text and upgrade with STARTTLS; a server that does not offer it is
 *   refused rather than spoken to in the clear (port 587, the submission port).
 * - implicit: TLS from the first byte (port 465, "SMTPS").
 * - none: plain text throughout; production allows it only to a relay on this machine.
 */
export type SmtpTls = 'starttls' | 'implicit' | 'none';

export interface SmtpDeliveryConfig {
  provider: 'smtp';
  from: string;
  fromName: string;
  host: string;
  port: number;
  tls: SmtpTls;
  /** Both or neither: a relay that trusts this host needs no login. */
  auth?: { user: string; password: string };
  /** PEM certificates trusted for this server besides the system's (a private CA, a self-signed relay). */
  ca?: string;
}

export type SmsDeliveryConfig =
  | { provider: 'outbox' }
  | { provider: 'vonage'; from: string; apiKey: string; apiSecret: string; baseUrl: string }
  /** Production with SMS not among the offered methods and no provider chosen: nothing is sent. */
  | { provider: 'none' };

export interface DeliveryConfig {
  email: EmailDeliveryConfig;
  sms: SmsDeliveryConfig;
  /** Where the outbox providers write; used only when one of them is chosen. */
  outboxPath: string;
  /** How long a provider may take to accept a message. */
  timeoutMs: number;
}

export interface DeliveryConfigContext {
  production: boolean;
  /** Absolute, as config.ts resolved DATA_DIR. */
  dataDir: string;
  issuerName: string;
  /** Whether users may enable SMS codes; without it, production asks for no SMS provider. */
  smsOffered: boolean;
  /** What a relative OUTBOX_PATH is relative to (default: the working directory). */
  cwd?: string;
}

/** SendGrid's v3 API host (its EU accounts use https://api.eu.sendgrid.com). */
export const SENDGRID_DEFAULT_BASE_URL = 'https://api.sendgrid.com';
/** The Vonage SDK's default `restHost`, home of the SMS API (POST /sms/json). */
export const VONAGE_DEFAULT_BASE_URL = 'https://rest.nexmo.com';

const EMAIL_PROVIDERS = ['outbox', 'sendgrid', 'smtp'] as const;
const SMTP_TLS_MODES = ['starttls', 'implicit', 'none'] as const;
// The submission ports: STARTTLS on 587 (RFC 6409), implicit TLS on 465 (RFC 8314).
const SMTP_SUBMISSION_PORT = 587;
const SMTPS_PORT = 465;
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const SMS_PROVIDERS = ['outbox', 'vonage'] as const;
const OUTBOX_FILE = 'outbox.jsonl';
const DEFAULT_EMAIL_FROM = 'no-reply@localhost';
const DEFAULT_TIMEOUT_MS = 10_000;
// Under a second fails on a slow day; over a minute leaves the user staring at a spinner.
const MIN_TIMEOUT_MS = 1_000;
const MAX_TIMEOUT_MS = 60_000;
const MAX_EMAIL_LENGTH = 254;
// One @, a local part without spaces or angle brackets, and a host name (dots optional, for localhost).
const EMAIL_PATTERN = /^[^\s@<>"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
// Carriers accept up to 11 letters and digits as an alphanumeric sender ID.
const ALPHANUMERIC_SENDER = /^[A-Za-z0-9]{1,11}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export function readDeliveryConfig(env: Env, context: DeliveryConfigContext): DeliveryConfig {
  const emailProvider = oneOf(env, 'EMAIL_PROVIDER', EMAIL_PROVIDERS, 'outbox', { ignoreCase: true });
  const smsChosen = nonEmpty(env, 'SMS_PROVIDER') !== undefined;
  const smsProvider = oneOf(env, 'SMS_PROVIDER', SMS_PROVIDERS, 'outbox', { ignoreCase: true });
  // E-mail is always needed (codes, and notices whatever the method); SMS only when it is offered.
  const smsUnused = context.production && !context.smsOffered && !smsChosen;
  if (context.production) {
    if (emailProvider === 'outbox') throw outboxInProduction('EMAIL_PROVIDER', 'sendgrid or smtp');
    if (smsProvider === 'outbox' && !smsUnused) throw outboxInProduction('SMS_PROVIDER', 'vonage');
  }
  const outboxPath = nonEmpty(env, 'OUTBOX_PATH');
  return {
    email: emailConfig(emailProvider, env, context),
    sms: smsUnused ? { provider: 'none' } : smsProvider === 'vonage' ? vonageConfig(env, context) : { provider: 'outbox' },
    outboxPath: outboxPath ? path.resolve(context.cwd ?? process.cwd(), outboxPath) : path.join(context.dataDir, OUTBOX_FILE),
    timeoutMs: integer(env, 'DELIVERY_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS),
  };
}

function emailConfig(provider: (typeof EMAIL_PROVIDERS)[number], env: Env, context: DeliveryConfigContext): EmailDeliveryConfig {
  switch (provider) {
    case 'sendgrid':
      return sendGridConfig(env, context);
    case 'smtp':
      return smtpConfig(env, context);
    case 'outbox':
      return { provider: 'outbox', from: emailFrom(env) ?? DEFAULT_EMAIL_FROM };
  }
}

function sendGridConfig(env: Env, context: DeliveryConfigContext): EmailDeliveryConfig {
  const from = emailFrom(env);
  if (!from) throw new ConfigError('EMAIL_FROM', 'is required when EMAIL_PROVIDER=sendgrid (a sender address verified in SendGrid)');
  return {
    provider: 'sendgrid',
    from,
    fromName: context.issuerName,
    apiKey: required(env, 'SENDGRID_API_KEY', 'EMAIL_PROVIDER=sendgrid'),
    baseUrl: httpUrl(env, 'SENDGRID_API_BASE_URL', SENDGRID_DEFAULT_BASE_URL),
  };
}

function smtpConfig(env: Env, context: DeliveryConfigContext): SmtpDeliveryConfig {
  const from = emailFrom(env);
  if (!from) throw new ConfigError('EMAIL_FROM', 'is required when EMAIL_PROVIDER=smtp (an address the SMTP server may send as)');
  const host = smtpHost(env);
  const tls = oneOf(env, 'SMTP_TLS', SMTP_TLS_MODES, 'starttls', { ignoreCase: true });
  // Codes and the password would cross the network in the clear: only a relay on this machine.
  if (context.production && tls === 'none' && !isLoopback(host)) {
    throw new ConfigError('SMTP_TLS', `is "none", which production allows only for an SMTP server on this machine (SMTP_HOST is ${host})`);
  }
  const port = integer(env, 'SMTP_PORT', tls === 'implicit' ? SMTPS_PORT : SMTP_SUBMISSION_PORT, 1, 65535);
  const user = nonEmpty(env, 'SMTP_USER');
  const password = nonEmpty(env, 'SMTP_PASSWORD');
  if (user && !password) throw new ConfigError('SMTP_PASSWORD', 'is required when SMTP_USER is set');
  if (password && !user) throw new ConfigError('SMTP_USER', 'is required when SMTP_PASSWORD is set');
  const ca = certificateFile(env, 'SMTP_CA_FILE', context.cwd ?? process.cwd());
  return {
    provider: 'smtp',
    from,
    fromName: context.issuerName,
    host,
    port,
    tls,
    ...(user && password ? { auth: { user, password } } : {}),
    ...(ca ? { ca } : {}),
  };
}

/** A host name or an IP address, nothing more: a scheme, port or credentials belong elsewhere. */
function smtpHost(env: Env): string {
  const host = required(env, 'SMTP_HOST', 'EMAIL_PROVIDER=smtp');
  if (isIP(host) === 0 && !HOST_NAME.test(host)) {
    // The value is not echoed: someone may have pasted a URL with a password in it.
    throw new ConfigError(
      'SMTP_HOST',
      'must be a host name or an IP address, without scheme, port or credentials (the port goes in SMTP_PORT)',
    );
  }
  return host;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** The PEM text of a certificate file, read once at start-up so a bad path stops the process. */
function certificateFile(env: Env, name: string, cwd: string): string | undefined {
  const file = nonEmpty(env, name);
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new ConfigError(name, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}: ${file})`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new ConfigError(name, `holds no PEM certificate (${file})`);
  return text;
}

function vonageConfig(env: Env, context: DeliveryConfigContext): SmsDeliveryConfig {
  const apiKey = required(env, 'VONAGE_API_KEY', 'SMS_PROVIDER=vonage');
  const apiSecret = required(env, 'VONAGE_API_SECRET', 'SMS_PROVIDER=vonage');
  const explicitFrom = nonEmpty(env, 'VONAGE_FROM');
  const from = explicitFrom ?? context.issuerName;
  if (!ALPHANUMERIC_SENDER.test(from) && !E164.test(from)) {
    throw new ConfigError(
      'VONAGE_FROM',
      explicitFrom
        ? `must be up to 11 letters and digits or a number in E.164 such as +4915112345678 (got "${from}")`
        : `must be set: its default, the issuer name "${from}", is not a valid sender (up to 11 letters and digits, or an E.164 number)`,
    );
  }
  return { provider: 'vonage', from, apiKey, apiSecret, baseUrl: httpUrl(env, 'VONAGE_API_BASE_URL', VONAGE_DEFAULT_BASE_URL) };
}

function outboxInProduction(variable: string, provider: string): ConfigError {
  const unlessNotOffered = variable === 'SMS_PROVIDER' ? ' (or leave SMS out of TWO_FACTOR_METHODS)' : '';
  return new ConfigError(
    variable,
    `is "outbox" (the default), which writes codes to a file and is refused in production; set it to ${provider}${unlessNotOffered}`,
  );
}

function emailFrom(env: Env): string | undefined {
  const value = nonEmpty(env, 'EMAIL_FROM');
  if (value !== undefined && (value.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(value))) {
    throw new ConfigError('EMAIL_FROM', `must be a plain e-mail address such as no-reply@example.com (got "${value}")`);
  }
  return value;
}

function required(env: Env, name: string, because: string): string {
  const value = nonEmpty(env, name);
  if (!value) throw new ConfigError(name, `is required when ${because}`);
  return value;
}

/** An http(s) URL without a trailing slash: the SDKs append their paths (`/v3/mail/send`, `/sms/json`). */
function httpUrl(env: Env, name: string, fallback: string): string {
  const value = nonEmpty(env, name);
  if (value === undefined) return fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'must be an http:// or https:// URL');
  }
  // The value is not echoed: a URL may carry credentials.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.search || url.hash) {
    throw new ConfigError(name, 'must be an http:// or https:// URL without query or fragment');
  }
  return value.replace(/\/+$/, '');
}
