import { readOutbox } from '../src/delivery/outbox/outbox';
import { SecurityEventEntity } from '../src/modules/audit/entities/security-event.entity';
import { SecurityEventType } from '../src/modules/audit/security-event-type';
import { UserEntity } from '../src/modules/auth/entities/user.entity';
import { Role } from '../src/modules/auth/role';
import { SUPPORT_LIMITS } from '../src/modules/support/support.service';
import { errorCode } from './support/graphql-client';
import { OPS, PASSWORD, enableTotp, nextTotpStep, registerUser, totpNow, uniqueEmail, type SignedInUser } from './support/flows';
import { startTestApp, type TestApp } from './support/test-app';

const SEARCH = `query Search($query: String!) { searchUsers(query: $query) { id email role twoFactorMethod } }`;
const RESET = `mutation Reset($userId: ID!, $reason: String!, $code: String!) {
  resetTwoFactor(userId: $userId, reason: $reason, code: $code) { message user { id email twoFactorMethod } }
}`;
const USER_EVENTS = `query Events($userId: ID!) { userSecurityEvents(userId: $userId) { type detail } }`;
const OWN_EVENTS = `query { securityEvents { type detail count } }`;
const REASON = 'Customer lost the phone; identity checked by callback to the number on file.';

interface Staff extends SignedInUser {
  id: string;
  secret: string;
  recoveryCodes: string[];
}

