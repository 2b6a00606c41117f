import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import {
  VIEWPORTS,
  expectFitsWidth,
  heading,
  newPage,
  openTwoFactorSettings,
  register,
  uniqueEmail,
  withScreenshotOnFailure,
} from './support/browser';
import { focused } from './support/keyboard';
import { useStage } from './support/stage';

/**
 * The panel's frame in a real Chromium, under its real Content-Security-Policy: what shows before
 * the script runs, a page whose script file is gone (a deploy while the tab was open), the
 * registration form's problems, and where the focus lands when moving between pages.
 */

jest.setTimeout(90_000);

const stage = useStage();

/** The page background of each colour scheme (theme.css), as the browser computes it. */
const BACKGROUNDS = { light: 'rgb(244, 246, 248)', dark: 'rgb(17, 24, 31)' };
const SUPPORT_LINE = 'If this keeps happening, please contact our technical support.';

describe.each(VIEWPORTS)('the panel frame in the browser ($name, $width px, $colorScheme)', (viewport) => {
  let page: Page;
  let cspViolations: string[];

  beforeEach(async () => {
    page = await newPage(stage.browser, viewport);
    cspViolations = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
  });

  afterEach(async () => {
    expect(cspViolations).toEqual([]);
    await page.context().close();
  });

  it('shows the styled header, the mark and a loading line before the script runs', () =>
    withScreenshotOnFailure(page, `frame-before-script-${viewport.name}`, async () => {
      // The script never arrives: what the browser shows is index.html and its stylesheet alone.
      await page.route('**/assets/*.js', (route) => route.abort());
      const response = await page.goto(`${stage.api.baseUrl}/settings/2fa`);
      expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");

      await page.getByText('Loading…').waitFor();
      const frame = await page.evaluate(() => {
        const header = document.querySelector('.boot__header')!;
        const mark = document.querySelector<HTMLImageElement>('.brand__mark')!;
        return {
          background: getComputedStyle(document.body).backgroundColor,
          font: getComputedStyle(document.body).fontFamily,
          headerHeight: header.getBoundingClientRect().height,
          brand: header.textContent?.trim(),
          markLoaded: mark.complete && mark.naturalWidth > 0,
          icon: document.querySelector('link[rel="icon"]')?.getAttribute('href'),
        };
      });
      expect(frame).toEqual({
        background: BACKGROUNDS[viewport.colorScheme],
        font: expect.stringContaining('system-ui'),
        headerHeight: expect.any(Number),
        brand: 'HostKey',
        markLoaded: true,
        icon: '/favicon.svg',
      });
      expect(frame.headerHeight).toBeGreaterThan(40);
      const favicon = await page.request.get(`${stage.api.baseUrl}/favicon.svg`);
      expect(favicon.headers()['content-type']).toContain('image/svg+xml');
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'before the script runs');
    }));

  it('offers Reload when a page’s script file cannot be loaded, and Reload brings the page', () =>
    withScreenshotOnFailure(page, `frame-chunk-missing-${viewport.name}`, async () => {
      const email = uniqueEmail(`chunk-${viewport.name}`);
      await register(page, stage.api.baseUrl, email);

      // A deploy while the tab was open: every script file of the old build is gone.
      await page.route('**/assets/**', (route) => route.fulfill({ status: 404, body: 'Not found' }));
      await page.getByRole('button', { name: email }).click();
      await page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: 'Settings for 2FA' }).click();

      await heading(page, 'This page could not be loaded');
      expect(await focused(page)).toMatchObject({ tag: 'H1', name: 'This page could not be loaded' });
      await page.getByText('The panel may have been updated while this tab was open', { exact: false }).waitFor();
      await page.getByText(SUPPORT_LINE).waitFor();
      // The frame and its menu stay: only the page failed.
      await page.getByRole('button', { name: email }).waitFor();
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'a page that could not be loaded');

      await page.unroute('**/assets/**');
      await page.getByRole('button', { name: 'Reload' }).click();
      await heading(page, 'Settings for 2FA');
      await page.getByRole('region', { name: 'Your two-factor authentication' }).waitFor();
    }));

  it('fetches the code of the page it opens on while the session is still being checked', () =>
    withScreenshotOnFailure(page, `frame-preload-${viewport.name}`, async () => {
      await register(page, stage.api.baseUrl, uniqueEmail('preload'));
      // A browser with the session but nothing cached: every script file it wants is a request.
      const fresh = await (await stage.browser.newContext({ storageState: await page.context().storageState() })).newPage();
      try {
        const indexHtml = await (await fetch(`${stage.api.baseUrl}/`, { headers: { accept: 'text/html' } })).text();
        const firstLoad = new Set([...indexHtml.matchAll(/"(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]));
        const laterScripts: string[] = [];
        fresh.on('request', (request) => {
          const { pathname } = new URL(request.url());
          if (pathname.endsWith('.js') && !firstLoad.has(pathname)) laterScripts.push(pathname);
        });
        // The session check waits until the page's code has been asked for.
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        await fresh.route('**/graphql', async (route) => {
          await held;
          await route.continue();
        });
        await fresh.goto(`${stage.api.baseUrl}/settings/2fa`);
        for (let waited = 0; laterScripts.length === 0 && waited < 10_000; waited += 50) await fresh.waitForTimeout(50);
        expect(laterScripts.length).toBeGreaterThan(0);
        release();
        await heading(fresh, 'Settings for 2FA');
      } finally {
        await fresh.context().close();
      }
    }));

  /**
   * Opens `pathname` in a fresh browser (with `page`'s cookies) whose script file holding `codeText`
   * arrives only after the session check has answered. Answers the operations sent, in order, and
   * whether an element matching `fallback` ever said "Loading…" (a Suspense fallback showed).
   */
  async function openBeforeItsCode(pathname: string, codeText: string, fallback: string, shown: (fresh: Page) => Promise<void>) {
    const fresh = await (await stage.browser.newContext({ storageState: await page.context().storageState() })).newPage();
    try {
      await fresh.addInitScript((selector) => {
        new MutationObserver(() => {
          const loading = [...document.querySelectorAll(selector)].some((element) => element.textContent?.trim() === 'Loading…');
          if (loading) document.documentElement.dataset.sawFallback = 'yes';
        }).observe(document, { subtree: true, childList: true });
      }, fallback);
      const operations: string[] = [];
      fresh.on('request', (request) => {
        if (request.url().endsWith('/graphql')) operations.push((request.postDataJSON() as { operationName: string }).operationName);
      });
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await fresh.route('**/assets/*.js', async (route) => {
        const response = await route.fetch();
        const body = await response.text();
        if (body.includes(codeText)) await held;
        await route.fulfill({ response, body });
      });
      const sessionAnswered = fresh.waitForResponse((response) => response.url().endsWith('/graphql') && operations.includes('Me'));
      await fresh.goto(`${stage.api.baseUrl}${pathname}`);
      await sessionAnswered;
      await fresh.waitForTimeout(300);
      release();
      await shown(fresh);
      return { operations, sawFallback: await fresh.evaluate(() => document.documentElement.dataset.sawFallback ?? 'no') };
    } finally {
      await fresh.context().close();
    }
  }

  it('shows the page it opens on with the frame when the session is known before the page’s code', () =>
    withScreenshotOnFailure(page, `frame-opening-page-${viewport.name}`, async () => {
      await register(page, stage.api.baseUrl, uniqueEmail('opening'));
      const { operations, sawFallback } = await openBeforeItsCode(
        '/settings/2fa',
        'Loading your 2FA settings',
        '.page-loading',
        async (fresh) => {
          await heading(fresh, 'Settings for 2FA');
          await fresh.getByRole('region', { name: 'Your two-factor authentication' }).waitFor();
        },
      );
      // The page's "Loading…" never showed, and frame and page asked for the settings together.
      expect(sawFallback).toBe('no');
      expect(operations.filter((name) => name === 'TwoFactorSettings')).toHaveLength(1);
    }));

  it('asks for the remembered browsers beside the settings, not once they have answered', () =>
    withScreenshotOnFailure(page, `frame-settings-reads-${viewport.name}`, async () => {
      await register(page, stage.api.baseUrl, uniqueEmail('reads'));
      const fresh = await (await stage.browser.newContext({ storageState: await page.context().storageState() })).newPage();
      try {
        // The settings' answer waits (up to 5 s) for the list to be asked for; a list asked for
        // only when the settings have arrived never comes in that time.
        let browsersAsked = false;
        let askedBeforeSettingsAnswered: boolean | undefined;
        await fresh.route('**/graphql', async (route) => {
          const { operationName } = route.request().postDataJSON() as { operationName: string };
          if (operationName === 'RememberedBrowsers') browsersAsked = true;
          if (operationName === 'TwoFactorSettings') {
            for (let waited = 0; !browsersAsked && waited < 5_000; waited += 50) await fresh.waitForTimeout(50);
            askedBeforeSettingsAnswered = browsersAsked;
          }
          await route.continue();
        });
        await fresh.goto(`${stage.api.baseUrl}/settings/2fa`);
        await fresh.getByRole('region', { name: 'Your two-factor authentication' }).waitFor();
        expect(askedBeforeSettingsAnswered).toBe(true);
      } finally {
        await fresh.context().close();
      }
    }));

  it('shows a signed-out page opened by its address without its card’s "Loading…"', () =>
    withScreenshotOnFailure(page, `frame-opening-signed-out-${viewport.name}`, async () => {
      const { sawFallback } = await openBeforeItsCode('/forgot-password', 'Reset your password', '.auth-layout [role=status]', (fresh) =>
        heading(fresh, 'Reset your password'),
      );
      expect(sawFallback).toBe('no');
    }));

  it('shows every registration problem at once, each under its own field', () =>
    withScreenshotOnFailure(page, `frame-register-${viewport.name}`, async () => {
      await page.goto(`${stage.api.baseUrl}/register`);
      await heading(page, 'Create your account');
      const email = page.getByLabel('E-mail');
      const password = page.getByLabel('Password');
      await email.fill('bob.example.com');
      await password.fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();

      const fieldOf = (control: typeof email) => page.locator('.field').filter({ has: control });
      await fieldOf(email).getByText('Enter a valid e-mail address.').waitFor();
      await fieldOf(password).getByText('The password must be 8 to 256 characters long.').waitFor();
      expect(await fieldOf(password).getByText('Enter a valid e-mail address.').count()).toBe(0);
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      expect(await password.getAttribute('aria-invalid')).toBe('true');
      expect(await focused(page)).toMatchObject({ tag: 'INPUT', name: 'E-mail' });
      await expectFitsWidth(page);
      await expectNoSeriousA11yViolations(page, 'registration with two problems');
    }));

  it('moves the focus to the prompt after sign-up, then to each page’s heading', () =>
    withScreenshotOnFailure(page, `frame-focus-${viewport.name}`, async () => {
      const email = uniqueEmail(`focus-${viewport.name}`);
      await register(page, stage.api.baseUrl, email);

      // Just signed up: the prompt above the page has the focus, not the heading below it.
      await page.getByRole('region', { name: 'Turn on two-factor authentication' }).waitFor();
      await page.waitForFunction(() => document.activeElement?.textContent === 'Turn on two-factor authentication');

      await openTwoFactorSettings(page, email);
      expect(await focused(page)).toMatchObject({ tag: 'H1', name: 'Settings for 2FA' });

      await page.getByRole('button', { name: email }).click();
      await page.getByRole('navigation', { name: 'User menu' }).getByRole('link', { name: 'Security log' }).click();
      await heading(page, 'Security log');
      expect(await focused(page)).toMatchObject({ tag: 'H1', name: 'Security log' });

      // Back in the browser: the page arrived at takes the focus too.
      await page.goBack();
      await heading(page, 'Settings for 2FA');
      await page.waitForFunction(() => document.activeElement?.textContent === 'Settings for 2FA');
      await expectNoSeriousA11yViolations(page, 'Settings for 2FA after moving back');
    }));
});
