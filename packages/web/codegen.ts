import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the API's committed SDL. `CODEGEN_OUT_DIR` exists only so the staleness
 * test can generate into a temp dir and compare with the committed `src/generated/`.
 */
const outDir = process.env.CODEGEN_OUT_DIR ?? './src/generated/';

const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [outDir]: {
      preset: 'client',
      presetConfig: {
        // Components receive whole query results; masking would add indirection with no gain yet.
        fragmentMasking: false,
      },
      config: {
        // String unions instead of TS enums: no runtime code and fine under isolatedModules.
        enumsAsTypes: true,
        useTypeImports: true,
        // The API serialises DateTimeISO as an ISO 8601 string.
        scalars: { DateTimeISO: 'string' },
        // The cache normalises by __typename + id, so data written by hand must carry it too.
        nonOptionalTypename: true,
      },
    },
  },
};

export default config;
