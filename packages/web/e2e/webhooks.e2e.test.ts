import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { TOTP_PERIOD_MS, totpCode } from './support/totp';

/**
 * The admins' Webhooks page: an ADMIN (made with the API's command line) signs in with TOTP,
 * creates a webhook to an endpoint this test runs, copies nothing but sees the secret once, sees
 * the delivery of a customer turning 2FA on, and deletes the webhook with a fresh code.
 */

jest.setTimeout(120_000);

const stage = useStage({}, { movableClock: true });

/** An integrator's endpoint on 127.0.0.1: counts what it gets and answers 204. */
async function startEndpoint(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/latchkey`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function signInWithTotp(page: Page, email: string, secret: string, step: number): Promise<void> {
  await submitPassword(page, stage.api.baseUrl, email);
  await heading(page, 'Two-factor authentication');
  await page.getByLabel('2FA code').fill(totpCode(secret, step));
  await page.getByRole('button', { name: 'Verify' }).click();
  await heading(page, 'Welcome to HostKey');
}

describe.each(VIEWPORTS)('Webhooks in the browser ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;

  beforeEach(async () => {
    stage.setServerClock(0);
    page = await newPage(stage.browser, viewport);
    endpoint = await startEndpoint();
  });

  afterEach(async () => {
    await page.context().close();
    await endpoint.close();
  });

  it('an admin creates a webhook, sees its secret once and its deliveries, and deletes it', () =>
    withScreenshotOnFailure(page, `webhooks-${viewport.name}`, async () => {
      const adminEmail = uniqueEmail(`admin-${viewport.name}`);
      createUserWithCli(stage.api, adminEmail, PASSWORD, 'ADMIN');
      const admin = await signedInWithTotp(stage.api.baseUrl, adminEmail);
      await signInWithTotp(page, adminEmail, admin.secret, admin.step);

      await page.getByRole('button', { name: adminEmail }).click();
      await page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: 'Webhooks' }).click();
      await heading(page, 'Webhooks');
      await page.getByText('No webhooks yet: nothing is sent.').waitFor();
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'webhooks: none yet');

      // The admin's next code proves it is them; the default events include turning 2FA on.
      await page.getByLabel(/^Endpoint URL/).fill(endpoint.url);
      await page.getByLabel('2FA code or recovery code').fill(totpCode(admin.secret, admin.step + 1));
      await page.getByRole('button', { name: 'Create webhook' }).click();
      const secret = page.getByRole('region', { name: 'Signing secret' });
      await secret.getByText(/^whsec_/).waitFor();
      await page.getByRole('list', { name: 'Webhooks' }).getByText(endpoint.url).waitFor();
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'webhooks: the secret shown once');
      await secret.getByRole('button', { name: 'I have kept it' }).click();
      await secret.waitFor({ state: 'detached' });

      // A customer turns 2FA on: the endpoint gets it, and the log shows it delivered.
      await customerWithTotp(stage.api.baseUrl, uniqueEmail(`customer-${viewport.name}`));
      for (let waited = 0; endpoint.received() === 0 && waited < 100; waited++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(endpoint.received()).toBe(1);
      await page.getByRole('button', { name: 'Recent deliveries' }).click();
      const deliveries = page.getByRole('list', { name: 'Recent deliveries' });
      await deliveries.getByText('Delivered').waitFor();
      expect(await deliveries.getByRole('listitem').first().textContent()).toMatch(/2FA turned on.*1 attempt, HTTP 204/);
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'webhooks: recent deliveries');

      // Deleting needs a fresh code too: the step after the one just used, accepted once its
      // predecessor has begun (one step either side of now). The server's clock moves a step
      // ahead rather than the test waiting up to 30 s for it.
      stage.setServerClock(TOTP_PERIOD_MS);
      await page.getByRole('button', { name: 'Delete' }).click();
      const confirm = page.getByRole('form', { name: `Delete the webhook to ${endpoint.url}` });
      await confirm.getByLabel('2FA code or recovery code').fill(totpCode(admin.secret, admin.step + 2));
      await expectNoSeriousA11yViolations(page, 'webhooks: delete');
      await confirm.getByRole('button', { name: 'Yes, delete it' }).click();
      await page.getByText('No webhooks yet: nothing is sent.').waitFor();
    }));
});
