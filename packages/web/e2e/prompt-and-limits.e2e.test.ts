import type { Page } from 'playwright-core';
import { formatMoment } from '../src/ui/dateTime';
import { customerWithTotp } from './support/accounts';
import { expectNoSeriousA11yViolations } from './support/axe';
import {
  PASSWORD,
  VIEWPORTS,
  alertSays,
  expectFitsWidth,
  heading,
  newPage,
  pathOf,
  register,
  submitPassword,
  uniqueEmail,
  withScreenshotOnFailure,
} from './support/browser';
import { useStage } from './support/stage';
import { totpCode, totpStep, wrongTotpCode } from './support/totp';

/**
 * The first-login prompt to enable 2FA, and what a user sees at the limits: a sign-in that took
 * its five codes, and the lockout after ten wrong codes in a row, each on a lock screen with the
 * time to wait, what to do and the support line.
 */

jest.setTimeout(90_000);

const stage = useStage();

const SPENT_WORDS = 'Too many wrong codes for this sign-in. Sign in again to get a new code.';
const LOCKED_WORDS = 'Too many wrong codes. 2FA checks are locked for your safety: try again in 15 minutes.';
/** Ten wrong codes lock; a sign-in takes five. A bound, so a changed rule fails instead of hanging. */
const MAX_WRONG_CODES = 12;

describe.each(VIEWPORTS)('first-login prompt and limits in the browser ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;

  beforeEach(async () => {
    page = await newPage(stage.browser, viewport);
  });

  afterEach(async () => {
    await page.context().close();
  });

  it('prompts a new account to enable 2FA, leads to the settings, and stays away once dismissed', () =>
    withScreenshotOnFailure(page, `prompt-${viewport.name}`, async () => {
      const email = uniqueEmail(`prompt-${viewport.name}`);
      await register(page, stage.api.baseUrl, email);

      const prompt = page.getByRole('region', { name: 'Turn on two-factor authentication' });
      await prompt.waitFor();
      // Just signed up: the focus is on the prompt, above the page, not on the heading below it.
      await page.waitForFunction(() => document.activeElement?.textContent === 'Turn on two-factor authentication');
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'home with the first-login prompt');

      await prompt.getByRole('link', { name: 'Enable 2FA' }).click();
      await heading(page, 'Settings for 2FA');
      expect(await prompt.count()).toBe(0);

      await page.getByRole('link', { name: 'HostKey' }).click();
      await heading(page, 'Welcome to HostKey');
      await prompt.getByRole('button', { name: 'Not now' }).click();
      await prompt.waitFor({ state: 'detached' });
      // The focus does not get lost with the prompt: it goes to the page's heading.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

      await page.reload();
      await heading(page, 'Welcome to HostKey');
      expect(await page.getByRole('region', { name: 'Turn on two-factor authentication' }).count()).toBe(0);
    }));

  it('ends a sign-in after five wrong codes, then locks 2FA checks with the time to wait', () =>
    withScreenshotOnFailure(page, `limits-${viewport.name}`, async () => {
      const email = uniqueEmail(`limits-${viewport.name}`);
      const { secret } = await customerWithTotp(stage.api.baseUrl, email);

      await submitPassword(page, stage.api.baseUrl, email);
      await heading(page, 'Two-factor authentication');
      const outcome = await enterWrongCodesUntil(page, secret, [SPENT_WORDS, LOCKED_WORDS]);
      expect(outcome).toBe(SPENT_WORDS);
      await expectLockScreen(page, 'This sign-in is locked');
      await expectNoSeriousA11yViolations(page, 'sign-in locked after its five wrong codes');

      // "Sign in again" goes back to the password, with the address kept.
      await page.getByRole('button', { name: 'Sign in again' }).click();
      await heading(page, 'Sign in');
      expect(pathOf(page)).toBe('/signin');
      expect(await page.getByLabel('E-mail').inputValue()).toBe(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await heading(page, 'Two-factor authentication');

      const lockedAt = Date.now();
      expect(await enterWrongCodesUntil(page, secret, [LOCKED_WORDS])).toBe(LOCKED_WORDS);
      await expectLockScreen(page, '2FA checks are locked');
      // The time they unlock, fifteen minutes on, on the clock of this machine (the browser's too):
      // with the date when that is tomorrow already (a run just before midnight).
      const unlockTimes = [0, 60_000].map((late) => formatMoment(lockedAt + 15 * 60_000 + late));
      const unlocks = (await page.getByText(/^They unlock at /).textContent()) ?? '';
      expect(unlockTimes.map((time) => `They unlock at ${time}.`)).toContain(unlocks);
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'lock screen: 2FA checks locked');
      // Locked means locked, across sign-ins: even the right code is refused, with the wait.
      await page.getByRole('button', { name: 'Back to sign in' }).click();
      await submitPassword(page, stage.api.baseUrl, email);
      await heading(page, 'Two-factor authentication');
      await page.getByLabel('2FA code').fill(totpCode(secret, totpStep() + 1));
      await page.getByRole('button', { name: 'Verify' }).click();
      await alertSays(page, 'Too many wrong codes. 2FA checks are locked for your safety: try again in');
      await heading(page, 'Two-factor authentication');
    }));
});

/** The lock screen: focused on its heading, the support line, and nothing to enter a code with. */
async function expectLockScreen(page: Page, name: string): Promise<void> {
  const lockHeading = page.getByRole('heading', { level: 2, name });
  await lockHeading.waitFor();
  await page.waitForFunction((text) => document.activeElement?.textContent === text, name);
  await page
    .getByText('If you are experiencing difficulty obtaining the correct 2FA code, please contact our technical support.')
    .waitFor();
  expect(await page.getByLabel('2FA code').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Verify' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Use a recovery code' }).count()).toBe(0);
  expect(await page.getByText(/Time left/).count()).toBe(0);
}

/** Submits wrong codes until the alert says one of `stops`; answers which. */
async function enterWrongCodesUntil(page: Page, secret: string, stops: string[]): Promise<string> {
  for (let tries = 1; tries <= MAX_WRONG_CODES; tries++) {
    await page.getByLabel('2FA code').fill(wrongTotpCode(secret));
    // Each answer replaces the alert's words: wait for this answer, then for the page to show it.
    await Promise.all([
      page.waitForResponse((response) => new URL(response.url()).pathname === '/graphql'),
      page.getByRole('button', { name: 'Verify' }).click(),
    ]);
    await page.waitForFunction(() => !document.querySelector('form[aria-busy="true"]'));
    const words = (await page.getByRole('alert').textContent()) ?? '';
    const stop = stops.find((candidate) => words.includes(candidate));
    if (stop) return stop;
    expect(words).toContain('That code is not correct');
  }
  throw new Error(`no stop after ${MAX_WRONG_CODES} wrong codes`);
}
