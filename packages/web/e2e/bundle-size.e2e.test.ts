import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The first load of the panel stays under its gzipped-JavaScript budget (scripts/bundle-size.mjs,
 * run on the build that globalSetup made), and the 2FA screens load later, in chunks of their own.
 */
it('keeps the first load under budget, with the 2FA screens loaded later', () => {
  const run = spawnSync(process.execPath, [path.resolve(__dirname, '../scripts/bundle-size.mjs')], { encoding: 'utf8' });

  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const laterPart = run.stdout.split('Loaded later')[1] ?? '';
  expect(laterPart).toMatch(/pages-[\w-]+\.js/);
  expect(laterPart).toMatch(/LoginChallenge-[\w-]+\.js/);
});
