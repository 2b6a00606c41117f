import type { Page } from 'playwright-core';
import { customerWithTotp } from './support/accounts';
import { expectNoSeriousA11yViolations } from './support/axe';
import {
  VIEWPORTS,
  expectFitsWidth,
  heading,
  newPage,
  openTwoFactorSettings,
  signOut,
  submitPassword,
  uniqueEmail,
  withScreenshotOnFailure,
} from './support/browser';
import { useStage } from './support/stage';
import { totpCode, totpStep } from './support/totp';

/**
 * "Remember this browser for 30 days" in a real Chromium, whose cookie jar keeps the
 * API's HttpOnly cookie between sign-ins: ticked at the 2FA step, the next password sign-in needs
 * no code; Settings for 2FA lists the browser as "This browser"; once forgotten, the code is asked
 * for again. The security log names both. Both viewports: the list and the checkbox must fit 360 px.
 */

jest.setTimeout(90_000);

const stage = useStage();

const REMEMBER_LABEL = 'Remember this browser for 30 days';
const FORGOTTEN = 'This browser will need a 2FA code at its next sign-in.';

describe.each(VIEWPORTS)('remembering this browser ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;

  beforeEach(async () => {
    page = await newPage(stage.browser, viewport);
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('skips the code on a remembered browser, lists it as this browser, and asks again once it is forgotten', () =>
    withScreenshotOnFailure(page, `remember-browser-${viewport.name}`, async () => {
      const email = uniqueEmail(`remember-${viewport.name}`);
      const { secret } = await customerWithTotp(stage.api.baseUrl, email);

      // The 2FA step offers the checkbox, unticked, with its warning.
      await submitPassword(page, stage.api.baseUrl, email);
      await heading(page, 'Two-factor authentication');
      const remember = page.getByRole('checkbox', { name: REMEMBER_LABEL });
      expect(await remember.isChecked()).toBe(false);
      await page.getByText('Do not tick this on a shared or public computer.', { exact: false }).waitFor();
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'sign-in 2FA step with Remember this browser');

      // The next step's code: the enrolment took this step's.
      await page.getByLabel('2FA code').fill(totpCode(secret, totpStep() + 1));
      await remember.check();
      await page.getByRole('button', { name: 'Verify' }).click();
      await heading(page, 'Welcome to HostKey');

      // Signed out, the password alone signs in again on this browser.
      await signOut(page, email);
      await submitPassword(page, stage.api.baseUrl, email);
      await heading(page, 'Welcome to HostKey');

      // Settings for 2FA lists it as this browser, with Forget.
      await openTwoFactorSettings(page, email);
      const browsers = page.getByRole('list', { name: 'Remembered browsers' });
      const thisBrowser = browsers.getByRole('listitem').filter({ hasText: 'This browser' });
      await thisBrowser.waitFor();
      expect(await browsers.getByRole('listitem').count()).toBe(1);
      await thisBrowser.getByText(/Remembered until/).waitFor();
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'settings with a remembered browser');

      await thisBrowser.getByRole('button', { name: 'Forget' }).click();
      await page.getByRole('status').filter({ hasText: FORGOTTEN }).waitFor();
      await page.getByText('No browser is remembered.', { exact: false }).waitFor();

      // The security log says what happened, naming the browser.
      await page.getByRole('link', { name: 'Security log' }).click();
      await heading(page, 'Security log');
      const log = page.getByRole('list', { name: 'Your security log' });
      await log.getByText(/^Stopped remembering \S/).waitFor();
      await log.getByText(/^Signed in without a 2FA code from a remembered browser \(/).waitFor();
      await log.getByText(/^Browser remembered at sign-in \(/).waitFor();

      // Forgotten: the code is asked for again.
      await signOut(page, email);
      await submitPassword(page, stage.api.baseUrl, email);
      await heading(page, 'Two-factor authentication');
      await page.getByLabel('2FA code').waitFor();
    }));
});
