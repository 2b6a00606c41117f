import { SecurityEventEntity } from '../src/modules/audit/entities/security-event.entity';
import { SecurityEventType } from '../src/modules/audit/security-event-type';
import { UserEntity } from '../src/modules/auth/entities/user.entity';
import { Role } from '../src/modules/auth/role';
import { ADMIN_OPS, codeOf, member, type Member } from './administration/admin-helpers';
import { errorCode, type GraphQLResponse } from './support/graphql-client';
import { OPS, registerUser, totpNow } from './support/flows';
import { startTestApp, type TestApp } from './support/test-app';

const SETTINGS = `query { twoFactorSettings { enabled method required availableMethods smsCountries } }`;
const CREATE_TOKEN = `mutation Create($proof: String!) { createApiToken(name: "script", scopes: [READ], proof: $proof) { token } }`;
const USERS = `query { users(search: "example") { edges { node { email } } } }`;

const reasonOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.reason;

describe('administration through the API: the 2FA policy', () => {
  let t: TestApp;
  let admin: Member;

  beforeAll(async () => {
    t = await startTestApp({ TWO_FACTOR_REQUIRED: 'none', TWO_FACTOR_GRACE_DAYS: '14', TWO_FACTOR_METHODS: 'TOTP,EMAIL,SMS' });
    admin = await member(t, Role.ADMIN);
  });
  afterAll(() => t.close());

  const update = (who: Member, input: Record<string, unknown>, proof = codeOf(t, who)) =>
    who.client.request(ADMIN_OPS.UPDATE, { input, proof });
  const version = async () => (await admin.client.request(ADMIN_OPS.POLICY)).data!.policy.version as number;

  it('answers the environment’s settings as version 0 until an admin saves one', async () => {
    const res = await admin.client.request(ADMIN_OPS.POLICY);
    expect(res.errors).toBeUndefined();
    expect(res.data!.policy).toEqual({
      version: 0,
      requiredFor: 'NONE',
      graceDays: 14,
      offeredMethods: ['TOTP', 'EMAIL', 'SMS'],
      offerableMethods: ['TOTP', 'WEBAUTHN', 'EMAIL', 'SMS'],
      rememberBrowserDays: 30,
      smsCountries: null,
      updatedAt: null,
      updatedBy: null,
      updatedByUserId: null,
    });
  });

  it('is for ADMINs only: customers and support are refused, an admin without 2FA too, an API token never reaches it', async () => {
    const customer = await member(t, Role.CUSTOMER);
    const support = await member(t, Role.SUPPORT);
    for (const who of [customer, support]) {
      expect(reasonOf(await who.client.request(ADMIN_OPS.POLICY))).toBe('ROLE_REQUIRED');
      expect(reasonOf(await update(who, { expectedVersion: 0, graceDays: 1 }))).toBe('ROLE_REQUIRED');
      expect(reasonOf(await who.client.request(ADMIN_OPS.SET_ROLE, { userId: who.id, role: 'ADMIN', proof: codeOf(t, who) }))).toBe(
        'ROLE_REQUIRED',
      );
    }
    const bare = await member(t, Role.ADMIN, { twoFactor: false });
    expect(reasonOf(await bare.client.request(ADMIN_OPS.POLICY))).toBe('OWN_2FA_REQUIRED');
    expect(reasonOf(await bare.client.request(ADMIN_OPS.UPDATE, { input: { expectedVersion: 0 }, proof: '123456' }))).toBe(
      'OWN_2FA_REQUIRED',
    );

    const token = (await admin.client.request(CREATE_TOKEN, { proof: codeOf(t, admin) })).data!.createApiToken.token as string;
    const byToken = t.client.withToken(token);
    for (const res of [
      await byToken.request(ADMIN_OPS.POLICY),
      await byToken.request(ADMIN_OPS.UPDATE, { input: { expectedVersion: 0, graceDays: 1 }, proof: codeOf(t, admin) }),
      await byToken.request(ADMIN_OPS.SET_ROLE, { userId: customer.id, role: 'ADMIN', proof: codeOf(t, admin) }),
    ]) {
      expect(reasonOf(res)).toBe('TOKEN_SCOPE');
    }
    expect(await version()).toBe(0);
    expect((await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ id: customer.id })).role).toBe(Role.CUSTOMER);
  });

  it('answers every bad field at once, saves nothing and spends no code', async () => {
    const code = codeOf(t, admin);
    const refused = await update(
      admin,
      { expectedVersion: 0, graceDays: -1, rememberBrowserDays: 366, offeredMethods: [], smsCountries: ['gb', 'XX', 'Narnia'] },
      code,
    );
    expect(refused.errors).toHaveLength(1);
    const { extensions } = refused.errors![0]!;
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DAYS_OUT_OF_RANGE', field: 'graceDays', min: 0, max: 365 });
    expect((extensions!.fields as { field: string; reason: string }[]).map(({ field, reason }) => ({ field, reason }))).toEqual([
      { field: 'graceDays', reason: 'DAYS_OUT_OF_RANGE' },
      { field: 'rememberBrowserDays', reason: 'DAYS_OUT_OF_RANGE' },
      { field: 'offeredMethods', reason: 'POLICY_NO_METHODS' },
      { field: 'smsCountries', reason: 'UNKNOWN_COUNTRIES' },
    ]);
    expect((extensions!.fields as { message: string }[])[3]!.message).toContain('XX, NARNIA');
    const empty = await update(admin, { expectedVersion: 0, smsCountries: [] }, code);
    expect(empty.errors![0]!.extensions).toMatchObject({ reason: 'NO_COUNTRIES', field: 'smsCountries' });
    expect(await version()).toBe(0);

    // The same code still works: nothing above spent it.
    const saved = await update(admin, { expectedVersion: 0, graceDays: 7, smsCountries: ['gb', 'DE', 'GB'] }, code);
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.updatePolicy).toMatchObject({
      version: 1,
      graceDays: 7,
      smsCountries: ['GB', 'DE'],
      offeredMethods: ['TOTP', 'EMAIL', 'SMS'],
      updatedBy: admin.email,
      updatedByUserId: admin.id,
    });
    expect(saved.data!.updatePolicy.updatedAt).toBe(t.clock.now().toISOString());
    // Spent: the same code again is refused, and nothing is saved.
    const again = await update(admin, { expectedVersion: 1, graceDays: 8 }, code);
    expect(errorCode(again)).toBe('INVALID_CODE');
    const wrong = await update(admin, { expectedVersion: 1, graceDays: 8 }, '000000');
    expect(errorCode(wrong)).toBe('INVALID_CODE');
    const missing = await update(admin, { expectedVersion: 1, graceDays: 8 }, '');
    expect(missing.errors).toBeDefined();
    expect(await version()).toBe(1);

    const log = (await admin.client.request(ADMIN_OPS.LOG)).data!.securityLog.edges.map((e: { node: unknown }) => e.node);
    expect(log).toContainEqual({ type: 'POLICY_UPDATED', detail: 'version 1: graceDays 14 → 7; smsCountries any → GB,DE' });
  });

  it('lets exactly one of two saves from one version through; the other is told, and a stale save spends no code', async () => {
    const other = await member(t, Role.ADMIN, { label: 'second-admin' });
    const from = await version();
    codeOf(t, admin);
    const [a, b] = await Promise.all([
      update(admin, { expectedVersion: from, graceDays: 20 }, totpNow(t, admin.secret)),
      update(other, { expectedVersion: from, graceDays: 21 }, totpNow(t, other.secret)),
    ]);
    const results = [a, b];
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'POLICY_VERSION_CONFLICT',
      field: 'expectedVersion',
      currentVersion: from + 1,
    });
    expect(await version()).toBe(from + 1);

    const code = codeOf(t, other);
    expect(reasonOf(await update(other, { expectedVersion: from, graceDays: 22 }, code))).toBe('POLICY_VERSION_CONFLICT');
    expect((await update(other, { expectedVersion: from + 1, graceDays: 22 }, code)).data!.updatePolicy.version).toBe(from + 2);
  });

  it('checks one code per request: two saves in one document are refused before either runs', async () => {
    const from = await version();
    const proof = codeOf(t, admin);
    const twice = await admin.client.request(
      `mutation Twice($proof: String!) {
        a: updatePolicy(input: { expectedVersion: ${from}, graceDays: 2 }, proof: $proof) { version }
        b: setUserRole(userId: "${admin.id}", role: ADMIN, proof: $proof) { id }
      }`,
      { proof },
    );
    expect(twice.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'CODE_CHECK_LIMIT' });
    expect(await version()).toBe(from);
  });

  it('takes effect at the next request: required 2FA, withdrawn and offered methods, SMS countries', async () => {
    const customer = await registerUser(t, 'plain');
    const totpUser = await member(t, Role.CUSTOMER, { label: 'keeps-totp' });
    expect((await customer.client.request(SETTINGS)).data!.twoFactorSettings).toMatchObject({
      required: false,
      smsCountries: ['GB', 'DE'],
    });

    const saved = await update(admin, {
      expectedVersion: await version(),
      requiredFor: 'ALL',
      graceDays: 0,
      offeredMethods: ['EMAIL', 'SMS'],
      smsCountries: ['DE'],
    });
    expect(saved.errors).toBeUndefined();

    // Required of everyone, with no grace: a user without 2FA can do nothing but set it up.
    expect((await customer.client.request(SETTINGS)).data!.twoFactorSettings).toMatchObject({
      required: true,
      availableMethods: ['EMAIL', 'SMS'],
      smsCountries: ['DE'],
    });
    expect(reasonOf(await customer.client.request(OPS.EVENTS))).toBe('TWO_FACTOR_REQUIRED');
    // TOTP is withdrawn: nobody new sets it up, but its user keeps it.
    expect(reasonOf(await customer.client.request(OPS.ENABLE, { input: { method: 'TOTP' } }))).toBe('METHOD_NOT_OFFERED');
    expect((await totpUser.client.request(SETTINGS)).data!.twoFactorSettings).toMatchObject({ enabled: true, method: 'TOTP' });
    expect((await totpUser.client.request(OPS.EVENTS)).errors).toBeUndefined();
    // SMS only to Germany now.
    const gb = await customer.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '07400 123456', phoneCountry: 'GB' } });
    expect(reasonOf(gb)).toBe('COUNTRY_NOT_OFFERED');

    // SMS withdrawn: a new SMS set-up is refused at once.
    expect((await update(admin, { expectedVersion: await version(), offeredMethods: ['TOTP', 'EMAIL'] })).errors).toBeUndefined();
    const sms = await customer.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '+49 1512 3456789' } });
    expect(reasonOf(sms)).toBe('METHOD_NOT_OFFERED');

    // Back to none: the requirement ends at once too.
    expect((await update(admin, { expectedVersion: await version(), requiredFor: 'NONE' })).errors).toBeUndefined();
    expect((await customer.client.request(OPS.EVENTS)).errors).toBeUndefined();
  });
});

