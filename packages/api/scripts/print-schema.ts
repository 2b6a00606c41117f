/** Writes the GraphQL SDL that the code defines to packages/api/schema.graphql (committed; a test checks it). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { RESOLVER_CLASSES } from '../src/composition-root';
import { renderSchema } from '../src/graphql/print-schema';

async function main(): Promise<void> {
  const file = path.join(__dirname, '../schema.graphql');
  writeFileSync(file, await renderSchema(RESOLVER_CLASSES));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
