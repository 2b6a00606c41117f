import { readOutbox } from '../../src/delivery/outbox/outbox';
import { UserEntity } from '../../src/modules/auth/entities/user.entity';
import { EnrollmentState, TwoFactorEnrollmentEntity } from '../../src/modules/two-factor/entities/two-factor-enrollment.entity';
import { errorCode, type GraphQLResponse } from '../support/graphql-client';
import { PrivateRedisServer } from '../support/private-redis-server';
import { TEST_REDIS_URL, deleteKeysUnder, inspector, uniqueKeyPrefix } from '../support/redis-test-support';
import { OPS, PASSWORD, enableTotp, nextTotpStep, registerUser, totpNow, uniqueEmail, type SignedInUser } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RACERS = 20;

/** Every message the outbox holds for `to`, however it was written (the outbox keeps the address as sent). */
async function sentTo(t: TestApp, to: string): Promise<number> {
  return (await readOutbox(t.config.delivery.outboxPath)).filter((r) => r.to.toLowerCase() === to.toLowerCase()).length;
}

/** The error's code and reason, or 'ok': what a racing request ended with. Never a 500. */
function outcomeOf(answer: GraphQLResponse): string {
  expect(answer.status).toBe(200);
  if (!answer.errors) return 'ok';
  const { code, reason } = answer.errors[0]!.extensions!;
  return `${code}/${reason}`;
}

const countOf = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((n, o) => ({ ...n, [o]: (n[o] ?? 0) + 1 }), {});

async function registerMany(t: TestApp, count: number, label: string): Promise<SignedInUser[]> {
  const users: SignedInUser[] = [];
  for (let i = 0; i < count; i++) users.push(await registerUser(t, label));
  return users;
}

/** A user with e-mail 2FA on, and their recovery codes. The set-up's code is the first of the set-up budget. */
async function userWithEmail(t: TestApp, label: string, address = uniqueEmail(`${label}-box`)) {
  const user = await registerUser(t, label);
  await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
  const verified = await user.client.request(OPS.VERIFY, { code: (await t.lastMessageTo(address)).code });
  expect(verified.errors).toBeUndefined();
  return { ...user, address, recoveryCodes: verified.data!.verifyTwoFactor.recoveryCodes as string[] };
}

