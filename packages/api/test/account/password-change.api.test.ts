import { readOutbox } from '../../src/delivery/outbox/outbox';
import { DEFAULT_LOGIN_THROTTLE } from '../../src/modules/auth/login-throttle';
import { errorCode, type GraphQLResponse } from '../support/graphql-client';
import { OPS, PASSWORD, enableTotp, latestLinkTo, nextTotpStep, registerUser, totpNow } from '../support/flows';
import { startTestApp, TEST_DATABASE, type TestApp } from '../support/test-app';

const CHANGE = `mutation Change($current: String!, $next: String!, $proof: String) {
  changePassword(currentPassword: $current, newPassword: $next, proof: $proof)
}`;
const LOGIN_TYPE = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { __typename } }`;
const NEW_PASSWORD = 'a brand new passphrase';

const reasonOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.reason;
const fieldOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.field;

describe(`password change on ${TEST_DATABASE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CODES_PER_IP_PER_HOUR: '0' });
  });
  afterAll(() => t.close());

  const signIn = async (email: string, password = PASSWORD) =>
    (await t.client.request(OPS.LOGIN, { email, password })).data!.login.token as string;
  const loginType = async (email: string, password: string) =>
    (await t.client.request(LOGIN_TYPE, { email, password })).data?.login.__typename ?? 'refused';

  it('changes the password, ends the other sessions but this one, and tells the owner', async () => {
    const user = await registerUser(t, 'changer');
    const other = await signIn(user.email);
    const res = await user.client.request(CHANGE, { current: PASSWORD, next: NEW_PASSWORD });
    expect(res.data).toEqual({ changePassword: true });
    expect((await user.client.request(OPS.ME)).data!.me.email).toBe(user.email);
    expect(errorCode(await t.client.withToken(other).request(OPS.ME))).toBe('UNAUTHENTICATED');
    expect(await loginType(user.email, PASSWORD)).toBe('refused');
    expect(await loginType(user.email, NEW_PASSWORD)).toBe('AuthPayload');
    const notices = (await readOutbox(t.config.delivery.outboxPath)).filter((m) => m.to === user.email);
    expect(notices.at(-1)!.subject).toBe('HOSTKEY: password changed');
    const types = (await user.client.request(OPS.EVENTS)).data!.securityEvents.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('PASSWORD_CHANGED');
  });

  it('refuses a wrong current password, counting it like a wrong password at sign-in', async () => {
    const user = await registerUser(t, 'guesser');
    for (let i = 0; i < DEFAULT_LOGIN_THROTTLE.maxFailuresPerAccount; i++) {
      const res = await user.client.request(CHANGE, { current: `guess ${i}`, next: NEW_PASSWORD });
      expect([errorCode(res), reasonOf(res), fieldOf(res)]).toEqual(['BAD_USER_INPUT', 'PASSWORD_INCORRECT', 'currentPassword']);
    }
    const locked = await user.client.request(CHANGE, { current: PASSWORD, next: NEW_PASSWORD });
    expect([errorCode(locked), reasonOf(locked)]).toEqual(['TOO_MANY_ATTEMPTS', 'SIGN_IN_LOCKED']);
    expect(reasonOf(await t.client.request(LOGIN_TYPE, { email: user.email, password: PASSWORD }))).toBe('SIGN_IN_LOCKED');
    t.clock.advance(DEFAULT_LOGIN_THROTTLE.windowMs);
    expect(await loginType(user.email, PASSWORD)).toBe('AuthPayload');
  });

  it('refuses a new password outside the length rule, and a caller without a session', async () => {
    const user = await registerUser(t, 'short');
    const res = await user.client.request(CHANGE, { current: PASSWORD, next: 'short' });
    expect([errorCode(res), fieldOf(res)]).toEqual(['BAD_USER_INPUT', 'newPassword']);
    expect(errorCode(await t.client.request(CHANGE, { current: PASSWORD, next: NEW_PASSWORD }))).toBe('UNAUTHENTICATED');
    expect(await loginType(user.email, PASSWORD)).toBe('AuthPayload');
  });

  it('with 2FA on, needs a proof, checked after the current password so that a refusal keeps it unspent', async () => {
    const user = await registerUser(t, 'proven');
    const { secret, recoveryCodes } = await enableTotp(t, user);

    const missing = await user.client.request(CHANGE, { current: PASSWORD, next: NEW_PASSWORD });
    expect([errorCode(missing), reasonOf(missing), fieldOf(missing)]).toEqual(['BAD_USER_INPUT', 'PROOF_REQUIRED', 'proof']);
    const wrongPassword = await user.client.request(CHANGE, { current: 'not it', next: NEW_PASSWORD, proof: recoveryCodes[0] });
    expect(reasonOf(wrongPassword)).toBe('PASSWORD_INCORRECT');
    const wrongProof = await user.client.request(CHANGE, { current: PASSWORD, next: NEW_PASSWORD, proof: '000000' });
    expect(errorCode(wrongProof)).toBe('INVALID_CODE');
    expect(await loginType(user.email, PASSWORD)).toBe('TwoFactorChallenge');

    // The recovery code offered with the wrong password is still good.
    expect((await user.client.request(CHANGE, { current: PASSWORD, next: NEW_PASSWORD, proof: recoveryCodes[0] })).data).toEqual({
      changePassword: true,
    });
    nextTotpStep(t);
    expect(
      (await user.client.request(CHANGE, { current: NEW_PASSWORD, next: 'a third passphrase', proof: totpNow(t, secret) })).data,
    ).toEqual({ changePassword: true });
    const reused = await user.client.request(CHANGE, { current: 'a third passphrase', next: NEW_PASSWORD, proof: recoveryCodes[0] });
    expect([errorCode(reused), reasonOf(reused)]).toEqual(['INVALID_CODE', 'CODE_ALREADY_USED']);
  });

  it('counts a proof as a code check: one per request', async () => {
    const user = await registerUser(t, 'aliased');
    const { recoveryCodes } = await enableTotp(t, user);
    const res = await user.client.request(
      `mutation { a: changePassword(currentPassword: "${PASSWORD}", newPassword: "${NEW_PASSWORD}", proof: "${recoveryCodes[0]}")
                  b: disableTwoFactor(code: "${recoveryCodes[1]}") { message } }`,
    );
    expect([errorCode(res), reasonOf(res)]).toEqual(['GRAPHQL_VALIDATION_FAILED', 'CODE_CHECK_LIMIT']);
    expect(await loginType(user.email, PASSWORD)).toBe('TwoFactorChallenge');
  });

  it('kills an open reset link', async () => {
    const user = await registerUser(t, 'linked');
    await t.client.request(`mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: user.email });
    await t.app.modules.account.background.settled();
    const token = await latestLinkTo(t.config.delivery.outboxPath, user.email);
    await user.client.request(CHANGE, { current: PASSWORD, next: NEW_PASSWORD });
    const res = await t.client.request(
      `mutation($t: String!) { resetPassword(token: $t, newPassword: "mallory's choice") { __typename } }`,
      {
        t: token,
      },
    );
    expect(reasonOf(res)).toBe('LINK_ALREADY_USED');
  });

  it('lets one of five concurrent changes from the same password win', async () => {
    const user = await registerUser(t, 'racing');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => user.client.request(CHANGE, { current: PASSWORD, next: `racing passphrase ${i}` })),
    );
    const winners = results.flatMap((r, i) => (r.data?.changePassword ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => r.errors)) {
      expect(['PASSWORD_CHANGED_MEANWHILE', 'PASSWORD_INCORRECT']).toContain(reasonOf(loser));
    }
    expect(await loginType(user.email, `racing passphrase ${winners[0]}`)).toBe('AuthPayload');
    const changes = (await user.client.request(OPS.EVENTS)).data!.securityEvents.filter(
      (e: { type: string }) => e.type === 'PASSWORD_CHANGED',
    );
    expect(changes).toHaveLength(1);
  });
});
