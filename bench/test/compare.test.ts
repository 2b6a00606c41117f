import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { comparison, parseCompareOptions } from '../src/compare';
import { BUILD_DIR, REPO_ROOT, newEncryptionKey } from '../src/latchkey';
import type { LoadResult } from '../src/load-generator';
import { measure, type Sample } from '../src/rounds';
import { SETTINGS_USERS } from '../src/scenarios';
import { startSeededLatchkey } from '../src/servers';
import type { ServerProcess } from '../src/server-process';

/** `pnpm bench:compare`: what it accepts as a baseline, how it reads rounds, and the CPU time it measures. */

describe('the baseline a comparison takes', () => {
  it('must be a build lying beside dist/, where its imports resolve', () => {
    expect(() => parseCompareOptions([])).toThrow('--baseline is required');
    expect(() => parseCompareOptions(['--baseline', path.join(REPO_ROOT, 'packages/api/src')])).toThrow('holds no main.js');
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'baseline-'));
    try {
      writeFileSync(path.join(elsewhere, 'main.js'), '');
      expect(() => parseCompareOptions(['--baseline', elsewhere])).toThrow('the baseline must lie in packages/api/');
      expect(() => parseCompareOptions(['--baseline', BUILD_DIR, '--scenarios', 'S1,S9'])).toThrow('no scenario S9');
      expect(parseCompareOptions(['--', '--baseline', BUILD_DIR, '--rounds', '3'])).toMatchObject({
        baseline: BUILD_DIR,
        rounds: 3,
        scenarios: ['S1', 'S2'],
      });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('the comparison', () => {
  const sample = (round: number, server: 'baseline' | 'current', cpuUsPerRequest: number): Sample<'baseline' | 'current'> => ({
    round,
    scenario: 'S1',
    server,
    cpuUsPerRequest,
    otherThreadsUsPerRequest: 10,
    peakRssMb: 150,
    peakPerRound: true,
    load: {
      requests: 1000,
      seconds: 1,
      requestsPerSecond: 1000,
      p50Ms: 5,
      p99Ms: 10,
      non2xx: 0,
      socketErrors: 0,
      graphqlErrors: 0,
    } as LoadResult,
  });

  it("pairs each round's CPU time a request, so a slow round weighs on both builds alike", () => {
    const text = comparison(
      [
        sample(1, 'baseline', 200),
        sample(1, 'current', 180),
        sample(2, 'baseline', 400),
        sample(2, 'current', 380),
        sample(3, 'baseline', 250),
        sample(3, 'current', 275),
      ],
      ['S1'],
    );
    // Rounds: 0.9, 0.95, 1.1. The medians of each build alone (250 and 275) would say the opposite.
    expect(text).toContain('current ÷ baseline, CPU a request: 0.950 (0.900–1.100); lower in 2 of 3 rounds.');
    expect(text).toContain('| baseline | 250 (200–400) |');
    expect(text).toContain('| current | 275 (180–380) |');
  });
});

describe('CPU time a request', () => {
  it('is read from the server process for the requests of a load', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-cpu-'));
    const started: ServerProcess[] = [];
    try {
      const latchkey = await startSeededLatchkey({ dir, encryptionKey: newEncryptionKey(), initialChallenges: 0, started });
      const measured = await measure(1, 'latchkey', {
        scenario: 'S1',
        server: latchkey.server,
        seconds: 1,
        connections: 4,
        users: SETTINGS_USERS,
      });
      expect(measured.load.requests).toBeGreaterThan(0);
      expect(measured.load.graphqlErrors + measured.load.non2xx).toBe(0);
      // A request costs the server some CPU time, and far less than a second.
      expect(measured.cpuUsPerRequest).toBeGreaterThan(0);
      expect(measured.cpuUsPerRequest).toBeLessThan(100_000);
      // Part of it on other threads, and the main thread's part is never counted there.
      expect(measured.otherThreadsUsPerRequest).toBeLessThan(measured.cpuUsPerRequest);
    } finally {
      await Promise.all(started.map((server) => server.stop()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