describe('administration through the API: roles', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ TWO_FACTOR_REQUIRED: 'none' });
  });
  afterEach(() => t.close());

  const setRole = (who: Member, userId: string, role: string, proof = codeOf(t, who)) =>
    who.client.request(ADMIN_OPS.SET_ROLE, { userId, role, proof });
  const roleOf = async (id: string) => (await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ id })).role;
  const events = (userId: string) => t.app.dataSource.getRepository(SecurityEventEntity).findBy({ userId });

  it('promotes and demotes at once, logs it on both accounts, and never demotes the last admin', async () => {
    const admin = await member(t, Role.ADMIN);
    const helper = await member(t, Role.CUSTOMER, { label: 'helper' });
    expect(reasonOf(await helper.client.request(USERS))).toBe('ROLE_REQUIRED');

    const promoted = await setRole(admin, helper.id, 'SUPPORT');
    expect(promoted.data!.setUserRole).toEqual({ id: helper.id, email: helper.email, role: 'SUPPORT', twoFactorMethod: 'TOTP' });
    // The next request of the same session has the staff powers (roles are read per request).
    expect((await helper.client.request(USERS)).errors).toBeUndefined();
    expect((await setRole(admin, helper.id, 'CUSTOMER')).data!.setUserRole.role).toBe('CUSTOMER');
    expect(reasonOf(await helper.client.request(USERS))).toBe('ROLE_REQUIRED');

    const targetLog = (await events(helper.id)).filter((e) => e.type === SecurityEventType.ROLE_CHANGED);
    expect(targetLog.map((e) => [e.detail, e.actorUserId])).toEqual(
      expect.arrayContaining([
        ['CUSTOMER → SUPPORT', admin.id],
        ['SUPPORT → CUSTOMER', admin.id],
      ]),
    );
    const actorLog = (await events(admin.id)).filter((e) => e.type === SecurityEventType.ROLE_CHANGE_MADE).map((e) => e.detail);
    expect(actorLog).toEqual(expect.arrayContaining([`${helper.email}: CUSTOMER → SUPPORT`, `${helper.email}: SUPPORT → CUSTOMER`]));

    // Alone: the admin cannot demote themselves, and the refusal keeps the code.
    const code = codeOf(t, admin);
    const self = await setRole(admin, admin.id, 'SUPPORT', code);
    expect(self.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LAST_ADMIN' });
    expect(await roleOf(admin.id)).toBe(Role.ADMIN);
    expect((await setRole(admin, helper.id, 'ADMIN', code)).data!.setUserRole.role).toBe('ADMIN');
    // With a second admin, demoting oneself is allowed, and takes the admin's powers at once.
    expect((await setRole(admin, admin.id, 'SUPPORT')).data!.setUserRole.role).toBe('SUPPORT');
    expect(reasonOf(await admin.client.request(ADMIN_OPS.POLICY))).toBe('ROLE_REQUIRED');
    expect(reasonOf(await setRole(admin, helper.id, 'CUSTOMER'))).toBe('ROLE_REQUIRED');

    expect(reasonOf(await setRole(helper, '00000000-0000-0000-0000-000000000000', 'SUPPORT'))).toBe('NO_SUCH_USER');
  });

  it('takes the staff reads from a demoted member’s API token at once', async () => {
    const admin = await member(t, Role.ADMIN);
    const staff = await member(t, Role.SUPPORT);
    const created = await staff.client.request(
      `mutation Create($proof: String!) { createApiToken(name: "reads", scopes: [READ, SUPPORT_READ], proof: $proof) { token } }`,
      { proof: codeOf(t, staff) },
    );
    const byToken = t.client.withToken(created.data!.createApiToken.token as string);
    expect((await byToken.request(USERS)).errors).toBeUndefined();
    expect((await setRole(admin, staff.id, 'CUSTOMER')).errors).toBeUndefined();
    expect(reasonOf(await byToken.request(USERS))).toBe('ROLE_REQUIRED');
    expect((await byToken.request(OPS.EVENTS)).errors).toBeUndefined();
  });

  it('allows 20 changes an hour, refusing the next before its code is checked', async () => {
    const admin = await member(t, Role.ADMIN);
    const other = await member(t, Role.CUSTOMER, { label: 'toggled', twoFactor: false });
    for (let i = 0; i < 20; i++) {
      expect((await setRole(admin, other.id, i % 2 ? 'CUSTOMER' : 'SUPPORT')).errors).toBeUndefined();
    }
    const code = codeOf(t, admin);
    const refused = await setRole(admin, other.id, 'ADMIN', code);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'ADMIN_CHANGE_LIMIT', limit: 20 });
    expect(refused.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(reasonOf(await admin.client.request(ADMIN_OPS.UPDATE, { input: { expectedVersion: 0 }, proof: code }))).toBe(
      'ADMIN_CHANGE_LIMIT',
    );
    // The refused requests left the code unspent: it still proves something else.
    expect((await admin.client.request(OPS.REGENERATE, { code })).errors).toBeUndefined();
    expect(await roleOf(other.id)).toBe(Role.CUSTOMER);
  });

  it('leaves one ADMIN when the last two demote each other at once', async () => {
    const a = await member(t, Role.ADMIN, { label: 'admin-a' });
    const b = await member(t, Role.ADMIN, { label: 'admin-b' });
    for (let round = 0; round < 3; round++) {
      codeOf(t, a);
      const [byA, byB] = await Promise.all([
        setRole(a, b.id, 'CUSTOMER', totpNow(t, a.secret)),
        setRole(b, a.id, 'CUSTOMER', totpNow(t, b.secret)),
      ]);
      // The loser is refused as the last admin, or (when it came a moment later) as no longer an admin.
      const outcomes = [byA, byB].map((r) => (r.errors ? reasonOf(r) : 'done'));
      expect(outcomes.filter((o) => o === 'done')).toHaveLength(1);
      expect(['LAST_ADMIN', 'ROLE_REQUIRED']).toContain(outcomes.find((o) => o !== 'done'));
      const admins = await t.app.dataSource.getRepository(UserEntity).countBy({ role: Role.ADMIN });
      expect(admins).toBe(1);
      // The one left makes the other an admin again for the next round.
      const [left, demoted] = byA.errors ? [b, a] : [a, b];
      expect((await setRole(left, demoted.id, 'ADMIN')).errors).toBeUndefined();
    }
  });
});
