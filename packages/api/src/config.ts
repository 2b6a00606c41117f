import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { getCountries } from 'libphonenumber-js/max';
import { readDeliveryConfig, type DeliveryConfig } from './delivery/delivery-config';
import { DELIVERY_SETTINGS } from './delivery/delivery-settings';
import { METHOD_IDS, type MethodId } from './modules/two-factor/methods/registry';
import type { WebhookConfig } from './modules/webhooks/webhooks.module';
import { PASSWORD_HASH_COSTS, type PasswordHashCost } from './modules/auth/password';
import { ConfigError } from './shared/config-error';
import { boolean, integer, list, nonEmpty, oneOf, type Env } from './shared/env';

/**
 * Every setting Latchkey reads, validated once at start-up. Nothing else reads `process.env`.
 * A bad value throws a ConfigError that names the variable, and the process stops.
 */

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

export type NodeEnv = 'development' | 'production' | 'test';

export interface Config {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  /** REDIS_URL: where attempt counters and locks are shared; undefined = in this process. */
  redisUrl: string | undefined;
  /** REDIS_KEY_PREFIX: before every key, so several deployments can share one Redis. */
  redisKeyPrefix: string;
  /** Run pending migrations when the server starts (RUN_MIGRATIONS). */
  runMigrations: boolean;
  registrationEnabled: boolean;
  /** Registrations an hour from one IP address (REGISTER_LIMIT_PER_IP); 0: no limit. */
  registerLimitPerIp: number;
  /** The bearer token /metrics asks for (METRICS_TOKEN); unset: open in development, 404 in production. */
  metricsToken: string | undefined;
  /** Where people reach the panel (PUBLIC_URL), without a trailing slash: the links in e-mails start with it. */
  publicUrl: string;
  issuerName: string;
  /** 32 bytes that encrypt 2FA secrets at rest. */
  encryptionKey: Buffer;
  /** Keys of before a rotation: still read, never used to seal (ENCRYPTION_KEY_PREVIOUS). */
  previousEncryptionKeys: Buffer[];
  /** Origins whose pages may call the API from a browser (CORS_ORIGINS); none by default. */
  corsOrigins: string[];
  session: {
    idleTimeoutMs: number;
    absoluteTimeoutMs: number;
    cookieName: string;
    rememberedBrowserCookieName: string;
    /** Recognises a browser at its next sign-in, so a sign-in from a new device can be told to the account. */
    deviceCookieName: string;
    secureCookie: boolean;
  };
  /** Where the built panel lives; served at `/` when the folder exists. */
  webDistDir: string;
  trustProxy: boolean;
  logLevel: string;
  /** Which 2FA methods users may enable, and who must have 2FA on (TWO_FACTOR_METHODS, TWO_FACTOR_REQUIRED). */
  twoFactor: {
    methods: MethodId[];
    requiredFor: 'none' | 'staff' | 'all';
    graceDays: number;
    rememberBrowserDays: number;
    /** ISO 3166 codes of the countries SMS codes may go to; null: any. */
    smsCountries: string[] | null;
    /** `mobile`: SMS codes only to mobile numbers of a country; `any`: to every valid number (SMS_NUMBER_TYPES). */
    smsNumberTypes: SmsNumberTypes;
    /** Security keys and passkeys (WEBAUTHN_RP_ID, WEBAUTHN_ORIGINS). */
    webAuthn: WebAuthnConfig;
  };
  /** How much may be sent in an hour, against bills run up and mailboxes flooded; 0 = no limit. */
  sendLimits: SendLimits;
  /** Mail and SMS providers (delivery/delivery-config.ts). */
  delivery: DeliveryConfig;
  /**
   * Where webhooks may go and how long an attempt may take. Production allows only https:// and
   * public addresses unless WEBHOOK_ALLOW_HTTP / WEBHOOK_ALLOW_PRIVATE say otherwise.
   */
  webhooks: WebhookConfig;
  /**
   * Per-IP limits: failures only, so a busy address (an office, a carrier's NAT) is never stopped
   * by its users' successes. 0 turns a limit off (behind a proxy that limits instead).
   */
  ipLimits: {
    /** Wrong passwords (and unknown e-mails) from one IP in the window (SIGN_IN_FAILURES_PER_IP). */
    signInFailures: number;
    /** Wrong 2FA codes from one IP in the window, whichever users they target (CODE_FAILURES_PER_IP). */
    codeFailures: number;
    windowMs: number;
  };
  /** Where customers reach technical support (SUPPORT_CONTACT): an e-mail address or a web address; null when unset. */
  supportContact: string | null;
  /** Account recovery: how long an approved request waits for a cancellation before 2FA is removed. */
  recovery: {
    /** RECOVERY_WAIT_HOURS, counted from the approval. */
    waitMs: number;
    /** How often the API process completes the requests whose wait is over (RECOVERY_SWEEP_SECONDS). */
    sweepIntervalMs: number;
  };
  /**
   * TEST_CLOCK_FILE: a file holding milliseconds to add to the system clock, read at every tick, so
   * browser tests can move the server's time (days of waiting in a second). Refused in production.
   */
  testClockFile: string | undefined;
  /**
   * PASSWORD_HASH_COST: `standard` (argon2id at OWASP's baseline) everywhere but the test suites,
   * which may ask for `test`, a cheap hash, under NODE_ENV=test only.
   */
  passwordHashCost: PasswordHashCost;
}

