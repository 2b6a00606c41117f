import path from 'node:path';
import {
  SETTLED_THREAD_RATIO,
  backgroundRatio,
  cacheCount,
  callgrindEvents,
  callgrindTotal,
  nameCompiledFunctions,
  parseInstructionsOptions,
  summariseWindows,
} from '../src/instructions';
import { BUILD_DIR } from '../src/latchkey';

/** `pnpm bench:instructions`: what it accepts and how it reads callgrind's files (valgrind itself is not run here). */

describe('the options of bench:instructions', () => {
  it("counts Latchkey's S1 after 8000 requests by default, and takes S2, a contender, a build and a profile", () => {
    expect(parseInstructionsOptions(['--'])).toEqual({
      scenario: 'S1',
      server: 'latchkey',
      warmup: 8000,
      requests: 500,
      windows: 3,
      connections: 4,
      build: BUILD_DIR,
      profile: false,
      caches: false,
    });
    expect(parseInstructionsOptions(['--scenario', 'S2', '--build', 'packages/api/dist-a', '--profile', '--windows', '5'])).toMatchObject({
      scenario: 'S2',
      build: path.resolve(process.env.INIT_CWD ?? process.cwd(), 'packages/api/dist-a'),
      profile: true,
      windows: 5,
    });
    expect(parseInstructionsOptions(['--server', 'apollo'])).toMatchObject({ server: 'apollo', scenario: 'S1' });
    expect(parseInstructionsOptions(['--caches', '--scenario', 'S2'])).toMatchObject({ caches: true, scenario: 'S2' });
  });

  it('refuses what it cannot count', () => {
    expect(() => parseInstructionsOptions(['--scenario', 'S3'])).toThrow('S1 or S2');
    expect(() => parseInstructionsOptions(['--requests', '0'])).toThrow('at least 1');
    expect(() => parseInstructionsOptions(['--build'])).toThrow('needs a folder');
    expect(() => parseInstructionsOptions(['--server', 'express'])).toThrow('one of latchkey, bare, apollo');
    expect(() => parseInstructionsOptions(['--seconds', '5'])).toThrow('unknown option --seconds');
  });
});

describe("callgrind's files", () => {
  const dump = [
    '# callgrind format',
    'events: Ir',
    'fn=(1) Builtins_LoadIC_Megamorphic',
    '0 40',
    'fn=(2) 0x000000000d1bbd40',
    '0 25',
    'cfn=(3) 0x000000000d1f0000',
    'calls=1 0',
    '0 10',
    'fn=(4) 0x00000000deadbe00',
    '0 5',
    'summary: 80',
  ].join('\n');

  it('reads the instructions a dump counted', () => {
    expect(callgrindTotal(dump)).toBe(80);
    expect(callgrindTotal('events: Ir\ntotals: 1234\n')).toBe(1234);
    expect(() => callgrindTotal('events: Ir\n')).toThrow('without a summary');
  });

  it('reads every event of a dump with the caches simulated, and weighs the misses into estimated cycles', () => {
    const simulated = [
      'events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim',
      'fn=(1) main',
      '0 1000 300 200 4 20 6 1 2 1 150 8 30 2',
      'summary: 1000 300 200 4 20 6 1 2 1 150 8 30 2',
    ].join('\n');
    const events = callgrindEvents(simulated);
    expect(events).toMatchObject({ Ir: 1000, D1mr: 20, DLmw: 1, Bcm: 8, Bim: 2 });
    // Two requests: 15 first-level misses, 2 last-level, 5 mispredicted branches a request.
    expect(cacheCount(events, 2)).toEqual({
      firstLevelMisses: 15,
      lastLevelMisses: 2,
      mispredictedBranches: 5,
      estimatedCycles: 500 + 10 * (15 + 5) + 100 * 2,
    });
    expect(() => callgrindEvents('events: Ir\n')).toThrow('without a summary');
    expect(() => callgrindEvents('summary: 80\n')).toThrow('without an events line');
  });

  it("names V8's compiled functions from node's perf map, within each function's size, and leaves the rest", () => {
    const perfMap = [
      'd1bbd00 80 JS:*asJson /work/main/node_modules/.pnpm/pino@10.1.0/node_modules/pino/lib/tools.js:144:18',
      'd1f0000 10 JS:^first /work/main/packages/api/dist/db/prepared-statements.js:33:16',
      'deadb000 10 JS:*tooFar x.js:1:1',
    ].join('\n');
    const named = nameCompiledFunctions(dump, perfMap);
    expect(named).toContain('fn=(2) JS:*asJson_pino/lib/tools.js:144:18');
    expect(named).toContain('cfn=(3) JS:^first_/work/main/packages/api/dist/db/prepared-statements.js:33:16');
    // Past the end of the nearest function below it: no name.
    expect(named).toContain('fn=(4) 0x00000000deadbe00');
    expect(named).toContain('fn=(1) Builtins_LoadIC_Megamorphic');
  });

  it('summarises the windows by the fewest and the median, thread by thread', () => {
    const summary = summariseWindows([
      { mainThread: 500, allThreads: 520 },
      { mainThread: 480, allThreads: 600 },
      { mainThread: 490, allThreads: 510 },
    ]);
    expect(summary).toEqual({ mainThread: { fewest: 480, median: 490 }, allThreads: { fewest: 510, median: 520 } });
  });

  it('tells a run whose V8 threads stayed busy from a settled one, by the median window', () => {
    const settled = [
      { mainThread: 451_632, allThreads: 463_670 },
      { mainThread: 460_355, allThreads: 465_521 },
      { mainThread: 459_298, allThreads: 462_657 },
    ];
    const busy = [
      { mainThread: 514_739, allThreads: 650_445 },
      { mainThread: 495_811, allThreads: 692_714 },
      { mainThread: 490_301, allThreads: 647_559 },
    ];
    expect(backgroundRatio(settled)).toBeLessThan(SETTLED_THREAD_RATIO);
    expect(backgroundRatio(busy)).toBeGreaterThan(SETTLED_THREAD_RATIO);
    // One window in which V8 compiled again does not make the run unsettled.
    expect(backgroundRatio([...settled.slice(0, 2), { mainThread: 456_119, allThreads: 505_531 }])).toBeLessThan(SETTLED_THREAD_RATIO);
  });
});
