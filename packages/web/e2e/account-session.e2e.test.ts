import type { Page } from 'playwright-core';
import {
  PASSWORD,
  VIEWPORTS,
  expectFitsWidth,
  heading,
  newPage,
  pathOf,
  signOut,
  uniqueEmail,
  withScreenshotOnFailure,
} from './support/browser';
import { useStage } from './support/stage';

/**
 * A real Chromium against the built API serving the built panel: register, sign out, sign in,
 * open Settings for 2FA from the user-name menu, sign out. Once on a desktop and once on a phone.
 */

jest.setTimeout(60_000);

const stage = useStage();

describe.each(VIEWPORTS)('account and session in the browser ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;

  beforeEach(async () => {
    page = await newPage(stage.browser, viewport);
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('registers, signs out, signs in, opens Settings for 2FA and signs out', () =>
    withScreenshotOnFailure(page, `account-${viewport.name}`, async () => {
      const email = uniqueEmail(`e2e-${viewport.name}`);

      // A signed-out visit to the panel lands on sign-in.
      await page.goto(`${stage.api.baseUrl}/`);
      await heading(page, 'Sign in');
      expect(pathOf(page)).toBe('/signin');

      await page.getByRole('link', { name: 'Create an account' }).click();
      await heading(page, 'Create your account');
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();

      await heading(page, 'Welcome to HostKey');
      expect(pathOf(page)).toBe('/');
      await expectFitsWidth(page);

      await signOut(page, email);

      // A wrong password is refused with the words chosen for UNAUTHENTICATED at sign-in.
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Incorrect e-mail or password.' }).waitFor();

      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await heading(page, 'Welcome to HostKey');
      const menuButton = page.getByRole('button', { name: email });
      await menuButton.waitFor();
      expect(await menuButton.isVisible()).toBe(true);

      await menuButton.click();
      await page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: 'Settings for 2FA' }).click();
      await heading(page, 'Settings for 2FA');
      expect(pathOf(page)).toBe('/settings/2fa');
      await expectFitsWidth(page);

      // A deep link reloads into the same page: the API serves index.html and the cookie holds the session.
      await page.reload();
      await heading(page, 'Settings for 2FA');

      await signOut(page, email);
      // The ended session stays ended: a protected address sends back to sign-in.
      await page.goto(`${stage.api.baseUrl}/settings/2fa`);
      await heading(page, 'Sign in');
    }));
});