export { ConfigError };

/** Where security keys and passkeys are registered and used. */
export interface WebAuthnConfig {
  /** The relying party: the domain keys are bound to (the panel's host or a parent domain of it). */
  rpId: string;
  /** The name the browser's prompt shows. */
  rpName: string;
  /** The exact origins of the pages that may use the keys. */
  origins: string[];
}

/** The Vite dev server's origin, where the panel runs under `pnpm dev`. */
const VITE_DEV_ORIGIN = 'http://localhost:5173';

export const SMS_NUMBER_TYPES = ['mobile', 'any'] as const;
export type SmsNumberTypes = (typeof SMS_NUMBER_TYPES)[number];

export interface SendLimits {
  /** E-mail and SMS codes sent for requests from one IP address (CODES_PER_IP_PER_HOUR). */
  codesPerIpPerHour: number;
  /** SMS codes the whole deployment sends (SMS_CODES_PER_HOUR). */
  smsCodesPerHour: number;
  /** E-mail codes the whole deployment sends (EMAIL_CODES_PER_HOUR). */
  emailCodesPerHour: number;
  /** Security notices to one address; more are dropped and logged (NOTICES_PER_ADDRESS_PER_HOUR). */
  noticesPerAddressPerHour: number;
  /** Set-up and proof codes one user is sent, whatever the destination (SETUP_CODES_PER_USER_PER_HOUR). */
  setupCodesPerUserPerHour: number;
  /** Set-up and proof codes one destination is sent, whoever asks (SETUP_CODES_PER_DESTINATION_PER_HOUR). */
  setupCodesPerDestinationPerHour: number;
  /** Sign-in codes one user is sent, counted apart from set-up codes (SIGN_IN_CODES_PER_USER_PER_HOUR). */
  signInCodesPerUserPerHour: number;
  /** Sign-in codes one destination is sent, whoever signs in (SIGN_IN_CODES_PER_DESTINATION_PER_HOUR). */
  signInCodesPerDestinationPerHour: number;
}

const MINUTE_MS = 60_000;
const DEFAULT_IDLE_TIMEOUT_MINUTES = 30;
const DEFAULT_ABSOLUTE_TIMEOUT_MINUTES = 12 * 60;
/** Days a user whom TWO_FACTOR_REQUIRED concerns may go on without 2FA. */
const DEFAULT_GRACE_DAYS = 14;
/** How long "Remember this browser" lets a browser skip the sign-in code (30 days by default). */
const DEFAULT_REMEMBER_BROWSER_DAYS = 30;
const ENCRYPTION_KEY_BYTES = 32;
const DEV_KEY_FILE = 'encryption.key';
/** Per-IP failures allowed in a window, and the window (minutes). */
const DEFAULT_FAILURES_PER_IP = 100;
const DEFAULT_IP_WINDOW_MINUTES = 15;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/**
 * Hourly budgets. Per IP: a few offices' worth of sign-ins behind one address, far below what an
 * SMS-pumping script would need. Per channel: a ceiling on the SMS bill (raise it for a large user
 * base) and on mail sent in the provider's name. Per notice address: a handful of real events.
 */
