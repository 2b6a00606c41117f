/**
 * `pnpm schema:check`: fails when schema.graphql breaks the published contract
 * (schema.published.graphql) anywhere that was not deprecated first. See docs/versioning.md.
 * Two paths as arguments (published, current) compare other files, as the tests do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API_ROOT, compareSchemas, CURRENT_SCHEMA, PUBLISHED_SCHEMA } from './schema-contract';

const [publishedFile = PUBLISHED_SCHEMA, currentFile = CURRENT_SCHEMA] = process.argv.slice(2);
const shown = (file: string) => path.relative(path.join(API_ROOT, '../..'), path.resolve(file));
const report = compareSchemas(readFileSync(publishedFile, 'utf8'), readFileSync(currentFile, 'utf8'));

for (const description of report.deprecatedRemovals) console.log(`ok (was deprecated): ${description}`);
for (const description of report.dangerous) console.log(`note (not breaking; clients must tolerate it): ${description}`);
if (report.violations.length > 0) {
  console.error(`${shown(currentFile)} breaks the published contract ${shown(publishedFile)}:`);
  for (const description of report.violations) console.error(`  - ${description}`);
  console.error('Deprecate first (@deprecated(reason: "…")), release that, and remove it in a later major release.');
  process.exit(1);
}
console.log(`${shown(currentFile)} keeps the published contract (${shown(publishedFile)})`);
