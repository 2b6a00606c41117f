import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt } from './build';
import { holdRun, runEntryPoint } from './cleanup';
import { API_DIR, BUILD_DIR, REPO_ROOT, newEncryptionKey } from './latchkey';
import { describeMachine } from './machine';
import { optionsOrExit, readArguments, UsageError, type LoadOptions } from './options';
import { formatSpread, pairedRatios, rowsOf, spread, table } from './report';
import { ChallengePool, load, measure, schedule, type Sample } from './rounds';
import { LOGIN_USERS, SCENARIO_NAMES, SCENARIOS, SETTINGS_USERS, type ScenarioName } from './scenarios';
import { startSeededLatchkey, type SeededLatchkey } from './servers';

/**
 * `pnpm bench:compare -- --baseline <build>`: is a change faster? Two builds of Latchkey, the one
 * `pnpm build` made and a copy of an earlier one, take turns under the same load, each on a seeded
 * SQLite database of its own. The measure is the server's CPU time a request: on a shared or
 * virtual machine it moves less than req/s, and rounds next to each other in time share the
 * machine's noise, so each round's difference is read as a pair. docs/benchmarks.md shows how.
 */

const BUILDS = ['baseline', 'current'] as const;
type Build = (typeof BUILDS)[number];

interface CompareOptions extends LoadOptions {
  baseline: string;
  scenarios: ScenarioName[];
}

const USAGE = `pnpm bench:compare -- --baseline <build> [options]
  --baseline DIR     an earlier build: a copy of packages/api/dist inside packages/api (required)
  --scenarios A,B    scenarios to run (default S1,S2; S3 is argon2's time, the same in any build)
  --rounds N         alternating rounds (default 5)
  --seconds N        seconds of load per measured round (default 5)
  --connections N    concurrent connections (default 50)
  --warmup N         unmeasured seconds before each build's first round of a scenario (default 2)`;

/** S2's first pool, before any rate was seen. */
const FIRST_GUESS_S2_PER_SECOND = 5_000;

export function parseCompareOptions(argv: string[]): CompareOptions {
  const options: Omit<CompareOptions, 'baseline'> & { baseline?: string } = {
    scenarios: ['S1', 'S2'],
    rounds: 5,
    seconds: 5,
    connections: 50,
    warmup: 2,
  };
  readArguments(argv, options, (arg, value) => {
    switch (arg) {
      case '--baseline':
        // pnpm runs the script in bench/: a relative path is read from where the command was typed.
        options.baseline = path.resolve(process.env.INIT_CWD ?? process.cwd(), value ?? '');
        return 1;
      case '--scenarios': {
        const names = (value ?? '').split(',');
        const unknown = names.filter((name) => !(SCENARIO_NAMES as string[]).includes(name));
        if (unknown.length > 0) throw new UsageError(`${arg}: no scenario ${unknown.join(', ')} (there are ${SCENARIO_NAMES.join(', ')})`);
        options.scenarios = names as ScenarioName[];
        return 1;
      }
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  });
  const { baseline } = options;
  if (!baseline) throw new UsageError('--baseline is required');
  if (!existsSync(path.join(baseline, 'main.js'))) throw new UsageError(`${baseline} holds no main.js: it is not a build of the API`);
  // A build finds its packages by walking up from where it lies: elsewhere, its imports fail.
  if (path.dirname(baseline) !== API_DIR)
    throw new UsageError(`the baseline must lie in ${path.relative(REPO_ROOT, API_DIR)}/ beside dist/, where its imports resolve`);
  return { ...options, baseline };
}

async function main(): Promise<void> {
  const options = optionsOrExit(() => parseCompareOptions(process.argv.slice(2)), USAGE);
  // The current build, that is: a build older than its sources would compare code that is gone.
  ensureBuilt(['api'], (line) => console.log(line));
  const machine = describeMachine();
  const cores = machine.pinning?.server;
  const run = holdRun('latchkey-compare-');
  const samples: Sample<Build>[] = [];
  try {
    const encryptionKey = newEncryptionKey();
    const start = (build: Build, buildDir: string) => {
      const own = path.join(run.dir, build);
      mkdirSync(own);
      return startSeededLatchkey({ dir: own, encryptionKey, buildDir, name: build, cores, initialChallenges: 0, started: run.started });
    };
    console.log(
      `starting the baseline (${path.relative(REPO_ROOT, options.baseline)}) and the current build (${path.relative(REPO_ROOT, BUILD_DIR)})…`,
    );
    const sites: Record<Build, SeededLatchkey> = {
      baseline: await start('baseline', options.baseline),
      current: await start('current', BUILD_DIR),
    };
    const pools: Record<Build, ChallengePool> = {
      baseline: new ChallengePool((to) => sites.baseline.seedChallengesUpTo(to), FIRST_GUESS_S2_PER_SECOND),
      current: new ChallengePool((to) => sites.current.seedChallengesUpTo(to), FIRST_GUESS_S2_PER_SECOND),
    };
    for (const { scenario, round, name: build, warmUp } of schedule(options.scenarios, options.rounds, BUILDS)) {
      const plan = {
        scenario,
        server: sites[build].server,
        connections: options.connections,
        users: scenario === 'S3' ? LOGIN_USERS : SETTINGS_USERS,
        pool: pools[build],
        loadCores: machine.pinning?.load,
      };
      if (warmUp && options.warmup > 0) await load({ ...plan, seconds: options.warmup });
      const sample = await measure(round, build, { ...plan, seconds: options.seconds });
      samples.push(sample);
      const l = sample.load;
      console.log(
        `round ${round} ${scenario} ${build.padEnd(8)} CPU ${sample.cpuUsPerRequest.toFixed(0).padStart(5)} µs/req  ` +
          `${l.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${l.p99Ms} ms  errors ${l.non2xx + l.socketErrors + l.graphqlErrors}`,
      );
    }
  } finally {
    await run.release();
  }
  console.log(`\n${comparison(samples, options.scenarios)}`);
}

/** Per scenario: each build's numbers, and the current build's CPU time a request over the baseline's, round by round. */
export function comparison(samples: Sample<Build>[], scenarios: ScenarioName[]): string {
  const rows = rowsOf(samples);
  return scenarios
    .map((scenario) => {
      const body = BUILDS.map((build) => {
        const row = rows.find((r) => r.scenario === scenario && r.server === build)!;
        return [
          build,
          formatSpread(row.cpuUsPerRequest),
          formatSpread(row.rps),
          formatSpread(row.p99, 1),
          String(row.errors),
          row.peakRssMb.toFixed(0),
        ];
      });
      const paired = pairedRatios(samples, scenario, 'current', 'baseline', (s) => s.cpuUsPerRequest);
      const lower = paired.filter((r) => r < 1).length;
      return [
        `${SCENARIOS[scenario].title}`,
        '',
        table(['build', 'CPU µs/req', 'req/s', 'p99 ms', 'errors', 'peak RSS MB'], body),
        '',
        `current ÷ baseline, CPU a request: ${formatSpread(spread(paired), 3)}; lower in ${lower} of ${paired.length} rounds.`,
      ].join('\n');
    })
    .join('\n\n');
}

if (require.main === module) runEntryPoint(main);
