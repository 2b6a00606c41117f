import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { precompile } from './support/compile-for-jest.cjs';

/**
 * Every temporary folder of a test run (the tests' own, and those of the API processes and tools
 * they start) goes under one folder of the run, removed at its end by global-teardown.ts: TMPDIR
 * is set here, before the workers start, and everything they spawn inherits it.
 *
 * The app and the tests are compiled here, once, before the workers start (support/compile-for-jest.cjs).
 */
export default function globalSetup(): void {
  const runFolder = mkdtempSync(path.join(tmpdir(), 'latchkey-tests-'));
  process.env.LATCHKEY_TEST_RUN_FOLDER = runFolder;
  process.env.TMPDIR = runFolder;
  precompile([path.join(__dirname, '../src'), __dirname]);
}
