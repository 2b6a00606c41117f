import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (`npx playwright install` needs a download this machine cannot make). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A laptop in the light scheme and a 360 px phone in the dark one: axe checks the contrast of both. */
export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800, colorScheme: 'light' },
  { name: 'phone', width: 360, height: 740, colorScheme: 'dark' },
] as const;
export type Viewport = (typeof VIEWPORTS)[number];

export const PASSWORD = 'e2e password that is long';
const FAILURE_SCREENSHOTS_DIR = path.resolve(__dirname, '../../test-results');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export async function newPage(browser: Browser, viewport: Viewport): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    colorScheme: viewport.colorScheme,
    acceptDownloads: true,
    locale: 'en-GB',
  });
  return context.newPage();
}

/** Keeps what the browser showed when a step failed, in packages/web/test-results/ (git-ignored). */
export async function withScreenshotOnFailure(page: Page, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    mkdirSync(FAILURE_SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(FAILURE_SCREENSHOTS_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  }
}

/** A unique address per test run and viewport, so runs and viewports never share an account. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

export async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' }).waitFor();
}

/** Waits until the page's alert region says `words` (the region exists before it has words). */
export async function alertSays(page: Page, words: string): Promise<void> {
  await page.getByRole('alert').filter({ hasText: words }).waitFor();
}

export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Nothing may stick out sideways, on a 360 px phone included. */
export async function expectFitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

export async function register(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await heading(page, 'Create your account');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await heading(page, 'Welcome to HostKey');
}

/** E-mail and password; what comes next (the shell or the 2FA step) is for the caller to check. */
export async function submitPassword(page: Page, baseUrl: string, email: string): Promise<void> {
  if (pathOf(page) !== '/signin') await page.goto(`${baseUrl}/signin`);
  await heading(page, 'Sign in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: email }).click();
  await page.getByRole('navigation', { name: 'User menu' }).getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in');
  expect(pathOf(page)).toBe('/signin');
}

/** "User Name » Settings for 2FA", as the guide says. */
export async function openTwoFactorSettings(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: email }).click();
  await page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: 'Settings for 2FA' }).click();
  await heading(page, 'Settings for 2FA');
  // The settings themselves have loaded once a method's card is there.
  await methodCard(page, 'TOTP').waitFor();
}

/** The card of one method on Settings for 2FA, found by its heading. */
export function methodCard(page: Page, name: 'TOTP' | 'Security key or passkey' | 'Mail verification' | 'SMS') {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });
}
