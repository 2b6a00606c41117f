import { TWO_FACTOR_LIMITS } from '../../src/modules/two-factor/attempt-limiter';
import { errorCode } from '../support/graphql-client';
import { OPS, PASSWORD, enableTotp, loginChallenge, nextTotpStep, registerUser, totpNow, uniqueEmail } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

const MINUTE = 60_000;

/** Someone who has the password and wants the rest. */
describe('WSTG-ATHN-11, ASVS V2.2.1, V2.7.3, V2.8.4 (5.0 V6.3.1, V6.5.1, V6.6.2), 800-63B 5.2.2: attacks on the second factor', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const secondsUntil = (endMs: number) => Math.ceil((endMs - t.clock.now().getTime()) / 1000);

  // Larger batches are refused before any code is checked (test/security/graphql-edge.api.test.ts).
  it('aliased guesses in one request, as many as an operation may hold, give no session and lock the user', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    const { challengeId } = await loginChallenge(t, user.email);
    const aliases = Array.from(
      { length: TWO_FACTOR_LIMITS.maxFailuresInARow },
      (_, i) => `g${i}: verifyLoginChallenge(challengeId: $id, code: "${String(i).padStart(6, '0')}") { token }`,
    ).join('\n');
    const res = await t.client.request(`mutation Guess($id: ID!) { ${aliases} }`, { id: challengeId });
    const lockedAt = t.clock.now().getTime();
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'CODE_CHECK_LIMIT' });
    expect(res.headers.get('set-cookie')).toBeNull();

    // Every alias was charged: the user is locked, even for the right code in a new challenge.
    nextTotpStep(t);
    const fresh = await loginChallenge(t, user.email);
    const locked = await t.client.request(OPS.CHALLENGE, { challengeId: fresh.challengeId, code: totpNow(t, secret) });
    expect(errorCode(locked)).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: secondsUntil(lockedAt + 15 * MINUTE), reason: 'LOCKED' });
  });

  it('locks after 10 failures in a row across challenges for 15 minutes, then for 30', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    const failInARow = async () => {
      for (let i = 0; i < TWO_FACTOR_LIMITS.maxFailuresInARow; i++) {
        // A new challenge for each try: the count is the user's, not the challenge's.
        const { challengeId } = await loginChallenge(t, user.email);
        const res = await t.client.request(OPS.CHALLENGE, { challengeId, code: `99999${i}` });
        expect(errorCode(res)).toBe(i < TWO_FACTOR_LIMITS.maxFailuresInARow - 1 ? 'INVALID_CODE' : 'TOO_MANY_ATTEMPTS');
      }
      return t.clock.now().getTime();
    };

    const firstLock = await failInARow();
    nextTotpStep(t);
    const during = await loginChallenge(t, user.email);
    const refused = await t.client.request(OPS.CHALLENGE, { challengeId: during.challengeId, code: totpNow(t, secret) });
    expect(errorCode(refused)).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.errors![0]!.extensions!.retryAfterSeconds).toBe(secondsUntil(firstLock + 15 * MINUTE));

    t.clock.set(firstLock + 15 * MINUTE);
    const secondLock = await failInARow();
    const again = await t.client.request(OPS.CHALLENGE, { challengeId: (await loginChallenge(t, user.email)).challengeId, code: '123123' });
    expect(again.errors![0]!.extensions!.retryAfterSeconds).toBe(secondsUntil(secondLock + 30 * MINUTE));

    t.clock.set(secondLock + 30 * MINUTE);
    nextTotpStep(t);
    const after = await loginChallenge(t, user.email);
    expect((await t.client.request(OPS.CHALLENGE, { challengeId: after.challengeId, code: totpNow(t, secret) })).errors).toBeUndefined();
  });

  it('refuses a TOTP code replayed in another sign-in', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    nextTotpStep(t);
    const code = totpNow(t, secret);
    const first = await loginChallenge(t, user.email);
    expect((await t.client.request(OPS.CHALLENGE, { challengeId: first.challengeId, code })).errors).toBeUndefined();
    const second = await loginChallenge(t, user.email);
    const replayed = await t.client.request(OPS.CHALLENGE, { challengeId: second.challengeId, code });
    expect(replayed.errors![0]!.extensions).toMatchObject({ code: 'INVALID_CODE', reason: 'CODE_ALREADY_USED' });
    // Nor the code of the step before.
    const older = await t.client.request(OPS.CHALLENGE, { challengeId: second.challengeId, code: totpNow(t, secret, -30) });
    expect(older.errors![0]!.extensions).toMatchObject({ code: 'INVALID_CODE', reason: 'CODE_ALREADY_USED' });
  });

  it('gives one session for ten parallel uses of one TOTP code, on one challenge or on ten', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    nextTotpStep(t);
    const { challengeId } = await loginChallenge(t, user.email);
    const code = totpNow(t, secret);
    const sameChallenge = await Promise.all(Array.from({ length: 10 }, () => t.client.request(OPS.CHALLENGE, { challengeId, code })));
    expect(sameChallenge.filter((r) => r.data?.verifyLoginChallenge?.token)).toHaveLength(1);

    nextTotpStep(t);
    const challenges = await Promise.all(Array.from({ length: 10 }, () => loginChallenge(t, user.email)));
    const next = totpNow(t, secret);
    const tenChallenges = await Promise.all(
      challenges.map((c) => t.client.request(OPS.CHALLENGE, { challengeId: c.challengeId, code: next })),
    );
    expect(tenChallenges.filter((r) => r.data?.verifyLoginChallenge?.token)).toHaveLength(1);
  });

  it('gives one session for ten parallel uses of one e-mail code', async () => {
    const user = await registerUser(t);
    const address = uniqueEmail('race');
    await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
    await user.client.request(OPS.VERIFY, { code: (await t.lastMessageTo(address)).code });
    t.clock.advance(MINUTE);
    const { challengeId } = await loginChallenge(t, user.email);
    const code = (await t.lastMessageTo(address)).code;
    const racing = await Promise.all(Array.from({ length: 10 }, () => t.client.request(OPS.CHALLENGE, { challengeId, code })));
    expect(racing.filter((r) => r.data?.verifyLoginChallenge?.token)).toHaveLength(1);
  });

  it('gives one session for ten parallel uses of one recovery code', async () => {
    const user = await registerUser(t);
    const { recoveryCodes } = await enableTotp(t, user);
    const challenges = await Promise.all(Array.from({ length: 10 }, () => loginChallenge(t, user.email)));
    const racing = await Promise.all(
      challenges.map((c) => t.client.request(OPS.CHALLENGE, { challengeId: c.challengeId, code: recoveryCodes[0] })),
    );
    expect(racing.filter((r) => r.data?.verifyLoginChallenge?.token)).toHaveLength(1);
  });

  it('lets no more than five codes be compared against one challenge, even in parallel', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    const { challengeId } = await loginChallenge(t, user.email);
    const guesses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.client.request(OPS.CHALLENGE, { challengeId, code: `55555${i}` })),
    );
    const codes = guesses.map(errorCode);
    expect(codes.filter((c) => c === 'INVALID_CODE')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(3);
    nextTotpStep(t);
    expect(errorCode(await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, secret) }))).toBe('TOO_MANY_ATTEMPTS');
  });

  it('never resets the counts on resend', async () => {
    const user = await registerUser(t);
    const address = uniqueEmail('resend');
    await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
    await user.client.request(OPS.VERIFY, { code: (await t.lastMessageTo(address)).code });
    t.clock.advance(MINUTE);
    const { challengeId } = await loginChallenge(t, user.email);
    for (let i = 0; i < 4; i++) await t.client.request(OPS.CHALLENGE, { challengeId, code: `00000${i}` });
    t.clock.advance(MINUTE);
    await t.client.request(OPS.RESEND_LOGIN, { challengeId });
    expect(errorCode(await t.client.request(OPS.CHALLENGE, { challengeId, code: '000009' }))).toBe('INVALID_CODE');
    const fresh = (await t.lastMessageTo(address)).code;
    expect(errorCode(await t.client.request(OPS.CHALLENGE, { challengeId, code: fresh }))).toBe('TOO_MANY_ATTEMPTS');
  });

  it('makes the challenge id useless as a session token, and a half-finished login opens nothing', async () => {
    const user = await registerUser(t);
    await enableTotp(t, user);
    const browser = t.client.withCookies();
    const login = await browser.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    expect(login.data!.login.__typename).toBe('TwoFactorChallenge');
    expect(browser.cookie('latchkey_session')).toBeUndefined();
    for (const probe of [OPS.SETTINGS, `mutation { enableTwoFactor(input: { method: TOTP }) { __typename } }`]) {
      expect(errorCode(await browser.request(probe))).toBe('UNAUTHENTICATED');
    }
    expect((await browser.request(OPS.ME)).data!.me).toBeNull();

    const asBearer = t.client.withToken(login.data!.login.challengeId);
    expect(errorCode(await asBearer.request(OPS.ME))).toBe('UNAUTHENTICATED');
    expect(errorCode(await asBearer.request(OPS.SETTINGS))).toBe('UNAUTHENTICATED');
    const asCookie = await t.client.request(OPS.SETTINGS, {}, { cookie: `latchkey_session=${login.data!.login.challengeId}` });
    expect(errorCode(asCookie)).toBe('UNAUTHENTICATED');
  });

  it("keeps another user's 2FA out of reach", async () => {
    const alice = await registerUser(t, 'alice');
    const mallory = await registerUser(t, 'mallory');
    const { secret: aliceSecret } = await enableTotp(t, alice);
    const { secret: mallorySecret, recoveryCodes: malloryCodes } = await enableTotp(t, mallory);

    // Mallory's session sees only Mallory's settings, and cannot disable Alice's with Alice's code.
    nextTotpStep(t);
    expect(errorCode(await mallory.client.request(OPS.DISABLE, { code: totpNow(t, aliceSecret) }))).toBe('INVALID_CODE');
    expect((await alice.client.request(OPS.SETTINGS)).data!.twoFactorSettings.enabled).toBe(true);

    // Alice's challenge opens only with Alice's factor, not Mallory's codes.
    const { challengeId } = await loginChallenge(t, alice.email);
    nextTotpStep(t);
    expect(errorCode(await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, mallorySecret) }))).toBe('INVALID_CODE');
    expect(errorCode(await t.client.request(OPS.CHALLENGE, { challengeId, code: malloryCodes[0] }))).toBe('INVALID_CODE');
    const res = await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, aliceSecret) });
    expect(res.data!.verifyLoginChallenge.user.email).toBe(alice.email);
  });
});
