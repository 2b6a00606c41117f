import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { renderSchema } from '../src/graphql/print-schema';
import { buildLatchkeySchema } from '../src/graphql/schema';
import { RESOLVER_CLASSES } from '../src/composition-root';

describe('the published schema', () => {
  it('matches packages/api/schema.graphql (run `pnpm schema` when this fails)', async () => {
    const committed = readFileSync(path.join(__dirname, '../schema.graphql'), 'utf8');
    expect(committed).toBe(await renderSchema(RESOLVER_CLASSES));
  });

  it('describes every type, field and argument', async () => {
    const schema = buildSchema(await renderSchema(RESOLVER_CLASSES));
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Boolean', 'ID', 'Int', 'Float'].includes(type.name)) continue;
      const isRoot = type.name === 'Query' || type.name === 'Mutation';
      if (!type.description && !isRoot) missing.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('builds without errors', async () => {
    expect((await buildLatchkeySchema(RESOLVER_CLASSES)).getQueryType()?.getFields().me).toBeDefined();
  });
});
