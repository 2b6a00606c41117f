import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApi, type RunningApi } from './apiServer';
import { buildPanel } from './buildPanel';

/**
 * A real Chromium against the built API serving the built panel: register, sign out, sign in,
 * open Settings for 2FA from the user-name menu, sign out. Once on a desktop and once on a phone.
 */

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 360, height: 740 },
];
const PASSWORD = 'e2e password that is long';
const FAILURE_SCREENSHOTS_DIR = path.resolve(__dirname, '../test-results');

jest.setTimeout(60_000);

let api: RunningApi;
let browser: Browser;

beforeAll(async () => {
  buildPanel();
  api = await startApi();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe.each(VIEWPORTS)('account and session in the browser ($name, $width px)', (viewport) => {
  let page: Page;

  beforeEach(async () => {
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('registers, signs out, signs in, opens Settings for 2FA and signs out', () =>
    withScreenshotOnFailure(page, viewport.name, async () => {
      const email = `e2e-${viewport.name}-${Date.now()}@example.com`;

      // A signed-out visit to the panel lands on sign-in.
      await page.goto(`${api.baseUrl}/`);
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
      expect(pathOf(page)).toBe('/signin');
      // The ended session stays ended: a protected address sends back to sign-in.
      await page.goto(`${api.baseUrl}/settings/2fa`);
      await heading(page, 'Sign in');
    }));
});

/** Keeps what the browser showed when a step failed, in packages/web/test-results/ (git-ignored). */
async function withScreenshotOnFailure(page: Page, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    mkdirSync(FAILURE_SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(FAILURE_SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
    throw error;
  }
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

async function signOut(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: email }).click();
  await page.getByRole('navigation', { name: 'User menu' }).getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in');
  expect(pathOf(page)).toBe('/signin');
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Nothing may stick out sideways, on a 360 px phone included. */
async function expectFitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
