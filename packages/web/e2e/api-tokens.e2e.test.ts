import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { PASSWORD, VIEWPORTS, expectFitsWidth, heading, newPage, pathOf, uniqueEmail, withScreenshotOnFailure } from './support/browser';
import { GraphQLClient } from './support/graphqlClient';
import { postJson } from './support/postJson';
import { useStage } from './support/stage';
import { codeOfStepBeforeNow, totpCode, totpStep } from './support/totp';

/**
 * API tokens in a real Chromium: a customer with TOTP signs in, creates a token on the Account
 * page with a recovery code as the proof, copies it (shown once), a script reads with it and is
 * refused a change, the list shows its last use, and Revoke ends it at once. At 1280 and 360 px,
 * axe on each new state of the section.
 */

jest.setTimeout(120_000);

const stage = useStage();

/** A customer registered through the API with TOTP on, turned on with the code of the step before now. */
async function customerWithTotp(email: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const api = new GraphQLClient(stage.api.baseUrl);
  await api.request('mutation($e: String!, $p: String!) { register(email: $e, password: $p) { user { id } } }', { e: email, p: PASSWORD });
  const { enableTwoFactor } = await api.request<{ enableTwoFactor: { secret: string } }>(
    'mutation { enableTwoFactor(input: { method: TOTP }) { ... on TotpSetup { secret } } }',
  );
  const { verifyTwoFactor } = await api.request<{ verifyTwoFactor: { recoveryCodes: string[] } }>(
    'mutation($c: String!) { verifyTwoFactor(code: $c) { recoveryCodes } }',
    { c: (await codeOfStepBeforeNow(enableTwoFactor.secret)).code },
  );
  return { secret: enableTwoFactor.secret, recoveryCodes: verifyTwoFactor.recoveryCodes };
}

/** What a script holding `token` gets: its HTTP status, and the data or the first error's reason. */
async function asScript(token: string, query: string): Promise<{ status: number; data?: unknown; reason?: string }> {
  const { status, body } = await postJson<{ data?: unknown; errors?: Array<{ extensions?: { reason?: string } }> }>(
    `${stage.api.baseUrl}/graphql`,
    { authorization: `Bearer ${token}` },
    { query },
  );
  return body.errors?.length ? { status, reason: body.errors[0]!.extensions?.reason } : { status, data: body.data };
}

describe.each(VIEWPORTS)('API tokens on the Account page ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;

  beforeEach(async () => {
    page = await newPage(stage.browser, viewport);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stage.api.baseUrl });
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('creates a token with a fresh proof, shows it once to copy, lists its use and revokes it', () =>
    withScreenshotOnFailure(page, `api-tokens-${viewport.name}`, async () => {
      const email = uniqueEmail(`tokens-${viewport.name}`);
      const customer = await customerWithTotp(email);

      await page.goto(`${stage.api.baseUrl}/signin`);
      await heading(page, 'Sign in');
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await heading(page, 'Two-factor authentication');
      await page.getByLabel('2FA code').fill(totpCode(customer.secret, totpStep()));
      await page.getByRole('button', { name: 'Verify' }).click();
      await heading(page, 'Welcome to HostKey');

      await page.getByRole('button', { name: email }).click();
      await page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: 'Account' }).click();
      await heading(page, 'Account');
      expect(pathOf(page)).toBe('/settings/account');
      const section = page.getByRole('region', { name: 'API tokens' });
      await section.getByText('You have no API tokens.').waitFor();

      // The form: a name, how long, and the proof that 2FA asks for (a recovery code here).
      await section.getByRole('button', { name: 'Create token' }).click();
      const form = section.getByRole('form', { name: 'Create an API token' });
      await form.getByLabel('Name').fill('nightly export');
      await form.getByLabel('Expires after').selectOption({ label: '30 days' });
      await form.getByLabel('2FA code or recovery code').fill(customer.recoveryCodes[0]!);
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'API token form');
      await form.getByRole('button', { name: 'Create token' }).click();

      // Shown once, whole, with a copy button; the focus moves to it.
      const shown = section.getByRole('group', { name: 'Your new token “nightly export”' });
      await shown.waitFor();
      const token = (await shown.locator('code').first().textContent())!;
      expect(token).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Your new token “nightly export”');
      await shown.getByRole('button', { name: 'Copy token' }).click();
      await shown.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'new API token');

      // The script reads with it, and is refused any change before anything runs.
      expect(await asScript(token, '{ me { email } }')).toEqual({ status: 200, data: { me: { email } } });
      expect(await asScript(token, 'mutation { disableTwoFactor(code: "000000") { message } }')).toEqual({
        status: 403,
        reason: 'TOKEN_SCOPE',
      });

      // Once "Done", the token is gone from the page; the list shows it was used.
      await shown.getByRole('button', { name: 'Done' }).click();
      expect(await section.textContent()).not.toContain(token);
      await page.reload();
      await heading(page, 'Account');
      const row = section.getByRole('list', { name: 'API tokens' }).getByRole('listitem').filter({ hasText: 'nightly export' });
      await row.getByText('Read your account').waitFor();
      await row.getByText(/Last used/).waitFor();
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'API tokens listed');

      // Revoke: the script is refused from the next request on.
      await row.getByRole('button', { name: 'Revoke' }).click();
      await section.getByRole('status').filter({ hasText: 'The token “nightly export” was revoked' }).waitFor();
      await section.getByText('You have no API tokens.').waitFor();
      expect(await asScript(token, '{ me { email } }')).toMatchObject({ reason: 'API_TOKEN_ENDED' });
      await expectNoSeriousA11yViolations(page, 'API token revoked');
    }));
});
