import type { PanelReport } from './lighthouse';
import type { HotPathReport } from './main';
import { formatSpread, ratio, table, type Spread } from './report';
import type { ScaleReport } from './scale';

/** The targets of the performance work, each with what this run measured: benchmarks, not tests. */

const P99_LIMIT_MS = 25;
const RSS_LIMIT_MB = 200;
const APOLLO_SHARE = 0.95;
const SCALE_P99_GROWTH = 1.5;
const FIRST_LOAD_KB = 150;
const PERFORMANCE_SCORE = 95;

/**
 * How far apart a ratio's rounds may lie (the highest over the lowest) for its median to be judged
 * when they fall on both sides of the target. On a noisy machine one run's S1 rounds went from 0.70
 * to 1.18 × Apollo: which side its median fell on said more about the machine than the code.
 */
const MAX_ROUND_SPREAD = 1.2;

type Verdict = 'met' | 'not met' | 'not measured' | 'rounds too far apart to judge';
const verdict = (ok: boolean | null): Verdict => (ok === null ? 'not measured' : ok ? 'met' : 'not met');

/** A share of the contender's rate, judged by its rounds: all of them on one side of the target, or their median when they agree. */
export function shareVerdict(share: Spread, target: number): Verdict {
  if (!Number.isFinite(share.median)) return 'not measured';
  if (share.min >= target || share.max < target) return verdict(share.min >= target);
  if (share.max / share.min > MAX_ROUND_SPREAD) return 'rounds too far apart to judge';
  return verdict(share.median >= target);
}

/**
 * The load keeps `connections` requests in flight, so a server's mean latency is connections over
 * its rate (Little's law), and its p99 lies above that mean. Under the p99 limit therefore needs at
 * least connections ÷ limit requests a second. The bare server shows the most this machine gives.
 */
export function p99Reach(hot: HotPathReport, connections: number): string {
  const needed = connections / (P99_LIMIT_MS / 1000);
  const bare = ['S1', 'S2'].map((scenario) => {
    const rate = hot.rows.find((r) => r.scenario === scenario && r.server === 'bare')?.rps.median ?? NaN;
    return { scenario, rate };
  });
  const beyond = bare.filter((b) => b.rate < needed).map((b) => b.scenario);
  const whole = (n: number) => Math.round(n).toLocaleString('en-US');
  return (
    `p99 and the load: ${connections} requests are always in flight, so a server's mean latency is ${connections} ÷ its req/s ` +
    `(Little's law) and its p99 lies above that. A p99 under ${P99_LIMIT_MS} ms needs at least ${whole(needed)} req/s. ` +
    `The bare node:http server reached ${bare.map((b) => `${whole(b.rate)} in ${b.scenario}`).join(' and ')}` +
    (beyond.length > 0 ? `: in ${beyond.join(' and ')} the limit is beyond every server of this run at ${connections} connections.` : '.')
  );
}

export function targetsOf(hot: HotPathReport, scale: ScaleReport | null, panel: PanelReport | null, connections: number): string {
  const rows: string[][] = [];
  const latchkey = (scenario: string) => hot.rows.find((r) => r.scenario === scenario && r.server === 'latchkey')!;

  for (const scenario of ['S1', 'S2']) {
    const share = ratio(hot.samples, scenario, 'latchkey', 'apollo');
    rows.push([
      `${scenario} through Latchkey ≥ ${APOLLO_SHARE} × plain Apollo (median, rounds min–max)`,
      `${formatSpread(share, 2)} ×`,
      shareVerdict(share, APOLLO_SHARE),
    ]);
    const worstP99 = latchkey(scenario).p99.max;
    rows.push([`${scenario} p99 < ${P99_LIMIT_MS} ms (worst round)`, `${worstP99.toFixed(1)} ms`, verdict(worstP99 < P99_LIMIT_MS)]);
  }
  const errors = hot.rows.filter((r) => r.server === 'latchkey').reduce((sum, r) => sum + r.errors, 0);
  rows.push(['No error or non-2xx through Latchkey in any round', String(errors), verdict(errors === 0)]);
  const rss = Math.max(latchkey('S1').peakRssMb, latchkey('S2').peakRssMb);
  rows.push([`Latchkey's peak RSS < ${RSS_LIMIT_MB} MB under S1 and S2`, `${rss.toFixed(0)} MB`, verdict(rss < RSS_LIMIT_MB)]);

  const growth = scale ? scale.s1P99Growth : NaN;
  rows.push([
    `S1 p99 with the largest population ≤ ${SCALE_P99_GROWTH} × with the smallest (PostgreSQL)`,
    scale ? `${growth.toFixed(2)} × (${scale.sizes.map((s) => s.toLocaleString('en-US')).join(' vs ')} users)` : '–',
    verdict(scale ? growth <= SCALE_P99_GROWTH : null),
  ]);
  const scans = scale?.plans.filter((p) => !p.usesIndex).length;
  rows.push(['Every hot query uses an index (PostgreSQL plans)', scale ? `${scans} scan(s)` : '–', verdict(scale ? scans === 0 : null)]);

  const kb = panel?.firstLoadKb ?? null;
  rows.push([
    `First load < ${FIRST_LOAD_KB} kB gzipped JavaScript`,
    kb === null ? '–' : `${kb.toFixed(2)} kB`,
    verdict(kb === null ? null : kb < FIRST_LOAD_KB),
  ]);
  for (const page of panel?.pages ?? []) {
    // A step inside a page gets no performance score from Lighthouse: its accessibility is judged alone.
    const performance = page.performance === null ? null : page.performance.median;
    rows.push([
      `Lighthouse on ${page.name}: ${performance === null ? '' : `performance ≥ ${PERFORMANCE_SCORE} (median of the runs), `}accessibility 100`,
      `${performance === null ? '' : `${performance}, `}${page.accessibility}`,
      verdict((performance === null || performance >= PERFORMANCE_SCORE) && page.accessibility === 100),
    ]);
  }
  if (!panel) rows.push(['Lighthouse on the panel', '–', 'not measured']);
  return `${table(['target', 'this run', ''], rows)}\n\n${p99Reach(hot, connections)}`;
}
