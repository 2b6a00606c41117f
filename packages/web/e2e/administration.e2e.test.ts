import type { Page } from 'playwright-core';
import { createUserWithCli } from './apiServer';
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
import { GraphQLClient } from './support/graphqlClient';
import { useStage } from './support/stage';
import { codeOfStepBeforeNow, totpCode } from './support/totp';

/**
 * The admins' Administration page: an ADMIN (made with the API's command line) signs in with
 * TOTP, saves the 2FA policy (staff must use 2FA, 7 grace days) and sees its new version, is told
 * about two bad fields at once, and makes a customer SUPPORT and a customer again. Both viewports
 * play against one API, so each reads the version the other left.
 */

jest.setTimeout(120_000);

const stage = useStage();

/**
 * An existing account signed in through the API that turns TOTP on with the code of the step
 * before now (the browser signs in with this step's code and proves with the next one), keeping
 * the recovery codes for further proofs without waiting for new steps.
 */
async function adminWithTotp(baseUrl: string, email: string): Promise<{ secret: string; step: number; recoveryCodes: string[] }> {
  const client = new GraphQLClient(baseUrl);
  await client.request('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }', { e: email, p: PASSWORD });
  const { enableTwoFactor } = await client.request<{ enableTwoFactor: { secret: string } }>(
    'mutation { enableTwoFactor(input: { method: TOTP }) { ... on TotpSetup { secret } } }',
  );
  const { code, step } = await codeOfStepBeforeNow(enableTwoFactor.secret);
  const { verifyTwoFactor } = await client.request<{ verifyTwoFactor: { recoveryCodes: string[] } }>(
    'mutation($c: String!) { verifyTwoFactor(code: $c) { recoveryCodes } }',
    { c: code },
  );
  return { secret: enableTwoFactor.secret, step, recoveryCodes: verifyTwoFactor.recoveryCodes };
}

async function signInWithTotp(page: Page, email: string, secret: string, step: number): Promise<void> {
  await submitPassword(page, stage.api.baseUrl, email);
  await heading(page, 'Two-factor authentication');
  await page.getByLabel('2FA code').fill(totpCode(secret, step));
  await page.getByRole('button', { name: 'Verify' }).click();
  await heading(page, 'Welcome to HostKey');
}

async function registerCustomer(email: string): Promise<void> {
  await new GraphQLClient(stage.api.baseUrl).request(
    'mutation($e: String!, $p: String!) { register(email: $e, password: $p) { user { id } } }',
    { e: email, p: PASSWORD },
  );
}

describe.each(VIEWPORTS)('Administration in the browser ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;

  beforeEach(async () => {
    page = await newPage(stage.browser, viewport);
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('an admin saves the 2FA policy, sees two bad fields at once, and changes a customer’s role and back', () =>
    withScreenshotOnFailure(page, `administration-${viewport.name}`, async () => {
      const adminEmail = uniqueEmail(`admin-${viewport.name}`);
      const customerEmail = uniqueEmail(`customer-${viewport.name}`);
      createUserWithCli(stage.api, adminEmail, PASSWORD, 'ADMIN');
      await registerCustomer(customerEmail);
      const admin = await adminWithTotp(stage.api.baseUrl, adminEmail);
      await signInWithTotp(page, adminEmail, admin.secret, admin.step);

      await page.getByRole('button', { name: adminEmail }).click();
      await page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: 'Administration' }).click();
      await heading(page, 'Administration');
      const versionLine = page.getByText(/^Version \d+/);
      const read = Number(/^Version (\d+)/.exec((await versionLine.textContent()) ?? '')?.[1]);
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'administration: the policy read');

      // Two bad fields: both are said under their fields at once, and the code stays unspent.
      const form = page.getByRole('form', { name: '2FA policy' });
      const code = totpCode(admin.secret, admin.step + 1);
      await form.getByRole('radio', { name: 'Staff: support and administrators' }).check();
      await form.getByLabel('Grace days').fill('400');
      await form.getByRole('radio', { name: 'Only the countries listed below' }).check();
      await form.getByLabel('SMS countries').fill('GB, XX');
      await form.getByLabel('2FA code or recovery code').fill(code);
      await form.getByRole('button', { name: 'Save policy' }).click();
      await form.getByText('Use two-letter country codes, such as GB, DE or US.', { exact: true }).waitFor();
      await form.getByText('Enter a number of days from 0 to 365.', { exact: true }).waitFor();
      expect(await form.getByLabel('Grace days').getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('SMS countries').getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('Grace days').evaluate((element) => element === document.activeElement)).toBe(true);
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'administration: two bad fields');

      // Fixed, saved with the same code: a new version, read back.
      await form.getByLabel('Grace days').fill('7');
      await form.getByRole('radio', { name: 'Any country' }).check();
      await form.getByRole('button', { name: 'Save policy' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Policy saved: it is now version ${read + 1}.` })
        .waitFor();
      await page.getByText(new RegExp(`^Version ${read + 1}, saved .* by ${adminEmail.replace(/[.+]/g, '\\$&')}\\.$`)).waitFor();
      expect(await page.getByRole('form', { name: '2FA policy' }).getByLabel('Grace days').inputValue()).toBe('7');

      // Roles: the customer becomes SUPPORT, then a customer again (recovery codes as the proofs).
      await page.getByLabel('E-mail address or part of it').fill(customerEmail);
      await page.getByRole('button', { name: 'Find accounts' }).click();
      const found = page.getByRole('list', { name: 'Accounts found' });
      await found.getByRole('button', { name: customerEmail }).click();
      const roleForm = page.getByRole('form', { name: `Role of ${customerEmail}` });
      await roleForm.getByRole('radio', { name: 'Support' }).check();
      await roleForm.getByLabel('2FA code or recovery code').fill(admin.recoveryCodes[0]!);
      await expectNoSeriousA11yViolations(page, 'administration: a role to change');
      await roleForm.getByRole('button', { name: 'Change role' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${customerEmail} is now Support.` })
        .waitFor();
      await found.getByText('Support', { exact: true }).waitFor();
      await expectFitsWidth(page);

      await roleForm.getByRole('radio', { name: 'Customer' }).check();
      await roleForm.getByLabel('2FA code or recovery code').fill(admin.recoveryCodes[1]!);
      await roleForm.getByRole('button', { name: 'Change role' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${customerEmail} is now Customer.` })
        .waitFor();
      await found.getByText('Customer', { exact: true }).waitFor();
    }));
});
