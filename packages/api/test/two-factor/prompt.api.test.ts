import { OPS, PASSWORD, enableTotp, nextTotpStep, registerUser, totpNow, type SignedInUser } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60_000;
const SETTINGS = `query { twoFactorSettings { enabled promptToEnable } }`;
const DISABLE = `mutation Disable($code: String!) { disableTwoFactor(code: $code) { settings { enabled promptToEnable } } }`;

describe('the invitation to enable 2FA', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // Sessions end after 30 idle minutes: after days on the clock, sign in afresh.
  async function signInAgain(user: SignedInUser): Promise<SignedInUser> {
    const res = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    const token = res.data!.login.token as string;
    return { ...user, token, client: t.client.withToken(token) };
  }

  const promptShown = async (user: SignedInUser) => (await user.client.request(SETTINGS)).data!.twoFactorSettings.promptToEnable;

  it('comes back 30 days after "Not now", not before', async () => {
    let user = await registerUser(t);
    await user.client.request(OPS.DISMISS);
    expect(await promptShown(user)).toBe(false);

    t.clock.advance(30 * DAY - 60_000);
    user = await signInAgain(user);
    expect(await promptShown(user)).toBe(false);

    t.clock.advance(60_000);
    expect(await promptShown(user)).toBe(true);

    // A second "Not now" starts another 30 days.
    await user.client.request(OPS.DISMISS);
    expect(await promptShown(user)).toBe(false);
  });

  it('comes back at once when 2FA is disabled, however recently it was dismissed', async () => {
    const user = await registerUser(t);
    await user.client.request(OPS.DISMISS);
    const { secret } = await enableTotp(t, user);
    expect(await promptShown(user)).toBe(false);

    nextTotpStep(t);
    const disabled = await user.client.request(DISABLE, { code: totpNow(t, secret) });
    expect(disabled.data!.disableTwoFactor.settings).toEqual({ enabled: false, promptToEnable: true });
    expect(await promptShown(user)).toBe(true);
  });
});
