import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tsNodeArgs } from './children';
import { holdRun, runEntryPoint } from './cleanup';
import { BUILD_DIR, REPO_ROOT, newEncryptionKey, productionEnv, startScript } from './latchkey';
import { optionsOrExit, positive, readOneRequestOption, UsageError, type OneRequestOptions } from './options';
import { requestFor, SETTINGS_USERS } from './scenarios';
import { CONTENDERS, SERVER_LABELS, startSeededLatchkey } from './servers';
import { freePort } from './server-process';

/**
 * `pnpm bench:instructions`: how many machine instructions one request of S1 or S2 costs Latchkey
 * (or a contender, to see the gap), counted by valgrind's callgrind instead of timed. A count
 * does not move with the machine's speed or its other work, so two builds can be compared on a
 * noisy machine where CPU time a request moves by 25% between runs. The server runs under
 * callgrind with counting off while requests warm it up (V8 compiles the hot paths), then counts
 * a few windows of requests. With --profile it writes the last window's counts by function, V8's
 * compiled functions named from node's perf map, for callgrind_annotate. docs/benchmarks.md shows
 * how to read them.
 */

export interface InstructionsOptions extends OneRequestOptions {
  /** Requests before counting starts (uncounted): V8 must have compiled the hot paths. */
  warmup: number;
  /** Requests in each counted window. */
  requests: number;
  windows: number;
  /** Requests in flight at once. */
  connections: number;
  /** The build to count (a folder holding main.js). */
  build: string;
  profile: boolean;
  /** Also simulate the caches and the branch predictor: what a request pays beyond its instructions. */
  caches: boolean;
}

const USAGE = `pnpm bench:instructions [-- options]   (needs valgrind; about 3 minutes for S1, 8 for S2)
  --scenario S       S1 or S2 (default S1)
  --server NAME      latchkey, apollo or bare (default latchkey)
  --warmup N         requests before counting starts (default 8000)
  --requests N       requests in each counted window (default 500)
  --windows N        counted windows (default 3)
  --connections N    requests in flight at once (default 4)
  --build DIR        Latchkey's build to count, a folder holding main.js (default packages/api/dist)
  --profile          write the last window's counts by function to bench/profiles/
  --caches           also simulate the caches and branch prediction (a run takes about a quarter
                     longer) and print the misses a request, and cycles estimated from them`;

/** Counted, but not reported: the first instructions after counting starts translate code anew. */
const SETTLING_REQUESTS = 200;
const PROFILES = path.join(REPO_ROOT, 'bench/profiles');
// Generous: under callgrind a start runs about 50 times slower, and tsx compiles a contender as it loads.
const READY_TIMEOUT_MS = 600_000;

