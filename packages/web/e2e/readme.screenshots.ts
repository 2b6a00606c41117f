import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApi, type RunningApi } from './apiServer';
import { heading, launchChromium, methodCard, newPage, openTwoFactorSettings, register } from './support/browser';
import { totpCode, totpStep } from './support/totp';

/**
 * The README's pictures (`pnpm --filter @latchkey/web screenshots`): the TOTP wizard, and
 * Settings for 2FA with TOTP on, at 1280 px, written to docs/screenshots/ at the top of the repo.
 */

const SCREENSHOTS_DIR = path.resolve(__dirname, '../../../docs/screenshots');
const VIEWPORT = { name: 'desktop', width: 1280, height: 800, colorScheme: 'light' } as const;
const ACCOUNT = 'jane.doe@example.com';

jest.setTimeout(60_000);

let api: RunningApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  api = await startApi();
  browser = await launchChromium();
  page = await newPage(browser, VIEWPORT);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

it('takes the TOTP wizard and the settings page', async () => {
  await register(page, api.baseUrl, ACCOUNT);
  await openTwoFactorSettings(page, ACCOUNT);
  await methodCard(page, 'TOTP').getByRole('button', { name: 'Enable' }).click();
  await heading(page, 'Enable TOTP');
  await page.getByRole('img', { name: /QR code/ }).waitFor();
  const secret = ((await page.locator('.totp__secret code').textContent()) ?? '').replace(/\s/g, '');
  await shoot('totp-wizard.png');

  await page.getByLabel('Code from the app').fill(totpCode(secret, totpStep()));
  await page.getByRole('button', { name: 'Check Code' }).click();
  await page.getByRole('link', { name: 'Done' }).click();
  await heading(page, 'Settings for 2FA');
  await methodCard(page, 'TOTP').getByText('Active', { exact: true }).waitFor();
  await shoot('settings.png');
});

async function shoot(name: string): Promise<void> {
  // No caret or focus ring caught mid-blink: the pictures are the same on every run.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, name), fullPage: true, animations: 'disabled' });
}
