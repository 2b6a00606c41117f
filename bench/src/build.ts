import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './latchkey';

/**
 * Latchkey is measured from its build, as `pnpm start` runs it. A build older than its sources
 * would measure code that is gone, so each package is rebuilt when any of its sources is newer
 * than its build (and only then: a build costs a minute of the cores the bench is about to use).
 */

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

interface Package {
  filter: string;
  sources: string[];
  built: string;
}

const PACKAGES = {
  api: { filter: '@latchkey/api', sources: ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'], built: 'dist/main.js' },
  web: { filter: '@latchkey/web', sources: ['src', 'public', 'index.html', 'package.json', 'vite.config.ts'], built: 'dist/index.html' },
} satisfies Record<string, Package>;

export function ensureBuilt(which: Array<keyof typeof PACKAGES>, log: (line: string) => void): void {
  for (const name of which) {
    const spec = PACKAGES[name];
    const dir = path.join(REPO_ROOT, 'packages', name);
    const built = newestMtime(path.join(dir, spec.built));
    const sources = Math.max(...spec.sources.map((s) => newestMtime(path.join(dir, s))));
    if (built > sources) continue;
    log(`building ${spec.filter} (${built === 0 ? 'no build yet' : 'sources newer than the build'})…`);
    const result = spawnSync('pnpm', ['--filter', spec.filter, 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`pnpm --filter ${spec.filter} build failed`);
  }
}
