import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the API's committed SDL, as an integrator would generate them from the
 * published schema. `CODEGEN_OUT_DIR` lets the staleness test generate into a temp dir.
 */
const outDir = process.env.CODEGEN_OUT_DIR ?? './src/generated/';

const config: CodegenConfig = {
  schema: '../../packages/api/schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [outDir]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Each operation becomes a typed string: plain fetch can send it, no GraphQL runtime needed.
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        // The API serialises DateTimeISO as an ISO 8601 string.
        scalars: { DateTimeISO: 'string' },
      },
    },
  },
};

export default config;
