import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSchema, isObjectType, isUnionType } from 'graphql';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { createScratchPostgres, type ScratchDatabase } from './support/postgres';
import { TEST_DATABASE } from './support/test-app';

/**
 * The integrator docs run as written: every `sh` block of docs/getting-started.md in order in one
 * bash session, the README's curl example, and the TypeScript example, against a server of their
 * own (as its own process, on this run's database). The guide waits for fresh TOTP codes like a
 * person would, so the walks take up to two minutes; the curl and TypeScript walks run side by side.
 */
const ROOT = path.join(__dirname, '../../..');
const GUIDE = path.join(ROOT, 'docs/getting-started.md');
const EXAMPLE = path.join(ROOT, 'examples/typescript');
/** Four fresh TOTP codes in the guide: up to 90 s of waiting for the app to turn over, and the work. */
const WALK_TIMEOUT_MS = 180_000;

interface Run {
  status: number | null;
  output: string;
}

/** Fenced blocks of one language in a Markdown file, with the line each starts on. */
function fencedBlocks(file: string, language: string): Array<{ line: number; code: string }> {
  const blocks: Array<{ line: number; code: string }> = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```' + language) continue;
    const end = lines.indexOf('```', i + 1);
    blocks.push({ line: i + 1, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** Runs a command to its end (killed after the timeout); stdout and stderr together. */
function run(command: string, args: string[], options: { cwd: string; env: Record<string, string>; input?: string }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), WALK_TIMEOUT_MS);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The guide's sh blocks as one bash script that names the block a failure happened in. */
function guideScript(): string {
  const blocks = fencedBlocks(GUIDE, 'sh');
  const parts = blocks.map(({ line, code }) => `GUIDE_BLOCK=${line}\n${code}\n`);
  return [
    'set -Eeuo pipefail',
    `trap 'echo "failed in the sh block at line $GUIDE_BLOCK of docs/getting-started.md" >&2' ERR`,
    ...parts,
  ].join('\n');
}

function readTree(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files.map((entry) => [
      path.relative(dir, path.join(entry.parentPath, entry.name)),
      readFileSync(path.join(entry.parentPath, entry.name), 'utf8'),
    ]),
  );
}

describe('the integrator docs, run against a server', () => {
  let api: ApiProcess;
  let postgres: ScratchDatabase | undefined;
  let dataDir: string;
  let home: string;
  let guide: Promise<Run>;
  let example: Promise<Run>;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-docs-'));
    if (TEST_DATABASE === 'postgres') postgres = await createScratchPostgres('docs');
    api = await startApiProcess({
      DATA_DIR: dataDir,
      WEB_DIST_DIR: path.join(dataDir, 'no-panel'),
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    });
    const endpoint = `${api.url}/graphql`;
    home = mkdtempSync(path.join(tmpdir(), 'latchkey-docs-home-'));
    // Started together: each spends most of its time waiting for the next TOTP code.
    guide = run('bash', [], {
      cwd: ROOT,
      env: { PATH: process.env.PATH!, HOME: home, API: endpoint, EMAIL: 'guide@example.com' },
      input: guideScript(),
    });
    example = run(path.join(EXAMPLE, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: EXAMPLE,
      env: { PATH: process.env.PATH!, HOME: home, API: endpoint, EMAIL: 'example@example.com' },
    });
  }, 60_000);

  afterAll(async () => {
    // Both walks end before the server does, whatever a failed test left behind.
    await Promise.allSettled([guide, example]);
    await api?.stop();
    await postgres?.drop();
    for (const dir of [dataDir, home]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'runs every sh block of docs/getting-started.md in order, with the answers it shows',
    async () => {
      const { status, output } = await guide;
      expect({ status, output }).toMatchObject({ status: 0 });
      expect(output).toContain('Code successfully verified. 2FA method will be set to TOTP');
      expect(output).toContain('"__typename":"TwoFactorChallenge"');
      expect(output).toContain('recovery codes left: 9');
      expect(output).toMatch(/^\[\{"node":\{"type":"API_TOKEN_CREATED"/m);
      expect(output).toContain('"reason":"TOKEN_SCOPE"');
      expect(output).toContain('Your 2FA settings have been successfully deleted.');
      expect(output).toContain('"reason":"API_TOKEN_ENDED"');
      expect(output).toMatch(/^AuthPayload\nguide@example\.com$/m);
    },
    WALK_TIMEOUT_MS,
  );

  it(
    'runs the TypeScript example (examples/typescript) from register to disable',
    async () => {
      const { status, output } = await example;
      expect({ status, output }).toMatchObject({ status: 0 });
      expect(output).toContain('refused: INVALID_CODE');
      expect(output).toContain('9 recovery codes left');
      expect(output).toMatch(/the script read \d+ security log entries/);
      expect(output).toContain('a token only reads: FORBIDDEN (TOKEN_SCOPE), HTTP 403');
      expect(output).toContain('Your 2FA settings have been successfully deleted.');
      expect(output).toContain('the token ended with 2FA: API_TOKEN_ENDED');
    },
    WALK_TIMEOUT_MS,
  );

  it('runs the curl example of the README: a session only from an AuthPayload', async () => {
    const [block] = fencedBlocks(path.join(ROOT, 'README.md'), 'sh').filter(({ code }) => code.includes('__typename'));
    const readme = await run('bash', ['-euo', 'pipefail'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH!, API: `${api.url}/graphql` },
      input: block!.code,
    });
    expect({ status: readme.status, output: readme.output }).toMatchObject({ status: 0 });
    expect(readme.output).toContain('{"data":{"me":{"email":"ann@example.com","role":"CUSTOMER"}}}');
    expect(readme.output).toContain('{"data":{"logout":true}}');
  });
});

describe('the TypeScript in the docs', () => {
  it('is quoted verbatim from examples/typescript/src', () => {
    const sources = [...readTree(path.join(EXAMPLE, 'src'))].filter(([name]) => name.endsWith('.ts')).map(([, text]) => text);
    const quoted = fencedBlocks(GUIDE, 'ts');
    expect(quoted.length).toBeGreaterThan(0);
    const drifted = quoted.filter(({ code }) => !sources.some((source) => source.includes(code))).map(({ line }) => `line ${line}`);
    expect(drifted).toEqual([]);
  });

  it('has generated operations up to date with packages/api/schema.graphql (if not, run `pnpm schema`)', () => {
    const freshDir = mkdtempSync(path.join(tmpdir(), 'latchkey-example-codegen-'));
    try {
      const codegen = path.join(path.dirname(require.resolve('@graphql-codegen/cli/package.json', { paths: [EXAMPLE] })), 'esm/bin.js');
      const result = spawnSync(process.execPath, [codegen, '--config', 'codegen.ts'], {
        cwd: EXAMPLE,
        env: { ...process.env, CODEGEN_OUT_DIR: `${freshDir}/` },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect({ status: result.status, output: result.stderr }).toMatchObject({ status: 0 });
      const committed = readTree(path.join(EXAMPLE, 'src/generated'));
      const fresh = readTree(freshDir);
      expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
      expect([...fresh].filter(([name, text]) => committed.get(name) !== text).map(([name]) => name)).toEqual([]);
    } finally {
      rmSync(freshDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('docs/apollo-client.md', () => {
  const schema = buildSchema(readFileSync(path.join(ROOT, 'packages/api/schema.graphql'), 'utf8'));
  const [cacheBlock] = fencedBlocks(path.join(ROOT, 'docs/apollo-client.md'), 'ts');
  const section = (name: string) => {
    const start = cacheBlock!.code.indexOf(`  ${name}: {`);
    return cacheBlock!.code.slice(start, cacheBlock!.code.indexOf('\n  },', start));
  };

  it('lists every union of the schema with its members in possibleTypes', () => {
    const documented = Object.fromEntries(
      [...section('possibleTypes').matchAll(/^ {4}(\w+): \[([^\]]*)\],$/gm)].map((m) => [
        m[1],
        [...m[2]!.matchAll(/'(\w+)'/g)].map((n) => n[1]),
      ]),
    );
    const unions = Object.values(schema.getTypeMap()).filter(isUnionType);
    expect(documented).toEqual(Object.fromEntries(unions.map((union) => [union.name, union.getTypes().map((member) => member.name)])));
  });

  it('gives keyFields only to types without an id, naming fields they have', () => {
    const policies = [...section('typePolicies').matchAll(/^ {4}(\w+): \{(?: keyFields: \[([^\]]*)\])?/gm)];
    expect(policies.length).toBeGreaterThan(0);
    for (const [, name, keyFields] of policies) {
      const type = schema.getType(name!);
      expect(isObjectType(type) ? type.name : `${name} is not an object type`).toBe(name);
      const fields = isObjectType(type) ? type.getFields() : {};
      expect(fields.id).toBeUndefined();
      for (const [, field] of (keyFields ?? '').matchAll(/'(\w+)'/g)) expect(Object.keys(fields)).toContain(field);
    }
  });
});
