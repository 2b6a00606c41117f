/** @jest-environment node */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The typed operations in src/generated are committed. This regenerates them from
 * ../api/schema.graphql and the .graphql documents into a temp dir (codegen.ts reads
 * CODEGEN_OUT_DIR) and fails, naming the files, when the committed copy differs.
 */
const PACKAGE_DIR = path.resolve(__dirname, '..');
const COMMITTED_DIR = path.join(PACKAGE_DIR, 'src/generated');
const CODEGEN_BIN = path.join(path.dirname(require.resolve('@graphql-codegen/cli/package.json')), 'esm/bin.js');

function readTree(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files.map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(dir, file), readFileSync(file, 'utf8')];
    }),
  );
}

describe('generated GraphQL types', () => {
  let freshDir: string;

  beforeAll(() => {
    freshDir = mkdtempSync(path.join(tmpdir(), 'latchkey-codegen-'));
    const run = spawnSync(process.execPath, [CODEGEN_BIN, '--config', 'codegen.ts'], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, CODEGEN_OUT_DIR: `${freshDir}/` },
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`codegen failed:\n${run.stdout}\n${run.stderr}`);
  }, 60_000);

  afterAll(() => rmSync(freshDir, { recursive: true, force: true }));

  it('are up to date with ../api/schema.graphql (if not, run `pnpm codegen`)', () => {
    const committed = readTree(COMMITTED_DIR);
    const fresh = readTree(freshDir);

    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    const staleFiles = [...fresh].filter(([name, text]) => committed.get(name) !== text).map(([name]) => name);
    expect(staleFiles).toEqual([]);
  });
});
