import { readOutbox } from '../src/delivery/outbox/outbox';
import { Role } from '../src/modules/auth/role';
import { SUPPORT_LIMITS } from '../src/modules/support/support.service';
import { errorCode } from './support/graphql-client';
import { OPS, PASSWORD, enableTotp, nextTotpStep, registerUser, totpNow, uniqueEmail, type SignedInUser } from './support/flows';
import { startTestApp, type TestApp } from './support/test-app';

const SEARCH = `query Search($query: String!) { searchUsers(query: $query) { id email role twoFactorMethod } }`;
const RESET = `mutation Reset($userId: ID!, $reason: String!, $code: String!) {
  resetTwoFactor(userId: $userId, reason: $reason, code: $code) { message user { email twoFactorMethod } }
}`;
const USER_EVENTS = `query Events($userId: ID!) { userSecurityEvents(userId: $userId) { type detail } }`;
const REASON = 'Customer lost the phone; identity checked by callback to the number on file.';

describe('support staff resetting 2FA', () => {
  let t: TestApp;
  let staff: SignedInUser & { id: string; secret: string };

  beforeAll(async () => {
    t = await startTestApp();
    const email = uniqueEmail('staff');
    const created = await t.app.services.accounts.createUser(email, PASSWORD, Role.SUPPORT);
    const login = await t.client.request(OPS.LOGIN, { email, password: PASSWORD });
    const token = login.data!.login.token as string;
    staff = { email, token, client: t.client.withToken(token), id: created.id, secret: '' };
  });
  afterAll(() => t.close());

  const staffCode = () => {
    nextTotpStep(t);
    return totpNow(t, staff.secret);
  };
  const idOf = async (email: string) => (await staff.client.request(SEARCH, { query: email })).data!.searchUsers[0].id as string;

  it('needs 2FA on the staff account itself', async () => {
    const customer = await registerUser(t, 'nostaff2fa');
    const res = await staff.client.request(RESET, { userId: await idOf(customer.email), reason: REASON, code: '123456' });
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.errors![0]!.message).toMatch(/Turn on 2FA for your own account/);
    expect(res.errors![0]!.extensions!.reason).toBe('OWN_2FA_REQUIRED');
    staff.secret = (await enableTotp(t, staff)).secret;
  });

  it('is closed to customers', async () => {
    const customer = await registerUser(t, 'curious');
    expect(errorCode(await customer.client.request(SEARCH, { query: 'a' }))).toBe('FORBIDDEN');
    expect(errorCode(await customer.client.request(RESET, { userId: 'x', reason: REASON, code: '123456' }))).toBe('FORBIDDEN');
    expect(errorCode(await t.client.request(SEARCH, { query: 'a' }))).toBe('UNAUTHENTICATED');
  });

  it('finds accounts by part of the e-mail, underscores included, with their method', async () => {
    const customer = await registerUser(t, 'under_score');
    await enableTotp(t, customer);
    const found = (await staff.client.request(SEARCH, { query: 'under_score' })).data!.searchUsers;
    expect(found).toEqual([{ id: expect.any(String), email: customer.email, role: 'CUSTOMER', twoFactorMethod: 'TOTP' }]);
    expect((await staff.client.request(SEARCH, { query: 'under%score' })).data!.searchUsers).toEqual([]);
  });

  it('refuses a short reason, a wrong code, an unknown account and the staff member’s own account', async () => {
    const customer = await registerUser(t, 'refusals');
    const userId = await idOf(customer.email);
    const short = await staff.client.request(RESET, { userId, reason: 'lost', code: staffCode() });
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    expect(short.errors![0]!.extensions!.field).toBe('reason');
    expect(
      errorCode(
        await staff.client.request(RESET, { userId, reason: REASON, code: '000000' === totpNow(t, staff.secret) ? '111111' : '000000' }),
      ),
    ).toBe('INVALID_CODE');
    expect(
      errorCode(await staff.client.request(RESET, { userId: '00000000-0000-0000-0000-000000000000', reason: REASON, code: staffCode() })),
    ).toBe('BAD_USER_INPUT');
    const own = await staff.client.request(RESET, { userId: staff.id, reason: REASON, code: staffCode() });
    expect(errorCode(own)).toBe('FORBIDDEN');
    expect(own.errors![0]!.extensions!.reason).toBe('NOT_YOURSELF');
  });

  it('removes the 2FA, signs the user out everywhere, e-mails them and logs the reason', async () => {
    const customer = await registerUser(t, 'lostphone');
    await enableTotp(t, customer);
    const userId = await idOf(customer.email);

    const res = await staff.client.request(RESET, { userId, reason: REASON, code: staffCode() });
    expect(res.data!.resetTwoFactor).toEqual({
      message: 'The 2FA of the account was reset. The user was signed out everywhere and told by e-mail.',
      user: { email: customer.email, twoFactorMethod: null },
    });
    expect(errorCode(await customer.client.request(OPS.ME))).toBe('UNAUTHENTICATED');
    const mails = (await readOutbox(t.config.delivery.outboxPath)).filter((m) => m.to === customer.email);
    expect(mails.map((m) => m.subject)).toContain('HOSTKEY: two-factor authentication reset by support');

    const events = (await staff.client.request(USER_EVENTS, { userId })).data!.userSecurityEvents;
    expect(events[0]).toEqual({ type: 'TWO_FACTOR_RESET', detail: REASON });
    // The password alone signs in again; the user sets 2FA up anew.
    const login = await t.client.request(OPS.LOGIN, { email: customer.email, password: PASSWORD });
    expect(login.data!.login.__typename).toBe('AuthPayload');
  });

  it(`allows at most ${SUPPORT_LIMITS.maxResetsPerHour} resets an hour for each staff member`, async () => {
    // A fresh hour (earlier tests reset accounts too); the staff session idled out, so sign in again.
    t.clock.advance(60 * 60_000);
    const { challengeId } = (await t.client.request(OPS.LOGIN, { email: staff.email, password: PASSWORD })).data!.login;
    const signedIn = await t.client.request(OPS.CHALLENGE, { challengeId, code: staffCode() });
    staff.client = t.client.withToken(signedIn.data!.verifyLoginChallenge.token);
    const outcomes: unknown[] = [];
    for (let i = 0; i <= SUPPORT_LIMITS.maxResetsPerHour; i++) {
      const customer = await registerUser(t, `bulk${i}`);
      outcomes.push(
        errorCode(await staff.client.request(RESET, { userId: await idOf(customer.email), reason: REASON, code: staffCode() })),
      );
    }
    expect(outcomes.slice(0, SUPPORT_LIMITS.maxResetsPerHour)).toEqual(Array(SUPPORT_LIMITS.maxResetsPerHour).fill(undefined));
    expect(outcomes.at(-1)).toBe('TOO_MANY_ATTEMPTS');
  });
});
