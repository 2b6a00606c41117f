import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startApi, type RunningApi } from '../apiServer';
import { launchChromium } from './browser';
import { Outbox } from './outbox';

/** What a test file plays against: the built API serving the built panel, its outbox, one Chromium. */
export interface Stage {
  api: RunningApi;
  outbox: Outbox;
  browser: Browser;
  /**
   * Sets the server's clock this far ahead of this machine's, in milliseconds (0: the machine's).
   * Only on a stage started with `movableClock`: the server then reads its time through
   * TEST_CLOCK_FILE, a setting production refuses.
   */
  setServerClock(offsetMs: number): void;
}

/**
 * Starts a stage before the file's tests (an API of its own, on a fresh SQLite database, with
 * `settings` in its environment) and tears it down after them. Read its fields inside hooks and
 * tests, once `beforeAll` has run.
 */
export function useStage(settings: Record<string, string> = {}, options: { movableClock?: boolean } = {}): Readonly<Stage> {
  const clockDir = options.movableClock ? mkdtempSync(path.join(tmpdir(), 'latchkey-e2e-clock-')) : undefined;
  const clockFile = clockDir && path.join(clockDir, 'offset-ms');
  const stage = {
    setServerClock(offsetMs: number) {
      if (!clockFile) throw new Error('this stage keeps the machine’s time: start it with useStage(…, { movableClock: true })');
      writeFileSync(clockFile, String(offsetMs));
    },
  } as Stage;
  beforeAll(async () => {
    stage.api = await startApi(clockFile ? { ...settings, TEST_CLOCK_FILE: clockFile } : settings);
    stage.outbox = new Outbox(stage.api.outboxPath);
    stage.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await stage.browser?.close();
    await stage.api?.stop();
    if (clockDir) rmSync(clockDir, { recursive: true, force: true });
  });
  return stage;
}
