import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { couldBelongToAnAccount } from '@latchkey/api/src/modules/auth/email-address';
import { PasswordHasher } from '@latchkey/api/src/modules/auth/password';
import { fail, tooManyAttempts } from '@latchkey/api/src/errors/app-error';
import { browserLabel } from '@latchkey/api/src/modules/two-factor/remembered-browsers/browser-label';
import { SecretBox } from '@latchkey/api/src/shared/secret-box';
import { referenceTotp } from '@latchkey/api/test/support/reference-totp';

/** Latchkey's production cost. */
const passwords = new PasswordHasher('standard');

/**
 * What Latchkey does for each timed operation, by hand, on better-sqlite3: the same reads (by the
 * same keys, through the same indexes), the same writes in the same order, the same hashing
 * (SHA-256 of tokens, AES-GCM of the TOTP secret, HMAC-SHA-1 codes, argon2id; the sealing and the
 * password checks by Latchkey's own functions) and the same in-memory limit counters. Both
 * contenders (bare node:http and plain Apollo Server) call this, so they differ from each other
 * only by their HTTP and GraphQL layers, and from Latchkey by its layers.
 *
 * It follows Latchkey's services (auth/session.service.ts, auth/account.service.ts,
 * two-factor/login-challenge.service.ts, two-factor.service.ts, attempt-limiter.ts,
 * totp.method.ts): when they change what they read or write, this changes with them. The bench's
 * test compares the statements both send (captured at the driver) and their answers.
 *
 * Only the paths the bench times are here: 2FA by TOTP, password sign-in without 2FA; other
 * inputs get the error codes Latchkey answers, never a made-up success.
 */

const MINUTE_MS = 60_000;
/** Latchkey's defaults (SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_MINUTES). */
const SESSION_IDLE_MS = 30 * MINUTE_MS;
const SESSION_ABSOLUTE_MS = 12 * 60 * MINUTE_MS;
/** lastSeenAt is written at most this often (session.service.ts). */
const TOUCH_INTERVAL_MS = MINUTE_MS;
const MAX_USER_AGENT_LENGTH = 256;
const MAX_CODES_PER_CHALLENGE = 5;
const TOTP_PERIOD_SECONDS = 30;
const POLICY_MAX_AGE_MS = 5_000;
/** Login limits (login-throttle.ts and the defaults of config.ts). */
const MAX_SIGN_IN_FAILURES_PER_ACCOUNT = 10;
const SIGN_IN_WINDOW_MS = 15 * MINUTE_MS;
const MAX_FAILURES_PER_IP = 100;
const IP_WINDOW_MS = 15 * MINUTE_MS;
const TWO_FACTOR_MEMORY_MS = 24 * 60 * MINUTE_MS;
const LOCKOUT_MS = 15 * MINUTE_MS;
const MAX_2FA_FAILURES_IN_A_ROW = 10;
/** Devices (known-devices.service.ts): unseen this long, a device is new again; its cookie lasts a year. */
const DAY_MS = 24 * 60 * MINUTE_MS;
const DEVICE_FORGOTTEN_AFTER_MS = 30 * DAY_MS;
const DEVICE_COOKIE_MS = 365 * DAY_MS;
/** How long "Not now" hides the invitation to enable 2FA (two-factor.service.ts). */
const PROMPT_SNOOZE_MS = 30 * 24 * 60 * MINUTE_MS;

const CHALLENGE_ID = /^[0-9a-f-]{36}$/i;

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

export interface SignedIn {
  user: { id: string; email: string; role: string; promptDismissedAt: number | null };
  session: { id: string };
}

export interface IssuedDevice {
  cookie: string;
  expiresAt: number;
}

export interface IssuedSession {
  token: string;
  expiresAt: number;
  /** The long-lived cookie that knows the browser at its next sign-in. */
  device: IssuedDevice;
}

/**
 * The answer of `{ twoFactorSettings { … } }`, every field computed as Latchkey computes it; the
 * count of recovery codes, a query of its own, only when asked (GraphQL calls the function).
 */
