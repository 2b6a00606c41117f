import { spawnSync } from 'node:child_process';
import path from 'node:path';

const WEB_DIR = path.resolve(__dirname, '..');

/**
 * Builds the panel into packages/web/dist, which the API serves, so the browser test never runs
 * against a stale build. Takes about a second. NODE_ENV is set: Jest's `test` would otherwise
 * reach Vite and give a development build of React (bigger, slower, not what users get).
 */
export function buildPanel(): void {
  const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  const run = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: WEB_DIR,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}\n${run.stderr}`);
}