describe('WSTG-BUSL-05, ASVS V11.1.4 (5.0 V2.4.1): code sends, counted atomically per user and per destination', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The per-IP and server-wide budgets are shown in their own suite below: off here, as all
    // these requests come from one address.
    t = await startTestApp({ CODES_PER_IP_PER_HOUR: '0', EMAIL_CODES_PER_HOUR: '0', SMS_CODES_PER_HOUR: '0' });
  });
  afterAll(() => t.close());

  it('20 accounts enabling e-mail 2FA to one address at once send exactly the cap of 5 codes', async () => {
    const users = await registerMany(t, RACERS, 'same-box');
    const address = uniqueEmail('shared-box');
    const answers = await Promise.all(users.map((u) => u.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } })));

    expect(countOf(answers.map(outcomeOf))).toEqual({ ok: 5, 'TOO_MANY_ATTEMPTS/HOURLY_CAP': RACERS - 5 });
    expect(await sentTo(t, address)).toBe(5);
    for (const refused of answers.filter((a) => a.errors)) expect(refused.errors![0]!.extensions!.retryAfterSeconds).toBe(60 * 60);
  });

  it('20 parallel enableTwoFactor of one account send exactly one code; the others wait (RESEND_WAIT), never a 500', async () => {
    const user = await registerUser(t, 'double-click');
    const address = uniqueEmail('double-click-box');
    const answers = await Promise.all(
      Array.from({ length: RACERS }, () => user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } })),
    );

    expect(countOf(answers.map(outcomeOf))).toEqual({ ok: 1, 'TOO_MANY_ATTEMPTS/RESEND_WAIT': RACERS - 1 });
    expect(await sentTo(t, address)).toBe(1);
    // The one code sent is the one the one set-up accepts.
    const verified = await user.client.request(OPS.VERIFY, { code: (await t.lastMessageTo(address)).code });
    expect(verified.data!.verifyTwoFactor.settings.method).toBe('EMAIL');
  });

  it('parallel set-ups of one account to different places: one set-up stands, the others are refused cleanly', async () => {
    const user = await registerUser(t, 'many-tabs');
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => user.client.request(OPS.ENABLE, { input: { method: 'TOTP' } })),
      ...Array.from({ length: 5 }, () => user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: uniqueEmail('tab') } })),
    ]);
    const outcomes = answers.map(outcomeOf);
    expect(outcomes).toContain('ok');
    // A code set-up waits for the one sent; a TOTP set-up that lost the race to another is told so.
    const refusals = new Set(outcomes.filter((o) => o !== 'ok'));
    expect([...refusals].every((o) => o === 'TOO_MANY_ATTEMPTS/RESEND_WAIT' || o === 'TOO_MANY_ATTEMPTS/SETUP_RACE')).toBe(true);

    const { id: userId } = await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ email: user.email });
    const pending = await t.app.dataSource.getRepository(TwoFactorEnrollmentEntity).findBy({ userId, state: EnrollmentState.PENDING });
    expect(pending).toHaveLength(1);
  });

  it('set-up and proof codes do not eat the sign-in budget: five set-up codes this hour, and the sign-in still gets a code', async () => {
    const user = await userWithEmail(t, 'busy-setup');
    for (let i = 0; i < 4; i++) {
      t.clock.advance(MINUTE);
      expect((await user.client.request(OPS.PROOF_CODE)).errors).toBeUndefined();
    }
    t.clock.advance(MINUTE);
    const sixth = await user.client.request(OPS.PROOF_CODE);
    expect(sixth.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'HOURLY_CAP', retryAfterSeconds: 55 * 60 });

    const login = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    expect(login.data!.login).toMatchObject({ __typename: 'TwoFactorChallenge', method: 'EMAIL', codeSent: true });
    const signedIn = await t.client.request(OPS.CHALLENGE, {
      challengeId: login.data!.login.challengeId,
      code: (await t.lastMessageTo(user.address)).code,
    });
    expect(signedIn.data!.verifyLoginChallenge.user.email).toBe(user.email);
  });

  it('the sign-in cap reached still opens the challenge (codeSent false): the last code carries over, a recovery code passes', async () => {
    const user = await userWithEmail(t, 'busy-signin');
    const windowStart = t.clock.now().getTime();
    let lastChallenge = '';
    for (let i = 0; i < 5; i++) {
      const login = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
      expect(login.data!.login.codeSent).toBe(true);
      lastChallenge = login.data!.login.challengeId;
      t.clock.advance(1_000); // sign-ins a second apart, so "the last code" is one code
    }
    const lastCode = (await t.lastMessageTo(user.address)).code;
    t.clock.set(windowStart + 2 * MINUTE);

    const capped = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    expect(capped.data!.login).toMatchObject({ __typename: 'TwoFactorChallenge', method: 'EMAIL', codeSent: false });
    expect(new Date(capped.data!.login.resendAvailableAt).getTime()).toBe(windowStart + HOUR);
    expect(await sentTo(t, user.address)).toBe(6); // the set-up code and five sign-in codes
    const challengeId = capped.data!.login.challengeId as string;

    // resendLoginCode keeps refusing with the cap's error until then.
    const resend = await t.client.request(OPS.RESEND_LOGIN, { challengeId });
    expect(resend.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'HOURLY_CAP', retryAfterSeconds: 58 * 60 });

    // The code received for the sign-in before works for this one, and no longer for its old one.
    const carried = await t.client.request(OPS.CHALLENGE, { challengeId, code: lastCode });
    expect(carried.data!.verifyLoginChallenge.user.email).toBe(user.email);
    expect((await t.client.request(OPS.CHALLENGE, { challengeId: lastChallenge, code: lastCode })).errors).toBeDefined();

    const again = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    expect(again.data!.login.codeSent).toBe(false);
    const recovered = await t.client.request(OPS.CHALLENGE, { challengeId: again.data!.login.challengeId, code: user.recoveryCodes[0] });
    expect(recovered.data!.verifyLoginChallenge.user.email).toBe(user.email);

    // Once the hour is over, a sign-in gets its code again.
    t.clock.set(windowStart + HOUR);
    const later = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    expect(later.data!.login.codeSent).toBe(true);
  });

  it('counts a destination as the mailbox it reaches: Ann+x@Example.com and ann@example.com share a cap', async () => {
    const local = `ann.${process.pid}.${Date.now()}`;
    const variants = [
      `${local}+x@Example.com`,
      `${local}@example.com`,
      `${local.toUpperCase()}+billing@EXAMPLE.COM`,
      `${local}+2fa@example.com`,
      `${local}+y@example.com`,
    ];
    const users = await registerMany(t, variants.length + 1, 'tagged');
    for (const [i, email] of variants.entries()) {
      expect((await users[i]!.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email } })).errors).toBeUndefined();
    }
    const sixth = await users[variants.length]!.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: `${local}@example.com` } });
    expect(sixth.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'HOURLY_CAP' });

    // Gmail ignores dots, and googlemail.com is the same mailbox.
    const gmail = `g${process.pid}${Date.now()}`;
    const gmailUsers = await registerMany(t, 6, 'dots');
    const dotted = (i: number) => `${gmail.slice(0, i + 1)}.${gmail.slice(i + 1)}@${i % 2 ? 'gmail.com' : 'googlemail.com'}`;
    for (let i = 0; i < 5; i++) {
      expect((await gmailUsers[i]!.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: dotted(i) } })).errors).toBeUndefined();
    }
    const over = await gmailUsers[5]!.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: `${gmail}@gmail.com` } });
    expect(over.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'HOURLY_CAP' });
  });

  it('checks the send caps before a switch uses its proof: a refused switch leaves the proof code valid', async () => {
    const full = uniqueEmail('full-box');
    for (const other of await registerMany(t, 5, 'filler')) {
      expect((await other.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: full } })).errors).toBeUndefined();
    }
    const user = await registerUser(t, 'switcher');
    const { secret } = await enableTotp(t, user);
    nextTotpStep(t);
    const proof = totpNow(t, secret);

    const refused = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: full, proof } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'HOURLY_CAP' });
    // The same TOTP code was not spent: it proves the switch to another address.
    const other = uniqueEmail('free-box');
    const switched = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: other, proof } });
    expect(switched.errors).toBeUndefined();
    expect(switched.data!.enableTwoFactor.__typename).toBe('CodeSent');
  });
});

