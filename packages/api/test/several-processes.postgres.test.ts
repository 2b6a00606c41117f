import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { readOutbox } from '../src/delivery/outbox/outbox';
import { TWO_FACTOR_LIMITS } from '../src/modules/two-factor/attempt-limiter';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { errorCode, type GraphQLResponse } from './support/graphql-client';
import { OPS, PASSWORD, followEmailLink, uniqueEmail } from './support/flows';
import { createScratchPostgres, type ScratchDatabase } from './support/postgres';
import { referenceTotp } from './support/reference-totp';
import { TEST_REDIS_URL, deleteKeysUnder, inspector, uniqueKeyPrefix } from './support/redis-test-support';

const nowSeconds = () => Math.floor(Date.now() / 1000);

const RESET = `mutation Reset($userId: ID!, $reason: String!, $code: String!) { resetTwoFactor(userId: $userId, reason: $reason, code: $code) { message } }`;
const RESET_REASON = 'Customer lost the phone; identity checked by callback to the number on file.';

/**
 * The processes keep real time. Enrollment used the current step's code, so the next step's code
 * (accepted: one step either side) is one neither process has seen: no waiting for the clock.
 */
const nextStepCode = (secret: string) => referenceTotp(secret, nowSeconds() + 30);

describe('ASVS V11.1.6 (5.0 V2.3.3, V2.3.4): two API processes on one PostgreSQL and one Redis', () => {
  let postgres: ScratchDatabase;
  let a: ApiProcess;
  let b: ApiProcess;
  const keyPrefix = uniqueKeyPrefix('processes');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-processes-'));

  beforeAll(async () => {
    postgres = await createScratchPostgres('processes');
    const shared = {
      DATABASE_URL: postgres.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: keyPrefix,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DATA_DIR: dataDir,
    };
    // Both start at once, both with migrations on: they take turns on an advisory lock.
    [a, b] = await Promise.all([startApiProcess(shared), startApiProcess(shared)]);
  });
  afterAll(async () => {
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
    await postgres.drop();
    const redis = inspector();
    await deleteKeysUnder(redis, keyPrefix);
    redis.disconnect();
  });

  async function userWithTotp(label: string) {
    const email = uniqueEmail(label);
    const token = (await a.client.request(OPS.REGISTER, { email, password: PASSWORD })).data!.register.token as string;
    // Verified, so that the account's notices go out (the lockout's is counted below).
    await followEmailLink(b.client, path.join(dataDir, 'outbox.jsonl'), email);
    const setup = await a.client.withToken(token).request(OPS.ENABLE, { input: { method: 'TOTP' } });
    const secret = setup.data!.enableTwoFactor.secret as string;
    // Verified on the other process: the pending set-up lives in the database.
    const verified = await b.client.withToken(token).request(OPS.VERIFY, { code: referenceTotp(secret, nowSeconds()) });
    expect(verified.data!.verifyTwoFactor.settings.method).toBe('TOTP');
    return { email, token, secret, recoveryCodes: verified.data!.verifyTwoFactor.recoveryCodes as string[] };
  }

  /** A direct connection to the processes' database, for what only an operator does (a role) and for counting rows. */
  async function withDatabase<T>(work: (db: Client) => Promise<T>): Promise<T> {
    const db = new Client({ connectionString: postgres.url });
    await db.connect();
    try {
      return await work(db);
    } finally {
      await db.end();
    }
  }

  const idOf = async (email: string) =>
    (await withDatabase((db) => db.query('SELECT id FROM users WHERE email = $1', [email]))).rows[0].id as string;

  /** Support staff, as an operator makes them (`latchkey create-user --role SUPPORT` writes the same role). */
  async function makeSupport<U extends { email: string }>(user: U): Promise<U> {
    await withDatabase((db) => db.query(`UPDATE users SET role = 'SUPPORT' WHERE email = $1`, [user.email]));
    return user;
  }

  const challenge = async (api: ApiProcess, email: string) =>
    (await api.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.challengeId as string;

  it('serves one session on either process', async () => {
    const email = uniqueEmail('either');
    const token = (await a.client.request(OPS.REGISTER, { email, password: PASSWORD })).data!.register.token;
    expect((await b.client.withToken(token).request(OPS.ME)).data!.me.email).toBe(email);
    await b.client.withToken(token).request(OPS.LOGOUT);
    expect(errorCode(await a.client.withToken(token).request(OPS.ME))).toBe('UNAUTHENTICATED');
  });

  it('gives one session for one TOTP code sent to both at once', async () => {
    const user = await userWithTotp('race');
    const [onA, onB] = await Promise.all([challenge(a, user.email), challenge(b, user.email)]);
    const code = nextStepCode(user.secret);
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => a.client.request(OPS.CHALLENGE, { challengeId: onA, code })),
      ...Array.from({ length: 5 }, () => b.client.request(OPS.CHALLENGE, { challengeId: onB, code })),
    ]);
    expect(results.filter((r) => r.data?.verifyLoginChallenge?.token)).toHaveLength(1);
  });

  it('activates a set-up once when its code is verified on both at once', async () => {
    const email = uniqueEmail('verify-race');
    const token = (await a.client.request(OPS.REGISTER, { email, password: PASSWORD })).data!.register.token as string;
    // Verified, so that the account's notices go out (the lockout's is counted below).
    await followEmailLink(b.client, path.join(dataDir, 'outbox.jsonl'), email);
    const setup = await a.client.withToken(token).request(OPS.ENABLE, { input: { method: 'TOTP' } });
    const code = referenceTotp(setup.data!.enableTwoFactor.secret as string, nowSeconds());
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).client.withToken(token).request(OPS.VERIFY, { code })),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.data!.verifyTwoFactor.recoveryCodes).toHaveLength(10);
    for (const loser of results.filter((r) => r.errors)) {
      expect(['CODE_ALREADY_USED', 'NOTHING_PENDING']).toContain(loser.errors![0]!.extensions!.reason);
    }
    // 2FA stayed on: the password alone gives a challenge, on either process.
    for (const api of [a, b]) {
      expect((await api.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.__typename).toBe('TwoFactorChallenge');
    }
  });

  it('stores and shows one set of new recovery codes when both are asked at once', async () => {
    const user = await userWithTotp('regenerate-race');
    const results = await Promise.all(
      user.recoveryCodes.slice(0, 4).map((code, i) => (i % 2 === 0 ? a : b).client.withToken(user.token).request(OPS.REGENERATE, { code })),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => r.errors)) {
      // A loser that read its code before the winner replaced the set finds it spent; one that read
      // it after finds no such code at all. Either way it is refused and changes nothing.
      expect(loser.errors![0]!.extensions!.code).toBe('INVALID_CODE');
      expect(['CODE_ALREADY_USED', 'INVALID_CODE']).toContain(loser.errors![0]!.extensions!.reason);
    }
    // The codes shown are the ones stored: one opens a sign-in on either process.
    const shown = winners[0]!.data!.regenerateRecoveryCodes.recoveryCodes as string[];
    expect(winners[0]!.data!.regenerateRecoveryCodes.settings.recoveryCodesRemaining).toBe(10);
    const signedIn = await b.client.request(OPS.CHALLENGE, { challengeId: await challenge(a, user.email), code: shown[0] });
    expect(signedIn.data!.verifyLoginChallenge.token).toEqual(expect.any(String));
  });

  it('resets an account once when two staff members reset it on both at once', async () => {
    const customer = await userWithTotp('reset-race');
    const userId = await idOf(customer.email);
    const staff = await Promise.all(['staff-a', 'staff-b'].map(async (label) => makeSupport(await userWithTotp(label))));
    // Two requests from each staff member, with distinct proofs (recovery codes), spread over both processes.
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) => {
        const member = staff[i % 2]!;
        return (i < 2 ? a : b).client
          .withToken(member.token)
          .request(RESET, { userId, reason: RESET_REASON, code: member.recoveryCodes[i] });
      }),
    );
    expect(results.filter((r) => r.data?.resetTwoFactor)).toHaveLength(1);
    for (const loser of results.filter((r) => r.errors)) {
      expect(loser.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTHING_TO_RESET' });
    }
    // Reset once: one entry in the account's log, one e-mail.
    const entries = await withDatabase((db) =>
      db.query(`SELECT count(*)::int AS n FROM security_events WHERE user_id = $1 AND type = 'TWO_FACTOR_RESET'`, [userId]),
    );
    expect(entries.rows[0].n).toBe(1);
    const notices = (await readOutbox(path.join(dataDir, 'outbox.jsonl'))).filter(
      (m) => m.to === customer.email && m.subject === 'HOSTKEY: two-factor authentication reset by support',
    );
    expect(notices).toHaveLength(1);
  });

  it('sends at most 5 codes an hour to one address when accounts on both ask at once', async () => {
    const address = uniqueEmail('shared-box');
    const tokens: string[] = [];
    for (let i = 0; i < 12; i++) {
      tokens.push((await a.client.request(OPS.REGISTER, { email: uniqueEmail('box-racer'), password: PASSWORD })).data!.register.token);
    }
    const answers = await Promise.all(
      tokens.map((token, i) =>
        (i % 2 === 0 ? a : b).client.withToken(token).request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } }),
      ),
    );
    expect(answers.filter((r) => !r.errors)).toHaveLength(5);
    for (const refused of answers.filter((r) => r.errors)) {
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'HOURLY_CAP' });
    }
    const outbox = await readOutbox(path.join(dataDir, 'outbox.jsonl'));
    expect(outbox.filter((r) => r.to === address)).toHaveLength(5);
  });

  it('locks the user on both when failures are spread over both', async () => {
    const user = await userWithTotp('spread');
    for (let i = 0; i < TWO_FACTOR_LIMITS.maxFailuresInARow; i++) {
      const api = i % 2 === 0 ? a : b;
      await api.client.request(OPS.CHALLENGE, { challengeId: await challenge(api, user.email), code: `30303${i}` });
    }
    for (const api of [a, b]) {
      const res = await api.client.request(OPS.CHALLENGE, {
        challengeId: await challenge(api, user.email),
        code: nextStepCode(user.secret),
      });
      expect(errorCode(res)).toBe('TOO_MANY_ATTEMPTS');
      expect(res.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(14 * 60);
    }
  });

  it('starts one lockout for a burst of wrong codes spread over both: one event, one notice', async () => {
    const user = await userWithTotp('burst');
    const challenges = await Promise.all(Array.from({ length: 6 }, (_, i) => challenge(i % 2 === 0 ? a : b, user.email)));
    const wrong = nextStepCode(user.secret) === '000000' ? '111111' : '000000';
    const burst = await Promise.all(
      challenges.flatMap((challengeId, i) =>
        Array.from({ length: 5 }, () => (i % 2 === 0 ? a : b).client.request(OPS.CHALLENGE, { challengeId, code: wrong })),
      ),
    );
    expect(burst.filter((r) => r.errors?.[0]?.extensions?.reason === 'LOCKED').length).toBeGreaterThan(0);
    // A first lockout: 15 minutes (a little more for a request whose clock was read before the lock began), not doubled.
    for (const locked of burst.filter((r) => r.errors?.[0]?.extensions?.reason === 'LOCKED')) {
      expect(locked.errors![0]!.extensions!.retryAfterSeconds).toBeLessThan(16 * 60);
    }
    const events = (await b.client.withToken(user.token).request(OPS.EVENTS, { first: 200 })).data!.securityEvents;
    expect(events.filter((e: { type: string }) => e.type === 'LOCKOUT_STARTED')).toHaveLength(1);
    const notices = (await readOutbox(path.join(dataDir, 'outbox.jsonl'))).filter(
      (m) => m.to === user.email && m.subject === 'HOSTKEY: two-factor checks locked',
    );
    expect(notices).toHaveLength(1);
  });
});

