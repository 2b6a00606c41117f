import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import {
  VIEWPORTS,
  alertSays,
  expectFitsWidth,
  heading,
  methodCard,
  newPage,
  openTwoFactorSettings,
  register,
  signOut,
  submitPassword,
  uniqueEmail,
  withScreenshotOnFailure,
} from './support/browser';
import { useStage } from './support/stage';
import { totpCode, totpStep } from './support/totp';

/**
 * The guide's e-mail and SMS chapters in a real Chromium, with the codes read from the API's dev
 * outbox. One account enables Mail verification (Verify code), signs in with a mailed code and
 * disables 2FA with a mailed proof. Another switches from TOTP to SMS (Check Code), its TOTP still
 * signing in until the SMS code is checked, then signs in by SMS and disables with an SMS proof.
 * Two accounts, because the API sends at most five codes an hour to one user.
 */

jest.setTimeout(90_000);

const stage = useStage();

/** UK mobile numbers (07911 prefix), one per viewport: codes per number are limited to 5 an hour. */
const PHONES = {
  desktop: { national: '07911 123456', e164: '+447911123456', full: '+44 7911 123456', masked: '+44 *** *** 56' },
  phone: { national: '07911 123457', e164: '+447911123457', full: '+44 7911 123457', masked: '+44 *** *** 57' },
};

/** Settings for 2FA at a glance, at the top of the page. */
const stateOf = (page: Page) => page.getByRole('region', { name: 'Your two-factor authentication' });

