import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const API_ROOT = path.join(__dirname, '../..');

/**
 * How long a test that starts a process per step may take. Such a step costs about a second on a
 * quiet machine, and ten times that on a slow machine whose two cores are shared with the rest of
 * the suite (a ten-step test took over two minutes there).
 */
export const PROCESS_TEST_TIMEOUT_MS = 300_000;

/**
 * `node --require` this, and the process runs this package's TypeScript, compiled through the tests'
 * cache: a command takes about a third of the CPU it took under tsx's loader.
 */
export const TYPESCRIPT_LOADER = path.join(__dirname, 'require-typescript.cjs');

/** Node running one of this package's TypeScript files. */
export function typeScriptProcess(file: string): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--require', TYPESCRIPT_LOADER, file] };
}

/** One of src/'s entry points, the way the API process starts too. */
export const sourceEntry = (entry: 'main' | 'cli') => typeScriptProcess(path.join(API_ROOT, `src/${entry}.ts`));

export interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an entry point to its end, in a folder of its own, quiet unless `env` says otherwise. */
export function runSourceEntry(entry: 'main' | 'cli', args: string[], env: Record<string, string>, input?: string): Finished {
  const { command, args: entryArgs } = sourceEntry(entry);
  const result = spawnSync(command, [...entryArgs, ...args], {
    cwd: mkdtempSync(path.join(tmpdir(), 'latchkey-cwd-')),
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
