import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAbOptions, summarise, type Slice } from '../src/ab';
import { newEncryptionKey } from '../src/latchkey';
import { load } from '../src/rounds';
import { SETTINGS_USERS } from '../src/scenarios';
import { startSeededLatchkey } from '../src/servers';
import type { ServerProcess } from '../src/server-process';

/** `pnpm bench:ab`: what it accepts, how it reads the slices, and the switch inside a real server. */

describe('the options of bench:ab', () => {
  it('takes S1 or S2 and slices of 50 ms or more', () => {
    expect(parseAbOptions(['--'])).toMatchObject({ scenario: 'S1', seconds: 50, sliceMs: 300, connections: 50 });
    expect(parseAbOptions(['--scenario', 'S2', '--seconds', '20', '--slice-ms', '200'])).toMatchObject({
      scenario: 'S2',
      seconds: 20,
      sliceMs: 200,
    });
    expect(() => parseAbOptions(['--scenario', 'S3'])).toThrow('S1 or S2');
    expect(() => parseAbOptions(['--slice-ms', '10'])).toThrow('at least 50');
    expect(() => parseAbOptions(['--baseline', 'x'])).toThrow('unknown option --baseline');
  });
});

describe('the slices', () => {
  const slice = (b: boolean, cpuUs: number, requests: number): Slice => ({ b, cpuUs, requests });

  it('pairs each B slice with the A slice before it, so a slow spell weighs on both', () => {
    const summary = summarise([
      slice(false, 100_000, 200), // A 500 µs
      slice(true, 90_000, 200), // B 450: 0.9
      slice(false, 200_000, 200), // A 1000 (a slow spell)
      slice(true, 190_000, 200), // B 950: 0.95
      slice(false, 100_000, 200), // A 500
      slice(true, 110_000, 200), // B 550: 1.1
    ]);
    expect(summary.pairs.map((r) => r.toFixed(2))).toEqual(['0.90', '0.95', '1.10']);
    expect(summary.lowerInB).toBe(2);
    expect(summary.a).toBeCloseTo(400_000 / 600);
    expect(summary.b).toBeCloseTo(390_000 / 600);
  });

  it('leaves out a slice with too few requests to say what one costs', () => {
    const summary = summarise([slice(false, 100_000, 200), slice(true, 50_000, 3), slice(false, 100_000, 200), slice(true, 90_000, 200)]);
    expect(summary.pairs.map((r) => r.toFixed(2))).toEqual(['0.90']);
    expect(summary.b).toBeCloseTo(450);
  });
});

describe('the switch', () => {
  it('turns inside a serving Latchkey and charges each slice its CPU time and requests', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-ab-'));
    const slicesFile = path.join(dir, 'slices.json');
    const started: ServerProcess[] = [];
    try {
      const latchkey = await startSeededLatchkey({
        dir,
        encryptionKey: newEncryptionKey(),
        initialChallenges: 0,
        nodeOptions: ['--require', path.join(__dirname, '../src/ab-switch.cjs')],
        env: { BENCH_AB_OUT: slicesFile, BENCH_AB_SLICE_MS: '100' },
        started,
      });
      process.kill(latchkey.server.pid, 'SIGUSR2');
      const result = await load({ scenario: 'S1', server: latchkey.server, seconds: 2, connections: 4, users: SETTINGS_USERS });
      await latchkey.server.stop();
      const slices = JSON.parse(readFileSync(slicesFile, 'utf8')) as Slice[];
      expect(result.graphqlErrors + result.non2xx).toBe(0);
      expect(slices.length).toBeGreaterThanOrEqual(10);
      // The two ways take turns, and every request of the load falls in some slice.
      slices.slice(1).forEach((s, i) => expect(s.b).toBe(!slices[i]!.b));
      expect(slices.reduce((sum, s) => sum + s.requests, 0)).toBeGreaterThanOrEqual(result.requests * 0.8);
      expect(slices.filter((s) => s.requests > 0).every((s) => s.cpuUs > 0)).toBe(true);
    } finally {
      await Promise.all(started.map((server) => server.stop()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
