import { readOutbox } from '../../src/delivery/outbox/outbox';
import { OPS, PASSWORD, enableTotp, nextTotpStep, registerUser } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

const HOUR = 60 * 60_000;

describe('WSTG-BUSL-05: notice e-mails capped per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ NOTICES_PER_ADDRESS_PER_HOUR: '2' });
  });
  afterAll(() => t.close());

  it('drops notices over the cap, logs them with the address masked, and never fails the action', async () => {
    const user = await registerUser(t, 'noticed');
    for (let i = 0; i < 2; i++) {
      const { recoveryCodes } = await enableTotp(t, user);
      nextTotpStep(t);
      const disabled = await user.client.request(OPS.DISABLE, { code: recoveryCodes[0] });
      expect(disabled.data!.disableTwoFactor.settings.enabled).toBe(false);
    }
    // Four notices were due (enabled, disabled, enabled, disabled): two went out. (Notices carry no code, unlike the verification link.)
    const noticesTo = async (to: string) => (await readOutbox(t.config.delivery.outboxPath)).filter((r) => r.to === to && r.code === null);
    const notices = await noticesTo(user.email);
    expect(notices).toHaveLength(2);
    const dropped = t
      .logs()
      .split('\n')
      .filter((line) => line.includes('security notice dropped'));
    expect(dropped).toHaveLength(2);
    expect(dropped.join('\n')).not.toContain(user.email);
    expect(dropped[0]).toContain('"to":"n***@example.com"');

    // The next hour has room again (a new session: the old one ended while idle).
    t.clock.advance(HOUR);
    const login = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    const token = login.data!.login.token as string;
    await enableTotp(t, { ...user, token, client: t.client.withToken(token) });
    expect(await noticesTo(user.email)).toHaveLength(3);
  });
});
