import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt } from './build';
import { holdRun, runEntryPoint } from './cleanup';
import { newEncryptionKey } from './latchkey';
import { describeMachine } from './machine';
import { optionsOrExit, positive, readOneRequestOption, UsageError, type OneRequestOptions } from './options';
import { table } from './report';
import { ChallengePool, load } from './rounds';
import { SETTINGS_USERS } from './scenarios';
import { SERVER_LABELS, SERVER_NAMES, startContender, startSeededLatchkey } from './servers';

/**
 * `pnpm bench:allocations`: what one request of S1 or S2 allocates in Latchkey (or a contender,
 * to see the gap), by package and by function. V8's sampling heap profiler runs in the server
 * (`allocation-sampler.cjs`), counting what garbage collection already took as well, over a few
 * seconds of load after a warm-up. Every allocation is work for the collector, and Latchkey's
 * young-generation collections are one of the ways it costs more than the plain Apollo server.
 */

const SAMPLER = path.join(__dirname, 'allocation-sampler.cjs');

export interface AllocationsOptions extends OneRequestOptions {
  seconds: number;
  warmup: number;
  connections: number;
  top: number;
}

const USAGE = `pnpm bench:allocations [-- options]   (about half a minute)
  --scenario S1|S2   the request (default S2)
  --server NAME      ${SERVER_NAMES.join(', ')} (default latchkey)
  --seconds N        seconds of load while sampling (default 5)
  --warmup N         unsampled seconds of load first (default 5)
  --connections N    concurrent connections (default 50)
  --top N            functions listed (default 25)`;

