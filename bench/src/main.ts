import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Argon2Alone } from './argon2-alone';
import { ensureBuilt } from './build';
import { runChild } from './children';
import { runEntryPoint } from './cleanup';
import { REPO_ROOT, startScript } from './latchkey';
import { runLighthouse } from './lighthouse';
import { describeMachine, type Machine } from './machine';
import { USAGE, optionsOrExit, parseOptions, type Options } from './options';
import { describeRun, formatSpread, loadGeneratorNotes, ratio, rowsOf, table, type Row } from './report';
import { ChallengePool, load, measure, schedule, type Sample } from './rounds';
import { runScale } from './scale';
import { LOGIN_USERS, SCENARIOS, SCENARIO_NAMES, SETTINGS_USERS, type ScenarioName } from './scenarios';
import { SERVER_LABELS, SERVER_NAMES, startSqliteSite, type ServerName } from './servers';
import { targetsOf } from './targets';

/**
 * `pnpm bench`: Latchkey (its build, production mode) beside two hand-written contenders on the hot
 * paths, in alternating rounds; argon2's cost alone; the same paths on PostgreSQL at two sizes with
 * the plans of their queries; Lighthouse on the panel. Prints everything and writes
 * bench/RESULTS.md. docs/benchmarks.md says how to read it.
 */

const RESULTS = path.join(REPO_ROOT, 'bench/RESULTS.md');
const PROFILES = path.join(REPO_ROOT, 'bench/profiles');
/** S2's first pool, before any rate was seen: more than a bare server does on two cores. */
const FIRST_GUESS_S2_PER_SECOND = 15_000;
const ARGON2_SECONDS = 4;
/**
 * Sign-ins first: S1 and S2 are then measured on servers that have signed people in, as a live
 * server has, with the memory argon2 leaves behind.
 */
const RUN_ORDER: ScenarioName[] = ['S3', 'S1', 'S2'];

const log = (line: string) => console.log(line);
const usersOf = (scenario: ScenarioName) => (scenario === 'S3' ? LOGIN_USERS : SETTINGS_USERS);

export interface HotPathReport {
  samples: Sample<ServerName>[];
  rows: Row<ServerName>[];
  argon2: Argon2Alone;
  profile: string | null;
}

async function runHotPaths(options: Options, machine: Machine): Promise<HotPathReport> {
  const profile = options.profile ? path.join(PROFILES, `latchkey-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`) : null;
  if (profile) mkdirSync(PROFILES, { recursive: true });
  log('starting Latchkey and the contenders on a seeded SQLite database…');
  const site = await startSqliteSite({
    cores: machine.pinning?.server,
    initialChallenges: 0,
    latchkeyNodeOptions: profile ? ['--cpu-prof', '--cpu-prof-dir', PROFILES, '--cpu-prof-name', path.basename(profile)] : [],
  });
  const samples: Sample<ServerName>[] = [];
  let argon2: Argon2Alone;
  try {
    log(`argon2id alone (Latchkey's parameters, ${ARGON2_SECONDS} s)…`);
    // With `pnpm start`'s environment: the allocator's settings change what argon2's memory costs.
    argon2 = await runChild<Argon2Alone>('argon2-alone.ts', [String(ARGON2_SECONDS)], {
      cores: machine.pinning?.server,
      timeoutMs: 120_000,
      env: startScript().env,
    });
    const pool = new ChallengePool((to) => site.seedChallengesUpTo(to), FIRST_GUESS_S2_PER_SECOND);
    for (const { scenario, round, name, warmUp } of schedule(RUN_ORDER, options.rounds, SERVER_NAMES)) {
      const plan = {
        scenario,
        server: site.servers[name],
        connections: options.connections,
        users: usersOf(scenario),
        pool,
        loadCores: machine.pinning?.load,
      };
      if (warmUp && options.warmup > 0) await load({ ...plan, seconds: options.warmup });
      const sample = await measure(round, name, { ...plan, seconds: options.seconds });
      samples.push(sample);
      const l = sample.load;
      log(
        `round ${round} ${scenario} ${name.padEnd(8)} ${l.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${l.p50Ms} ms  p99 ${l.p99Ms} ms  ` +
          `CPU ${sample.cpuUsPerRequest.toFixed(0)} µs/req (other threads ${sample.otherThreadsUsPerRequest.toFixed(0)})  ` +
          `errors ${l.non2xx + l.socketErrors + l.graphqlErrors}  peak RSS ${sample.peakRssMb.toFixed(0)} MB  ` +
          `load generator ${(l.loadGeneratorBusy * 100).toFixed(0)}% busy${l.exhausted ? '  (challenge pool ran dry)' : ''}`,
      );
    }
  } finally {
    await site.stop();
  }
  return { samples, rows: rowsOf(samples), argon2, profile };
}

