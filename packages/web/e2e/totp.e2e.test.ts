import { readFileSync } from 'node:fs';
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
import { focused, tabTo } from './support/keyboard';
import { totpCode, totpStep, wrongTotpCode } from './support/totp';

/**
 * The user guide's TOTP chapter in a real Chromium: Enable next to TOTP, the QR code and the key,
 * a code computed from the key shown on the page, Check Code, the guide's message, the recovery
 * codes; then signing in with the next code, a wrong code, a recovery code, and Disable 2FA.
 * Every screen passes axe-core, and fits a 360 px phone.
 */

jest.setTimeout(90_000);

const stage = useStage();

const CHECKED = 'Code successfully verified. 2FA method will be set to TOTP';

describe.each(VIEWPORTS)('TOTP in the browser ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;

  beforeEach(async () => {
    page = await newPage(stage.browser, viewport);
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('enables TOTP, signs in with the next code, refuses a wrong one, takes a recovery code, disables', () =>
    withScreenshotOnFailure(page, `totp-${viewport.name}`, async () => {
      const email = uniqueEmail(`totp-${viewport.name}`);
      await register(page, stage.api.baseUrl, email);

      // User Name » Settings for 2FA: the three methods, TOTP first, and the guide's Attention notes.
      await openTwoFactorSettings(page, email);
      const methodNames = await page.getByRole('list', { name: '2FA methods' }).getByRole('heading', { level: 2 }).allTextContents();
      expect(methodNames).toEqual(['TOTP', 'Security key or passkey', 'Mail verification', 'SMS']);
      await page.getByText('Choose only one of the two-factor authentication methods.').waitFor();
      await methodCard(page, 'TOTP')
        .getByText(/lose the device with it, you will lose access to the account/)
        .waitFor();
      await methodCard(page, 'Mail verification')
        .getByText(/In case you lose access to your email/)
        .waitFor();
      await methodCard(page, 'SMS')
        .getByText(/If you lose access to your phone number/)
        .waitFor();
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'settings, 2FA off');

      // Enable next to TOTP shows the QR code and the key, grouped in fours.
      await methodCard(page, 'TOTP').getByRole('button', { name: 'Enable' }).click();
      await heading(page, 'Enable TOTP');
      await page.getByRole('img', { name: /QR code/ }).waitFor();
      const shownKey = (await page.locator('.totp__secret code').textContent()) ?? '';
      expect(shownKey).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
      const secret = shownKey.replace(/\s/g, '');
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'TOTP wizard');

      // The code the phone would show now, then Check Code.
      const enrolledStep = totpStep();
      await page.getByLabel('Code from the app').fill(totpCode(secret, enrolledStep));
      await page.getByRole('button', { name: 'Check Code' }).click();
      await page.getByRole('status').filter({ hasText: CHECKED }).waitFor();

      // The recovery codes, once: ten of them, and the same ten in the downloaded text file.
      const codes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
      expect(codes).toHaveLength(10);
      codes.forEach((code) => expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
      expect(download.suggestedFilename()).toBe('hostkey-recovery-codes.txt');
      const file = readFileSync(await download.path(), 'utf8');
      codes.forEach((code) => expect(file).toContain(code));
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'TOTP verified, recovery codes');

      await page.getByRole('link', { name: 'Done' }).click();
      await heading(page, 'Settings for 2FA');
      await methodCard(page, 'TOTP').getByText('Active', { exact: true }).waitFor();
      await page.getByText('10 recovery codes are left.', { exact: false }).waitFor();
      await expectNoSeriousA11yViolations(page, 'settings, TOTP on');

      // Sign out, sign in: the password alone is not enough any more.
      await signOut(page, email);
      await submitPassword(page, stage.api.baseUrl, email);
      await heading(page, 'Two-factor authentication');
      await page
        .getByText('If you are experiencing difficulty obtaining the correct 2FA code, please contact our technical support.')
        .waitFor();
      await page.getByText(/Time left: \d+:\d\d/).waitFor();
      expect(await page.getByLabel('2FA code').getAttribute('autocomplete')).toBe('one-time-code');
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'sign-in 2FA step');

      await page.getByLabel('2FA code').fill(wrongTotpCode(secret));
      await page.getByRole('button', { name: 'Verify' }).click();
      await alertSays(page, 'That code is not correct.');

      // The code of the next time step: a code is taken once, and the next step is already accepted.
      await page.getByLabel('2FA code').fill(totpCode(secret, enrolledStep + 1));
      await page.getByRole('button', { name: 'Verify' }).click();
      await heading(page, 'Welcome to HostKey');

      // A recovery code instead, typed the way people do: capitals, no dashes.
      await signOut(page, email);
      await submitPassword(page, stage.api.baseUrl, email);
      await heading(page, 'Two-factor authentication');
      await page.getByRole('button', { name: 'Use a recovery code' }).click();
      await page.getByLabel('Recovery code').fill(codes[0]!.replace(/-/g, '').toUpperCase());
      await page.getByRole('button', { name: 'Verify' }).click();
      await heading(page, 'Welcome to HostKey');

      // Disable 2FA asks for a proof (here a second recovery code) and says the guide's words.
      await openTwoFactorSettings(page, email);
      await page.getByText('9 recovery codes are left.', { exact: false }).waitFor();
      await methodCard(page, 'TOTP').getByRole('button', { name: 'Disable 2FA' }).click();
      await page.getByLabel('2FA code or recovery code').fill(codes[1]!);
      await expectNoSeriousA11yViolations(page, 'Disable 2FA proof');
      await methodCard(page, 'TOTP').getByRole('button', { name: 'Disable 2FA' }).click();
      await page.getByRole('status').filter({ hasText: 'Your 2FA settings have been successfully deleted.' }).waitFor();
      await methodCard(page, 'TOTP').getByRole('button', { name: 'Enable' }).waitFor();
      await page
        .getByRole('region', { name: 'Your two-factor authentication' })
        .getByText('Your password alone opens your account.')
        .waitFor();
    }));
});

