import type { Page } from 'playwright-core';
import { createUserWithCli } from './apiServer';
import { signedInWithTotp } from './support/accounts';
import { expectNoSeriousA11yViolations } from './support/axe';
import {
  PASSWORD,
  VIEWPORTS,
  expectFitsWidth,
  heading,
  newPage,
  pathOf,
  submitPassword,
  uniqueEmail,
  withScreenshotOnFailure,
} from './support/browser';
import { GraphQLClient } from './support/graphqlClient';
import { useStage } from './support/stage';
import { codeOfStepBeforeNow, totpCode, totpStep } from './support/totp';

/**
 * Account recovery, the guide's "contact technical support" made a path: a customer who lost the
 * phone asks from the sign-in code page; support approves on their queue; the approval waits
 * (the server's clock is moved through TEST_CLOCK_FILE, which production refuses), and then the
 * password alone opens the account and its security log tells the story. The owner, signed in
 * elsewhere, cancels a request from the banner or from the e-mailed link; a sign-in with one of
 * the last recovery codes stops to say so. At 1280 and 360 px, axe on each new screen.
 */

jest.setTimeout(150_000);

const SUPPORT_CONTACT = 'support@hostkey.example';
const stage = useStage({ SUPPORT_CONTACT }, { movableClock: true });

const HOUR_MS = 60 * 60_000;
const WAIT_MS = 72 * HOUR_MS;
const MESSAGE = 'I lost my phone with the authenticator app. Please call me back on +44 7911 123456.';
const RECOVERY_BANNER = 'Someone asked support to remove your 2FA';
const CANCELLED = 'The recovery request was cancelled. Nothing was changed on your account.';

interface Customer {
  email: string;
  secret: string;
  recoveryCodes: string[];
  api: GraphQLClient;
}

/** A customer made through the API: address verified from the e-mailed link, TOTP on with the code of the step before now. */
async function customerWithTotp(email: string): Promise<Customer> {
  const api = new GraphQLClient(stage.api.baseUrl);
  await api.request('mutation($e: String!, $p: String!) { register(email: $e, password: $p) { user { id } } }', { e: email, p: PASSWORD });
  const verification = await stage.outbox.next(email, 0);
  await api.request('mutation($t: String!) { verifyEmail(token: $t) }', { t: verification.code });
  const { enableTwoFactor } = await api.request<{ enableTwoFactor: { secret: string } }>(
    'mutation { enableTwoFactor(input: { method: TOTP }) { ... on TotpSetup { secret } } }',
  );
  const { verifyTwoFactor } = await api.request<{ verifyTwoFactor: { recoveryCodes: string[] } }>(
    'mutation($c: String!) { verifyTwoFactor(code: $c) { recoveryCodes } }',
    { c: (await codeOfStepBeforeNow(enableTwoFactor.secret)).code },
  );
  return { email, secret: enableTwoFactor.secret, recoveryCodes: verifyTwoFactor.recoveryCodes, api };
}

/** Someone with the password (and nothing else) asks support for the account, through the API. */
async function requestRecoveryThroughApi(email: string): Promise<void> {
  const api = new GraphQLClient(stage.api.baseUrl);
  const { login } = await api.request<{ login: { challengeId: string } }>(
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ... on TwoFactorChallenge { challengeId } } }',
    { e: email, p: PASSWORD },
  );
  await api.request('mutation($c: ID!, $m: String!) { requestAccountRecovery(challengeId: $c, message: $m) { id } }', {
    c: login.challengeId,
    m: MESSAGE,
  });
}

async function signInWithTotp(page: Page, email: string, code: string): Promise<void> {
  await submitPassword(page, stage.api.baseUrl, email);
  await heading(page, 'Two-factor authentication');
  await page.getByLabel('2FA code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await heading(page, 'Welcome to HostKey');
}

async function openFromUserMenu(page: Page, email: string, item: string): Promise<void> {
  await page.getByRole('button', { name: email }).click();
  await page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: item }).click();
  await heading(page, item);
}