export function parseAllocationsOptions(argv: string[]): AllocationsOptions {
  const options: AllocationsOptions = { scenario: 'S2', server: 'latchkey', seconds: 5, warmup: 5, connections: 50, top: 25 };
  const args = argv.filter((arg) => arg !== '--');
  for (let i = 0; i < args.length; i += 2) {
    const [arg, value] = [args[i]!, args[i + 1]];
    if (readOneRequestOption(arg, value, options)) continue;
    switch (arg) {
      case '--seconds':
      case '--connections':
      case '--top':
        options[arg.slice(2) as 'seconds' | 'connections' | 'top'] = positive(arg, value);
        break;
      case '--warmup':
        options.warmup = positive(arg, value, 0);
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return options;
}

/** V8's sampling heap profile (the inspector's `SamplingHeapProfile`), as far as it is read here. */
export interface HeapProfile {
  head: HeapProfileNode;
  samples: { size: number; nodeId: number }[];
}
interface HeapProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children: HeapProfileNode[];
}

/** Who a script belongs to: a package by its name, Latchkey's build by its file, the bench's contenders by theirs. */
export function ownerOf(url: string): string {
  const inPackages = url.lastIndexOf('node_modules/');
  if (inPackages >= 0) {
    const [scope, name] = url.slice(inPackages + 'node_modules/'.length).split('/');
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  }
  const inBuild = url.indexOf('/packages/api/dist/');
  if (inBuild >= 0) return `Latchkey: ${url.slice(inBuild + '/packages/api/dist/'.length)}`;
  return path.basename(url.replace(/^file:\/\//, ''));
}

export interface Allocations {
  bytesPerRequest: number;
  /** Bytes a request by owner: native code and Node.js' own modules count for the script that called them. */
  byOwner: [string, number][];
  /** Bytes a request by the function that allocated, with its owner and line. */
  byFunction: [string, number][];
}

export function allocationsOf(profile: HeapProfile, requests: number): Allocations {
  const sampled = new Map<number, number>();
  for (const sample of profile.samples) sampled.set(sample.nodeId, (sampled.get(sample.nodeId) ?? 0) + sample.size);
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  const add = (map: Map<string, number>, key: string, bytes: number) => map.set(key, (map.get(key) ?? 0) + bytes);
  const walk = (node: HeapProfileNode, scriptCaller: string) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const ownScript = url !== '' && !url.startsWith('node:');
    const owner = ownScript ? ownerOf(url) : scriptCaller;
    const bytes = sampled.get(node.id) ?? 0;
    if (bytes > 0) {
      total += bytes;
      add(byOwner, owner, bytes);
      add(byFunction, `${functionName || '(anonymous)'} (${ownScript ? `${owner}:${lineNumber + 1}` : url || 'native'})`, bytes);
    }
    for (const child of node.children) walk(child, owner);
  };
  walk(profile.head, 'Node.js (called from no script)');
  const perRequest = (map: Map<string, number>): [string, number][] =>
    [...map].map(([key, bytes]): [string, number] => [key, bytes / requests]).sort((a, b) => b[1] - a[1]);
  return { bytesPerRequest: total / requests, byOwner: perRequest(byOwner), byFunction: perRequest(byFunction) };
}

export function allocationsReport(allocations: Allocations, top: number): string {
  const rows = (entries: [string, number][]) => entries.slice(0, top).map(([key, bytes]) => [key, (bytes / 1024).toFixed(1)]);
  return [
    `${(allocations.bytesPerRequest / 1024).toFixed(1)} kB allocated a request.`,
    '',
    table(['by package or file', 'kB a request'], rows(allocations.byOwner)),
    '',
    table(['by function', 'kB a request'], rows(allocations.byFunction)),
  ].join('\n');
}

async function untilWritten(file: string): Promise<void> {
  for (let waited = 0; !existsSync(file); waited += 100) {
    if (waited > 30_000) throw new Error(`the server wrote no allocation profile to ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  const options = optionsOrExit(() => parseAllocationsOptions(process.argv.slice(2)), USAGE);
  ensureBuilt(['api'], (line) => console.log(line));
  const machine = describeMachine();
  const run = holdRun('latchkey-allocations-');
  const { dir, started } = run;
  const out = path.join(dir, 'allocations.json');
  try {
    const encryptionKey = newEncryptionKey();
    const sampled = { nodeOptions: ['--require', SAMPLER], env: { BENCH_ALLOCATIONS_OUT: out } };
    // Latchkey makes and seeds the database; a contender serves the same one, as in `pnpm bench`.
    const latchkey = await startSeededLatchkey({
      dir,
      encryptionKey,
      cores: machine.pinning?.server,
      initialChallenges: 0,
      started,
      ...(options.server === 'latchkey' ? sampled : {}),
    });
    let server = latchkey.server;
    if (options.server !== 'latchkey') {
      server = await startContender(options.server, {
        dir,
        databasePath: latchkey.databasePath,
        encryptionKey,
        cores: machine.pinning?.server,
        ...sampled,
      });
      started.push(server);
    }
    const plan = {
      scenario: options.scenario,
      server,
      connections: options.connections,
      users: SETTINGS_USERS,
      pool: new ChallengePool((to) => latchkey.seedChallengesUpTo(to), 5_000),
      loadCores: machine.pinning?.load,
    };
    console.log(
      `${SERVER_LABELS[options.server]}, ${options.scenario}: ${options.warmup} s of warm-up, then ${options.seconds} s sampled…`,
    );
    if (options.warmup > 0) await load({ ...plan, seconds: options.warmup });
    process.kill(server.pid, 'SIGUSR2');
    const result = await load({ ...plan, seconds: options.seconds });
    process.kill(server.pid, 'SIGUSR2');
    await untilWritten(out);
    const errors = result.non2xx + result.socketErrors + result.graphqlErrors;
    if (errors > 0) throw new Error(`${errors} requests failed while sampling: ${result.firstError ?? ''}`);
    const profile = JSON.parse(readFileSync(out, 'utf8')) as HeapProfile | { error: string };
    if ('error' in profile) throw new Error(`the sampling heap profiler failed: ${profile.error}`);
    console.log(`\n${result.requests} requests sampled.\n${allocationsReport(allocationsOf(profile, result.requests), options.top)}`);
  } finally {
    await run.release();
  }
}

if (require.main === module) runEntryPoint(main);