export interface TwoFactorSettings {
  enabled: boolean;
  method: string | null;
  maskedDestination: string | null;
  activeSince: string | null;
  pending: { method: string; maskedDestination: string | null; expiresAt: string } | null;
  recoveryCodesRemaining: () => number;
  promptToEnable: boolean;
  required: boolean;
  requiredBy: string | null;
  availableMethods: string[];
  smsCountries: string[] | null;
}

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  role: string;
  two_factor_prompt_dismissed_at: number | null;
}

interface SessionRow {
  id: string;
  user_id: string;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
  u_id: string | null;
  u_email: string;
  u_role: string;
  u_prompt: number | null;
}

interface EnrollmentRow {
  id: string;
  method: string;
  state: string;
  expires_at: number | null;
  activated_at: number | null;
}

interface TotpSecretRow {
  secret_ciphertext: string;
  last_step: number | null;
}

interface ChallengeRow {
  id: string;
  user_id: string;
  method: string;
  attempts: number;
  expires_at: number;
  completed_at: number | null;
  u_id: string | null;
}

/** Latchkey's MemoryCounterStore, reduced to what the hot paths call. */
class Counters {
  private readonly windows = new Map<string, { count: number; resetAtMs: number }>();

  peek(key: string, now: number) {
    const state = this.windows.get(key);
    if (state && state.resetAtMs <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return state;
  }

  increment(key: string, windowMs: number, now: number) {
    const current = this.peek(key, now);
    const next = current ? { count: current.count + 1, resetAtMs: current.resetAtMs } : { count: 1, resetAtMs: now + windowMs };
    this.windows.set(key, next);
    return next;
  }

  reset(key: string) {
    this.windows.delete(key);
  }
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const challengeEnded = () => fail('CHALLENGE_ENDED');
const challengeSpent = () => fail('CHALLENGE_SPENT');
const codeAlreadyUsed = () => fail('CODE_ALREADY_USED');

export class HotPaths {
  private readonly db: Database.Database;
  private readonly secrets: SecretBox;
  private readonly counters = new Counters();
  private readonly sql;
  /** The stored 2FA policy, read again once older than Latchkey's 5 s (administration/stored-policy.ts). */
  private policyReadAt = -Infinity;

  constructor(databasePath: string, encryptionKey: Buffer) {
    // Opened as TypeORM opens Latchkey's: a 5 s busy timeout, foreign keys on, WAL.
    this.db = new Database(databasePath, { timeout: 5000 });
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('journal_mode = WAL');
    this.secrets = new SecretBox(encryptionKey);
    const prepare = (sql: string) => this.db.prepare(sql);
    this.sql = {
      sessionByTokenHash: prepare(
        `SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, s.revoked_at,
                u.id AS u_id, u.email AS u_email, u.role AS u_role, u.two_factor_prompt_dismissed_at AS u_prompt
         FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
      ),
      touchSession: prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?'),
      enrollmentsOf: prepare('SELECT id, method, state, expires_at, activated_at FROM two_factor_enrollments WHERE user_id = ?'),
      activeEnrollment: prepare(
        "SELECT id, method, state, expires_at, activated_at FROM two_factor_enrollments WHERE user_id = ? AND state = 'ACTIVE' LIMIT 1",
      ),
      totpSecretOf: prepare('SELECT secret_ciphertext, last_step FROM totp_secrets WHERE enrollment_id = ? LIMIT 1'),
      recoveryCodesLeft: prepare('SELECT COUNT(1) AS left FROM recovery_codes WHERE user_id = ? AND used_at IS NULL'),
      challengeById: prepare(
        `SELECT c.id, c.user_id, c.method, c.attempts, c.expires_at, c.completed_at, u.id AS u_id
         FROM login_challenges c LEFT JOIN users u ON u.id = c.user_id WHERE c.id = ?`,
      ),
      countAttempt: prepare('UPDATE login_challenges SET attempts = attempts + 1 WHERE id = ? AND completed_at IS NULL AND attempts < ?'),
      acceptTotpStep: prepare('UPDATE totp_secrets SET last_step = ? WHERE enrollment_id = ? AND (last_step IS NULL OR last_step < ?)'),
      spendChallenge: prepare('UPDATE login_challenges SET completed_at = ? WHERE id = ? AND completed_at IS NULL'),
      insertSession: prepare(
        `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, revoked_at, ip, user_agent, second_factor, second_factor_method)
         VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
      ),
      insertEvent: prepare(
        `INSERT INTO security_events (id, user_id, type, method, ip, actor_user_id, detail, count, created_at)
         VALUES (?, ?, ?, ?, ?, NULL, NULL, 1, ?)`,
      ),
      userByEmail: prepare('SELECT id, email, password_hash, role, two_factor_prompt_dismissed_at FROM users WHERE email = ? LIMIT 1'),
      policyRow: prepare(
        'SELECT id, version, required_for, grace_days, offered_methods, remember_browser_days, sms_countries FROM two_factor_policy WHERE id = ? LIMIT 1',
      ),
      openRecoveryOf: prepare(
        'SELECT id, user_id, status, open_user_id, effective_at FROM account_recovery_requests WHERE open_user_id = ? LIMIT 1',
      ),
      anyKnownDevice: prepare('SELECT 1 FROM known_devices WHERE user_id = ? LIMIT 1'),
      reviveStaleDevice: prepare(
        'UPDATE known_devices SET last_seen_at = ?, label = ?, ip = ? WHERE user_id = ? AND device_hash = ? AND last_seen_at <= ?',
      ),
      seeDevice: prepare('UPDATE known_devices SET last_seen_at = ?, label = ?, ip = ? WHERE user_id = ? AND device_hash = ?'),
      insertDevice: prepare(
        'INSERT INTO known_devices (id, user_id, device_hash, label, ip, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  close(): void {
    this.db.close();
  }

  /** The caller of a bearer token, or null for a dead one (unknown, revoked, idle too long, past its end). */
  lookupSession(token: string): SignedIn | null {
    const row = this.sql.sessionByTokenHash.get(sha256Hex(token)) as SessionRow | undefined;
    const now = Date.now();
    if (!row?.u_id || row.revoked_at !== null || now >= row.expires_at || now >= row.last_seen_at + SESSION_IDLE_MS) return null;
    if (now - row.last_seen_at >= TOUCH_INTERVAL_MS) this.sql.touchSession.run(now, row.id);
    return { user: { id: row.u_id, email: row.u_email, role: row.u_role, promptDismissedAt: row.u_prompt }, session: { id: row.id } };
  }

  twoFactorSettings(signedIn: SignedIn): TwoFactorSettings {
    const now = Date.now();
    const rows = this.sql.enrollmentsOf.all(signedIn.user.id) as EnrollmentRow[];
    const active = rows.find((r) => r.state === 'ACTIVE') ?? null;
    const pending = rows.find((r) => r.state === 'PENDING' && r.expires_at !== null && r.expires_at > now);
    // TWO_FACTOR_REQUIRED is `none` by default: nobody is required, no deadline to look up.
    return {
      enabled: active !== null,
      method: active?.method ?? null,
      maskedDestination: null,
      activeSince: active?.activated_at ? new Date(active.activated_at).toISOString() : null,
      pending: pending ? { method: pending.method, maskedDestination: null, expiresAt: new Date(pending.expires_at!).toISOString() } : null,
      recoveryCodesRemaining: () => (active ? (this.sql.recoveryCodesLeft.get(signedIn.user.id) as { left: number }).left : 0),
      promptToEnable:
        active === null && !(signedIn.user.promptDismissedAt !== null && now - signedIn.user.promptDismissedAt < PROMPT_SNOOZE_MS),
      required: false,
      requiredBy: null,
      // Every method, in the registry's order (TWO_FACTOR_METHODS unset).
      availableMethods: ['TOTP', 'WEBAUTHN', 'EMAIL', 'SMS'],
      smsCountries: null,
    };
  }

  /** The second step of a sign-in with a TOTP code: a session, the challenge spent, the code's step used. */
  verifyLoginChallenge(challengeId: string, code: string, client: Client): IssuedSession {
    const challenge = CHALLENGE_ID.test(challengeId) ? (this.sql.challengeById.get(challengeId) as ChallengeRow | undefined) : undefined;
    const now = Date.now();
    if (!challenge || challenge.completed_at !== null || !challenge.u_id) throw challengeEnded();
    if (challenge.expires_at <= now) throw fail('CHALLENGE_EXPIRED');
    if (challenge.attempts >= MAX_CODES_PER_CHALLENGE) throw challengeSpent();
    const active = this.sql.activeEnrollment.get(challenge.user_id) as EnrollmentRow | undefined;
    if (!active || active.method !== challenge.method || active.method !== 'TOTP') throw challengeEnded();

    const ip = client.ip ?? 'unknown';
    this.admitCheck(challenge.user_id, ip, now);
    if (this.sql.countAttempt.run(challenge.id, MAX_CODES_PER_CHALLENGE).changes !== 1) throw challengeSpent();
    const totp = this.sql.totpSecretOf.get(active.id) as TotpSecretRow;
    const step = this.matchingTotpStep(this.secrets.decrypt(totp.secret_ciphertext), code.trim(), now, totp.last_step);
    if (step === 'used' || step === null) {
      this.sql.insertEvent.run(randomUUID(), challenge.user_id, 'CHALLENGE_FAILED', 'TOTP', client.ip, Date.now());
      this.counters.increment(`2fa:ip:${ip}`, IP_WINDOW_MS, now);
      this.counters.peek(`2fa:failures:${challenge.user_id}`, now);
      throw step === 'used' ? codeAlreadyUsed() : fail('INVALID_CODE');
    }
    if (this.sql.acceptTotpStep.run(step, active.id, step).changes !== 1) throw codeAlreadyUsed();
    this.counters.reset(`2fa:failures:${challenge.user_id}`);

    if (this.sql.spendChallenge.run(Date.now(), challenge.id).changes !== 1) throw challengeEnded();
    const issued = this.issueSession(challenge.user_id, client, { kind: 'challenge', method: 'TOTP' });
    this.sql.insertEvent.run(randomUUID(), challenge.user_id, 'CHALLENGE_PASSED', 'TOTP', client.ip, Date.now());
    return { ...issued, device: this.deviceSignedIn(challenge.user_id, client) };
  }

  /** A password sign-in of an account without 2FA: a session. */
  async login(rawEmail: string, password: string, client: Client): Promise<IssuedSession> {
    const email = rawEmail.trim().toLowerCase();
    const ip = client.ip ?? 'unknown';
    const now = Date.now();
    const byIp = this.counters.peek(`login:ip:${ip}`, now);
    if (byIp && byIp.count >= MAX_FAILURES_PER_IP) throw tooManyAttempts('IP_LIMIT', IP_WINDOW_MS);
    const accountKey = `login:account:${sha256Hex(email)}`;
    if (this.counters.increment(accountKey, SIGN_IN_WINDOW_MS, now).count > MAX_SIGN_IN_FAILURES_PER_ACCOUNT) {
      throw tooManyAttempts('SIGN_IN_LOCKED', SIGN_IN_WINDOW_MS);
    }
    const user = couldBelongToAnAccount(email) ? (this.sql.userByEmail.get(email) as UserRow | undefined) : undefined;
    // Latchkey's own argon2 calls: an unknown account costs one verification too.
    const matches = user ? await passwords.verify(user.password_hash, password) : await passwords.verifyAgainstDecoy(password);
    if (!user || !matches) {
      this.counters.increment(`login:ip:${ip}`, IP_WINDOW_MS, Date.now());
      throw fail('INVALID_CREDENTIALS');
    }
    this.counters.reset(accountKey);
    this.readPolicyIfStale();
    // An approved account recovery whose wait is over takes effect at the sign-in (account-recovery.service.ts).
    if (this.sql.openRecoveryOf.get(user.id)) {
      throw new Error('The contenders sign in only accounts without an open recovery request (the bench times no other).');
    }
    if (this.sql.activeEnrollment.get(user.id)) {
      throw new Error('The contenders sign in only accounts without 2FA (the bench times no other).');
    }
    const issued = this.issueSession(user.id, client, { kind: 'none', method: null });
    return { ...issued, device: this.deviceSignedIn(user.id, client) };
  }

  /** Latchkey's flows ask the policy whom 2FA is required of; they keep it 5 seconds. */
  private readPolicyIfStale(): void {
    const now = Date.now();
    if (now - this.policyReadAt < POLICY_MAX_AGE_MS) return;
    this.sql.policyRow.get(1);
    this.policyReadAt = now;
  }

  /** The attempt limiter's admission of a code check (attempt-limiter.ts), with Latchkey's default limits. */
  private admitCheck(userId: string, ip: string, now: number): void {
    const lock = this.counters.peek(`2fa:lock:${userId}`, now);
    const byIp = this.counters.peek(`2fa:ip:${ip}`, now);
    if (lock) throw tooManyAttempts('LOCKED', LOCKOUT_MS);
    if (byIp && byIp.count >= MAX_FAILURES_PER_IP) throw tooManyAttempts('IP_LIMIT', IP_WINDOW_MS);
    if (this.counters.increment(`2fa:failures:${userId}`, TWO_FACTOR_MEMORY_MS, now).count > MAX_2FA_FAILURES_IN_A_ROW) {
      throw tooManyAttempts('LOCKED', LOCKOUT_MS);
    }
    if (this.counters.peek(`2fa:lock:${userId}`, now)) throw tooManyAttempts('LOCKED', LOCKOUT_MS);
  }

  /**
   * The step a code belongs to, among the current one and one either side, later than the last
   * accepted step; 'used' when it matches only a step already accepted; null when it matches none.
   */
  private matchingTotpStep(secret: string, code: string, now: number, lastAcceptedStep: number | null): number | 'used' | null {
    if (!/^\d{6}$/.test(code)) return null;
    const current = Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
    let replayed = false;
    for (const step of [current - 1, current, current + 1]) {
      if (referenceTotp(secret, step * TOTP_PERIOD_SECONDS) !== code) continue;
      if (lastAcceptedStep === null || step > lastAcceptedStep) return step;
      replayed = true;
    }
    return replayed ? 'used' : null;
  }

  /**
   * The device of a sign-in, as known-devices.service.ts records it for a client without a device
   * cookie (the load generator sends none): known by the cookie its user agent and address make with
   * the server's key, which it is handed. A device new to an account that had others would be
   * e-mailed; the bench's accounts sign in once each, so no notice is due.
   */
  private deviceSignedIn(userId: string, client: Client): IssuedDevice {
    const now = Date.now();
    const label = browserLabel(client.userAgent);
    this.sql.anyKnownDevice.get(userId);
    const cookie = this.secrets.deviceToken(`client:${client.userAgent ?? ''}|${client.ip ?? ''}`);
    const identity = sha256Hex(cookie);
    const revived = this.sql.reviveStaleDevice.run(now, label, client.ip, userId, identity, now - DEVICE_FORGOTTEN_AFTER_MS).changes === 1;
    if (!revived && this.sql.seeDevice.run(now, label, client.ip, userId, identity).changes === 0) {
      this.sql.insertDevice.run(randomUUID(), userId, identity, label, client.ip, now, now);
    }
    return { cookie, expiresAt: now + DEVICE_COOKIE_MS };
  }

  private issueSession(userId: string, client: Client, passage: { kind: string; method: string | null }): Omit<IssuedSession, 'device'> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const expiresAt = now + SESSION_ABSOLUTE_MS;
    this.sql.insertSession.run(
      randomUUID(),
      sha256Hex(token),
      userId,
      now,
      now,
      expiresAt,
      client.ip,
      client.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
      passage.kind,
      passage.method,
    );
    return { token, expiresAt };
  }
}
