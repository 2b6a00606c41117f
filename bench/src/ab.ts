import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { holdRun, runEntryPoint } from './cleanup';
import { BUILD_DIR, REPO_ROOT, newEncryptionKey } from './latchkey';
import { describeMachine } from './machine';
import { optionsOrExit, readArguments, UsageError, type LoadOptions } from './options';
import { formatSpread, spread } from './report';
import { ChallengePool, load } from './rounds';
import { SETTINGS_USERS, type ScenarioName } from './scenarios';
import { startSeededLatchkey } from './servers';

/**
 * `pnpm bench:ab`: what one change inside Latchkey costs, timed inside one server. The built
 * JavaScript holds both ways behind `globalThis.benchVariantB`, which ab-switch.cjs turns on and
 * off every few hundred milliseconds under a steady load; each slice's CPU time a request is
 * charged to the way that was on. Slices next to each other share the machine's state, so a
 * difference of 2–3% shows where two servers taking turns (`pnpm bench:compare`) see ±25% noise.
 * docs/benchmarks.md shows how.
 */

/** One load: `rounds` is not read (the ways alternate within it). */
interface AbOptions extends LoadOptions {
  scenario: ScenarioName;
  sliceMs: number;
}

const USAGE = `pnpm bench:ab [-- options]   (the switch goes into packages/api/dist by hand: see docs/benchmarks.md)
  --scenario S       S1 or S2 (default S1)
  --seconds N        seconds of measured load (default 50)
  --slice-ms N       how long each way stays on (default 300)
  --connections N    concurrent connections (default 50)
  --warmup N         unmeasured seconds of load first (default 4)`;

const SWITCH = path.join(__dirname, 'ab-switch.cjs');
/** A slice with fewer requests than this (a stall) says nothing of a request's cost. */
const MIN_REQUESTS_PER_SLICE = 20;

export function parseAbOptions(argv: string[]): AbOptions {
  const options: AbOptions = { scenario: 'S1', seconds: 50, rounds: 1, connections: 50, warmup: 4, sliceMs: 300 };
  readArguments(argv, options, (arg, value) => {
    switch (arg) {
      case '--scenario':
        if (value !== 'S1' && value !== 'S2') throw new UsageError(`${arg}: S1 or S2 (S3 is argon2's time, the same either way)`);
        options.scenario = value;
        return 1;
      case '--slice-ms': {
        const ms = Number(value);
        if (!Number.isInteger(ms) || ms < 50)
          throw new UsageError(`${arg} needs a whole number of at least 50 (got ${value ?? 'nothing'})`);
        options.sliceMs = ms;
        return 1;
      }
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  });
  return options;
}

export interface Slice {
  b: boolean;
  cpuUs: number;
  requests: number;
}

export interface AbSummary {
  /** CPU µs a request over all of each way's slices. */
  a: number;
  b: number;
  /** B's CPU time a request over A's, slice by slice, each B slice against the A slice before it. */
  pairs: number[];
  /** In how many pairs B took less. */
  lowerInB: number;
}

/** Reads the slices: each way's mean, and B over A pair by pair (slices alternate, so pairs share the machine's state). */
export function summarise(slices: Slice[]): AbSummary {
  const mean = (b: boolean) => {
    const own = slices.filter((s) => s.b === b && s.requests >= MIN_REQUESTS_PER_SLICE);
    return own.reduce((sum, s) => sum + s.cpuUs, 0) / own.reduce((sum, s) => sum + s.requests, 0);
  };
  const pairs: number[] = [];
  for (let i = 1; i < slices.length; i++) {
    const [before, after] = [slices[i - 1]!, slices[i]!];
    if (before.b || !after.b || before.requests < MIN_REQUESTS_PER_SLICE || after.requests < MIN_REQUESTS_PER_SLICE) continue;
    pairs.push(after.cpuUs / after.requests / (before.cpuUs / before.requests));
  }
  return { a: mean(false), b: mean(true), pairs, lowerInB: pairs.filter((r) => r < 1).length };
}

async function main(): Promise<void> {
  const options = optionsOrExit(() => parseAbOptions(process.argv.slice(2)), USAGE);
  // No rebuild here, unlike the other commands: a rebuild would drop the switch put into the build.
  if (!existsSync(path.join(BUILD_DIR, 'main.js'))) throw new Error(`no build in ${BUILD_DIR}: run pnpm build first`);
  const machine = describeMachine();
  const run = holdRun('latchkey-ab-');
  const slicesFile = path.join(run.dir, 'slices.json');
  try {
    const site = await startSeededLatchkey({
      dir: run.dir,
      encryptionKey: newEncryptionKey(),
      cores: machine.pinning?.server,
      initialChallenges: 0,
      nodeOptions: ['--require', SWITCH],
      env: { BENCH_AB_OUT: slicesFile, BENCH_AB_SLICE_MS: String(options.sliceMs) },
      started: run.started,
    });
    const plan = {
      scenario: options.scenario,
      server: site.server,
      connections: options.connections,
      users: SETTINGS_USERS,
      // Sized by the warm-up's rate: a generous first guess would seed far more challenges than S2 spends.
      pool: new ChallengePool((to) => site.seedChallengesUpTo(to), 1_000),
      loadCores: machine.pinning?.load,
    };
    console.log(
      `Latchkey (${path.relative(REPO_ROOT, BUILD_DIR)}) under ${options.scenario}, the switch turning every ${options.sliceMs} ms…`,
    );
    if (options.warmup > 0) await load({ ...plan, seconds: options.warmup });
    process.kill(site.server.pid, 'SIGUSR2');
    const result = await load({ ...plan, seconds: options.seconds });
    // The switch writes its slices as the server exits.
    await run.stopServers();
    const summary = summarise(JSON.parse(readFileSync(slicesFile, 'utf8')) as Slice[]);
    const errors = result.non2xx + result.socketErrors + result.graphqlErrors;
    console.log(
      [
        `${result.requests} requests, ${errors} errors${result.firstError ? ` (first: ${result.firstError})` : ''}`,
        `A (benchVariantB false): ${summary.a.toFixed(0)} µs of CPU a request`,
        `B (benchVariantB true):  ${summary.b.toFixed(0)} µs of CPU a request`,
        `B ÷ A: ${(summary.b / summary.a).toFixed(3)} over all slices; slice by slice ${formatSpread(spread(summary.pairs), 3)}, ` +
          `lower in ${summary.lowerInB} of ${summary.pairs.length}`,
      ].join('\n'),
    );
  } finally {
    await run.release();
  }
}

if (require.main === module) runEntryPoint(main);