function hotPathSection(report: HotPathReport): string {
  const { samples, rows } = report;
  const lines: string[] = [];
  for (const scenario of SCENARIO_NAMES) {
    lines.push(`### ${scenario}: ${SCENARIOS[scenario].title}`, '');
    const body = SERVER_NAMES.map((server) => {
      const row = rows.find((r) => r.scenario === scenario && r.server === server)!;
      const vsBare = server === 'bare' ? '' : formatSpread(ratio(samples, scenario, server, 'bare'), 2);
      const vsApollo = server === 'latchkey' ? formatSpread(ratio(samples, scenario, server, 'apollo'), 2) : '';
      return [
        SERVER_LABELS[server],
        formatSpread(row.rps),
        formatSpread(row.p50, 1),
        formatSpread(row.p99, 1),
        formatSpread(row.cpuUsPerRequest),
        formatSpread(row.otherThreadsUsPerRequest),
        `${row.errors}${row.exhausted ? ' (pool ran dry)' : ''}`,
        row.peakRssMb.toFixed(0),
        vsBare,
        vsApollo,
      ];
    });
    lines.push(
      table(
        ['server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'of it other threads', 'errors', 'peak RSS MB', '× bare', '× Apollo'],
        body,
      ),
      '',
    );
    for (const note of loadGeneratorNotes(
      rows.filter((r) => r.scenario === scenario),
      (r) => SERVER_LABELS[r.server as ServerName],
    ))
      lines.push(note, '');
    const firstError = rows.find((r) => r.scenario === scenario && r.firstError)?.firstError;
    if (firstError) lines.push(`First error seen: \`${firstError.replace(/`/g, "'").slice(0, 300)}\``, '');
  }
  const a = report.argon2;
  const s3 = rows.find((r) => r.scenario === 'S3' && r.server === 'latchkey');
  lines.push(
    `argon2id alone on the server's core, with Latchkey's parameters: ${a.msPerVerify.toFixed(1)} ms per check one at a time, ` +
      `${a.verifiesPerSecond.toFixed(0)} checks/s with ${a.threads} in flight (libuv's pool). ` +
      (s3 ? `S3 through Latchkey reaches ${((s3.rps.median / a.verifiesPerSecond) * 100).toFixed(0)}% of that ceiling.` : ''),
    '',
  );
  if (report.profile) {
    lines.push(
      `CPU profile of Latchkey under this load (the profiler slows it): ${path.relative(REPO_ROOT, report.profile)}, for Chrome DevTools' Performance panel.`,
      '',
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = optionsOrExit(() => parseOptions(process.argv.slice(2)), USAGE);
  const machine = describeMachine();
  log(describeRun(machine, options));
  ensureBuilt(options.skipLighthouse ? ['api'] : ['api', 'web'], log);

  const hot = await runHotPaths(options, machine);
  // A part that cannot run here (no PostgreSQL, no Chromium) says why in its section; the others stand.
  const failures: string[] = [];
  const attempt = async <T>(part: string, run: () => Promise<T>): Promise<T | string> => {
    try {
      return await run();
    } catch (error) {
      const message = `${part} failed: ${error instanceof Error ? error.message : String(error)}`;
      console.error(error);
      failures.push(message);
      return message;
    }
  };
  const scaleRun = options.skipScale ? 'Skipped (--skip-scale).' : await attempt('The scale run', () => runScale(options, machine, log));
  const panelRun = options.skipLighthouse ? 'Skipped (--skip-lighthouse).' : await attempt('Lighthouse', () => runLighthouse(machine, log));
  const scale = typeof scaleRun === 'string' ? null : scaleRun;
  const panel = typeof panelRun === 'string' ? null : panelRun;

  const sections = [
    '# Benchmark results',
    '',
    'Written by `pnpm bench`; how to run it and read it: [docs/benchmarks.md](../docs/benchmarks.md).',
    '',
    describeRun(machine, options, hot.argon2.msPerVerify),
    '',
    '## Hot paths (SQLite, production mode)',
    '',
    "Median of the rounds, (min–max) when there are several. CPU µs/req: the server's CPU time (user and system) over the requests it answered; of it other threads: what threads other than the event loop's took (V8's compiler and garbage collector helpers, libuv's pool). × columns: req/s over the contender of the same round.",
    '',
    hotPathSection(hot),
    '## Scale (PostgreSQL)',
    '',
    scale ? scale.markdown : (scaleRun as string),
    '',
    '## Panel (Lighthouse)',
    '',
    panel ? panel.markdown : (panelRun as string),
    '',
    '## Targets',
    '',
    targetsOf(hot, scale, panel, options.connections),
    '',
  ];
  const markdown = sections.join('\n');
  log(`\n${markdown}`);
  // A profiled run's numbers carry the profiler's cost: they do not replace the results.
  if (options.profile) {
    log(`not written to ${path.relative(REPO_ROOT, RESULTS)}: this run was profiled`);
  } else {
    writeFileSync(RESULTS, markdown);
    log(`written to ${path.relative(REPO_ROOT, RESULTS)}`);
  }
  if (failures.length > 0) {
    console.error(failures.join('\n'));
    process.exitCode = 1;
  }
}

runEntryPoint(main);
