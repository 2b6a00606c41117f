import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceFiles } from './support/source-files';

const SRC = path.join(__dirname, '../src');

/**
 * The layers every feature builds on. They know nothing of the features: the modules import them,
 * never the other way round, and only the composition root (with app.ts, cli.ts and main.ts
 * above it) puts the two together.
 */
const LOWER_LAYERS = ['db', 'http', 'graphql', 'limits', 'delivery', 'observability', 'errors', 'shared'];
const ABOVE_THE_LAYERS = [/^modules\//, /^composition-root\.ts$/, /^app\.ts$/, /^cli\.ts$/, /^main\.ts$/];

/** Every module a file names: static imports and re-exports (type-only too), dynamic imports and requires. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

function importsOf(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((match) => match[1]!);
}

/** The file a relative specifier names, relative to src/ ('' for packages). */
function resolved(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return '';
  const target = path.relative(SRC, path.resolve(path.dirname(file), specifier));
  return target.endsWith('.ts') ? target : `${target}.ts`;
}

describe('the layers', () => {
  it('db/, http/, graphql/, limits/, delivery/, observability/, errors/ and shared/ import nothing from the modules or the root', () => {
    const offenders = LOWER_LAYERS.flatMap((layer) => sourceFiles(path.join(SRC, layer))).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .map((specifier) => ({ specifier, target: resolved(file, specifier).split(path.sep).join('/') }))
        .filter(({ target }) => ABOVE_THE_LAYERS.some((above) => above.test(target)))
        .map(({ specifier }) => `${path.relative(SRC, file)}: ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the scan finds what it looks for', () => {
    const source = [
      "import type { UserEntity } from '../modules/auth/entities/user.entity';",
      "import { a,\n  b } from '../modules/x';",
      "export { ENTITIES } from '../composition-root';",
      "const later = await import('../modules/y');",
      "import '../modules/z';",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      '../modules/auth/entities/user.entity',
      '../modules/x',
      '../composition-root',
      '../modules/y',
      '../modules/z',
    ]);
    const file = path.join(SRC, 'graphql/context.ts');
    expect(resolved(file, '../modules/auth/role')).toBe(path.join('modules', 'auth', 'role.ts'));
    expect(resolved(file, './schema')).toBe(path.join('graphql', 'schema.ts'));
    expect(resolved(file, 'typeorm')).toBe('');
  });
});
