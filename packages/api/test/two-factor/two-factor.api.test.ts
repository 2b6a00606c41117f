import { errorCode } from '../support/graphql-client';
import { OPS, PASSWORD, enableTotp, loginChallenge, nextTotpStep, registerUser, totpNow, uniqueEmail } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

const MINUTE = 60_000;

describe('the user guide, flow by flow, over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ISSUER_NAME: 'HostKey' });
  });
  afterAll(() => t.close());

  it('starts with 2FA off and a prompt to enable it, which can be dismissed', async () => {
    const user = await registerUser(t);
    const settings = (await user.client.request(OPS.SETTINGS)).data!.twoFactorSettings;
    expect(settings).toEqual({
      enabled: false,
      method: null,
      maskedDestination: null,
      recoveryCodesRemaining: 0,
      promptToEnable: true,
      required: false,
      pending: null,
    });
    expect((await user.client.request(OPS.DISMISS)).data!.dismissTwoFactorPrompt.promptToEnable).toBe(false);
    expect((await user.client.request(OPS.SETTINGS)).data!.twoFactorSettings.promptToEnable).toBe(false);
  });

  describe('WSTG-ATHN-11, ASVS V2.8.1 (5.0 V6.3.3), 800-63B 4.2.1: TOTP', () => {
    it('enables with a QR code and key, refuses a wrong code, accepts the app’s code with the seed message', async () => {
      const user = await registerUser(t);
      const setup = (await user.client.request(OPS.ENABLE, { input: { method: 'TOTP' } })).data!.enableTwoFactor;
      expect(setup.__typename).toBe('TotpSetup');
      expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(setup.otpauthUri).toBe(
        `otpauth://totp/HostKey:${encodeURIComponent(user.email)}?secret=${setup.secret}&issuer=HostKey&algorithm=SHA1&digits=6&period=30`,
      );
      expect(setup.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      expect(new Date(setup.expiresAt).getTime() - t.clock.now().getTime()).toBe(10 * MINUTE);

      const pending = (await user.client.request(OPS.SETTINGS)).data!.twoFactorSettings;
      expect(pending).toMatchObject({ enabled: false, pending: { method: 'TOTP', maskedDestination: null } });

      const wrongCode = totpNow(t, setup.secret) === '000000' ? '111111' : '000000';
      const wrong = await user.client.request(OPS.VERIFY, { code: wrongCode });
      expect(errorCode(wrong)).toBe('INVALID_CODE');

      const verified = await user.client.request(OPS.VERIFY, { code: totpNow(t, setup.secret) });
      expect(verified.errors).toBeUndefined();
      expect(verified.data!.verifyTwoFactor.message).toBe('Code successfully verified. 2FA method will be set to TOTP');
      expect(verified.data!.verifyTwoFactor.settings).toEqual({
        enabled: true,
        method: 'TOTP',
        maskedDestination: null,
        recoveryCodesRemaining: 10,
      });
      const codes: string[] = verified.data!.verifyTwoFactor.recoveryCodes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const code of codes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    });

    it('tells the user when the phone clock is off, during enrollment only', async () => {
      const user = await registerUser(t);
      const { secret } = (await user.client.request(OPS.ENABLE, { input: { method: 'TOTP' } })).data!.enableTwoFactor;
      const res = await user.client.request(OPS.VERIFY, { code: totpNow(t, secret, 4 * 60) });
      expect(errorCode(res)).toBe('INVALID_CODE');
      expect(res.errors![0]!.extensions).toMatchObject({ reason: 'CLOCK_OFF', clockOffsetMinutes: 4 });
      expect(res.errors![0]!.message).toMatch(/off by about 4 minutes/);
    });

    it('asks for a code at login, and only the code turns the challenge into a session', async () => {
      const user = await registerUser(t);
      const { secret } = await enableTotp(t, user);
      const challenge = await loginChallenge(t, user.email);
      expect(challenge).toMatchObject({ method: 'TOTP', maskedDestination: null });
      expect(challenge.response.headers.get('set-cookie')).toBeNull();

      nextTotpStep(t);
      const res = await t.client.request(OPS.CHALLENGE, { challengeId: challenge.challengeId, code: totpNow(t, secret) });
      expect(res.data!.verifyLoginChallenge.user.email).toBe(user.email);
      const session = t.client.withToken(res.data!.verifyLoginChallenge.token);
      expect((await session.request(OPS.ME)).data!.me.email).toBe(user.email);
      // The challenge is spent by its success.
      const again = await t.client.request(OPS.CHALLENGE, { challengeId: challenge.challengeId, code: totpNow(t, secret) });
      expect(errorCode(again)).toBe('UNAUTHENTICATED');
    });

    it('refuses a challenge after 10 minutes with CODE_EXPIRED', async () => {
      const user = await registerUser(t);
      const { secret } = await enableTotp(t, user);
      const challenge = await loginChallenge(t, user.email);
      t.clock.advance(10 * MINUTE);
      const res = await t.client.request(OPS.CHALLENGE, { challengeId: challenge.challengeId, code: totpNow(t, secret) });
      expect(errorCode(res)).toBe('CODE_EXPIRED');
    });

    it('spends a challenge after 5 wrong codes', async () => {
      const user = await registerUser(t);
      const { secret } = await enableTotp(t, user);
      const { challengeId } = await loginChallenge(t, user.email);
      for (let i = 0; i < 5; i++) {
        expect(errorCode(await t.client.request(OPS.CHALLENGE, { challengeId, code: '00000' + i }))).toBe('INVALID_CODE');
      }
      nextTotpStep(t);
      const res = await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, secret) });
      expect(errorCode(res)).toBe('TOO_MANY_ATTEMPTS');
      expect(res.errors![0]!.extensions!.reason).toBe('CHALLENGE_SPENT');
      // A new sign-in gives a new challenge that works.
      const fresh = await loginChallenge(t, user.email);
      expect((await t.client.request(OPS.CHALLENGE, { challengeId: fresh.challengeId, code: totpNow(t, secret) })).errors).toBeUndefined();
    });
  });

  describe('ASVS V2.7.2, V2.7.6 (5.0 V6.5.4, V6.5.5), 800-63B 5.1.3.2: e-mail codes', () => {
    it('sends a code to the address, with the seed subject, and verifies it with the seed message', async () => {
      const user = await registerUser(t);
      const address = uniqueEmail('Mailbox');
      const sent = (await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } })).data!.enableTwoFactor;
      expect(sent).toMatchObject({
        __typename: 'CodeSent',
        message: 'The code was sent to the email address provided',
        maskedDestination: `m***@example.com`,
      });
      expect(new Date(sent.resendAvailableAt).getTime() - t.clock.now().getTime()).toBe(MINUTE);
      const mail = await t.lastMessageTo(address.toLowerCase());
      expect(mail).toMatchObject({ channel: 'email', subject: 'HOSTKEY: email verification code' });
      expect(mail.code).toMatch(/^\d{6}$/);
      expect(mail.text).toContain(mail.code);

      expect(errorCode(await user.client.request(OPS.VERIFY, { code: mail.code === '123456' ? '654321' : '123456' }))).toBe('INVALID_CODE');
      const verified = await user.client.request(OPS.VERIFY, { code: mail.code });
      expect(verified.data!.verifyTwoFactor.message).toBe('Code successfully verified. 2FA method will be set to mail');
      expect(verified.data!.verifyTwoFactor.settings).toMatchObject({
        enabled: true,
        method: 'EMAIL',
        maskedDestination: 'm***@example.com',
      });
    });

    it('refuses a bad address without sending anything', async () => {
      const user = await registerUser(t);
      for (const email of ['not-an-address', '', null]) {
        const res = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email } });
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
        expect(res.errors![0]!.extensions!.field).toBe('email');
      }
      expect((await user.client.request(OPS.SETTINGS)).data!.twoFactorSettings.pending).toBeNull();
    });

    it('resends after 60 s only, replacing the old code, and expires codes after 10 minutes', async () => {
      const user = await registerUser(t);
      const address = uniqueEmail('resend');
      await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
      const first = await t.lastMessageTo(address);

      const early = await user.client.request(OPS.RESEND_ENROLLMENT);
      expect(errorCode(early)).toBe('TOO_MANY_ATTEMPTS');
      expect(early.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: 60, reason: 'RESEND_WAIT' });
      // Another address does not wait for the previous one: it is a new set-up, not a resend.
      const other = uniqueEmail('other');
      expect((await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: other } })).errors).toBeUndefined();
      // Back to the first address within the minute: the wait is per destination, and still holds.
      const back = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
      expect(back.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'RESEND_WAIT' });
      t.clock.advance(MINUTE);
      expect((await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } })).errors).toBeUndefined();
      first.code = (await t.lastMessageTo(address)).code; // the set-up restarted: this is now the code to replace

      t.clock.advance(MINUTE);
      expect((await user.client.request(OPS.RESEND_ENROLLMENT)).data!.resendEnrollmentCode.message).toBe(
        'The code was sent to the email address provided',
      );
      const second = await t.lastMessageTo(address);
      // Codes are random: one in a million resends repeats the code, and then there is nothing to refuse.
      if (first.code !== second.code) {
        expect(errorCode(await user.client.request(OPS.VERIFY, { code: first.code }))).toBe('INVALID_CODE');
      }
      t.clock.advance(10 * MINUTE - 1);
      // The set-up itself ends 10 minutes after enableTwoFactor: restart and let the code expire.
      await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
      const third = await t.lastMessageTo(address);
      t.clock.advance(10 * MINUTE);
      const expired = await user.client.request(OPS.VERIFY, { code: third.code });
      expect(errorCode(expired)).toBe('CODE_EXPIRED');
      expect(expired.errors![0]!.extensions!.reason).toBe('SETUP_EXPIRED');
    });

    it('challenges at login with a code sent by e-mail, and resends it', async () => {
      const user = await registerUser(t);
      const address = uniqueEmail('login');
      await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
      await user.client.request(OPS.VERIFY, { code: (await t.lastMessageTo(address)).code });

      t.clock.advance(MINUTE);
      const challenge = await loginChallenge(t, user.email);
      expect(challenge).toMatchObject({ method: 'EMAIL', maskedDestination: 'l***@example.com' });
      const firstCode = (await t.lastMessageTo(address)).code;

      expect(errorCode(await t.client.request(OPS.RESEND_LOGIN, { challengeId: challenge.challengeId }))).toBe('TOO_MANY_ATTEMPTS');
      t.clock.advance(MINUTE);
      const resent = await t.client.request(OPS.RESEND_LOGIN, { challengeId: challenge.challengeId });
      expect(resent.data!.resendLoginCode.challengeId).toBe(challenge.challengeId);
      const secondCode = (await t.lastMessageTo(address)).code;

      if (firstCode !== secondCode) {
        expect(errorCode(await t.client.request(OPS.CHALLENGE, { challengeId: challenge.challengeId, code: firstCode }))).toBe(
          'INVALID_CODE',
        );
      }
      const res = await t.client.request(OPS.CHALLENGE, { challengeId: challenge.challengeId, code: secondCode });
      expect(res.data!.verifyLoginChallenge.user.email).toBe(user.email);
    });

    it('caps codes at 5 an hour per user', async () => {
      const user = await registerUser(t);
      const address = uniqueEmail('cap');
      await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
      for (let i = 0; i < 4; i++) {
        t.clock.advance(MINUTE);
        expect((await user.client.request(OPS.RESEND_ENROLLMENT)).errors).toBeUndefined();
      }
      t.clock.advance(MINUTE);
      const capped = await user.client.request(OPS.RESEND_ENROLLMENT);
      expect(errorCode(capped)).toBe('TOO_MANY_ATTEMPTS');
      expect(capped.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: 55 * 60, reason: 'HOURLY_CAP' });
    });
  });

  describe('SMS codes', () => {
    it('validates the number into E.164, sends the seed SMS text, verifies with the seed message', async () => {
      const user = await registerUser(t);
      const bad = await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '12345' } });
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0]!.extensions!.field).toBe('phoneNumber');

      const sent = await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '07911 123456', phoneCountry: 'gb' } });
      expect(sent.data!.enableTwoFactor).toMatchObject({
        __typename: 'CodeSent',
        message: 'The code was sent to the phone number provided',
        maskedDestination: '+44 *** *** 56',
      });
      const sms = await t.lastMessageTo('+447911123456');
      expect(sms).toMatchObject({ channel: 'sms', subject: null, text: `HostKey code: ${sms.code}` });

      const verified = await user.client.request(OPS.VERIFY, { code: sms.code });
      expect(verified.data!.verifyTwoFactor.message).toBe('Code successfully verified, 2FA method set to SMS');

      t.clock.advance(MINUTE);
      const challenge = await loginChallenge(t, user.email);
      expect(challenge).toMatchObject({ method: 'SMS', maskedDestination: '+44 *** *** 56' });
      const res = await t.client.request(OPS.CHALLENGE, {
        challengeId: challenge.challengeId,
        code: (await t.lastMessageTo('+447911123456')).code,
      });
      expect(res.data!.verifyLoginChallenge.user.email).toBe(user.email);
    });
  });

  describe('ASVS V2.6.1 (5.0 V6.5.1), 800-63B 5.1.2.2: recovery codes', () => {
    it('open the login challenge once each, in any case and spacing, and can be regenerated with a proof', async () => {
      const user = await registerUser(t);
      const { secret, recoveryCodes } = await enableTotp(t, user);
      const { challengeId } = await loginChallenge(t, user.email);
      // Typed in capitals with spaces, and with a 1 misread as I or a 0 as O (Crockford).
      const typed = recoveryCodes[0]!.toUpperCase().replace(/-/g, ' ').replace(/1/g, 'I').replace(/0/g, 'O');
      const res = await t.client.request(OPS.CHALLENGE, { challengeId, code: typed });
      expect(res.data!.verifyLoginChallenge.user.email).toBe(user.email);
      const session = t.client.withToken(res.data!.verifyLoginChallenge.token);
      expect((await session.request(OPS.SETTINGS)).data!.twoFactorSettings.recoveryCodesRemaining).toBe(9);

      const second = await loginChallenge(t, user.email);
      const reused = await t.client.request(OPS.CHALLENGE, { challengeId: second.challengeId, code: recoveryCodes[0] });
      expect(reused.errors![0]!.extensions).toMatchObject({ code: 'INVALID_CODE', reason: 'CODE_ALREADY_USED' });

      nextTotpStep(t);
      const regenerated = await session.request(OPS.REGENERATE, { code: totpNow(t, secret) });
      expect(regenerated.data!.regenerateRecoveryCodes.recoveryCodes).toHaveLength(10);
      expect(regenerated.data!.regenerateRecoveryCodes.settings.recoveryCodesRemaining).toBe(10);
      const third = await loginChallenge(t, user.email);
      expect(errorCode(await t.client.request(OPS.CHALLENGE, { challengeId: third.challengeId, code: recoveryCodes[1] }))).toBe(
        'INVALID_CODE',
      );
    });
  });

  describe('ASVS V3.7.1 (5.0 V7.5.1): disabling', () => {
    it('needs a right code, then gives the seed message, and login needs only the password again', async () => {
      const user = await registerUser(t);
      const { secret } = await enableTotp(t, user);
      nextTotpStep(t);
      const refused = await user.client.request(OPS.DISABLE, { code: '000000' === totpNow(t, secret) ? '111111' : '000000' });
      expect(errorCode(refused)).toBe('INVALID_CODE');
      expect((await user.client.request(OPS.SETTINGS)).data!.twoFactorSettings.enabled).toBe(true);

      const disabled = await user.client.request(OPS.DISABLE, { code: totpNow(t, secret) });
      expect(disabled.data!.disableTwoFactor).toEqual({
        message: 'Your 2FA settings have been successfully deleted.',
        settings: { enabled: false, method: null },
      });
      const login = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
      expect(login.data!.login.__typename).toBe('AuthPayload');
    });

    it('accepts a recovery code as the proof, and an e-mail proof code for the e-mail method', async () => {
      const user = await registerUser(t);
      const { recoveryCodes } = await enableTotp(t, user);
      expect((await user.client.request(OPS.DISABLE, { code: recoveryCodes[3] })).data!.disableTwoFactor.settings.enabled).toBe(false);

      const address = uniqueEmail('proof');
      t.clock.advance(MINUTE);
      await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
      await user.client.request(OPS.VERIFY, { code: (await t.lastMessageTo(address)).code });
      t.clock.advance(MINUTE);
      expect((await user.client.request(OPS.PROOF_CODE)).data!.sendTwoFactorProofCode.maskedDestination).toBe('p***@example.com');
      // The e-mail says what the code is for: a change of 2FA, not finishing a set-up.
      const proof = await t.lastMessageTo(address);
      expect(proof.text).toContain('confirm a change of your two-factor authentication');
      expect(proof.text).not.toContain('finish setting up');
      const disabled = await user.client.request(OPS.DISABLE, { code: proof.code });
      expect(disabled.data!.disableTwoFactor.message).toBe('Your 2FA settings have been successfully deleted.');
    });
  });

  describe('ASVS V3.7.1, V3.3.3 (5.0 V7.5.1, V7.4.3): switching', () => {
    it('needs a proof, keeps the old method working until the new one is verified, then swaps them', async () => {
      const user = await registerUser(t);
      const { secret } = await enableTotp(t, user);
      const otherDevice = t.client.withToken(
        (
          await t.client.request(OPS.CHALLENGE, {
            challengeId: (await loginChallenge(t, user.email)).challengeId,
            code: (nextTotpStep(t), totpNow(t, secret)),
          })
        ).data!.verifyLoginChallenge.token,
      );

      const address = uniqueEmail('switch');
      const noProof = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
      expect(errorCode(noProof)).toBe('BAD_USER_INPUT');
      expect(noProof.errors![0]!.extensions!.field).toBe('proof');

      nextTotpStep(t);
      const sent = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address, proof: totpNow(t, secret) } });
      expect(sent.data!.enableTwoFactor.__typename).toBe('CodeSent');
      expect((await user.client.request(OPS.SETTINGS)).data!.twoFactorSettings).toMatchObject({
        enabled: true,
        method: 'TOTP',
        pending: { method: 'EMAIL', maskedDestination: 's***@example.com' },
      });

      // Until the e-mail code is verified, sign-in still asks for TOTP.
      const during = await loginChallenge(t, user.email);
      expect(during.method).toBe('TOTP');
      nextTotpStep(t);
      expect((await t.client.request(OPS.CHALLENGE, { challengeId: during.challengeId, code: totpNow(t, secret) })).errors).toBeUndefined();

      const verified = await user.client.request(OPS.VERIFY, { code: (await t.lastMessageTo(address)).code });
      expect(verified.data!.verifyTwoFactor).toMatchObject({
        message: 'Code successfully verified. 2FA method will be set to mail',
        recoveryCodes: null, // the codes from first enabling stay valid
        settings: { enabled: true, method: 'EMAIL', recoveryCodesRemaining: 10 },
      });
      // Switching ends the user's other sessions, not this one.
      expect(errorCode(await otherDevice.request(OPS.ME))).toBe('UNAUTHENTICATED');
      expect((await user.client.request(OPS.ME)).data!.me.email).toBe(user.email);
      t.clock.advance(MINUTE);
      expect((await loginChallenge(t, user.email)).method).toBe('EMAIL');
    });

    it('says since when the active method is on: from its verification, again from a switch', async () => {
      const SINCE = `query { twoFactorSettings { enabled activeSince } }`;
      const user = await registerUser(t);
      expect((await user.client.request(SINCE)).data!.twoFactorSettings).toEqual({ enabled: false, activeSince: null });

      const { secret } = await enableTotp(t, user);
      expect((await user.client.request(SINCE)).data!.twoFactorSettings.activeSince).toBe(t.clock.now().toISOString());

      t.clock.advance(5 * MINUTE);
      nextTotpStep(t);
      const address = uniqueEmail('since');
      await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address, proof: totpNow(t, secret) } });
      t.clock.advance(MINUTE);
      await user.client.request(OPS.VERIFY, { code: (await t.lastMessageTo(address)).code });
      expect((await user.client.request(SINCE)).data!.twoFactorSettings.activeSince).toBe(t.clock.now().toISOString());
    });
  });
});
