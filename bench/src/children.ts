import { spawn } from 'node:child_process';
import path from 'node:path';
import { pinned } from './machine';

/** Node's arguments that run one of the bench's TypeScript files (tsx's loader, no build step). */
export const tsNodeArgs = (file: string, ...args: string[]) => [
  '--require',
  require.resolve('tsx/cjs'),
  path.join(__dirname, file),
  ...args,
];

/**
 * Runs one of the bench's files as a process of its own (on `cores` when pinned, with `env` added to
 * the bench's environment) and answers the JSON of the last line it printed. Bounded in time:
 * killed after `timeoutMs`.
 */
export function runChild<T>(
  file: string,
  args: string[],
  options: { cores?: string; timeoutMs: number; env?: Record<string, string> },
): Promise<T> {
  const [command, commandArgs] = pinned(options.cores, process.execPath, tsNodeArgs(file, ...args));
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (status !== 0) return reject(new Error(`${file} failed (${status}): ${err || out}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${file} printed no result: ${out}${err}`));
      }
    });
  });
}