describe('TOTP with the keyboard alone (desktop)', () => {
  let page: Page;

  beforeEach(async () => {
    page = await newPage(stage.browser, VIEWPORTS[0]);
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('reaches Settings for 2FA, enables TOTP and finishes with Tab, Enter and typing only', () =>
    withScreenshotOnFailure(page, 'totp-keyboard', async () => {
      const email = uniqueEmail('totp-keyboard');
      await register(page, stage.api.baseUrl, email);

      // From the top of a fresh page: the user-name menu, then its Settings for 2FA link.
      await page.reload();
      await heading(page, 'Welcome to HostKey');
      const menuButton = await tabTo(page, (element) => element.tag === 'BUTTON' && element.name === email, 'the user-name menu');
      expect(menuButton.outline).toMatch(/^solid [2-9]/);
      await page.keyboard.press('Enter');
      await tabTo(page, (element) => element.tag === 'A' && element.name === 'Settings for 2FA', 'Settings for 2FA');
      await page.keyboard.press('Enter');
      await heading(page, 'Settings for 2FA');
      await methodCard(page, 'TOTP').waitFor();

      // The first Enable is the one next to TOTP.
      const enable = await tabTo(page, (element) => element.tag === 'BUTTON' && element.name === 'Enable', 'Enable');
      expect(enable.outline).toMatch(/^solid [2-9]/);
      await page.keyboard.press('Enter');
      await heading(page, 'Enable TOTP');
      await page.locator('.totp__secret code').waitFor();
      const secret = ((await page.locator('.totp__secret code').textContent()) ?? '').replace(/\s/g, '');

      await tabTo(page, (element) => element.tag === 'INPUT' && element.name === 'Code from the app', 'the code box');
      await page.keyboard.type(totpCode(secret, totpStep()));
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: CHECKED }).waitFor();
      // The message took the focus, so it is read out first.
      expect((await focused(page)).name).toBe(CHECKED);

      await tabTo(page, (element) => element.tag === 'A' && element.name === 'Done', 'Done');
      await page.keyboard.press('Enter');
      await heading(page, 'Settings for 2FA');
      await methodCard(page, 'TOTP').getByText('Active', { exact: true }).waitFor();
    }));
});