describe.each(VIEWPORTS)('account recovery in the browser ($name, $width px, $colorScheme)', (viewport) => {
  let customerPage: Page;
  let staffPage: Page;

  beforeEach(async () => {
    stage.setServerClock(0);
    customerPage = await newPage(stage.browser, viewport);
    staffPage = await newPage(stage.browser, viewport);
  });

  afterEach(async () => {
    await customerPage.context().close();
    await staffPage.context().close();
  });

  it('a customer who lost the phone asks support, support approves, and after the wait the password alone opens the account', () =>
    withScreenshotOnFailure(customerPage, `recovery-journey-${viewport.name}`, async () => {
      const customer = await customerWithTotp(uniqueEmail(`lostphone-${viewport.name}`));
      const staffEmail = uniqueEmail(`support-${viewport.name}`);
      createUserWithCli(stage.api, staffEmail, PASSWORD, 'SUPPORT');
      const staff = await signedInWithTotp(stage.api.baseUrl, staffEmail);
      const reason = `Called back on the invoice number (${viewport.name})`;

      // The password is right; the phone is gone. The code page leads to support.
      await submitPassword(customerPage, stage.api.baseUrl, customer.email);
      await heading(customerPage, 'Two-factor authentication');
      await customerPage.getByRole('link', { name: SUPPORT_CONTACT }).waitFor();
      const seen = stage.outbox.count(customer.email);
      await customerPage.getByRole('button', { name: 'Lost access to your 2FA method?' }).click();
      await customerPage.getByRole('heading', { level: 2, name: 'Lost access to your 2FA method?' }).waitFor();
      await expectNoSeriousA11yViolations(customerPage, 'recovery: the request form');
      await customerPage.getByLabel('Message to support').fill(MESSAGE);
      await customerPage.getByRole('button', { name: 'Send to support' }).click();
      await customerPage.getByRole('heading', { level: 2, name: 'Your request was sent to support' }).waitFor();
      await expectFitsWidth(customerPage);
      await expectNoSeriousA11yViolations(customerPage, 'recovery: the request sent');
      expect((await stage.outbox.next(customer.email, seen)).subject).toBe('HOSTKEY: account recovery requested');

      // Support reads the request beside what helps to decide, and approves with their own code.
      await signInWithTotp(staffPage, staffEmail, totpCode(staff.secret, staff.step));
      await openFromUserMenu(staffPage, staffEmail, 'Support: recovery requests');
      const item = staffPage.getByRole('listitem', { name: customer.email });
      await item.getByText(MESSAGE).waitFor();
      await item.getByText('Verified: the owner was e-mailed a link to cancel').waitFor();
      await expectFitsWidth(staffPage);
      await expectNoSeriousA11yViolations(staffPage, 'support: the recovery queue');
      await item.getByRole('radio', { name: /^Approve/ }).check();
      await item.getByLabel('Reason').fill(reason);
      await item.getByLabel('2FA code or recovery code').fill(totpCode(staff.secret, staff.step + 1));
      await item.getByRole('button', { name: 'Approve' }).click();
      await item.getByText(`Approve the recovery of ${customer.email}?`).waitFor();
      await expectNoSeriousA11yViolations(staffPage, 'support: confirm the approval');
      await item.getByRole('button', { name: 'Yes, approve' }).click();
      await staffPage
        .getByRole('status')
        .filter({ hasText: `Approved for ${customer.email}` })
        .waitFor();
      await staffPage.getByText('No request is waiting for a decision.').waitFor();

      // Before the wait is over, the password alone still opens nothing.
      await customerPage.getByRole('button', { name: 'Back to sign in' }).click();
      await submitPassword(customerPage, stage.api.baseUrl, customer.email);
      await heading(customerPage, 'Two-factor authentication');
      await customerPage.getByRole('button', { name: 'Back to sign in' }).click();

      // Three days later, nobody having cancelled: the password alone opens the account.
      stage.setServerClock(WAIT_MS + 60_000);
      await submitPassword(customerPage, stage.api.baseUrl, customer.email);
      await heading(customerPage, 'Welcome to HostKey');
      await openFromUserMenu(customerPage, customer.email, 'Security log');
      const log = customerPage.getByRole('list', { name: 'Your security log' });
      await log.getByText('Account recovery completed: 2FA removed, every session signed out').waitFor();
      await log.getByText('Account recovery approved by support; 2FA is removed after the waiting period unless cancelled').waitFor();
      await log.getByText('Account recovery asked for: support was asked to remove 2FA').waitFor();
      await log.getByText(`Reason: ${reason}`).first().waitFor();
      await expectFitsWidth(customerPage);
      await expectNoSeriousA11yViolations(customerPage, 'security log after a recovery');
      const subjects = stage.outbox
        .all()
        .filter((mail) => mail.to === customer.email)
        .map((mail) => mail.subject);
      expect(subjects).toEqual(
        expect.arrayContaining(['HOSTKEY: account recovery approved', 'HOSTKEY: two-factor authentication removed by account recovery']),
      );
    }));

  it('the owner, signed in elsewhere, cancels from the banner; the e-mailed link cancels the next request', () =>
    withScreenshotOnFailure(customerPage, `recovery-cancel-${viewport.name}`, async () => {
      const customer = await customerWithTotp(uniqueEmail(`owner-${viewport.name}`));
      await signInWithTotp(customerPage, customer.email, totpCode(customer.secret, totpStep()));

      await requestRecoveryThroughApi(customer.email);
      await customerPage.reload();
      const banner = customerPage.getByRole('region', { name: RECOVERY_BANNER });
      await banner.getByText('Support has not decided yet.', { exact: false }).waitFor();
      await expectFitsWidth(customerPage);
      await expectNoSeriousA11yViolations(customerPage, 'recovery: the banner');
      await banner.getByRole('button', { name: 'Cancel the request' }).click();
      await customerPage.getByRole('status').filter({ hasText: CANCELLED }).waitFor();
      expect(await customerPage.getByRole('region', { name: RECOVERY_BANNER }).count()).toBe(0);

      // Later (past the hour that limits requests from one address, as this test's all come from 127.0.0.1) someone asks again.
      stage.setServerClock(2 * HOUR_MS);
      const seen = stage.outbox.count(customer.email);
      await requestRecoveryThroughApi(customer.email);
      const mail = await stage.outbox.next(customer.email, seen);
      expect(mail.subject).toBe('HOSTKEY: account recovery requested');
      const link = new URL(/https?:\/\/\S+#token=\S+/.exec(mail.text)![0]);
      expect(link.hash).toBe(`#token=${mail.code}`);

      await staffPage.goto(`${stage.api.baseUrl}${link.pathname}${link.hash}`);
      await heading(staffPage, 'Cancel account recovery');
      expect(pathOf(staffPage)).toBe('/cancel-recovery');
      await expectNoSeriousA11yViolations(staffPage, 'recovery: the cancel link');
      await staffPage.getByRole('button', { name: 'Cancel the request' }).click();
      await staffPage.getByRole('status').filter({ hasText: CANCELLED }).waitFor();
      await expectFitsWidth(staffPage);
    }));

  it('a sign-in with one of the last recovery codes stops to say how few are left', () =>
    withScreenshotOnFailure(customerPage, `recovery-codes-low-${viewport.name}`, async () => {
      const customer = await customerWithTotp(uniqueEmail(`codes-${viewport.name}`));
      // Seven of the ten used up through the API; the browser uses the eighth.
      const api = new GraphQLClient(stage.api.baseUrl);
      for (const code of customer.recoveryCodes.slice(0, 7)) {
        const { login } = await api.request<{ login: { challengeId: string } }>(
          'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ... on TwoFactorChallenge { challengeId } } }',
          { e: customer.email, p: PASSWORD },
        );
        await api.request('mutation($c: ID!, $k: String!) { verifyLoginChallenge(challengeId: $c, code: $k) { user { id } } }', {
          c: login.challengeId,
          k: code,
        });
      }

      await submitPassword(customerPage, stage.api.baseUrl, customer.email);
      await heading(customerPage, 'Two-factor authentication');
      await customerPage.getByRole('button', { name: 'Use a recovery code' }).click();
      await customerPage.getByLabel('Recovery code').fill(customer.recoveryCodes[7]!);
      await customerPage.getByRole('button', { name: 'Verify' }).click();
      await customerPage.getByRole('heading', { level: 2, name: 'You signed in with a recovery code' }).waitFor();
      await customerPage.getByRole('note', { name: 'Few recovery codes left' }).getByText('Only 2 recovery codes are left.').waitFor();
      await expectFitsWidth(customerPage);
      await expectNoSeriousA11yViolations(customerPage, 'few recovery codes left');
      await customerPage.getByRole('button', { name: 'Get new recovery codes' }).click();
      await heading(customerPage, 'Settings for 2FA');
      await customerPage.getByRole('note', { name: 'Few recovery codes left' }).waitFor();
    }));
});
