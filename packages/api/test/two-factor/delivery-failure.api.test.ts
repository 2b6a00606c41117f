import type { ServerResponse } from 'node:http';
import { CodePurpose, OneTimeCodeEntity } from '../../src/modules/two-factor/entities/one-time-code.entity';
import { ProviderStub, json, neverAnswer, type RecordedRequest } from '../delivery/support/provider-stub';
import { errorCode } from '../support/graphql-client';
import { rememberSecret } from '../support/secrets-seen';
import { OPS, PASSWORD, registerUser, uniqueEmail } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

const sendGridAccepted = (_request: RecordedRequest, response: ServerResponse) => {
  response.writeHead(202);
  response.end();
};
const vonageAnswer = (status: string) => (_request: RecordedRequest, response: ServerResponse) =>
  json(response, 200, { 'message-count': '1', messages: [{ status, 'error-text': status === '0' ? undefined : 'Throttled' }] });

/** The code in the newest request the stub received (SendGrid JSON or Vonage form/JSON). */
function codeInLastRequest(stub: ProviderStub): string {
  const body = stub.requests.at(-1)?.body ?? '';
  const code = /(?<!\d)(\d{6})(?!\d)/.exec(body)?.[1];
  if (!code) throw new Error('no code in the provider request');
  rememberSecret(code);
  return code;
}

describe('a provider that fails or times out (real SendGrid and Vonage SDKs against local stubs)', () => {
  let t: TestApp;
  let sendgrid: ProviderStub;
  let vonage: ProviderStub;

  beforeAll(async () => {
    sendgrid = await ProviderStub.start();
    vonage = await ProviderStub.start();
    t = await startTestApp({
      EMAIL_PROVIDER: 'sendgrid',
      SENDGRID_API_KEY: 'SG.test-key',
      SENDGRID_API_BASE_URL: sendgrid.url,
      EMAIL_FROM: 'security@hostkey.example',
      SMS_PROVIDER: 'vonage',
      VONAGE_API_KEY: 'vonage-key',
      VONAGE_API_SECRET: 'vonage-secret',
      VONAGE_API_BASE_URL: vonage.url,
      DELIVERY_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    await t.close();
    await sendgrid.close();
    await vonage.close();
  });

  it('answers DELIVERY_FAILED for a 5xx, leaves nothing half-made, and a retry right away works', async () => {
    const user = await registerUser(t);
    const address = uniqueEmail('mail');
    sendgrid.reset((_request, response) => json(response, 503, { errors: [{ message: 'unavailable' }] }));
    const failed = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
    expect(errorCode(failed)).toBe('DELIVERY_FAILED');
    expect(failed.errors![0]!.message).toBe('The code could not be sent. Nothing was changed; please try again.');
    expect((await user.client.request(OPS.SETTINGS)).data!.twoFactorSettings.pending).toBeNull();
    expect(await t.app.dataSource.getRepository(OneTimeCodeEntity).countBy({ destination: address })).toBe(0);

    sendgrid.reset(sendGridAccepted);
    const sent = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
    expect(sent.data!.enableTwoFactor.message).toBe('The code was sent to the email address provided');
    const request = JSON.parse(sendgrid.requests.at(-1)!.body);
    expect(request.subject).toBe('HOSTKEY: email verification code');
    expect(request.personalizations[0].to[0].email).toBe(address);
    const verified = await user.client.request(OPS.VERIFY, { code: codeInLastRequest(sendgrid) });
    expect(verified.data!.verifyTwoFactor.settings.method).toBe('EMAIL');
  });

  it('spends no send slot on a failed delivery: six failures in a row, and the next code still goes out at once', async () => {
    const user = await registerUser(t);
    const address = uniqueEmail('flaky');
    sendgrid.reset((_request, response) => json(response, 503, { errors: [{ message: 'unavailable' }] }));
    for (let i = 0; i < 6; i++) {
      const failed = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
      expect(errorCode(failed)).toBe('DELIVERY_FAILED');
    }
    // Neither the 60 s wait nor the five an hour (per user, per address) counted the failures.
    sendgrid.reset(sendGridAccepted);
    const sent = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
    expect(sent.errors).toBeUndefined();
    const verified = await user.client.request(OPS.VERIFY, { code: codeInLastRequest(sendgrid) });
    expect(verified.data!.verifyTwoFactor.settings.method).toBe('EMAIL');
  });

  it('opens the sign-in without a code when the provider fails: nothing spent, a resend right away works', async () => {
    const user = await registerUser(t);
    const address = uniqueEmail('login');
    sendgrid.reset(sendGridAccepted);
    await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
    const enabled = await user.client.request(OPS.VERIFY, { code: codeInLastRequest(sendgrid) });
    const recoveryCodes = enabled.data!.verifyTwoFactor.recoveryCodes as string[];

    t.clock.advance(60_000);
    sendgrid.reset(neverAnswer);
    const timedOut = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    expect(timedOut.data!.login).toMatchObject({ __typename: 'TwoFactorChallenge', method: 'EMAIL', codeSent: false });
    // Nothing was spent, so a new code may be asked for at once.
    expect(new Date(timedOut.data!.login.resendAvailableAt).getTime()).toBe(t.clock.now().getTime());
    expect(await t.app.dataSource.getRepository(OneTimeCodeEntity).countBy({ destination: address, purpose: CodePurpose.LOGIN })).toBe(0);

    sendgrid.reset(sendGridAccepted);
    const challengeId = timedOut.data!.login.challengeId as string;
    const resent = await t.client.request(OPS.RESEND_LOGIN, { challengeId });
    expect(resent.errors).toBeUndefined();
    const res = await t.client.request(OPS.CHALLENGE, { challengeId, code: codeInLastRequest(sendgrid) });
    expect(res.data!.verifyLoginChallenge.user.email).toBe(user.email);

    // While the provider is down, a recovery code still lets the owner in.
    sendgrid.reset(neverAnswer);
    const down = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    expect(down.data!.login.codeSent).toBe(false);
    const recovered = await t.client.request(OPS.CHALLENGE, { challengeId: down.data!.login.challengeId, code: recoveryCodes[0] });
    expect(recovered.data!.verifyLoginChallenge.user.email).toBe(user.email);
    sendgrid.reset(sendGridAccepted);
  });

  it('answers DELIVERY_FAILED when Vonage refuses the SMS, then sends on retry', async () => {
    const user = await registerUser(t);
    vonage.reset(vonageAnswer('1'));
    const failed = await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '+4915112345678' } });
    expect(errorCode(failed)).toBe('DELIVERY_FAILED');

    vonage.reset(vonageAnswer('0'));
    const sent = await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '+4915112345678' } });
    expect(sent.data!.enableTwoFactor.message).toBe('The code was sent to the phone number provided');
    expect(vonage.requests.at(-1)!.body).toContain('HostKey code: ');
    const verified = await user.client.request(OPS.VERIFY, { code: codeInLastRequest(vonage) });
    expect(verified.data!.verifyTwoFactor.message).toBe('Code successfully verified, 2FA method set to SMS');
  });
});
