import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * SECURITY.md maps each control to the requirements it meets and the tests that show it. This holds
 * the map to the tree: every test file it names exists, and each requirement of a row is named in
 * the title of at least one test of that row (titles start with the ids they prove).
 */
const ROOT = path.join(__dirname, '../../../..');
const API = path.join(ROOT, 'packages/api');

interface Row {
  control: string;
  asvs4: string[];
  asvs5: string[];
  nist: string[];
  wstg: string[];
  files: string[];
}

function controlRows(): Row[] {
  const lines = readFileSync(path.join(ROOT, 'SECURITY.md'), 'utf8').split('\n');
  const header = lines.findIndex((l) => l.startsWith('| Control |'));
  const rows: Row[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split(' | ').map((c) => c.replace(/^\| ?| ?\|$/g, '').trim());
    const ids = (cell: string) => (cell === '—' ? [] : cell.split(', '));
    rows.push({
      control: cells[0]!.slice(0, 60),
      asvs4: ids(cells[1]!),
      asvs5: ids(cells[2]!),
      nist: ids(cells[3]!),
      wstg: ids(cells[4]!),
      files: [...cells[5]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
    });
  }
  return rows;
}

const escape = (id: string) => id.replace(/\./g, '\\.');

describe('SECURITY.md and the tests it names', () => {
  const rows = controlRows();

  it('lists the controls, each with requirements and test files that exist', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const row of rows) {
      expect({ control: row.control, files: row.files.length > 0 }).toEqual({ control: row.control, files: true });
      for (const file of row.files) expect({ file, exists: existsSync(path.join(API, file)) }).toEqual({ file, exists: true });
    }
  });

  it.each(rows.map((row) => [row.control, row] as const))('%s…: its tests are named after its requirements', (_control, row) => {
    const text = row.files.map((file) => readFileSync(path.join(API, file), 'utf8')).join('\n');
    const missing = [
      ...row.asvs4.filter((id) => !new RegExp(`ASVS (V[\\d.]+, )*${escape(id)}\\b`).test(text)).map((id) => `ASVS 4.0.3 ${id}`),
      ...row.asvs5.filter((id) => !new RegExp(`5\\.0 (V[\\d.]+, )*${escape(id)}\\b`).test(text)).map((id) => `ASVS 5.0 ${id}`),
      ...row.nist.filter((id) => !text.includes(`800-63B ${id}`)).map((id) => `800-63B ${id}`),
      ...row.wstg.filter((id) => !text.includes(id)),
    ];
    expect(missing).toEqual([]);
  });

  it('names every file of the security suite', () => {
    const named = new Set(rows.flatMap((row) => row.files));
    const suite = readdirSync(path.join(API, 'test/security'))
      .filter((file) => file.endsWith('.test.ts') && file !== 'security-md.no-db.test.ts')
      .map((file) => `test/security/${file}`);
    expect(suite.filter((file) => !named.has(file))).toEqual([]);
  });
});
