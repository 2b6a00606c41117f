import { Role } from '../../src/modules/auth/role';
import { errorCode } from '../support/graphql-client';
import { OPS, PASSWORD, nextTotpStep, registerUser, totpNow, uniqueEmail } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

const SETTINGS = `query { twoFactorSettings { availableMethods required promptToEnable } }`;

describe('server policy: which methods, and who must have 2FA', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TWO_FACTOR_METHODS: 'TOTP,SMS', TWO_FACTOR_REQUIRED: 'staff' });
  });
  afterAll(() => t.close());

  it('offers only the configured methods and refuses the others', async () => {
    const user = await registerUser(t);
    expect((await user.client.request(SETTINGS)).data!.twoFactorSettings).toEqual({
      availableMethods: ['TOTP', 'SMS'],
      required: false,
      promptToEnable: true,
    });
    const res = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: uniqueEmail('mail') } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe('method');
    expect((await user.client.request(OPS.ENABLE, { input: { method: 'TOTP' } })).data!.enableTwoFactor.__typename).toBe('TotpSetup');
  });

  it('keeps prompting staff to enable 2FA: they cannot dismiss it', async () => {
    const email = uniqueEmail('staff');
    await t.app.modules.auth.accounts.createUser(email, PASSWORD, Role.SUPPORT);
    const token = (await t.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.token;
    const staff = t.client.withToken(token);
    await staff.request(OPS.DISMISS);
    expect((await staff.request(SETTINGS)).data!.twoFactorSettings).toMatchObject({ required: true, promptToEnable: true });
  });
});

describe('required 2FA: the grace period, then nothing but setting it up', () => {
  const DAY_MS = 24 * 60 * 60_000;
  const REQUIRED = `query { twoFactorSettings { required requiredBy enabled } }`;
  const EVENTS = `query { securityEvents { type } }`;
  const SEARCH = `query { searchUsers(query: "example") { email } }`;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TWO_FACTOR_REQUIRED: 'staff', TWO_FACTOR_GRACE_DAYS: '14' });
  });
  afterAll(() => t.close());

  async function signIn(email: string) {
    const res = await t.client.request(OPS.LOGIN, { email, password: PASSWORD });
    return t.client.withToken(res.data!.login.token as string);
  }

  it('gives staff 14 days from the first sign-in, then answers FORBIDDEN (TWO_FACTOR_REQUIRED) to all but the set-up', async () => {
    const email = uniqueEmail('graced');
    await t.app.modules.auth.accounts.createUser(email, PASSWORD, Role.SUPPORT);
    const firstSignIn = t.clock.now().getTime();
    let staff = await signIn(email);
    // The period counts from the sign-in itself, not from when the settings are first read.
    t.clock.set(firstSignIn + 20 * 60_000);
    const deadline = new Date(firstSignIn + 14 * DAY_MS).toISOString();
    expect((await staff.request(REQUIRED)).data!.twoFactorSettings).toEqual({ required: true, requiredBy: deadline, enabled: false });
    expect((await staff.request(EVENTS)).errors).toBeUndefined();
    // The grace period is for their own account: the staff tools need their 2FA from the start.
    expect((await staff.request(SEARCH)).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_2FA_REQUIRED' });

    // Later sign-ins keep the first deadline; on its last day everything still works.
    t.clock.set(firstSignIn + 14 * DAY_MS - 60_000);
    staff = await signIn(email);
    expect((await staff.request(REQUIRED)).data!.twoFactorSettings.requiredBy).toBe(deadline);
    expect((await staff.request(EVENTS)).errors).toBeUndefined();

    t.clock.set(firstSignIn + 14 * DAY_MS);
    for (const operation of [EVENTS, SEARCH, OPS.DISMISS]) {
      const refused = await staff.request(operation);
      expect(errorCode(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0]!.extensions!.reason).toBe('TWO_FACTOR_REQUIRED');
    }
    // Signing in still works (the password was right); what it opens is the set-up.
    staff = await signIn(email);
    expect((await staff.request(OPS.ME)).data!.me.email).toBe(email);
    const secret = (await staff.request(OPS.ENABLE, { input: { method: 'TOTP' } })).data!.enableTwoFactor.secret as string;
    expect((await staff.request(OPS.VERIFY, { code: totpNow(t, secret) })).errors).toBeUndefined();
    expect((await staff.request(REQUIRED)).data!.twoFactorSettings).toEqual({ required: true, requiredBy: null, enabled: true });
    expect((await staff.request(EVENTS)).errors).toBeUndefined();
    expect((await staff.request(SEARCH)).errors).toBeUndefined();

    // Required means it stays on: switch, yes; off, no.
    nextTotpStep(t);
    const off = await staff.request(OPS.DISABLE, { code: totpNow(t, secret) });
    expect(errorCode(off)).toBe('FORBIDDEN');
    expect(off.errors![0]!.extensions!.reason).toBe('REQUIRED_CANNOT_DISABLE');
    expect((await staff.request(REQUIRED)).data!.twoFactorSettings.enabled).toBe(true);
  });

  it('leaves customers alone when only staff must have 2FA', async () => {
    const customer = await registerUser(t, 'free');
    expect((await customer.client.request(REQUIRED)).data!.twoFactorSettings).toEqual({
      required: false,
      requiredBy: null,
      enabled: false,
    });
    t.clock.set(t.clock.now().getTime() + 100 * DAY_MS);
    const again = await signIn(customer.email);
    expect((await again.request(EVENTS)).errors).toBeUndefined();
  });

  it('with no grace period (TWO_FACTOR_GRACE_DAYS=0), asks for 2FA from the first sign-in', async () => {
    await t.restart({ TWO_FACTOR_REQUIRED: 'all', TWO_FACTOR_GRACE_DAYS: '0' });
    const user = await registerUser(t, 'strict');
    const refused = await user.client.request(EVENTS);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TWO_FACTOR_REQUIRED' });
    expect((await user.client.request(OPS.ENABLE, { input: { method: 'TOTP' } })).data!.enableTwoFactor.__typename).toBe('TotpSetup');
  });
});

describe('SMS only to the countries the operator chose (SMS_COUNTRIES)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SMS_COUNTRIES: 'GB,DE' });
  });
  afterAll(() => t.close());

  it('says which countries, sends to those, and refuses other numbers before anything is sent', async () => {
    const user = await registerUser(t, 'sms-countries');
    expect((await user.client.request(`query { twoFactorSettings { smsCountries } }`)).data!.twoFactorSettings.smsCountries).toEqual([
      'GB',
      'DE',
    ]);

    for (const phoneNumber of ['+1 415 555 2671', '+33 6 12 34 56 78']) {
      const refused = await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber } });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phoneNumber', reason: 'COUNTRY_NOT_OFFERED' });
    }
    expect((await user.client.request(OPS.SETTINGS)).data!.twoFactorSettings.pending).toBeNull();

    // The country is where the number belongs, not its calling code: +44 7911 12… is Guernsey (GG).
    const guernsey = await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '07911 123456', phoneCountry: 'GB' } });
    expect(guernsey.errors![0]!.extensions!.reason).toBe('COUNTRY_NOT_OFFERED');
    const sent = await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '07400 123456', phoneCountry: 'GB' } });
    expect(sent.data!.enableTwoFactor).toMatchObject({ __typename: 'CodeSent', maskedDestination: '+44 *** *** 56' });
  });
});