const DEFAULT_CODES_PER_IP_PER_HOUR = 30;
const DEFAULT_SMS_CODES_PER_HOUR = 100;
const DEFAULT_EMAIL_CODES_PER_HOUR = 1_000;
const DEFAULT_NOTICES_PER_ADDRESS_PER_HOUR = 10;
const MAX_HOURLY_BUDGET = 1_000_000;
/**
 * Set-up and proof codes per user and per destination: a few tries at a set-up or a change. Never
 * off: nothing in front of the app can count by account or mailbox, and without a cap anyone could
 * flood an address by setting it up again and again.
 */
const DEFAULT_SETUP_CODES = 5;
const MAX_SETUP_CODES = 100;
/**
 * Sign-in codes per user and per destination. Never off either; reaching it still opens the
 * challenge, so a code already received or a recovery code lets the owner in.
 */
const DEFAULT_SIGN_IN_CODES = 5;
const MAX_SIGN_IN_CODES = 100;
/** A few people behind one address may sign up in an hour; a script making accounts may not. */
const DEFAULT_REGISTER_LIMIT_PER_IP = 10;
/** Three days for the account's owner to notice and cancel an approved recovery; at most a month. */
const DEFAULT_RECOVERY_WAIT_HOURS = 72;
const MAX_RECOVERY_WAIT_HOURS = 30 * 24;
/** A minute late at most: the wait is counted in days. */
const DEFAULT_RECOVERY_SWEEP_SECONDS = 60;
const HOUR_MS = 60 * MINUTE_MS;
const MAX_SUPPORT_CONTACT_LENGTH = 200;
/** Long enough that it cannot be guessed over the network. */
const MIN_METRICS_TOKEN_LENGTH = 16;
/** How long one webhook attempt may take: a receiver should answer at once and work afterwards. */
const DEFAULT_WEBHOOK_TIMEOUT_SECONDS = 10;

/**
 * Every variable Latchkey reads. A test holds this list against the readers in config.ts and
 * delivery-config.ts, and against the README, `.env.example` and docker-compose.yml.
 */
export const SETTINGS = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'DATA_DIR',
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'RUN_MIGRATIONS',
  'REGISTRATION_ENABLED',
  'REGISTER_LIMIT_PER_IP',
  'METRICS_TOKEN',
  'PUBLIC_URL',
  'ISSUER_NAME',
  'ENCRYPTION_KEY',
  'ENCRYPTION_KEY_PREVIOUS',
  'CORS_ORIGINS',
  'SESSION_IDLE_MINUTES',
  'SESSION_ABSOLUTE_MINUTES',
  'WEB_DIST_DIR',
  'TRUST_PROXY',
  'LOG_LEVEL',
  'TWO_FACTOR_METHODS',
  'TWO_FACTOR_REQUIRED',
  'TWO_FACTOR_GRACE_DAYS',
  'REMEMBER_BROWSER_DAYS',
  'SMS_COUNTRIES',
  'SMS_NUMBER_TYPES',
  'WEBAUTHN_RP_ID',
  'WEBAUTHN_ORIGINS',
  'CODES_PER_IP_PER_HOUR',
  'SMS_CODES_PER_HOUR',
  'EMAIL_CODES_PER_HOUR',
  'NOTICES_PER_ADDRESS_PER_HOUR',
  'SETUP_CODES_PER_USER_PER_HOUR',
  'SETUP_CODES_PER_DESTINATION_PER_HOUR',
  'SIGN_IN_CODES_PER_USER_PER_HOUR',
  'SIGN_IN_CODES_PER_DESTINATION_PER_HOUR',
  'SIGN_IN_FAILURES_PER_IP',
  'CODE_FAILURES_PER_IP',
  'IP_LIMIT_WINDOW_MINUTES',
  'WEBHOOK_ALLOW_HTTP',
  'WEBHOOK_ALLOW_PRIVATE',
  'WEBHOOK_TIMEOUT_SECONDS',
  'SUPPORT_CONTACT',
  'RECOVERY_WAIT_HOURS',
  'RECOVERY_SWEEP_SECONDS',
  'TEST_CLOCK_FILE',
  'PASSWORD_HASH_COST',
  ...DELIVERY_SETTINGS,
] as const;

