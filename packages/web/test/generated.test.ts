/** @jest-environment node */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The typed operations are committed: src/generated/graphql.ts (shared enums and inputs) and a
 * `.generated.ts` module beside each `.graphql` document. This copies codegen.ts, the documents
 * and ../api/schema.graphql into a temp tree laid out like the repository, regenerates there and
 * fails, naming the files, when the committed copy differs.
 */
const PACKAGE_DIR = path.resolve(__dirname, '..');
const SRC_DIR = path.join(PACKAGE_DIR, 'src');
const CODEGEN_BIN = path.join(path.dirname(require.resolve('@graphql-codegen/cli/package.json')), 'esm/bin.js');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** What codegen writes, by path relative to src/, with its text. */
function generatedFiles(srcDir: string): Map<string, string> {
  const names = filesUnder(srcDir).filter((name) => name.startsWith(`generated${path.sep}`) || name.endsWith('.generated.ts'));
  return new Map(names.map((name) => [name, readFileSync(path.join(srcDir, name), 'utf8')]));
}

describe('generated GraphQL types', () => {
  let freshRoot: string;
  let freshSrc: string;

  beforeAll(() => {
    freshRoot = mkdtempSync(path.join(tmpdir(), 'latchkey-codegen-'));
    const freshPackage = path.join(freshRoot, 'web');
    freshSrc = path.join(freshPackage, 'src');
    mkdirSync(path.join(freshRoot, 'api'));
    cpSync(path.join(PACKAGE_DIR, '../api/schema.graphql'), path.join(freshRoot, 'api/schema.graphql'));
    for (const name of filesUnder(SRC_DIR).filter((file) => file.endsWith('.graphql'))) {
      cpSync(path.join(SRC_DIR, name), path.join(freshSrc, name));
    }
    cpSync(path.join(PACKAGE_DIR, 'codegen.ts'), path.join(freshPackage, 'codegen.ts'));
    symlinkSync(path.join(PACKAGE_DIR, 'node_modules'), path.join(freshPackage, 'node_modules'));
    const run = spawnSync(process.execPath, [CODEGEN_BIN, '--config', 'codegen.ts'], {
      cwd: freshPackage,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`codegen failed:\n${run.stdout}\n${run.stderr}`);
  }, 60_000);

  afterAll(() => rmSync(freshRoot, { recursive: true, force: true }));

  it('are up to date with ../api/schema.graphql and the documents (if not, run `pnpm codegen`)', () => {
    const committed = generatedFiles(SRC_DIR);
    const fresh = generatedFiles(freshSrc);

    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    const staleFiles = [...fresh].filter(([name, text]) => committed.get(name) !== text).map(([name]) => name);
    expect(staleFiles).toEqual([]);
  });
});