export function parseInstructionsOptions(argv: string[]): InstructionsOptions {
  const options: InstructionsOptions = {
    scenario: 'S1',
    server: 'latchkey',
    warmup: 8000,
    requests: 500,
    windows: 3,
    connections: 4,
    build: BUILD_DIR,
    profile: false,
    caches: false,
  };
  const args = argv.filter((arg) => arg !== '--');
  for (let i = 0; i < args.length; i++) {
    const [arg, value] = [args[i]!, args[i + 1]];
    if (readOneRequestOption(arg, value, options)) {
      i++;
      continue;
    }
    switch (arg) {
      case '--warmup':
        options.warmup = positive(arg, value, 0);
        break;
      case '--requests':
        options.requests = positive(arg, value);
        break;
      case '--windows':
        options.windows = positive(arg, value);
        break;
      case '--connections':
        options.connections = positive(arg, value);
        break;
      case '--build':
        if (!value) throw new UsageError(`${arg} needs a folder`);
        // pnpm runs the script in bench/: a relative folder is read from where the command was typed.
        options.build = path.resolve(process.env.INIT_CWD ?? process.cwd(), value);
        break;
      case '--profile':
        options.profile = true;
        continue;
      case '--caches':
        options.caches = true;
        continue;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
    i++;
  }
  return options;
}

/** One counted window, in instructions a request. */
export interface WindowCount {
  /** The event loop's thread: the request's own work, the steadiest count to compare builds by. */
  mainThread: number;
  /** With V8's compiler and garbage collector threads and libuv's pool: what the machine paid. */
  allThreads: number;
}

/**
 * The fewest and the median of the windows. A window in which V8 ran a full garbage collection or
 * compiled a function again counts more; the fewest is the request's own cost.
 */
export function summariseWindows(windows: WindowCount[]): Record<keyof WindowCount, { fewest: number; median: number }> {
  const of = (key: keyof WindowCount) => {
    const sorted = windows.map((w) => w[key]).sort((a, b) => a - b);
    return { fewest: sorted[0]!, median: sorted[(sorted.length - 1) >> 1]! };
  };
  return { mainThread: of('mainThread'), allThreads: of('allThreads') };
}

/**
 * Above this many instructions on all threads for one on the main thread (the median window), V8's
 * background threads were busy throughout the run. On one machine, counts of one build fell into
 * two groups from run to run: S1 runs with all threads at 1.01–1.03 × the main thread counted
 * 451–460 thousand instructions a request, and runs at 1.24–1.47 × counted 478–515 thousand,
 * their first window the highest. Such a run is not comparable with a settled one.
 */
export const SETTLED_THREAD_RATIO = 1.15;

/** All threads' instructions over the main thread's, in the median window. */
export function backgroundRatio(windows: WindowCount[]): number {
  const ratios = windows.map((w) => w.allThreads / w.mainThread).sort((a, b) => a - b);
  return ratios[(ratios.length - 1) >> 1]!;
}

const thousands = (n: number) => Math.round(n).toLocaleString('en');

/**
 * Every event a dump counted, by callgrind's name for it (Ir, D1mr, Bcm, …): its `events:` line
 * names them, its `summary:` line (`totals:` in older formats) counts them in the same order.
 */
export function callgrindEvents(dump: string): Record<string, number> {
  const names = /^events:\s+(.+)$/m.exec(dump)?.[1]?.trim().split(/\s+/);
  if (!names) throw new Error('a callgrind dump without an events line');
  const totals = /^(?:summary|totals):\s+(.+)$/m.exec(dump)?.[1]?.trim().split(/\s+/);
  if (!totals) throw new Error('a callgrind dump without a summary line');
  return Object.fromEntries(names.map((name, i) => [name, Number(totals[i] ?? 0)]));
}

/** The instructions a callgrind dump counted. */
export function callgrindTotal(dump: string): number {
  const { Ir: instructions } = callgrindEvents(dump);
  if (instructions === undefined) throw new Error('a callgrind dump that counted no instructions');
  return instructions;
}

/** What the simulated caches and branch predictor saw, a request. */
export interface CacheCount {
  /** First-level misses, instruction and data. */
  firstLevelMisses: number;
  /** Last-level misses, instruction and data: each goes to memory. */
  lastLevelMisses: number;
  /** Conditional and indirect branches predicted wrong. */
  mispredictedBranches: number;
  /**
   * Cycles estimated the way valgrind's documentation suggests: an instruction each, ten more for
   * a first-level miss or a mispredicted branch, a hundred for a last-level miss. A rough weight,
   * to put the misses beside the instructions, not a measurement of this CPU.
   */
  estimatedCycles: number;
}

export function cacheCount(events: Record<string, number>, requests: number): CacheCount {
  const sum = (...names: string[]) => names.reduce((total, name) => total + (events[name] ?? 0), 0) / requests;
  const firstLevelMisses = sum('I1mr', 'D1mr', 'D1mw');
  const lastLevelMisses = sum('ILmr', 'DLmr', 'DLmw');
  const mispredictedBranches = sum('Bcm', 'Bim');
  return {
    firstLevelMisses,
    lastLevelMisses,
    mispredictedBranches,
    estimatedCycles: sum('Ir') + 10 * (firstLevelMisses + mispredictedBranches) + 100 * lastLevelMisses,
  };
}

/**
 * Names the functions V8 compiled, which callgrind knows only by address (`fn=(12) 0x…`), from
 * the perf map node writes with --perf-basic-prof (`start size name`, hexadecimal).
 */
export function nameCompiledFunctions(dump: string, perfMap: string): string {
  const entries = perfMap
    .split('\n')
    .map((line) => /^([0-9a-f]+) ([0-9a-f]+) (.+)$/i.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ start: parseInt(match[1]!, 16), size: parseInt(match[2]!, 16), name: match[3]! }))
    .sort((a, b) => a.start - b.start);
  const nameAt = (address: number): string | undefined => {
    let [low, high] = [0, entries.length - 1];
    let found: (typeof entries)[number] | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (entries[mid]!.start <= address) [found, low] = [entries[mid], mid + 1];
      else high = mid - 1;
    }
    return found && address < found.start + found.size ? found.name : undefined;
  };
  return dump.replace(/^(c?fn=\(\d+\)) 0x([0-9a-f]+)$/gim, (line, head: string, hex: string) => {
    const name = nameAt(parseInt(hex, 16));
    // Names lose the long package paths, and spaces (callgrind names end at the line's end anyway).
    return name ? `${head} ${name.replace(/\S*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/g, '').replace(/\s+/g, '_')}` : line;
  });
}

