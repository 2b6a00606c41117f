import { readOutbox } from '../../src/delivery/outbox/outbox';
import { OPS, registerUser } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

async function sentTo(t: TestApp, to: string): Promise<number> {
  return (await readOutbox(t.config.delivery.outboxPath)).filter((r) => r.to === to).length;
}

/**
 * SMS codes go by default only to mobile numbers of a country: fixed lines cannot read them, and
 * satellite and other non-geographic numbers are what SMS pumping aims at. The operator may widen it.
 */
describe('ASVS V2.7.1 (5.0 V6.6.1), 800-63B 5.1.3.3: SMS safe by default', () => {
  const satellite = '+881631234567';
  const fixedLine = '+442079460958';

  describe('with the default SMS_NUMBER_TYPES (mobile)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it.each([
      [satellite, 'NON_GEOGRAPHIC'],
      [fixedLine, 'NOT_MOBILE'],
      ['+883510012345', 'NON_GEOGRAPHIC'],
    ])('refuses %s (BAD_USER_INPUT, field phoneNumber, reason %s) and sends nothing', async (phoneNumber, reason) => {
      const user = await registerUser(t, 'sms-safe');
      const res = await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber } });
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phoneNumber', reason });
      expect(await sentTo(t, phoneNumber)).toBe(0);
    });

    it('sends to a mobile number, and to a number that may be mobile (US)', async () => {
      for (const phoneNumber of ['+4915112345678', '+14155550123']) {
        const user = await registerUser(t, 'sms-mobile');
        expect((await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber } })).errors).toBeUndefined();
        expect(await sentTo(t, phoneNumber)).toBe(1);
      }
    });
  });

  describe('widened with SMS_NUMBER_TYPES=any', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ SMS_NUMBER_TYPES: 'any' });
    });
    afterAll(() => t.close());

    it.each([satellite, fixedLine])('sends to %s', async (phoneNumber) => {
      const user = await registerUser(t, 'sms-any');
      const res = await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber } });
      expect(res.data!.enableTwoFactor.__typename).toBe('CodeSent');
      expect(await sentTo(t, phoneNumber)).toBe(1);
    });
  });
});
