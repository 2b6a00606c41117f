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
 * Node running one of this package's TypeScript files with tsx's loader. Half the CPU of the tsx
 * command, which starts a second Node process to run the first.
 */
export function typeScriptProcess(file: string): { command: string; args: string[]; env: Record<string, string> } {
  return {
    command: process.execPath,
    // Resolved here: a bare name would be looked up from the child's working folder.
    args: ['--require', require.resolve('tsx/cjs'), file],
    env: { TSX_TSCONFIG_PATH: path.join(API_ROOT, 'tsconfig.json') },
  };
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
  const { command, args: entryArgs, env: loaderEnv } = sourceEntry(entry);
  const result = spawnSync(command, [...entryArgs, ...args], {
    cwd: mkdtempSync(path.join(tmpdir(), 'latchkey-cwd-')),
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...loaderEnv, ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
