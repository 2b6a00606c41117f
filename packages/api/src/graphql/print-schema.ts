import { lexicographicSortSchema, printSchema } from 'graphql';
import type { ResolverClass } from './context';
import { buildLatchkeySchema } from './schema';

export const SCHEMA_HEADER =
  '# Generated from the code by `pnpm --filter @latchkey/api schema`. Do not edit; a test fails when it is stale.\n\n';

/** The SDL as committed: sorted, so that moving code around does not reorder it. */
export async function renderSchema(resolvers: readonly ResolverClass[]): Promise<string> {
  return SCHEMA_HEADER + printSchema(lexicographicSortSchema(await buildLatchkeySchema(resolvers))) + '\n';
}
