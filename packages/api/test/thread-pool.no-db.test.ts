import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { TYPESCRIPT_LOADER } from './support/source-process';

const API_ROOT = path.join(__dirname, '..');

/** UV_THREADPOOL_SIZE as the server's first module leaves it, in a process on `cores` (taskset) with `env`. */
function poolSizeSeen(env: Record<string, string>, cores?: string): string {
  const node = [
    process.execPath,
    '--require',
    TYPESCRIPT_LOADER,
    '-e',
    "require('./src/thread-pool'); process.stdout.write(process.env.UV_THREADPOOL_SIZE)",
  ];
  const [command, ...args] = cores ? ['taskset', '-c', cores, ...node] : node;
  const run = spawnSync(command!, args, { cwd: API_ROOT, env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

describe("the server's thread pool", () => {
  it('has two threads on one core: argon2 gains nothing from more, and each would keep a 19 MiB block', () => {
    expect(poolSizeSeen({}, '0')).toBe('2');
  });

  it('has a thread per core, up to libuv’s own four', () => {
    expect(poolSizeSeen({})).toBe(String(Math.min(4, Math.max(2, availableParallelism()))));
  });

  it('keeps the size an operator set', () => {
    expect(poolSizeSeen({ UV_THREADPOOL_SIZE: '8' }, '0')).toBe('8');
  });
});
