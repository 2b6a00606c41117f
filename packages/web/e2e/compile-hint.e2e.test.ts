import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const DIST = path.resolve(__dirname, '../dist');
const HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * The build that globalSetup made asks V8 to compile the first load's script while it downloads,
 * in each copy the API may serve, and leaves the screens loaded later to V8's own choice.
 */
it('starts the first load with the compile hint, and only the first load', () => {
  const entry = /<script type="module" crossorigin src="\/(assets\/index-[\w-]+\.js)">/.exec(
    readFileSync(path.join(DIST, 'index.html'), 'utf8'),
  )?.[1];
  expect(entry).toBeDefined();
  const file = path.join(DIST, entry!);
  expect(readFileSync(file, 'utf8').startsWith(HINT)).toBe(true);
  expect(
    gunzipSync(readFileSync(`${file}.gz`))
      .toString('utf8')
      .startsWith(HINT),
  ).toBe(true);
  expect(
    brotliDecompressSync(readFileSync(`${file}.br`))
      .toString('utf8')
      .startsWith(HINT),
  ).toBe(true);

  const later = readdirSync(path.join(DIST, 'assets')).filter((name) => name.endsWith('.js') && `assets/${name}` !== entry);
  expect(later.length).toBeGreaterThan(0);
  for (const name of later) expect(readFileSync(path.join(DIST, 'assets', name), 'utf8')).not.toContain('allFunctionsCalledOnLoad');
});