export function loadConfig(env: Env = process.env, options: { cwd?: string } = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const dataDir = path.resolve(cwd, nonEmpty(env, 'DATA_DIR') ?? './data');
  const production = nodeEnv === 'production';
  const issuerName = nonEmpty(env, 'ISSUER_NAME') ?? 'HostKey';
  const methods = twoFactorMethods(env);
  const port = integer(env, 'PORT', 4000, 0, 65535);

  return {
    nodeEnv,
    port,
    host: nonEmpty(env, 'HOST') ?? '0.0.0.0',
    dataDir,
    database: parseDatabaseUrl(env.DATABASE_URL, dataDir, cwd),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    redisKeyPrefix: nonEmpty(env, 'REDIS_KEY_PREFIX') ?? 'latchkey:',
    runMigrations: boolean(env, 'RUN_MIGRATIONS', true),
    registrationEnabled: boolean(env, 'REGISTRATION_ENABLED', true),
    registerLimitPerIp: integer(env, 'REGISTER_LIMIT_PER_IP', DEFAULT_REGISTER_LIMIT_PER_IP, 0, 1_000_000),
    metricsToken: metricsToken(env),
    issuerName,
    encryptionKey: encryptionKey(env.ENCRYPTION_KEY, production, dataDir),
    previousEncryptionKeys: list(env, 'ENCRYPTION_KEY_PREVIOUS').map((key) => decodeKey(key, 'ENCRYPTION_KEY_PREVIOUS')),
    corsOrigins: list(env, 'CORS_ORIGINS').map(origin),
    session: {
      idleTimeoutMs: integer(env, 'SESSION_IDLE_MINUTES', DEFAULT_IDLE_TIMEOUT_MINUTES, 1, 24 * 60) * MINUTE_MS,
      absoluteTimeoutMs: integer(env, 'SESSION_ABSOLUTE_MINUTES', DEFAULT_ABSOLUTE_TIMEOUT_MINUTES, 1, 30 * 24 * 60) * MINUTE_MS,
      cookieName: 'latchkey_session',
      rememberedBrowserCookieName: 'latchkey_browser',
      deviceCookieName: 'latchkey_device',
      secureCookie: production,
    },
    webDistDir: path.resolve(cwd, nonEmpty(env, 'WEB_DIST_DIR') ?? path.join(__dirname, '../../web/dist')),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    twoFactor: {
      methods,
      requiredFor: oneOf(env, 'TWO_FACTOR_REQUIRED', ['none', 'staff', 'all'], 'none', { ignoreCase: true }),
      graceDays: integer(env, 'TWO_FACTOR_GRACE_DAYS', DEFAULT_GRACE_DAYS, 0, 365),
      rememberBrowserDays: integer(env, 'REMEMBER_BROWSER_DAYS', DEFAULT_REMEMBER_BROWSER_DAYS, 0, 365),
      smsCountries: smsCountries(env),
      smsNumberTypes: oneOf(env, 'SMS_NUMBER_TYPES', SMS_NUMBER_TYPES, 'mobile', { ignoreCase: true }),
      webAuthn: webAuthnConfig(env, { production, offered: methods.includes('WEBAUTHN'), issuerName, port }),
    },
    sendLimits: {
      codesPerIpPerHour: integer(env, 'CODES_PER_IP_PER_HOUR', DEFAULT_CODES_PER_IP_PER_HOUR, 0, MAX_HOURLY_BUDGET),
      smsCodesPerHour: integer(env, 'SMS_CODES_PER_HOUR', DEFAULT_SMS_CODES_PER_HOUR, 0, MAX_HOURLY_BUDGET),
      emailCodesPerHour: integer(env, 'EMAIL_CODES_PER_HOUR', DEFAULT_EMAIL_CODES_PER_HOUR, 0, MAX_HOURLY_BUDGET),
      noticesPerAddressPerHour: integer(env, 'NOTICES_PER_ADDRESS_PER_HOUR', DEFAULT_NOTICES_PER_ADDRESS_PER_HOUR, 0, MAX_HOURLY_BUDGET),
      setupCodesPerUserPerHour: integer(env, 'SETUP_CODES_PER_USER_PER_HOUR', DEFAULT_SETUP_CODES, 1, MAX_SETUP_CODES),
      setupCodesPerDestinationPerHour: integer(env, 'SETUP_CODES_PER_DESTINATION_PER_HOUR', DEFAULT_SETUP_CODES, 1, MAX_SETUP_CODES),
      signInCodesPerUserPerHour: integer(env, 'SIGN_IN_CODES_PER_USER_PER_HOUR', DEFAULT_SIGN_IN_CODES, 1, MAX_SIGN_IN_CODES),
      signInCodesPerDestinationPerHour: integer(env, 'SIGN_IN_CODES_PER_DESTINATION_PER_HOUR', DEFAULT_SIGN_IN_CODES, 1, MAX_SIGN_IN_CODES),
    },
    delivery: readDeliveryConfig(env, { production, dataDir, issuerName, cwd, smsOffered: methods.includes('SMS') }),
    webhooks: {
      // Outside production a receiver on this machine (http://127.0.0.1:…) is what one tests with.
      allowHttp: boolean(env, 'WEBHOOK_ALLOW_HTTP', !production),
      allowPrivate: boolean(env, 'WEBHOOK_ALLOW_PRIVATE', !production),
      timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_SECONDS', DEFAULT_WEBHOOK_TIMEOUT_SECONDS, 1, 60) * 1_000,
    },
    ipLimits: {
      signInFailures: integer(env, 'SIGN_IN_FAILURES_PER_IP', DEFAULT_FAILURES_PER_IP, 0, 1_000_000),
      codeFailures: integer(env, 'CODE_FAILURES_PER_IP', DEFAULT_FAILURES_PER_IP, 0, 1_000_000),
      windowMs: integer(env, 'IP_LIMIT_WINDOW_MINUTES', DEFAULT_IP_WINDOW_MINUTES, 1, 24 * 60) * MINUTE_MS,
    },
    publicUrl: publicUrl(env, production, port),
    supportContact: supportContact(env),
    recovery: {
      waitMs: integer(env, 'RECOVERY_WAIT_HOURS', DEFAULT_RECOVERY_WAIT_HOURS, 1, MAX_RECOVERY_WAIT_HOURS) * HOUR_MS,
      sweepIntervalMs: integer(env, 'RECOVERY_SWEEP_SECONDS', DEFAULT_RECOVERY_SWEEP_SECONDS, 1, 24 * 60 * 60) * 1000,
    },
    testClockFile: testClockFile(env, production, cwd),
    passwordHashCost: passwordHashCost(env, nodeEnv),
  };
}

