import type { Browser } from 'playwright-core';
import { startApi, type RunningApi } from '../apiServer';
import { launchChromium } from './browser';
import { Outbox } from './outbox';

/** What a test file plays against: the built API serving the built panel, its outbox, one Chromium. */
export interface Stage {
  api: RunningApi;
  outbox: Outbox;
  browser: Browser;
}

/**
 * Starts a stage before the file's tests (an API of its own, on a fresh SQLite database, with
 * `settings` in its environment) and tears it down after them. Read its fields inside hooks and
 * tests, once `beforeAll` has run.
 */
export function useStage(settings: Record<string, string> = {}): Readonly<Stage> {
  const stage = {} as Stage;
  beforeAll(async () => {
    stage.api = await startApi(settings);
    stage.outbox = new Outbox(stage.api.outboxPath);
    stage.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await stage.browser?.close();
    await stage.api?.stop();
  });
  return stage;
}
