import type { Page } from 'playwright-core';
import { createUserWithCli } from './apiServer';
import { customerWithTotp, signedInWithTotp } from './support/accounts';
import { expectNoSeriousA11yViolations } from './support/axe';
import {
  PASSWORD,
  VIEWPORTS,
  expectFitsWidth,
  heading,
  newPage,
  submitPassword,
  uniqueEmail,
  withScreenshotOnFailure,
} from './support/browser';
import { useStage } from './support/stage';
import { totpCode } from './support/totp';

/**
 * The security log and "Support: reset 2FA": a customer reads their log, a SUPPORT member (made
 * with the API's command line) signs in with TOTP and resets the customer's 2FA with a reason
 * and a fresh code of their own; the customer's log then shows the reset and the reason.
 */

jest.setTimeout(90_000);

const stage = useStage();

const RESET_DONE = 'The 2FA of the account was reset. The user was signed out everywhere and told by e-mail.';

/** Password, then the 2FA step with the code of `step`. */
async function signInWithTotp(page: Page, email: string, secret: string, step: number): Promise<void> {
  await submitPassword(page, stage.api.baseUrl, email);
  await heading(page, 'Two-factor authentication');
  await page.getByLabel('2FA code').fill(totpCode(secret, step));
  await page.getByRole('button', { name: 'Verify' }).click();
  await heading(page, 'Welcome to HostKey');
}

async function openFromUserMenu(page: Page, email: string, item: string): Promise<void> {
  await page.getByRole('button', { name: email }).click();
  await page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: item }).click();
  await heading(page, item);
}

describe.each(VIEWPORTS)('security log and support reset in the browser ($name, $width px, $colorScheme)', (viewport) => {
  let customerPage: Page;
  let staffPage: Page;

  beforeEach(async () => {
    customerPage = await newPage(stage.browser, viewport);
    staffPage = await newPage(stage.browser, viewport);
  });

  afterEach(async () => {
    await customerPage.context().close();
    await staffPage.context().close();
  });

  it('shows a customer their log; support finds them, resets their 2FA with a reason; the log says so', () =>
    withScreenshotOnFailure(staffPage, `support-reset-${viewport.name}`, async () => {
      const customerEmail = uniqueEmail(`customer-${viewport.name}`);
      const staffEmail = uniqueEmail(`support-${viewport.name}`);
      const customer = await customerWithTotp(stage.api.baseUrl, customerEmail);
      createUserWithCli(stage.api, staffEmail, PASSWORD, 'SUPPORT');
      const staff = await signedInWithTotp(stage.api.baseUrl, staffEmail);
      const reason = `Lost phone; identity checked by a call back (${viewport.name})`;

      // The customer's own log.
      await signInWithTotp(customerPage, customerEmail, customer.secret, customer.step);
      await openFromUserMenu(customerPage, customerEmail, 'Security log');
      const ownLog = customerPage.getByRole('list', { name: 'Your security log' });
      await ownLog.getByText('2FA turned on (authenticator app)').waitFor();
      expect(await ownLog.locator('time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      await expectFitsWidth(customerPage);
      await expectNoSeriousA11yViolations(customerPage, 'security log');

      // Support signs in with TOTP and finds the customer.
      await signInWithTotp(staffPage, staffEmail, staff.secret, staff.step);
      await openFromUserMenu(staffPage, staffEmail, 'Support: reset 2FA');
      await staffPage.getByLabel('E-mail address or part of it').fill(customerEmail.split('@')[0]!);
      await staffPage.getByRole('button', { name: 'Search' }).click();
      await staffPage.getByRole('list', { name: 'Accounts found' }).getByRole('button', { name: customerEmail }).click();
      const customerLog = staffPage.getByRole('list', { name: `Security log of ${customerEmail}` });
      await customerLog.getByText('2FA turned on (authenticator app)').waitFor();
      await expectFitsWidth(staffPage);
      await expectNoSeriousA11yViolations(staffPage, 'support: a customer chosen');

      // The reset: a reason, the staff member's own next TOTP code, then the confirm step.
      await staffPage.getByLabel('Reason').fill(reason);
      await staffPage.getByLabel('2FA code or recovery code').fill(totpCode(staff.secret, staff.step + 1));
      await staffPage.getByRole('button', { name: 'Reset 2FA' }).click();
      await staffPage.getByText('This removes the user’s 2FA and signs them out everywhere.', { exact: false }).waitFor();
      await expectNoSeriousA11yViolations(staffPage, 'support: confirm the reset');
      await staffPage.getByRole('button', { name: 'Yes, reset 2FA' }).click();
      await staffPage.getByRole('status').filter({ hasText: RESET_DONE }).waitFor();
      await customerLog.getByText(`Reason: ${reason}`).waitFor();
      await expectFitsWidth(staffPage);

      // The customer was signed out everywhere; the password alone now opens the account, and the
      // log says who did what and why.
      await customerPage.reload();
      await heading(customerPage, 'Sign in');
      await submitPassword(customerPage, stage.api.baseUrl, customerEmail);
      await heading(customerPage, 'Security log');
      const entries = customerPage.getByRole('list', { name: 'Your security log' }).getByRole('listitem');
      await entries.first().getByText('2FA reset by support').waitFor();
      expect(await entries.first().textContent()).toContain(`Reason: ${reason}`);
    }));
});
