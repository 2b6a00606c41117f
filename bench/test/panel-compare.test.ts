import path from 'node:path';
import { REPO_ROOT } from '../src/latchkey';
import type { PageRun } from '../src/lighthouse';
import { panelComparison, parsePanelCompareOptions } from '../src/panel-compare';

/** `pnpm bench:panel`: what it accepts as a baseline and a page, and how it sums up the runs. */

const PANEL_BUILD = path.join(REPO_ROOT, 'packages/web/dist');

describe('the options of a panel comparison', () => {
  it('needs a build of the panel as the baseline, and one of the pages the bench measures', () => {
    expect(() => parsePanelCompareOptions([])).toThrow('--baseline is required');
    expect(() => parsePanelCompareOptions(['--baseline', path.join(REPO_ROOT, 'packages/web/src')])).toThrow('holds no index.html');
    expect(() => parsePanelCompareOptions(['--baseline', PANEL_BUILD, '--page', '/account'])).toThrow(
      'no page /account (there are /signin, /settings/2fa)',
    );
    expect(() => parsePanelCompareOptions(['--baseline', PANEL_BUILD, '--runs', '0'])).toThrow('--runs needs a whole number of at least 1');
    expect(parsePanelCompareOptions(['--', '--baseline', PANEL_BUILD])).toMatchObject({
      baseline: PANEL_BUILD,
      page: { path: '/settings/2fa', signedIn: true },
      runs: 7,
    });
    expect(parsePanelCompareOptions(['--baseline', PANEL_BUILD, '--page', '/signin', '--runs', '3'])).toMatchObject({
      page: { path: '/signin', signedIn: false },
      runs: 3,
    });
  });
});

describe('the comparison of the runs', () => {
  const run = (performance: number, tbtMs: number, accessibility = 100): PageRun => ({
    performance,
    accessibility,
    fcpMs: 1600,
    lcpMs: 2400,
    tbtMs,
    cls: 0,
  });

  it('gives each build its median and the spread of its runs, and its lowest accessibility', () => {
    const text = panelComparison({
      baseline: [run(90, 300), run(84, 460), run(92, 280)],
      current: [run(96, 130, 98), run(98, 50), run(93, 210)],
    });

    expect(text.split('\n')).toEqual([
      '| build | performance | FCP s | LCP s | TBT ms | accessibility (lowest) |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| baseline | 90 (84–92) | 1.60 | 2.40 | 300 (280–460) | 100 |',
      '| current | 96 (93–98) | 1.60 | 2.40 | 130 (50–210) | 98 |',
    ]);
  });
});
