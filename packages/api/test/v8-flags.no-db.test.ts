import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { TYPESCRIPT_LOADER } from './support/source-process';

const API_ROOT = path.join(__dirname, '..');

/**
 * A process that keeps 600,000 objects, then makes objects that live long enough to reach the old
 * generation and die there: each full collection finds the same live set and the heap grown by
 * that garbage. `--trace-gc` prints each full collection as "<used before> (…) -> <used after> (…)".
 */
const WORKLOAD = `
require('./src/v8-flags');
const live = Array.from({ length: 600000 }, (_, i) => ({ a: i, b: [i, i] }));
globalThis.gc();
const ring = new Array(200000);
for (let i = 0; i < 6000000; i++) ring[i % ring.length] = { i, pad: [i, i, i] };
process.stdout.write('kept ' + (live.length + ring.length) + '\\n');
`;

/** Runs a workload in a node of its own with these options; answers what it printed (V8's traces too). */
function outputOf(workload: string, nodeOptions: string[]): string {
  const run = spawnSync(process.execPath, [...nodeOptions, '--require', TYPESCRIPT_LOADER, '-e', workload], {
    cwd: API_ROOT,
    env: { PATH: process.env.PATH! },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

/** How far the heap grew before each full collection, over what the one before it left. */
function growthBeforeFullCollections(nodeOptions: string[] = []): number[] {
  const output = outputOf(WORKLOAD, ['--expose-gc', '--trace-gc', ...nodeOptions]);
  expect(output).toContain('kept 800000');
  const collections = [...output.matchAll(/Mark-Compact ([\d.]+) \([\d.]+\) -> ([\d.]+) \(/g)].map((m) => ({
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

/**
 * Objects of one code site that all outlive a young-generation collection, as a sign-in's do while
 * argon2 runs. With pretenuring on, V8's statistics print its decision on the site at each
 * young-generation collection ("undecided => maybe tenure", then "=> tenure": allocate its objects
 * straight into the old generation); with it off, V8 makes none.
 */
const LONG_LIVED_SITE = `
require('./src/v8-flags');
const kept = [];
const make = (i) => ({ i, pair: [i, i] });
for (let i = 0; i < 2000000; i++) kept.push(make(i));
process.stdout.write('kept ' + kept.length + '\\n');
`;

function pretenuringDecisions(nodeOptions: string[] = []): number {
  const output = outputOf(LONG_LIVED_SITE, ['--trace-pretenuring-statistics', ...nodeOptions]);
  expect(output).toContain('kept 2000000');
  return [...output.matchAll(/pretenuring: AllocationSite\(/g)].length;
}

describe("the server's young generation", () => {
  it('takes every object in, even from a code site whose objects lived long', () => {
    expect(pretenuringDecisions()).toBe(0);
  });

  it.each(['--allocation-site-pretenuring', '--allocation_site_pretenuring'])('pretenures when the operator asks node to (%s)', (flag) => {
    expect(pretenuringDecisions([flag])).toBeGreaterThan(0);
  });
});
