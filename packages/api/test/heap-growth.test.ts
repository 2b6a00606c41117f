import { spawnSync } from 'node:child_process';
import path from 'node:path';

const API_ROOT = path.join(__dirname, '..');

/**
 * A process that keeps 600,000 objects, then makes objects that live long enough to reach the old
 * generation and die there: each full collection finds the same live set and the heap grown by
 * that garbage. `--trace-gc` prints each full collection as "<used before> (…) -> <used after> (…)".
 */
const WORKLOAD = `
require('./src/heap-growth');
const live = Array.from({ length: 600000 }, (_, i) => ({ a: i, b: [i, i] }));
globalThis.gc();
const ring = new Array(200000);
for (let i = 0; i < 6000000; i++) ring[i % ring.length] = { i, pad: [i, i, i] };
process.stdout.write('kept ' + (live.length + ring.length) + '\\n');
`;

/** How far the heap grew before each full collection, over what the one before it left. */
function growthBeforeFullCollections(nodeOptions: string[] = []): number[] {
  const run = spawnSync(process.execPath, ['--expose-gc', '--trace-gc', ...nodeOptions, '--require', 'tsx/cjs', '-e', WORKLOAD], {
    cwd: API_ROOT,
    env: { PATH: process.env.PATH! },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(run.stderr);
  expect(run.stdout).toContain('kept 800000');
  const collections = [...run.stdout.matchAll(/Mark-Compact ([\d.]+) \([\d.]+\) -> ([\d.]+) \(/g)].map((m) => ({
    before: Number(m[1]),
    after: Number(m[2]),
  }));
  return collections.slice(1).map((collection, i) => collection.before / collections[i]!.after);
}

describe("the server's heap growth", () => {
  it('lets the heap grow to about twice what is live between full collections (V8 chose four here)', () => {
    const growth = growthBeforeFullCollections();
    expect(growth.length).toBeGreaterThanOrEqual(2);
    // Twice the live set, and what the young generation promoted while marking finished.
    for (const factor of growth) expect(factor).toBeLessThan(3);
  });

  it.each(['--heap-growing-percent=300', '--heap_growing_percent=300'])('keeps a growth the operator gave node (%s)', (flag) => {
    const growth = growthBeforeFullCollections([flag]);
    expect(Math.max(...growth)).toBeGreaterThan(3.5);
  });
});