describe('code sends on the Redis store that API processes share', () => {
  const keyPrefix = uniqueKeyPrefix('send-limits');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: keyPrefix, CODES_PER_IP_PER_HOUR: '0' });
  });
  afterAll(async () => {
    await t.close();
    const redis = inspector();
    await deleteKeysUnder(redis, keyPrefix);
    redis.disconnect();
  });

  it('20 accounts at once to one address send exactly 5 codes, and one account racing itself sends one', async () => {
    const users = await registerMany(t, RACERS, 'redis-box');
    const address = uniqueEmail('redis-shared-box');
    const answers = await Promise.all(users.map((u) => u.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } })));
    expect(countOf(answers.map(outcomeOf))).toEqual({ ok: 5, 'TOO_MANY_ATTEMPTS/HOURLY_CAP': RACERS - 5 });
    expect(await sentTo(t, address)).toBe(5);

    const user = await registerUser(t, 'redis-double-click');
    const own = uniqueEmail('redis-own-box');
    const racing = await Promise.all(
      Array.from({ length: RACERS }, () => user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: own } })),
    );
    expect(countOf(racing.map(outcomeOf))).toEqual({ ok: 1, 'TOO_MANY_ATTEMPTS/RESEND_WAIT': RACERS - 1 });
    expect(await sentTo(t, own)).toBe(1);
  });
});

describe('code sends while the limit store is down', () => {
  let redis: PrivateRedisServer;
  let t: TestApp;
  beforeAll(async () => {
    redis = await PrivateRedisServer.start();
    t = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('fail closed: SERVICE_UNAVAILABLE, no code sent, no set-up left behind', async () => {
    const user = await registerUser(t, 'store-down');
    const address = uniqueEmail('store-down-box');
    await redis.kill();
    const refused = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
    expect(errorCode(refused)).toBe('SERVICE_UNAVAILABLE');
    expect(await sentTo(t, address)).toBe(0);
    await redis.start();
    const { id: userId } = await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ email: user.email });
    expect(await t.app.dataSource.getRepository(TwoFactorEnrollmentEntity).countBy({ userId })).toBe(0);
  });
});

