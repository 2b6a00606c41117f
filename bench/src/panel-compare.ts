import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt } from './build';
import { holdRun, runEntryPoint } from './cleanup';
import { REPO_ROOT } from './latchkey';
import { launchChromium, measurePage, PAGES, startPanelSite, type Page, type PageRun } from './lighthouse';
import { describeMachine } from './machine';
import { optionsOrExit, positive, UsageError } from './options';
import { formatSpread, spread, table } from './report';
import type { ServerProcess } from './server-process';

/**
 * `pnpm bench:panel -- --baseline <build>`: is the panel faster? Lighthouse on one page of two
 * builds of the panel, `pnpm build`'s and a copy of an earlier one, each served by Latchkey in
 * production mode, in turns: A then B, then B then A. A page's score moves by several points from
 * one run to the next with what the machine does, so two builds are only compared run beside run.
 */

const BUILDS = ['baseline', 'current'] as const;
type Build = (typeof BUILDS)[number];

const CURRENT_DIR = path.join(REPO_ROOT, 'packages/web/dist');

export interface PanelCompareOptions {
  baseline: string;
  page: Page;
  runs: number;
}

const USAGE = `pnpm bench:panel -- --baseline <build> [options]
  --baseline DIR     an earlier build of the panel: a copy of packages/web/dist (required)
  --page PATH        the page: ${PAGES.map((p) => p.path).join(' or ')} (default /settings/2fa)
  --runs N           Lighthouse runs of each build (default 7)`;

export function parsePanelCompareOptions(argv: string[]): PanelCompareOptions {
  let baseline: string | undefined;
  let page: Page = PAGES.find((p) => p.path === '/settings/2fa')!;
  let runs = 7;
  // pnpm passes a `--` through to the script: it separates nothing here.
  const args = argv.filter((arg) => arg !== '--');
  for (let i = 0; i < args.length; i += 2) {
    const [arg, value] = [args[i]!, args[i + 1]];
    switch (arg) {
      case '--baseline':
        // pnpm runs the script in bench/: a relative path is read from where the command was typed.
        baseline = path.resolve(process.env.INIT_CWD ?? process.cwd(), value ?? '');
        break;
      case '--page': {
        const found = PAGES.find((p) => p.path === value);
        if (!found) throw new UsageError(`${arg}: no page ${value ?? ''} (there are ${PAGES.map((p) => p.path).join(', ')})`);
        page = found;
        break;
      }
      case '--runs':
        runs = positive(arg, value);
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (!baseline) throw new UsageError('--baseline is required');
  if (!existsSync(path.join(baseline, 'index.html')))
    throw new UsageError(`${baseline} holds no index.html: it is not a build of the panel`);
  return { baseline, page, runs };
}

/** Each build's runs, as medians with the runs' min–max. */
export function panelComparison(runs: Record<Build, PageRun[]>): string {
  const row = (build: Build) => {
    const of = (value: (run: PageRun) => number) => spread(runs[build].map(value));
    return [
      build,
      formatSpread(of((r) => r.performance ?? NaN)),
      formatSpread(
        of((r) => r.fcpMs / 1000),
        2,
      ),
      formatSpread(
        of((r) => r.lcpMs / 1000),
        2,
      ),
      formatSpread(of((r) => r.tbtMs)),
      String(Math.min(...runs[build].map((r) => r.accessibility))),
    ];
  };
  return table(['build', 'performance', 'FCP s', 'LCP s', 'TBT ms', 'accessibility (lowest)'], BUILDS.map(row));
}

async function main(): Promise<void> {
  const options = optionsOrExit(() => parsePanelCompareOptions(process.argv.slice(2)), USAGE);
  // The API serves both panels; a build older than its sources would measure code that is gone.
  ensureBuilt(['api', 'web'], (line) => console.log(line));
  const machine = describeMachine();
  const run = holdRun('latchkey-panel-compare-');
  let chrome: Awaited<ReturnType<typeof launchChromium>> | undefined;
  run.alsoStop(() => chrome?.kill());
  const runs: Record<Build, PageRun[]> = { baseline: [], current: [] };
  try {
    const start = async (build: Build, webDistDir: string) => {
      const own = path.join(run.dir, build);
      mkdirSync(own);
      const server = await startPanelSite({ dir: own, cores: machine.pinning?.server, webDistDir, name: build });
      run.started.push(server);
      return server;
    };
    console.log(
      `${options.page.path}: the baseline (${path.relative(REPO_ROOT, options.baseline)}) and the current build (packages/web/dist)…`,
    );
    const sites: Record<Build, ServerProcess> = {
      baseline: await start('baseline', options.baseline),
      current: await start('current', CURRENT_DIR),
    };
    chrome = await launchChromium();
    for (let run = 1; run <= options.runs; run++) {
      // Each build goes first in every other run, so that neither always follows the other.
      for (const build of run % 2 === 1 ? BUILDS : [...BUILDS].reverse()) {
        const result = await measurePage(chrome.port, sites[build].url, options.page);
        runs[build].push(result);
        console.log(
          `run ${run} ${build.padEnd(8)} performance ${String(result.performance).padStart(3)}  ` +
            `FCP ${(result.fcpMs / 1000).toFixed(2)} s  LCP ${(result.lcpMs / 1000).toFixed(2)} s  TBT ${result.tbtMs.toFixed(0)} ms`,
        );
      }
    }
  } finally {
    await run.release();
  }
  console.log(`\n${panelComparison(runs)}`);
}

if (require.main === module) runEntryPoint(main);
