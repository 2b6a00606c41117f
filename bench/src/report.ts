import type { Machine } from './machine';
import type { Options } from './options';
import type { Sample } from './rounds';

/** The numbers of several rounds: the median, and the spread that says how far to trust it. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: NaN, min: NaN, max: NaN };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export interface Row<S extends string = string> {
  scenario: string;
  server: S;
  rps: Spread;
  p50: Spread;
  p99: Spread;
  /** The server's CPU time a request, in µs. */
  cpuUsPerRequest: Spread;
  /** Of that, its threads other than the event loop's. */
  otherThreadsUsPerRequest: Spread;
  /** Non-2xx answers, socket errors and timeouts, and GraphQL errors, over all rounds. */
  errors: number;
  firstError: string | null;
  peakRssMb: number;
  /** Some round ran out of pre-made challenges before its time was up. */
  exhausted: boolean;
  /** The load generator's busiest round: its CPU time over the round's time. */
  loadGeneratorBusy: number;
  rounds: number;
}

/** Past this share of its core, the load generator may be what limits the rate. */
export const LOAD_GENERATOR_LIMIT = 0.9;

/** A line for each row whose load generator was near its limit: that rate is a floor, not the server's. */
export function loadGeneratorNotes(rows: Row[], label: (row: Row) => string): string[] {
  return rows
    .filter((r) => r.loadGeneratorBusy >= LOAD_GENERATOR_LIMIT)
    .map(
      (r) =>
        `The load generator was busy ${(r.loadGeneratorBusy * 100).toFixed(0)}% of its core for ${label(r)}: that rate may be the load generator's, and the server's higher.`,
    );
}

export const errorsOf = (s: Sample) => s.load.non2xx + s.load.socketErrors + s.load.graphqlErrors;

export function rowsOf<S extends string>(samples: Sample<S>[]): Row<S>[] {
  const groups = new Map<string, Sample<S>[]>();
  for (const s of samples) {
    const key = `${s.scenario}\u0000${s.server}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((group) => ({
    scenario: group[0]!.scenario,
    server: group[0]!.server,
    rps: spread(group.map((s) => s.load.requestsPerSecond)),
    // A round with no answer at all has no latency (autocannon says 0): it counts as none.
    p50: spread(group.filter((s) => s.load.requests > 0).map((s) => s.load.p50Ms)),
    p99: spread(group.filter((s) => s.load.requests > 0).map((s) => s.load.p99Ms)),
    cpuUsPerRequest: spread(group.map((s) => s.cpuUsPerRequest)),
    otherThreadsUsPerRequest: spread(group.map((s) => s.otherThreadsUsPerRequest)),
    errors: group.reduce((sum, s) => sum + errorsOf(s), 0),
    firstError: group.map((s) => s.load.firstError).find((e) => e !== null) ?? null,
    peakRssMb: Math.max(...group.map((s) => s.peakRssMb)),
    exhausted: group.some((s) => s.load.exhausted),
    loadGeneratorBusy: Math.max(...group.map((s) => s.load.loadGeneratorBusy)),
    rounds: group.length,
  }));
}

/** Per round, a server's req/s over another's in the same round: neighbours in time share the machine's noise. */
export function ratio<S extends string>(samples: Sample<S>[], scenario: string, of: S, to: S): Spread {
  return spread(pairedRatios(samples, scenario, of, to, (s) => s.load.requestsPerSecond));
}

/** Round by round, a measure of one server over the same measure of another, for rounds both ran. */
export function pairedRatios<S extends string>(
  samples: Sample<S>[],
  scenario: string,
  of: S,
  to: S,
  measureOf: (sample: Sample<S>) => number,
): number[] {
  const byRound = (server: S) => new Map(samples.filter((s) => s.scenario === scenario && s.server === server).map((s) => [s.round, s]));
  const a = byRound(of);
  const b = byRound(to);
  return [...a].filter(([round]) => b.has(round)).map(([round, s]) => measureOf(s) / measureOf(b.get(round)!));
}

const digits = (n: number, fraction: number) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: fraction, minimumFractionDigits: fraction }) : '–';

/** `median (min–max)`, or just the value for one round. */
export function formatSpread(s: Spread, fraction = 0, unit = ''): string {
  if (!Number.isFinite(s.median)) return '–';
  const value = `${digits(s.median, fraction)}${unit}`;
  return s.min === s.max ? value : `${value} (${digits(s.min, fraction)}–${digits(s.max, fraction)})`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

/**
 * The run's conditions. `argon2MsPerCheck` (argon2id alone, one check at a time on the server's
 * core) serves as the machine's speed: runs on machines of one kind are comparable when it agrees.
 */
export function describeRun(machine: Machine, options: Options, argon2MsPerCheck?: number): string {
  const pinning = machine.pinning
    ? `servers pinned to core ${machine.pinning.server}, load generator to core ${machine.pinning.load} (taskset)`
    : 'not pinned (one core, or no taskset): server and load generator share the CPU';
  return [
    `- Run: ${machine.date}; ${options.rounds} alternating round(s) of ${options.seconds} s per server and scenario, ${options.connections} connections, ${options.warmup} s warm-up; ${pinning}.`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node.js ${machine.node}; ${machine.platform}.`,
    `- Load average at the start (1, 5, 15 min): ${machine.loadAverage.join(', ')}. Other work on the machine shows here and in the min–max of the rounds.`,
    ...(argon2MsPerCheck === undefined
      ? []
      : [
          `- Speed of this machine: argon2id takes ${argon2MsPerCheck.toFixed(1)} ms per check on the server's core. Rates and Lighthouse scores from machines where this differs are not comparable; ratios within one run are.`,
        ]),
  ].join('\n');
}