describe('set-up, proof and sign-in code budgets as the operator sets them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      SETUP_CODES_PER_USER_PER_HOUR: '2',
      SETUP_CODES_PER_DESTINATION_PER_HOUR: '3',
      SIGN_IN_CODES_PER_USER_PER_HOUR: '2',
      SIGN_IN_CODES_PER_DESTINATION_PER_HOUR: '3',
      CODES_PER_IP_PER_HOUR: '0',
      EMAIL_CODES_PER_HOUR: '0',
    });
  });
  afterAll(() => t.close());

  it('sends one destination SETUP_CODES_PER_DESTINATION_PER_HOUR set-up codes, however many accounts ask at once', async () => {
    const users = await registerMany(t, 6, 'set-box');
    const address = uniqueEmail('set-shared-box');
    const answers = await Promise.all(users.map((u) => u.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } })));
    expect(countOf(answers.map(outcomeOf))).toEqual({ ok: 3, 'TOO_MANY_ATTEMPTS/HOURLY_CAP': 3 });
    expect(await sentTo(t, address)).toBe(3);
  });

  it('sends one user SETUP_CODES_PER_USER_PER_HOUR set-up and proof codes; sign-in codes keep their own five', async () => {
    // The set-up code is the first of the user's two.
    const user = await userWithEmail(t, 'set-user');
    t.clock.advance(MINUTE);
    expect((await user.client.request(OPS.PROOF_CODE)).errors).toBeUndefined();
    t.clock.advance(MINUTE);
    const third = await user.client.request(OPS.PROOF_CODE);
    expect(third.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'HOURLY_CAP', retryAfterSeconds: 58 * 60 });
    const login = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    expect(login.data!.login).toMatchObject({ __typename: 'TwoFactorChallenge', codeSent: true });
  });

  it('sends one user SIGN_IN_CODES_PER_USER_PER_HOUR sign-in codes; over it the challenge still opens, without a code', async () => {
    const user = await userWithEmail(t, 'signin-user');
    const sentBefore = await sentTo(t, user.address);
    const codeSent: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const login = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
      expect(login.data!.login).toMatchObject({ __typename: 'TwoFactorChallenge', method: 'EMAIL' });
      codeSent.push(login.data!.login.codeSent);
    }
    expect(codeSent).toEqual([true, true, false]);
    expect((await sentTo(t, user.address)) - sentBefore).toBe(2);
  });

  it('sends one destination SIGN_IN_CODES_PER_DESTINATION_PER_HOUR sign-in codes, whichever accounts sign in at once', async () => {
    const address = uniqueEmail('signin-shared-box');
    // Four accounts with e-mail 2FA at one mailbox, each set up in its own hour of the set-up budget.
    const users = [];
    for (let i = 0; i < 4; i++) {
      users.push(await userWithEmail(t, `signin-box-${i}`, address));
      t.clock.advance(HOUR);
    }
    const sentBefore = await sentTo(t, address);
    const logins = await Promise.all(users.map((u) => t.client.request(OPS.LOGIN, { email: u.email, password: PASSWORD })));
    expect(logins.map((l) => l.data!.login.codeSent).filter(Boolean)).toHaveLength(3);
    expect((await sentTo(t, address)) - sentBefore).toBe(3);
  });
});

describe('budgets per IP address and per channel', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true', CODES_PER_IP_PER_HOUR: '3', SMS_CODES_PER_HOUR: '2', EMAIL_CODES_PER_HOUR: '0' });
  });
  afterAll(() => t.close());

  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('refuses codes over the per-IP budget with IP_SEND_LIMIT and retryAfterSeconds, in parallel too; other addresses go on', async () => {
    const users = await registerMany(t, 10, 'office');
    const answers = await Promise.all(
      users.map((u) => u.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: uniqueEmail('office-box') } }, from('203.0.113.7'))),
    );
    expect(countOf(answers.map(outcomeOf))).toEqual({ ok: 3, 'TOO_MANY_ATTEMPTS/IP_SEND_LIMIT': 7 });
    expect(answers.find((a) => a.errors)!.errors![0]!.extensions!.retryAfterSeconds).toBe(60 * 60);

    t.clock.advance(10 * MINUTE);
    const neighbour = await registerUser(t, 'elsewhere');
    const elsewhere = await neighbour.client.request(
      OPS.ENABLE,
      { input: { method: 'EMAIL', email: uniqueEmail('elsewhere-box') } },
      from('198.51.100.4'),
    );
    expect(elsewhere.errors).toBeUndefined();
    const stillRefused = await neighbour.client.request(
      OPS.ENABLE,
      { input: { method: 'EMAIL', email: uniqueEmail('office-box') } },
      from('203.0.113.7'),
    );
    expect(stillRefused.errors![0]!.extensions).toMatchObject({ reason: 'IP_SEND_LIMIT', retryAfterSeconds: 50 * 60 });
  });

  it('refuses SMS codes over the server-wide SMS budget with CHANNEL_BUDGET, whoever asks', async () => {
    const users = await registerMany(t, 3, 'sms');
    const numbers = ['+447911123456', '+4915112345678', '+33612345678'];
    const answers = [];
    for (const [i, user] of users.entries()) {
      answers.push(await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: numbers[i] } }, from(`192.0.2.${i + 1}`)));
    }
    expect(answers.map(outcomeOf)).toEqual(['ok', 'ok', 'TOO_MANY_ATTEMPTS/CHANNEL_BUDGET']);
    expect(answers[2]!.errors![0]!.extensions!.retryAfterSeconds).toBe(60 * 60);
    expect(answers[2]!.errors![0]!.message).toBe('This server has sent as many SMS codes as it may this hour. Try again later.');
    // E-mail has a budget of its own (here none).
    const mail = await users[2]!.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: uniqueEmail('mail') } }, from('192.0.2.9'));
    expect(mail.errors).toBeUndefined();
  });
});
