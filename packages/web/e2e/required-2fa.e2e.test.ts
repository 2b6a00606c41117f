import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import {
  PASSWORD,
  VIEWPORTS,
  expectFitsWidth,
  heading,
  methodCard,
  newPage,
  openTwoFactorSettings,
  pathOf,
  uniqueEmail,
  withScreenshotOnFailure,
} from './support/browser';
import { useStage } from './support/stage';
import { totpCode, totpStep } from './support/totp';

/**
 * A server that requires 2FA of everyone with no grace period (TWO_FACTOR_REQUIRED=all,
 * TWO_FACTOR_GRACE_DAYS=0): a new account lands on Settings for 2FA, which says why, and no other
 * page opens until a method is verified; then every page opens, and 2FA can no longer be turned off.
 */

jest.setTimeout(90_000);

const stage = useStage({ TWO_FACTOR_REQUIRED: 'all', TWO_FACTOR_GRACE_DAYS: '0' });

const OVERDUE_WORDS =
  'This server requires two-factor authentication for your account. Enable it now: until you do, only Settings for 2FA is open.';
const CANNOT_DISABLE_WORDS =
  'This server requires two-factor authentication for your account: you can switch to another method, but not turn it off.';
const CHECKED = 'Code successfully verified. 2FA method will be set to TOTP';

describe.each(VIEWPORTS)('required 2FA in the browser ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;

  beforeEach(async () => {
    page = await newPage(stage.browser, viewport);
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('keeps a new account on Settings for 2FA until TOTP is verified, then opens the rest but not Disable 2FA', () =>
    withScreenshotOnFailure(page, `required-2fa-${viewport.name}`, async () => {
      const email = uniqueEmail(`required-${viewport.name}`);
      await page.goto(`${stage.api.baseUrl}/register`);
      await heading(page, 'Create your account');
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();

      // No grace period: the start page gives way to Settings for 2FA, which says why.
      await heading(page, 'Settings for 2FA');
      expect(pathOf(page)).toBe('/settings/2fa');
      await page.getByText(OVERDUE_WORDS).waitFor();
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'settings, 2FA required and overdue');

      // The other pages send the user back here: the page arrived at takes the focus, and it is this one.
      await openFromUserMenu(page, email, 'Security log');
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Settings for 2FA');
      expect(pathOf(page)).toBe('/settings/2fa');

      // The set-up stays open.
      await methodCard(page, 'TOTP').getByRole('button', { name: 'Enable' }).click();
      await heading(page, 'Enable TOTP');
      const secret = ((await page.locator('.totp__secret code').textContent()) ?? '').replace(/\s/g, '');
      await page.getByLabel('Code from the app').fill(totpCode(secret, totpStep()));
      await page.getByRole('button', { name: 'Check Code' }).click();
      await page.getByRole('status').filter({ hasText: CHECKED }).waitFor();

      // With 2FA on, the rest of the panel opens again.
      await openFromUserMenu(page, email, 'Security log');
      await heading(page, 'Security log');
      expect(pathOf(page)).toBe('/settings/security-log');

      // Required 2FA can be switched, not turned off.
      await openTwoFactorSettings(page, email);
      const totp = methodCard(page, 'TOTP');
      await totp.getByText('Active').waitFor();
      await totp.getByText(CANNOT_DISABLE_WORDS).waitFor();
      expect(await page.getByRole('button', { name: 'Disable 2FA' }).count()).toBe(0);
      expect(await methodCard(page, 'Mail verification').getByRole('button', { name: 'Enable' }).count()).toBe(1);
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'settings, required 2FA on');
    }));
});

async function openFromUserMenu(page: Page, email: string, link: string): Promise<void> {
  await page.getByRole('button', { name: email }).click();
  await page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: link }).click();
}
