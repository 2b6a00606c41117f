import type { CDPSession, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import {
  VIEWPORTS,
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
 * Security keys in a real Chromium, with virtual authenticators of the DevTools protocol's
 * WebAuthn domain standing in for the keys: enable one with a name and the browser's prompt, sign
 * out, sign in with the key, switch to TOTP with the key as proof, then disable; and add a second
 * key with the first as proof, then remove the first. A key is bound to a domain, and an IP
 * address cannot be one: the panel is opened at http://localhost.
 */

jest.setTimeout(120_000);

const stage = useStage();

const REGISTERED = 'Security key successfully registered. 2FA method will be set to security key';

/** The browser's WebAuthn, driven over the DevTools protocol. */
async function virtualKeys(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  // Without enableUI: false, Chromium answers create() with NotAllowedError in headless mode.
  await cdp.send('WebAuthn.enable', { enableUI: false });
  return cdp;
}

/**
 * An authenticator that says yes without a dialog: by default a platform one (a passkey on this
 * device), or a USB security key. Answers its id.
 */
async function addVirtualKey(cdp: CDPSession, transport: 'internal' | 'usb' = 'internal'): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport, hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return authenticatorId;
}

/** Registers the first key of a new account from "Settings for 2FA", and leaves the page there. */
async function enableFirstKey(page: Page, email: string, name: string): Promise<void> {
  await openTwoFactorSettings(page, email);
  await methodCard(page, 'Security key or passkey').getByRole('button', { name: 'Enable' }).click();
  await heading(page, 'Enable Security key or passkey');
  await page.getByLabel('Name of the key').fill(name);
  await expectFitsWidth(page);
  await expectNoSeriousA11yViolations(page, 'security key wizard');
  await page.getByRole('button', { name: 'Enable' }).click();
  await page.getByRole('status').filter({ hasText: REGISTERED }).waitFor();
  expect(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10);
  await page.getByRole('link', { name: 'Done' }).click();
  await heading(page, 'Settings for 2FA');
}

const keyNames = (page: Page) =>
  methodCard(page, 'Security key or passkey')
    .getByRole('list', { name: 'Security keys' })
    .getByRole('listitem')
    .locator('span')
    .allTextContents();

describe.each(VIEWPORTS)('a security key in the browser ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;

  beforeEach(async () => {
    page = await newPage(stage.browser, viewport);
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('enables a key, signs in with it, switches to TOTP with its proof, and disables', () =>
    withScreenshotOnFailure(page, `security-key-${viewport.name}`, async () => {
      const baseUrl = stage.api.baseUrl.replace('127.0.0.1', 'localhost');
      await addVirtualKey(await virtualKeys(page));
      const email = uniqueEmail(`key-${viewport.name}`);
      await register(page, baseUrl, email);

      await enableFirstKey(page, email, 'Laptop passkey');
      const keyCard = methodCard(page, 'Security key or passkey');
      await keyCard.getByText('Active', { exact: true }).waitFor();
      await keyCard.getByRole('list', { name: 'Security keys' }).getByText('Laptop passkey').waitFor();
      await expectFitsWidth(page);

      // Sign out; the password alone is not enough, the key is.
      await signOut(page, email);
      await submitPassword(page, baseUrl, email);
      await heading(page, 'Two-factor authentication');
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'sign-in with a security key');
      await page.getByRole('button', { name: 'Use security key' }).click();
      await heading(page, 'Welcome to HostKey');

      // Switch to TOTP: the key is the fresh proof.
      await openTwoFactorSettings(page, email);
      await methodCard(page, 'TOTP').getByRole('button', { name: 'Enable' }).click();
      await heading(page, 'Enable TOTP');
      await page.getByRole('button', { name: 'Use security key' }).click();
      await page.locator('.totp__secret code').waitFor();
      const secret = ((await page.locator('.totp__secret code').textContent()) ?? '').replace(/\s/g, '');
      const enrolledStep = totpStep();
      await page.getByLabel('Code from the app').fill(totpCode(secret, enrolledStep));
      await page.getByRole('button', { name: 'Check Code' }).click();
      await page.getByRole('status').filter({ hasText: 'Code successfully verified. 2FA method will be set to TOTP' }).waitFor();
      await page.getByRole('link', { name: 'Done' }).click();
      await heading(page, 'Settings for 2FA');
      await methodCard(page, 'TOTP').getByText('Active', { exact: true }).waitFor();

      // Disable 2FA with the next TOTP code.
      await methodCard(page, 'TOTP').getByRole('button', { name: 'Disable 2FA' }).click();
      await page.getByLabel('2FA code or recovery code').fill(totpCode(secret, enrolledStep + 1));
      await methodCard(page, 'TOTP').getByRole('button', { name: 'Disable 2FA' }).click();
      await page.getByRole('status').filter({ hasText: 'Your 2FA settings have been successfully deleted.' }).waitFor();
      await expectFitsWidth(page);
    }));

  it('adds a second key with the first as proof, then removes the first with the second', () =>
    withScreenshotOnFailure(page, `security-key-second-${viewport.name}`, async () => {
      const baseUrl = stage.api.baseUrl.replace('127.0.0.1', 'localhost');
      const cdp = await virtualKeys(page);
      const laptop = await addVirtualKey(cdp);
      const email = uniqueEmail(`keys-${viewport.name}`);
      await register(page, baseUrl, email);
      await enableFirstKey(page, email, 'Laptop passkey');
      const keyCard = methodCard(page, 'Security key or passkey');
      // One key: nothing to remove.
      await expect(keyCard.getByRole('button', { name: /^Remove/ }).count()).resolves.toBe(0);

      // A USB key is plugged in beside the passkey. The passkey proves it is the owner; the USB key
      // takes the registration (the server excludes the credential the passkey already holds).
      const usb = await addVirtualKey(cdp, 'usb');
      await keyCard.getByRole('button', { name: 'Add another key' }).click();
      await heading(page, 'Enable Security key or passkey');
      await page.getByText('Register another security key or passkey beside the ones you have.').waitFor();
      await page.getByLabel('Name of the key').fill('USB key');
      await expectFitsWidth(page);
      await page.getByRole('button', { name: 'Use security key' }).click();
      await page.getByRole('status').filter({ hasText: REGISTERED }).waitFor();
      await page.getByText('Your recovery codes stay the same: 10 of them can still be used.').waitFor();
      await page.getByRole('link', { name: 'Done' }).click();
      await heading(page, 'Settings for 2FA');
      await expect(keyNames(page)).resolves.toEqual(['Laptop passkey', 'USB key']);
      expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId: usb })).credentials).toHaveLength(1);
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'two security keys');

      // The laptop is gone: remove its passkey, proving with the USB key.
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: laptop });
      await keyCard.getByRole('button', { name: 'Remove Laptop passkey' }).click();
      await keyCard.getByText('Confirm with another key, or a recovery code, to remove Laptop passkey.').waitFor();
      await expectFitsWidth(page);
      await keyCard.getByRole('button', { name: 'Use security key' }).click();
      await page.getByRole('status').filter({ hasText: 'The security key Laptop passkey was removed.' }).waitFor();
      await expect(keyNames(page)).resolves.toEqual(['USB key']);
      // The last key stays: it has no Remove button.
      await expect(keyCard.getByRole('button', { name: /^Remove/ }).count()).resolves.toBe(0);
      await expectFitsWidth(page);
    }));
});