describe('800-63B 5.2.2 (5.0 V6.3.1): per-IP failure limits shared by two API processes', () => {
  const FAILURES_PER_IP = 5;
  let postgres: ScratchDatabase;
  let a: ApiProcess;
  let b: ApiProcess;
  const keyPrefix = uniqueKeyPrefix('ip-limits');

  beforeAll(async () => {
    postgres = await createScratchPostgres('ip_limits');
    const shared = {
      DATABASE_URL: postgres.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: keyPrefix,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'latchkey-ip-limits-')),
      SIGN_IN_FAILURES_PER_IP: String(FAILURES_PER_IP),
      CODE_FAILURES_PER_IP: String(FAILURES_PER_IP),
      TRUST_PROXY: 'true',
    };
    [a, b] = await Promise.all([startApiProcess(shared), startApiProcess(shared)]);
  });
  afterAll(async () => {
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
    await postgres.drop();
    const redis = inspector();
    await deleteKeysUnder(redis, keyPrefix);
    redis.disconnect();
  });

  /** Each test speaks from an address of its own (the processes trust X-Forwarded-For here). */
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const outcome = (r: GraphQLResponse) => `${errorCode(r)}/${r.errors?.[0]?.extensions?.reason ?? ''}`;

  it('checks no more wrong passwords sent at once to both than the address may fail', async () => {
    const burst = await Promise.all(
      Array.from({ length: 3 * FAILURES_PER_IP }, (_, i) =>
        (i % 2 === 0 ? a : b).client.request(OPS.LOGIN, { email: uniqueEmail('nobody'), password: 'wrong password' }, from('198.51.100.1')),
      ),
    );
    const outcomes = burst.map(outcome);
    expect(outcomes.filter((o) => o === 'UNAUTHENTICATED/INVALID_CREDENTIALS')).toHaveLength(FAILURES_PER_IP);
    expect(outcomes.filter((o) => o === 'TOO_MANY_ATTEMPTS/IP_LIMIT')).toHaveLength(2 * FAILURES_PER_IP);
  });

  it('checks no more wrong codes sent at once to both than the address may fail', async () => {
    const ip = from('198.51.100.2');
    /** A code that is none of the steps the processes accept now. */
    const wrongFor = (secret: string) =>
      ['000000', '111111', '222222', '333333'].find((c) => ![-30, 0, 30].some((s) => referenceTotp(secret, nowSeconds() + s) === c))!;
    const guesses: Array<[ApiProcess, string, string]> = [];
    for (let user = 0; user < 3; user++) {
      const email = uniqueEmail('ip-racer');
      const token = (await b.client.request(OPS.REGISTER, { email, password: PASSWORD })).data!.register.token as string;
      const setup = await a.client.withToken(token).request(OPS.ENABLE, { input: { method: 'TOTP' } });
      const secret = setup.data!.enableTwoFactor.secret as string;
      await a.client.withToken(token).request(OPS.VERIFY, { code: referenceTotp(secret, nowSeconds()) });
      for (const api of [a, b]) {
        const challengeId = (await api.client.request(OPS.LOGIN, { email, password: PASSWORD }, ip)).data!.login.challengeId as string;
        guesses.push([a, challengeId, wrongFor(secret)], [b, challengeId, wrongFor(secret)]);
      }
    }
    const burst = await Promise.all(
      guesses.map(([api, challengeId, code]) => api.client.request(OPS.CHALLENGE, { challengeId, code }, ip)),
    );
    const outcomes = burst.map(outcome);
    expect(outcomes.filter((o) => o === 'INVALID_CODE/INVALID_CODE')).toHaveLength(FAILURES_PER_IP);
    expect(outcomes.filter((o) => o === 'TOO_MANY_ATTEMPTS/IP_LIMIT')).toHaveLength(guesses.length - FAILURES_PER_IP);
  });
});
