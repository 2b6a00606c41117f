import { rmSync } from 'node:fs';

/** Removes the run's temporary folder (see global-setup.ts), whatever the tests left in it. */
export default function globalTeardown(): void {
  const runFolder = process.env.LATCHKEY_TEST_RUN_FOLDER;
  if (runFolder) rmSync(runFolder, { recursive: true, force: true });
}
