/** `pnpm schema:publish`, at a release: the current schema becomes the contract later changes are checked against. */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { CURRENT_SCHEMA, PUBLISHED_SCHEMA } from './schema-contract';

copyFileSync(CURRENT_SCHEMA, PUBLISHED_SCHEMA);
console.log(`copied ${path.relative(process.cwd(), CURRENT_SCHEMA)} to ${path.relative(process.cwd(), PUBLISHED_SCHEMA)}`);