function requireValgrind(): void {
  for (const tool of ['valgrind', 'callgrind_control']) {
    if (spawnSync(tool, ['--version']).error)
      throw new Error(`${tool} is not installed: bench:instructions counts with valgrind (apt-get install valgrind)`);
  }
}

async function main(): Promise<void> {
  const options = optionsOrExit(() => parseInstructionsOptions(process.argv.slice(2)), USAGE);
  requireValgrind();
  if (!existsSync(path.join(options.build, 'main.js'))) throw new Error(`no build in ${options.build}: run pnpm build first`);
  const run = holdRun('latchkey-instructions-');
  const { dir } = run;
  let counted: ChildProcess | undefined;
  run.alsoStop(() => counted?.kill('SIGKILL'));
  try {
    // The database is made and seeded by a plain start of the same build, then served under callgrind.
    const encryptionKey = newEncryptionKey();
    const reserved = options.warmup + SETTLING_REQUESTS + options.windows * options.requests;
    const seeded = await startSeededLatchkey({
      dir,
      encryptionKey,
      buildDir: options.build,
      initialChallenges: options.scenario === 'S2' ? reserved : 0,
      started: run.started,
    });
    await seeded.server.stop();

    const port = await freePort();
    // Each server as the bench starts it: Latchkey in production as the start script starts it,
    // a contender under tsx's loader on Latchkey's database.
    const start = startScript();
    const [serverEnv, serverArgs] =
      options.server === 'latchkey'
        ? [{ ...start.env, ...productionEnv({ encryptionKey, dataDir: dir }) }, [...start.nodeOptions, path.join(options.build, 'main.js')]]
        : [{ BENCH_DATABASE: seeded.databasePath, ENCRYPTION_KEY: encryptionKey }, tsNodeArgs(CONTENDERS[options.server])];
    const env = {
      ...serverEnv,
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      // callgrind_control finds the server by a name built from the user and host in its environment.
      USER: process.env.USER ?? 'bench',
      LOGNAME: process.env.USER ?? 'bench',
      HOST: '127.0.0.1',
      PORT: String(port),
    };
    const out = path.join(dir, 'callgrind.out');
    const nodeArgs = [...(options.profile ? ['--perf-basic-prof'] : []), ...serverArgs];
    counted = spawn(
      'valgrind',
      [
        '--tool=callgrind',
        '--instr-atstart=no',
        '--separate-threads=yes',
        ...(options.caches ? ['--cache-sim=yes', '--branch-sim=yes'] : []),
        `--callgrind-out-file=${out}`,
        process.execPath,
        ...nodeArgs,
      ],
      {
        env,
        cwd: dir,
        stdio: ['ignore', openSync(path.join(dir, 'server.log'), 'w'), openSync(path.join(dir, 'valgrind.log'), 'w')],
      },
    );
    const server = counted;
    const control = (command: string) => execFileSync('callgrind_control', [command, String(server.pid)], { env, stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    const what = options.server === 'latchkey' ? `Latchkey (${path.relative(REPO_ROOT, options.build)})` : SERVER_LABELS[options.server];
    console.log(`${what} under callgrind, ${options.scenario}: starting (a minute or so)…`);
    await untilReady(url, server);

    let next = 0;
    const send = async (count: number) => {
      const end = next + count;
      await Promise.all(
        Array.from({ length: options.connections }, async () => {
          while (next < end) {
            const { headers, body } = requestFor(options.scenario, next++, SETTINGS_USERS);
            const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
            const text = await res.text();
            if (!res.ok || text.includes('"errors"')) throw new Error(`the server answered ${res.status}: ${text.slice(0, 300)}`);
          }
        }),
      );
    };
    console.log(`${options.warmup} requests to warm it up, uncounted…`);
    await send(options.warmup);
    control('--instr=on');
    await send(SETTLING_REQUESTS);
    const windows: WindowCount[] = [];
    for (let window = 1; window <= options.windows; window++) {
      control('--zero');
      await send(options.requests);
      control('--dump');
      const dumps = dumpOf(dir, window).map((file) => readFileSync(file, 'utf8'));
      const counts = dumps.map((dump) => callgrindTotal(dump) / options.requests);
      windows.push({ mainThread: counts[0]!, allThreads: counts.reduce((sum, n) => sum + n, 0) });
      console.log(
        `window ${window}: ${thousands(windows.at(-1)!.mainThread)} instructions a request on the main thread, ` +
          `${thousands(windows.at(-1)!.allThreads)} with V8's and libuv's threads`,
      );
      if (options.caches) {
        const misses = cacheCount(callgrindEvents(dumps[0]!), options.requests);
        // Per thousand instructions too: a window that ran more (a collection, a compile) misses more.
        const perThousand = (n: number) => ((1000 * n) / counts[0]!).toFixed(1);
        console.log(
          `  main thread, a request: ${thousands(misses.firstLevelMisses)} first-level misses (${perThousand(misses.firstLevelMisses)} ` +
            `a thousand instructions), ${thousands(misses.lastLevelMisses)} last-level, ` +
            `${thousands(misses.mispredictedBranches)} mispredicted branches (${perThousand(misses.mispredictedBranches)}); ` +
            `${thousands(misses.estimatedCycles)} cycles estimated`,
        );
      }
    }
    const summary = summariseWindows(windows);
    console.log(
      `main thread: fewest ${thousands(summary.mainThread.fewest)}, median ${thousands(summary.mainThread.median)}; ` +
        `all threads: fewest ${thousands(summary.allThreads.fewest)}, median ${thousands(summary.allThreads.median)} ` +
        `(instructions a request, ${options.windows} windows of ${options.requests})`,
    );
    const ratio = backgroundRatio(windows);
    if (ratio > SETTLED_THREAD_RATIO) {
      console.log(
        `not settled: V8's background threads (its compiler, its garbage collector's helpers) were busy throughout, ` +
          `${ratio.toFixed(2)} × the main thread's instructions in the median window. This run's counts read high: ` +
          `count again before comparing it with another.`,
      );
    }
    if (options.profile) {
      const perfMap = `/tmp/perf-${server.pid}.map`;
      mkdirSync(PROFILES, { recursive: true });
      const file = path.join(
        PROFILES,
        `instructions-${options.server}-${options.scenario}-${new Date().toISOString().replace(/[:.]/g, '-')}.callgrind`,
      );
      writeFileSync(file, nameCompiledFunctions(readFileSync(dumpOf(dir, options.windows)[0]!, 'utf8'), readFileSync(perfMap, 'utf8')));
      rmSync(perfMap, { force: true });
      console.log(`the last window's main thread by function: callgrind_annotate --inclusive=yes ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await run.release();
  }
}

/** The files of the n-th dump, one a thread (callgrind.out.<n>-<thread>), the main thread's first. */
function dumpOf(dir: string, n: number): string[] {
  const threads = readdirSync(dir)
    .map((name) => /^callgrind\.out\.(\d+)-(\d+)$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[1]) === n)
    .sort((a, b) => Number(a[2]) - Number(b[2]));
  if (threads.length === 0) throw new Error(`callgrind wrote no dump ${n}`);
  return threads.map((match) => path.join(dir, match[0]));
}

async function untilReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server under callgrind exited with ${server.exitCode}`);
    // Any answer will do: a contender has no health route of its own.
    const ready = await fetch(`${url}/healthz`).then(
      () => true,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server under callgrind was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

if (require.main === module) runEntryPoint(main);