describe.each(VIEWPORTS)('Mail verification and SMS in the browser ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;

  beforeEach(async () => {
    page = await newPage(stage.browser, viewport);
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('enables Mail verification, signs in with a mailed code, disables with a mailed proof', () =>
    withScreenshotOnFailure(page, `mail-${viewport.name}`, async () => {
      const email = uniqueEmail(`mail-${viewport.name}`);
      await register(page, stage.api.baseUrl, email);

      // Mail verification: the address, "The code was sent…", the code from the outbox, Verify code.
      await openTwoFactorSettings(page, email);
      await methodCard(page, 'Mail verification').getByRole('button', { name: 'Enable' }).click();
      await heading(page, 'Enable Mail verification');
      await expect(page.getByLabel('E-mail address').inputValue()).resolves.toBe(email);
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'e-mail wizard, address');
      const seen = stage.outbox.count(email);
      await page.getByRole('button', { name: 'Send code' }).click();
      await page.getByRole('status').filter({ hasText: 'The code was sent to the email address provided' }).waitFor();
      const enrollMail = await stage.outbox.next(email, seen);
      expect(enrollMail.subject).toBe('HOSTKEY: email verification code');
      await page.getByText('HOSTKEY: email verification code').waitFor();
      // The address just typed, in full, so a typo would show.
      await page.getByText(`sent to ${email}.`, { exact: false }).waitFor();
      await page.getByText(/You can ask for a new code in \d:\d\d/).waitFor();
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'e-mail wizard, code');

      // A wrong code first: the guide's flow forgives it.
      await page.getByLabel('Verification code').fill(enrollMail.code === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: 'Verify code' }).click();
      await alertSays(page, 'That code is not correct.');
      await page.getByLabel('Verification code').fill(enrollMail.code);
      await page.getByRole('button', { name: 'Verify code' }).click();
      await page.getByRole('status').filter({ hasText: 'Code successfully verified. 2FA method will be set to mail' }).waitFor();
      await page.getByRole('list', { name: 'Recovery codes' }).waitFor();
      await page.getByRole('link', { name: 'Done' }).click();
      await heading(page, 'Settings for 2FA');
      const mailCard = methodCard(page, 'Mail verification');
      await mailCard.getByText('Active', { exact: true }).waitFor();
      await stateOf(page)
        .getByText(/codes go to .\*\*\*@example\.com/)
        .waitFor();

      // Signing in now takes a mailed code.
      await signOut(page, email);
      const seenBeforeLogin = stage.outbox.count(email);
      await submitPassword(page, stage.api.baseUrl, email);
      await heading(page, 'Two-factor authentication');
      await page.getByText(/Enter the 6-digit code sent by e-mail to .\*\*\*@example\.com\./).waitFor();
      await page.getByText(/You can ask for a new code in \d:\d\d/).waitFor();
      await expectNoSeriousA11yViolations(page, 'sign-in 2FA step, e-mail');
      const loginMail = await stage.outbox.next(email, seenBeforeLogin);
      await page.getByLabel('2FA code').fill(loginMail.code);
      await page.getByRole('button', { name: 'Verify' }).click();
      await heading(page, 'Welcome to HostKey');

      // Disable 2FA with a mailed proof.
      await openTwoFactorSettings(page, email);
      await mailCard.getByRole('button', { name: 'Disable 2FA' }).click();
      const seenBeforeProof = stage.outbox.count(email);
      await mailCard.getByRole('button', { name: /^Send a code to / }).click();
      await page.getByRole('status').filter({ hasText: 'The code was sent to the email address provided' }).waitFor();
      const proofMail = await stage.outbox.next(email, seenBeforeProof);
      await page.getByLabel('2FA code or recovery code').fill(proofMail.code);
      await mailCard.getByRole('button', { name: 'Disable 2FA' }).click();
      await page.getByRole('status').filter({ hasText: 'Your 2FA settings have been successfully deleted.' }).waitFor();
      await mailCard.getByRole('button', { name: 'Enable' }).waitFor();
    }));

  it('switches from TOTP to SMS, TOTP working until the SMS code is checked; signs in by SMS; disables', () =>
    withScreenshotOnFailure(page, `sms-${viewport.name}`, async () => {
      const email = uniqueEmail(`sms-${viewport.name}`);
      const phone = PHONES[viewport.name];
      await register(page, stage.api.baseUrl, email);

      // TOTP first, as the active method to switch from.
      await openTwoFactorSettings(page, email);
      await methodCard(page, 'TOTP').getByRole('button', { name: 'Enable' }).click();
      await page.locator('.totp__secret code').waitFor();
      const secret = ((await page.locator('.totp__secret code').textContent()) ?? '').replace(/\s/g, '');
      const enrolledStep = totpStep();
      await page.getByLabel('Code from the app').fill(totpCode(secret, enrolledStep));
      await page.getByRole('button', { name: 'Check Code' }).click();
      await page.getByRole('list', { name: 'Recovery codes' }).waitFor();
      const recoveryCodes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
      await page.getByRole('link', { name: 'Done' }).click();

      // SMS next to an active TOTP: the number, and a recovery code as the proof a switch needs.
      await methodCard(page, 'SMS').getByRole('button', { name: 'Enable' }).click();
      await heading(page, 'Enable SMS');
      await page.getByText('It keeps working until the new method is verified', { exact: false }).waitFor();
      // The browser speaks en-GB: the United Kingdom first, with a number of it as the example.
      const number = page.getByLabel('Mobile phone number');
      const numberField = page.locator('.field').filter({ has: number });
      expect(await page.getByLabel('Country').inputValue()).toBe('GB');
      await numberField.getByText('For example 07400 123456, or +44 7400 123456 in international form.').waitFor();
      await page.getByLabel('Country').selectOption('DE');
      await numberField.getByText(/^For example 01512 3456789, or \+49 1512 3456789/).waitFor();
      await page.getByLabel('Country').selectOption('GB');
      // A number too short to be one: the problem shows under the number, not under the proof below.
      await number.fill('0791');
      await page.getByLabel('2FA code or recovery code').fill(recoveryCodes[0]!);
      await page.getByRole('button', { name: 'Send code' }).click();
      await numberField.getByText('Enter a valid mobile phone number, for example 07400 123456 or +44 7400 123456.').waitFor();
      await expectNoSeriousA11yViolations(page, 'SMS wizard, a number refused');
      await number.fill(phone.national);
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'SMS wizard, number and proof');
      const seen = stage.outbox.count(phone.e164);
      await page.getByRole('button', { name: 'Send code' }).click();
      await page.getByRole('status').filter({ hasText: 'The code was sent to the phone number provided' }).waitFor();
      const enrollSms = await stage.outbox.next(phone.e164, seen);
      expect(enrollSms.channel).toBe('sms');
      await page.getByText(`Enter the code from the SMS sent to ${phone.full}.`, { exact: false }).waitFor();
      await expectNoSeriousA11yViolations(page, 'SMS wizard, code');

      // Before the SMS code is checked, TOTP still signs this account in elsewhere.
      const elsewhere = await newPage(stage.browser, viewport);
      try {
        await submitPassword(elsewhere, stage.api.baseUrl, email);
        await heading(elsewhere, 'Two-factor authentication');
        await elsewhere.getByText('Open your authenticator app', { exact: false }).waitFor();
        await elsewhere.getByLabel('2FA code').fill(totpCode(secret, enrolledStep + 1));
        await elsewhere.getByRole('button', { name: 'Verify' }).click();
        await heading(elsewhere, 'Welcome to HostKey');
      } finally {
        await elsewhere.context().close();
      }

      await page.getByLabel('Code from the SMS').fill(enrollSms.code);
      await page.getByRole('button', { name: 'Check Code' }).click();
      await page.getByRole('status').filter({ hasText: 'Code successfully verified, 2FA method set to SMS' }).waitFor();
      // Not the first enabling: the recovery codes stay, none are shown.
      expect(await page.getByRole('list', { name: 'Recovery codes' }).count()).toBe(0);
      await page.getByText('Your recovery codes stay the same', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'Done' }).click();
      const smsCard = methodCard(page, 'SMS');
      await smsCard.getByText('Active', { exact: true }).waitFor();
      await stateOf(page).getByText(`codes go to ${phone.masked}`, { exact: false }).waitFor();
      await methodCard(page, 'TOTP').getByRole('button', { name: 'Enable' }).waitFor();
      // The active method first, the others in the server's order (strongest first).
      const names = await page.getByRole('list', { name: '2FA methods' }).getByRole('heading', { level: 2 }).allTextContents();
      expect(names).toEqual(['SMS', 'TOTP', 'Security key or passkey', 'Mail verification']);

      // Signing in now takes the SMS code.
      await signOut(page, email);
      const seenBeforeLogin = stage.outbox.count(phone.e164);
      await submitPassword(page, stage.api.baseUrl, email);
      await heading(page, 'Two-factor authentication');
      await page.getByText(`Enter the 6-digit code sent by SMS to ${phone.masked}.`).waitFor();
      const loginSms = await stage.outbox.next(phone.e164, seenBeforeLogin);
      await page.getByLabel('2FA code').fill(loginSms.code);
      await page.getByRole('button', { name: 'Verify' }).click();
      await heading(page, 'Welcome to HostKey');

      // Disable 2FA with a code sent to the phone as proof.
      await openTwoFactorSettings(page, email);
      await smsCard.getByRole('button', { name: 'Disable 2FA' }).click();
      const seenBeforeProof = stage.outbox.count(phone.e164);
      await smsCard.getByRole('button', { name: /^Send a code to / }).click();
      await page.getByRole('status').filter({ hasText: 'The code was sent to the phone number provided' }).waitFor();
      const proofSms = await stage.outbox.next(phone.e164, seenBeforeProof);
      await page.getByLabel('2FA code or recovery code').fill(proofSms.code);
      await expectNoSeriousA11yViolations(page, 'Disable 2FA, SMS proof');
      await smsCard.getByRole('button', { name: 'Disable 2FA' }).click();
      await page.getByRole('status').filter({ hasText: 'Your 2FA settings have been successfully deleted.' }).waitFor();
      await smsCard.getByRole('button', { name: 'Enable' }).waitFor();
    }));
});
