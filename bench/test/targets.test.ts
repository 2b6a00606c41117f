import type { HotPathReport } from '../src/main';
import type { Row } from '../src/report';
import type { ServerName } from '../src/servers';
import { p99Reach, shareVerdict } from '../src/targets';

/** What the targets say about a p99 limit that the load itself puts out of reach. */

const bareAt = (s1: number, s2: number): HotPathReport => {
  const row = (scenario: string, rps: number) =>
    ({ scenario, server: 'bare', rps: { median: rps, min: rps, max: rps } }) as Row<ServerName>;
  return { rows: [row('S1', s1), row('S2', s2)] } as HotPathReport;
};

describe('the reach of the p99 limit', () => {
  it('names the rate the limit needs at the run’s connections (Little’s law)', () => {
    expect(p99Reach(bareAt(10_724, 1_833), 50)).toContain('needs at least 2,000 req/s');
    expect(p99Reach(bareAt(10_724, 1_833), 10)).toContain('needs at least 400 req/s');
  });

  it('says where even the bare server stays below that rate', () => {
    expect(p99Reach(bareAt(10_724, 1_833), 50)).toMatch(/reached 10,724 in S1 and 1,833 in S2: in S2 the limit is beyond every server/);
  });

  it('says nothing of the kind when the bare server passes it', () => {
    expect(p99Reach(bareAt(10_724, 2_500), 50)).not.toContain('beyond');
  });
});

describe('the verdict on a share of the contender’s rate', () => {
  const rounds = (min: number, median: number, max: number) => ({ min, median, max });

  it('is met or not when every round falls on one side of the target, however far apart', () => {
    expect(shareVerdict(rounds(0.96, 1.1, 1.4), 0.95)).toBe('met');
    expect(shareVerdict(rounds(0.6, 0.8, 0.94), 0.95)).toBe('not met');
  });

  it('follows the median when the rounds straddle the target but agree', () => {
    expect(shareVerdict(rounds(0.92, 0.97, 0.98), 0.95)).toBe('met');
    expect(shareVerdict(rounds(0.92, 0.93, 0.98), 0.95)).toBe('not met');
  });

  it('declines to judge rounds that straddle the target and lie far apart', () => {
    expect(shareVerdict(rounds(0.7, 1.0, 1.18), 0.95)).toBe('rounds too far apart to judge');
  });

  it('says so when nothing was measured', () => {
    expect(shareVerdict(rounds(NaN, NaN, NaN), 0.95)).toBe('not measured');
  });
});
