import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { PASSWORD, VIEWPORTS, expectFitsWidth, heading, newPage, pathOf, uniqueEmail, withScreenshotOnFailure } from './support/browser';
import { GraphQLClient } from './support/graphqlClient';
import { useStage } from './support/stage';
import { codeOfStepBeforeNow, totpCode, totpStep } from './support/totp';

/**
 * The account journeys in a real Chromium: a customer with TOTP verifies the address from the
 * e-mailed link, forgets the password, resets it from the link (the 2FA step still follows: a reset
 * never skips it), changes it again on the Account page with a recovery code as the proof, and
 * signs another device out with "Sign out everywhere else". At 1280 and 360 px, axe on each new screen.
 */

jest.setTimeout(120_000);

const stage = useStage();

const RESET_PASSWORD = 'reset passphrase, long enough';
const CHANGED_PASSWORD = 'changed passphrase, longer still';

interface Customer {
  email: string;
  secret: string;
  recoveryCodes: string[];
}

/** A customer registered through the API with TOTP on, turned on with the code of the step before now. */
async function customerWithTotp(email: string): Promise<Customer> {
  const api = new GraphQLClient(stage.api.baseUrl);
  await api.request('mutation($e: String!, $p: String!) { register(email: $e, password: $p) { user { id } } }', { e: email, p: PASSWORD });
  const { enableTwoFactor } = await api.request<{ enableTwoFactor: { secret: string } }>(
    'mutation { enableTwoFactor(input: { method: TOTP }) { ... on TotpSetup { secret } } }',
  );
  const { verifyTwoFactor } = await api.request<{ verifyTwoFactor: { recoveryCodes: string[] } }>(
    'mutation($c: String!) { verifyTwoFactor(code: $c) { recoveryCodes } }',
    { c: (await codeOfStepBeforeNow(enableTwoFactor.secret)).code },
  );
  return { email, secret: enableTwoFactor.secret, recoveryCodes: verifyTwoFactor.recoveryCodes };
}

/** The token of the next link e-mailed to `to` after the `seen` messages before it, and the link's path. */
async function nextLink(to: string, seen: number, subject: string): Promise<{ token: string; path: string }> {
  const mail = await stage.outbox.next(to, seen);
  expect(mail.subject).toBe(subject);
  const url = new URL(/https?:\/\/\S+#token=\S+/.exec(mail.text)![0]);
  expect(url.hash).toBe(`#token=${mail.code}`);
  return { token: mail.code, path: url.pathname };
}

describe.each(VIEWPORTS)('forgotten password, new password and sessions ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;

  beforeEach(async () => {
    page = await newPage(stage.browser, viewport);
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('verifies the address, resets the password through the 2FA step, changes it, and signs another device out', () =>
    withScreenshotOnFailure(page, `password-and-sessions-${viewport.name}`, async () => {
      const customer = await customerWithTotp(uniqueEmail(`reset-${viewport.name}`));
      const { email } = customer;

      // The address is verified from the link registration e-mailed: reset links go only to a verified one.
      const verification = await nextLink(email, 0, 'HOSTKEY: verify your e-mail address');
      expect(verification.path).toBe('/verify-email');
      await page.goto(`${stage.api.baseUrl}${verification.path}#token=${verification.token}`);
      await heading(page, 'Verify your e-mail address');
      // The token leaves the address bar as soon as the page has read it.
      await page.waitForURL((url) => url.hash === '');
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'verify e-mail');
      await page.getByRole('button', { name: 'Verify e-mail address' }).click();
      await page.getByRole('status').filter({ hasText: 'Your e-mail address is verified.' }).waitFor();

      // "Forgot password?" on the sign-in page.
      await page.goto(`${stage.api.baseUrl}/signin`);
      await heading(page, 'Sign in');
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await heading(page, 'Reset your password');
      expect(pathOf(page)).toBe('/forgot-password');
      const seen = stage.outbox.count(email);
      await page.getByLabel('E-mail').fill(email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `If an account uses ${email} and that address is verified` })
        .waitFor();
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'forgot password');

      // The link from the e-mail: a new password, then the 2FA step as at any sign-in.
      const reset = await nextLink(email, seen, 'HOSTKEY: reset your password');
      expect(reset.path).toBe('/reset-password');
      await page.goto(`${stage.api.baseUrl}${reset.path}#token=${reset.token}`);
      await heading(page, 'Choose a new password');
      await page.waitForURL((url) => url.hash === '');
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'reset password');
      await page.getByLabel('New password').fill(RESET_PASSWORD);
      await page.getByRole('button', { name: 'Set new password' }).click();
      await heading(page, 'Two-factor authentication');
      await page.getByLabel('2FA code').fill(totpCode(customer.secret, totpStep()));
      await page.getByRole('button', { name: 'Verify' }).click();
      await heading(page, 'Welcome to HostKey');
      expect(pathOf(page)).toBe('/');
      expect((await stage.outbox.next(email, seen + 1)).subject).toBe('HOSTKEY: password reset');

      // Another device signs in with the new password (and a recovery code for its 2FA step).
      const otherDevice = new GraphQLClient(stage.api.baseUrl);
      const { login } = await otherDevice.request<{ login: { challengeId: string } }>(
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ... on TwoFactorChallenge { challengeId } } }',
        { e: email, p: RESET_PASSWORD },
      );
      await otherDevice.request('mutation($id: ID!, $c: String!) { verifyLoginChallenge(challengeId: $id, code: $c) { user { id } } }', {
        id: login.challengeId,
        c: customer.recoveryCodes[0],
      });

      // User name » Account: the address, the password and the sessions.
      await page.getByRole('button', { name: email }).click();
      await page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: 'Account' }).click();
      await heading(page, 'Account');
      expect(pathOf(page)).toBe('/settings/account');
      await page.getByRole('region', { name: 'E-mail address' }).getByText('Verified', { exact: true }).waitFor();
      const sessions = page.getByRole('list', { name: 'Signed-in sessions' });
      await sessions.getByRole('listitem').nth(1).waitFor();
      expect(await sessions.getByRole('listitem').count()).toBe(2);
      await sessions.getByRole('listitem').filter({ hasText: 'This session' }).getByText('2FA code (authenticator app)').waitFor();
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'account');

      // "Sign out everywhere else": the other device is out at once.
      await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
      await page.getByRole('status').filter({ hasText: 'One other session was signed out.' }).waitFor();
      expect(await sessions.getByRole('listitem').count()).toBe(1);
      await expect(otherDevice.request('{ me { email } }')).rejects.toThrow(/UNAUTHENTICATED/);

      // A new password, with a recovery code as the proof that 2FA asks for.
      const passwordForm = page.getByRole('region', { name: 'Password' });
      await passwordForm.getByLabel('Current password').fill(RESET_PASSWORD);
      await passwordForm.getByLabel('New password').fill(CHANGED_PASSWORD);
      await passwordForm.getByLabel('2FA code or recovery code').fill(customer.recoveryCodes[1]!);
      await passwordForm.getByRole('button', { name: 'Change password' }).click();
      await passwordForm.getByRole('status').filter({ hasText: 'Your password was changed.' }).waitFor();
      await expectNoSeriousA11yViolations(page, 'account after a password change');

      // The new password is the one that signs in now (the 2FA step follows, as always).
      await page.getByRole('button', { name: email }).click();
      await page.getByRole('navigation', { name: 'User menu' }).getByRole('button', { name: 'Sign out' }).click();
      await heading(page, 'Sign in');
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(CHANGED_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await heading(page, 'Two-factor authentication');
    }));
});