describe('WSTG-ATHZ-03, ASVS V4.3.1 (5.0 V8.2.1, V8.2.2): support staff', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    // The default, spelled out: staff need their own 2FA whatever the server requires of others.
    t = await startTestApp({ TWO_FACTOR_REQUIRED: 'none' });
    staff = await signInStaff(Role.SUPPORT);
  });
  afterAll(() => t.close());

  /** A staff account signed in by password alone (no 2FA yet). */
  async function signInStaff(role: Role, label = 'staff'): Promise<Staff> {
    const email = uniqueEmail(label);
    const created = await t.app.modules.auth.accounts.createUser(email, PASSWORD, role);
    const login = await t.client.request(OPS.LOGIN, { email, password: PASSWORD });
    const token = login.data!.login.token as string;
    return { email, token, client: t.client.withToken(token), id: created.id, secret: '', recoveryCodes: [] };
  }

  async function withTwoFactor(member: Staff): Promise<Staff> {
    const { secret, recoveryCodes } = await enableTotp(t, member);
    return Object.assign(member, { secret, recoveryCodes });
  }

  /** A customer with 2FA on (TOTP): what a reset removes. */
  async function customerWithTwoFactor(label: string): Promise<SignedInUser> {
    const customer = await registerUser(t, label);
    await enableTotp(t, customer);
    return customer;
  }

  const codeOf = (member: Staff) => {
    nextTotpStep(t);
    return totpNow(t, member.secret);
  };
  const idOf = async (email: string, by: Staff = staff) =>
    (await by.client.request(SEARCH, { query: email })).data!.searchUsers[0].id as string;
  /** Straight from the database, not through a staff read (which would itself be recorded). */
  const userIdOf = async (email: string) => (await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ email })).id;
  const eventRows = (userId: string) =>
    t.app.dataSource.getRepository(SecurityEventEntity).find({ where: { userId }, order: { createdAt: 'DESC' } });

  it('refuses staff without 2FA of their own search, logs and resets with TWO_FACTOR_REQUIRED=none, and lets them set it up', async () => {
    const customer = await registerUser(t, 'nostaff2fa', { verified: false });
    const customerId = await userIdOf(customer.email);
    const refusals = [
      await staff.client.request(SEARCH, { query: customer.email }),
      await staff.client.request(USER_EVENTS, { userId: customerId }),
      await staff.client.request(RESET, { userId: customerId, reason: REASON, code: '123456' }),
    ];
    for (const refused of refusals) {
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_2FA_REQUIRED' });
      expect(refused.errors![0]!.message).toMatch(/Turn on 2FA for your own account/);
    }
    // Nothing was read, so nothing was recorded.
    expect(await eventRows(customerId)).toEqual([]);
    // Setting 2FA up stays open to them.
    await withTwoFactor(staff);
    expect((await staff.client.request(SEARCH, { query: customer.email })).data!.searchUsers).toHaveLength(1);
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

  it('records every search in the staff member’s own log, and every read of another log in that account’s log', async () => {
    const customer = await registerUser(t, 'audited', { verified: false });
    t.clock.advance(1000);
    const customerId = await idOf(customer.email);
    const ownLog = (await staff.client.request(OWN_EVENTS)).data!.securityEvents;
    expect(ownLog[0]).toEqual({ type: 'SUPPORT_SEARCHED', detail: customer.email, count: 1 });
    expect((await eventRows(staff.id))[0]).toMatchObject({ type: 'SUPPORT_SEARCHED', actorUserId: staff.id, ip: expect.any(String) });

    t.clock.advance(1000);
    expect((await staff.client.request(USER_EVENTS, { userId: customerId })).data!.userSecurityEvents).toEqual([]);
    // The customer sees that staff read their log; the row names who did.
    expect((await customer.client.request(OWN_EVENTS)).data!.securityEvents).toEqual([
      { type: 'SUPPORT_READ_LOG', detail: null, count: 1 },
    ]);
    expect(await eventRows(customerId)).toEqual([expect.objectContaining({ type: 'SUPPORT_READ_LOG', actorUserId: staff.id })]);
    // Reads again within the hour, even at once, count on that entry instead of burying the account's own events.
    await Promise.all([1, 2].map(() => staff.client.request(USER_EVENTS, { userId: customerId })));
    expect((await customer.client.request(OWN_EVENTS)).data!.securityEvents).toEqual([
      { type: 'SUPPORT_READ_LOG', detail: null, count: 3 },
    ]);
  });

  it('refuses a short reason, a wrong code, an unknown account and the staff member’s own account', async () => {
    const customer = await customerWithTwoFactor('refusals');
    const userId = await idOf(customer.email);
    const short = await staff.client.request(RESET, { userId, reason: 'lost', code: codeOf(staff) });
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    expect(short.errors![0]!.extensions!.field).toBe('reason');
    expect(
      errorCode(
        await staff.client.request(RESET, { userId, reason: REASON, code: '000000' === totpNow(t, staff.secret) ? '111111' : '000000' }),
      ),
    ).toBe('INVALID_CODE');
    expect(
      errorCode(await staff.client.request(RESET, { userId: '00000000-0000-0000-0000-000000000000', reason: REASON, code: codeOf(staff) })),
    ).toBe('BAD_USER_INPUT');
    const own = await staff.client.request(RESET, { userId: staff.id, reason: REASON, code: codeOf(staff) });
    expect(errorCode(own)).toBe('FORBIDDEN');
    expect(own.errors![0]!.extensions!.reason).toBe('NOT_YOURSELF');
    // A short reason for an unknown account: both problems at once.
    const both = await staff.client.request(RESET, { userId: '00000000-0000-0000-0000-000000000000', reason: 'lost', code: codeOf(staff) });
    expect(both.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REASON_LENGTH',
      field: 'reason',
      fields: [
        { field: 'reason', reason: 'REASON_LENGTH', message: 'Give a reason of 10 to 500 characters.' },
        { field: 'userId', reason: 'NO_SUCH_USER', message: 'There is no such account.' },
      ],
    });
  });

  it('lets SUPPORT act on no SUPPORT or ADMIN account, and ADMIN reset SUPPORT', async () => {
    const admin = await withTwoFactor(await signInStaff(Role.ADMIN, 'admin'));
    const colleague = await withTwoFactor(await signInStaff(Role.SUPPORT, 'colleague'));
    // Higher and equal roles are not even listed to SUPPORT; ADMIN sees SUPPORT.
    expect((await staff.client.request(SEARCH, { query: admin.email })).data!.searchUsers).toEqual([]);
    expect((await staff.client.request(SEARCH, { query: colleague.email })).data!.searchUsers).toEqual([]);
    expect((await admin.client.request(SEARCH, { query: colleague.email })).data!.searchUsers).toEqual([
      expect.objectContaining({ id: colleague.id, role: 'SUPPORT', twoFactorMethod: 'TOTP' }),
    ]);

    const proof = codeOf(staff);
    for (const target of [admin, colleague]) {
      const reset = await staff.client.request(RESET, { userId: target.id, reason: REASON, code: proof });
      expect(reset.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_BELOW' });
      const read = await staff.client.request(USER_EVENTS, { userId: target.id });
      expect(read.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_BELOW' });
    }
    // Refused before the proof was checked: the same code still resets a customer.
    const customer = await customerWithTwoFactor('below');
    expect((await staff.client.request(RESET, { userId: await idOf(customer.email), reason: REASON, code: proof })).errors).toBeUndefined();
    const adminOnAdmin = await withTwoFactor(await signInStaff(Role.ADMIN, 'admin2'));
    const refused = await adminOnAdmin.client.request(RESET, { userId: admin.id, reason: REASON, code: codeOf(adminOnAdmin) });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_BELOW' });

    const done = await admin.client.request(RESET, { userId: colleague.id, reason: REASON, code: codeOf(admin) });
    expect(done.data!.resetTwoFactor.user).toEqual({ id: colleague.id, email: colleague.email, twoFactorMethod: null });
  });

  it('removes the 2FA, signs the user out everywhere, e-mails them and logs the reason', async () => {
    const customer = await registerUser(t, 'lostphone');
    await enableTotp(t, customer);
    const userId = await idOf(customer.email);

    const res = await staff.client.request(RESET, { userId, reason: REASON, code: codeOf(staff) });
    expect(res.data!.resetTwoFactor).toEqual({
      message: 'The 2FA of the account was reset. The user was signed out everywhere and told by e-mail.',
      user: { id: userId, email: customer.email, twoFactorMethod: null },
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

  it('refuses to reset an account without 2FA before the proof is checked, so the proof stays unspent', async () => {
    const customer = await registerUser(t, 'no2fa');
    const userId = await idOf(customer.email);
    const proof = codeOf(staff);
    const refused = await staff.client.request(RESET, { userId, reason: REASON, code: proof });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTHING_TO_RESET', field: 'userId' });
    expect(refused.errors![0]!.message).toBe('This account has no two-factor authentication to reset.');
    // Nothing happened to the account: its session lives, and its log holds no reset.
    expect((await customer.client.request(OPS.ME)).data!.me.email).toBe(customer.email);
    expect((await eventRows(userId)).map((e) => e.type)).not.toContain(SecurityEventType.TWO_FACTOR_RESET);
    // The same code still resets an account that has 2FA.
    const other = await customerWithTwoFactor('has2fa');
    expect((await staff.client.request(RESET, { userId: await idOf(other.email), reason: REASON, code: proof })).errors).toBeUndefined();
  });

  it('lets exactly one of two staff members resetting one account at once reset it; the other hears NOTHING_TO_RESET', async () => {
    const first = await withTwoFactor(await signInStaff(Role.SUPPORT, 'first'));
    const second = await withTwoFactor(await signInStaff(Role.SUPPORT, 'second'));
    const customer = await customerWithTwoFactor('twice');
    const userId = await userIdOf(customer.email);
    // Two requests from each, with distinct proofs (recovery codes), all at once.
    const results = await Promise.all(
      [first, second, first, second].map((member, i) =>
        member.client.request(RESET, { userId, reason: REASON, code: member.recoveryCodes[Math.floor(i / 2)] }),
      ),
    );
    expect(results.filter((r) => r.data?.resetTwoFactor)).toHaveLength(1);
    for (const loser of results.filter((r) => r.errors)) {
      expect(loser.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTHING_TO_RESET' });
    }
    // Reset once: one entry in the log, one e-mail.
    expect((await eventRows(userId)).filter((e) => e.type === SecurityEventType.TWO_FACTOR_RESET)).toHaveLength(1);
    const notices = (await readOutbox(t.config.delivery.outboxPath)).filter(
      (m) => m.to === customer.email && m.subject === 'HOSTKEY: two-factor authentication reset by support',
    );
    expect(notices).toHaveLength(1);
  });

  it('resets ann@x.com, not the jann@x.com or aann@x.com whose addresses contain it', async () => {
    const register = async (email: string) => {
      const res = await t.client.request(OPS.REGISTER, { email, password: PASSWORD });
      const client = t.client.withToken(res.data!.register.token);
      await enableTotp(t, { email, token: res.data!.register.token, client });
      return res.data!.register.user.id as string;
    };
    const ann = await register('ann@x.com');
    const jann = await register('jann@x.com');
    const aann = await register('aann@x.com');
    const res = await staff.client.request(RESET, { userId: ann, reason: REASON, code: codeOf(staff) });
    expect(res.data!.resetTwoFactor.user).toEqual({ id: ann, email: 'ann@x.com', twoFactorMethod: null });
    const methods = (await staff.client.request(SEARCH, { query: 'ann@x.com' })).data!.searchUsers;
    expect(methods).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: jann, twoFactorMethod: 'TOTP' }),
        expect.objectContaining({ id: aann, twoFactorMethod: 'TOTP' }),
        expect.objectContaining({ id: ann, twoFactorMethod: null }),
      ]),
    );
  });

  /** A fresh hour (earlier tests reset accounts too); the session idled out, so sign in again. */
  async function freshHour(member: Staff): Promise<void> {
    t.clock.advance(60 * 60_000);
    const { challengeId } = (await t.client.request(OPS.LOGIN, { email: member.email, password: PASSWORD })).data!.login;
    const signedIn = await t.client.request(OPS.CHALLENGE, { challengeId, code: codeOf(member) });
    member.client = t.client.withToken(signedIn.data!.verifyLoginChallenge.token);
  }

  /**
   * Reaching the cap takes as many accounts with 2FA on (a reset removes 2FA, so it needs some to
   * remove), made before the resets; with their passwords hashed, that takes a while.
   */
  const CAP_TEST_TIMEOUT_MS = 120_000;
  async function customerIds(label: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await userIdOf((await customerWithTwoFactor(`${label}${i}`)).email));
    return ids;
  }

  it(
    `refuses the reset after ${SUPPORT_LIMITS.maxResetsPerHour} an hour before the proof is checked, so the proof stays unspent`,
    async () => {
      const [eleventhId, ...ids] = await customerIds('bulk', SUPPORT_LIMITS.maxResetsPerHour + 1);
      await freshHour(staff);
      const outcomes: unknown[] = [];
      for (const userId of ids) {
        outcomes.push(errorCode(await staff.client.request(RESET, { userId, reason: REASON, code: codeOf(staff) })));
      }
      expect(outcomes).toEqual(Array(SUPPORT_LIMITS.maxResetsPerHour).fill(undefined));

      const proof = codeOf(staff);
      const eleventh = await staff.client.request(RESET, { userId: eleventhId, reason: REASON, code: proof });
      expect(eleventh.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'RESET_LIMIT' });
      expect(eleventh.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
      // The same code still proves the staff member's factor: the refused reset did not spend it.
      const regenerated = await staff.client.request(OPS.REGENERATE, { code: proof });
      expect(regenerated.errors).toBeUndefined();
      staff.recoveryCodes = regenerated.data!.regenerateRecoveryCodes.recoveryCodes;
    },
    CAP_TEST_TIMEOUT_MS,
  );

  it(
    'lets exactly one of parallel resets take the last reset of the hour',
    async () => {
      const ids = await customerIds('nearly', SUPPORT_LIMITS.maxResetsPerHour - 1);
      const racingIds = await customerIds('racing', 3);
      await freshHour(staff);
      for (const userId of ids) {
        expect((await staff.client.request(RESET, { userId, reason: REASON, code: codeOf(staff) })).errors).toBeUndefined();
      }
      // Recovery codes: a distinct proof for each racing request.
      const racing = await Promise.all(
        racingIds.map((userId, i) => staff.client.request(RESET, { userId, reason: REASON, code: staff.recoveryCodes[i] })),
      );
      expect(racing.filter((r) => r.data?.resetTwoFactor)).toHaveLength(1);
      expect(racing.filter((r) => r.errors?.[0]?.extensions?.reason === 'RESET_LIMIT')).toHaveLength(2);
    },
    CAP_TEST_TIMEOUT_MS,
  );
});