/**
 * The way to support the panel shows wherever it says "contact technical support": an e-mail
 * address (shown as a mailto: link) or an http(s) address.
 */
function supportContact(env: Env): string | null {
  const value = nonEmpty(env, 'SUPPORT_CONTACT');
  if (value === undefined) return null;
  const problem = 'must be an e-mail address (support@example.com) or a web address (https://example.com/support)';
  if (value.length > MAX_SUPPORT_CONTACT_LENGTH || /[\s<>"]/.test(value)) throw new ConfigError('SUPPORT_CONTACT', problem);
  if (/^[^@]+@[^@]+\.[^@]+$/.test(value) && !value.includes('/')) return value;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // Neither form: said below.
  }
  throw new ConfigError('SUPPORT_CONTACT', problem);
}

/** A clock a test can move is a way around every waiting period: production never starts with one. */
function passwordHashCost(env: Env, nodeEnv: NodeEnv): PasswordHashCost {
  const cost = oneOf(env, 'PASSWORD_HASH_COST', PASSWORD_HASH_COSTS, 'standard');
  if (cost === 'test' && nodeEnv !== 'test') {
    throw new ConfigError(
      'PASSWORD_HASH_COST',
      'is "test" (a cheap hash) outside NODE_ENV=test: passwords must be hashed at the standard cost',
    );
  }
  return cost;
}

function testClockFile(env: Env, production: boolean, cwd: string): string | undefined {
  const value = nonEmpty(env, 'TEST_CLOCK_FILE');
  if (value === undefined) return undefined;
  if (production) throw new ConfigError('TEST_CLOCK_FILE', 'is for tests only: production refuses to start with a clock that can be moved');
  return path.resolve(cwd, value);
}

export function parseDatabaseUrl(raw: string | undefined, dataDir: string, cwd: string): DatabaseConfig {
  const value = raw?.trim();
  if (!value) return { type: 'sqlite', path: path.join(dataDir, 'latchkey.sqlite') };
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new ConfigError('DATABASE_URL', 'must name a file after "sqlite:" (e.g. sqlite:./data/latchkey.sqlite)');
    return { type: 'sqlite', path: path.resolve(cwd, file) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    if (!url.hostname) throw new ConfigError('DATABASE_URL', 'must name a host (postgres://user@host:5432/database)');
    if (url.pathname.length <= 1) throw new ConfigError('DATABASE_URL', 'must name a database (postgres://user@host:5432/database)');
    return { type: 'postgres', url: value };
  }
  const scheme = value.includes(':') ? `"${value.split(':')[0]}:"` : 'none';
  throw new ConfigError('DATABASE_URL', `has an unsupported scheme (${scheme}); use sqlite:<path> or postgres://…`);
}

/** Errors never echo the value: it is a secret. */
function metricsToken(env: Env): string | undefined {
  const token = nonEmpty(env, 'METRICS_TOKEN');
  if (token !== undefined && token.length < MIN_METRICS_TOKEN_LENGTH) {
    throw new ConfigError('METRICS_TOKEN', `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters (openssl rand -hex 32)`);
  }
  return token;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The panel's address as people reach it. Links in e-mails are built from it, never from a
 * request's Host header (which a caller chooses). Production must name it, over HTTPS unless the
 * host is this machine; elsewhere it defaults to this server's own port on localhost.
 */
function publicUrl(env: Env, production: boolean, port: number): string {
  const raw = nonEmpty(env, 'PUBLIC_URL');
  if (raw === undefined) {
    if (production)
      throw new ConfigError('PUBLIC_URL', 'is required in production: the address of the panel, e.g. https://panel.example.com');
    return `http://localhost:${port}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', `has "${raw}", which is not a URL like https://panel.example.com`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new ConfigError('PUBLIC_URL', `has "${raw}": use http(s)://host[:port][/path], without a query, fragment or credentials`);
  }
  if (production && url.protocol !== 'https:' && !LOCAL_HOSTS.has(url.hostname)) {
    throw new ConfigError('PUBLIC_URL', 'must use https:// in production (links in e-mails carry sign-in tokens)');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function smsCountries(env: Env): string[] | null {
  const chosen = list(env, 'SMS_COUNTRIES').map((c) => c.toUpperCase());
  if (chosen.length === 0) return null;
  const known = new Set<string>(getCountries());
  const unknown = chosen.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new ConfigError('SMS_COUNTRIES', `has ${unknown.map((c) => `"${c}"`).join(', ')}; use ISO 3166 country codes such as GB,DE,US`);
  }
  return [...new Set(chosen)];
}

/** The methods offered, in the registry's order (strongest first); all of them by default. */
function twoFactorMethods(env: Env): MethodId[] {
  const chosen = list(env, 'TWO_FACTOR_METHODS').map((m) => m.toUpperCase());
  if (chosen.length === 0) return [...METHOD_IDS];
  const unknown = chosen.filter((m) => !(METHOD_IDS as readonly string[]).includes(m));
  if (unknown.length > 0) {
    throw new ConfigError('TWO_FACTOR_METHODS', `has ${unknown.map((m) => `"${m}"`).join(', ')}; use a list of ${METHOD_IDS.join(', ')}`);
  }
  return METHOD_IDS.filter((m) => chosen.includes(m));
}

/**
 * A key is bound to a domain (the RP ID) and answers only pages of the listed origins. Outside
 * production both default to this machine (localhost, the API's port and the Vite dev server);
 * production names them, since a wrong guess would lock every key user out.
 */
function webAuthnConfig(env: Env, context: { production: boolean; offered: boolean; issuerName: string; port: number }): WebAuthnConfig {
  const rpId = nonEmpty(env, 'WEBAUTHN_RP_ID')?.toLowerCase();
  const origins = list(env, 'WEBAUTHN_ORIGINS').map((value) => webAuthnOrigin(value));
  if (context.production && context.offered) {
    const missing = !rpId ? 'WEBAUTHN_RP_ID' : origins.length === 0 ? 'WEBAUTHN_ORIGINS' : null;
    if (missing) {
      throw new ConfigError(missing, 'is required in production while WEBAUTHN is offered (or leave WEBAUTHN out of TWO_FACTOR_METHODS)');
    }
  }
  const config = {
    rpId: rpId ?? 'localhost',
    rpName: context.issuerName,
    origins: origins.length > 0 ? origins : [`http://localhost:${context.port}`, VITE_DEV_ORIGIN],
  };
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(config.rpId)) {
    throw new ConfigError('WEBAUTHN_RP_ID', `has "${config.rpId}", which is not a domain like panel.example.com (no scheme, no port)`);
  }
  for (const origin of config.origins) {
    const host = new URL(origin).hostname;
    if (host !== config.rpId && !host.endsWith(`.${config.rpId}`)) {
      throw new ConfigError('WEBAUTHN_ORIGINS', `has ${origin}, whose host is not ${config.rpId} or below it (WEBAUTHN_RP_ID)`);
    }
  }
  return config;
}

/** An origin a key may be used from: https, or http on localhost (browsers allow nothing else). */
function webAuthnOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('WEBAUTHN_ORIGINS', `has "${value}", which is not an origin like https://panel.example.com`);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost');
  if (!secure || url.origin !== value.replace(/\/$/, '')) {
    throw new ConfigError('WEBAUTHN_ORIGINS', `has "${value}", which is not an https origin (or http://localhost:<port>)`);
  }
  return url.origin;
}

/** redis:// or rediss:// (TLS). Errors never echo the value: it may carry a password. */
export function parseRedisUrl(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('REDIS_URL', 'is not a valid URL; use redis://host:6379 or rediss://host:6380 (TLS)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL', `has an unsupported scheme ("${url.protocol}"); use redis:// or rediss:// (TLS)`);
  }
  if (!url.hostname) throw new ConfigError('REDIS_URL', 'must name a host (redis://host:6379)');
  if (url.pathname.length > 1 && !/^\/\d+$/.test(url.pathname)) {
    throw new ConfigError('REDIS_URL', 'may name only a database number after the host (redis://host:6379/0)');
  }
  return value;
}

function encryptionKey(raw: string | undefined, production: boolean, dataDir: string): Buffer {
  if (raw?.trim()) return decodeKey(raw.trim());
  if (production) throw new ConfigError('ENCRYPTION_KEY', `is required in production (${ENCRYPTION_KEY_BYTES} bytes, base64)`);
  // Development: one key generated into DATA_DIR and reused, so secrets survive restarts.
  const file = path.join(dataDir, DEV_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(ENCRYPTION_KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return decodeKey(readFileSync(file, 'utf8').trim(), file);
}

function decodeKey(value: string, source = 'ENCRYPTION_KEY'): Buffer {
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (key.length !== ENCRYPTION_KEY_BYTES) {
    throw new ConfigError(source, `must be ${ENCRYPTION_KEY_BYTES} bytes encoded as base64 (openssl rand -base64 32)`);
  }
  return key;
}

/** An origin as browsers send it: scheme, host and port, nothing else. */
function origin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('CORS_ORIGINS', `has "${value}", which is not an origin like https://panel.example.com`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.origin !== value.replace(/\/$/, '')) {
    throw new ConfigError('CORS_ORIGINS', `has "${value}", which is not an origin like https://panel.example.com`);
  }
  return url.origin;
}
