import { Role } from '../../src/modules/auth/role';
import { errorCode } from '../support/graphql-client';
import { OPS, PASSWORD, registerUser, uniqueEmail } from '../support/flows';
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
    await t.app.services.accounts.createUser(email, PASSWORD, Role.SUPPORT);
    const token = (await t.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.token;
    const staff = t.client.withToken(token);
    await staff.request(OPS.DISMISS);
    expect((await staff.request(SETTINGS)).data!.twoFactorSettings).toMatchObject({ required: true, promptToEnable: true });
  });
});
