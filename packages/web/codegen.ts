import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the API's committed SDL, generated into two places:
 * - `src/generated/graphql.ts`: the schema's enums and input types that the documents use, shared
 *   by every module. Enums are `const` objects; the bundler keeps only those read at run time.
 * - `<document>.generated.ts` beside each `.graphql` file: its documents and their result and
 *   variable types. A lazily loaded page then carries its own documents instead of the first load
 *   carrying every page's, so keep the documents a lazy page alone uses in a file of their own.
 * Paths are relative to the working directory, so the staleness test can run this in a copy.
 */
const shared = {
  // Enums as `const` objects with their union type: values the panel can list and key by
  // (ErrorCode, ErrorReason), without TS enums (fine under isolatedModules).
  enumType: 'const',
  // Enum values keep the schema's names: ErrorReason.CHALLENGE_ENDED, as the API spells it.
  namingConvention: { enumValues: 'keep' },
  useTypeImports: true,
  // The API serialises DateTimeISO as an ISO 8601 string.
  scalars: { DateTimeISO: 'string' },
  // The cache normalises by __typename + id, so data written by hand must carry it too.
  nonOptionalTypename: true,
};

const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations'],
      config: { ...shared, generateOperationTypes: false },
    },
    'src/': {
      preset: 'near-operation-file',
      presetConfig: { extension: '.generated.ts', baseTypesPath: 'generated/graphql.ts' },
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { ...shared, importSchemaTypesFrom: 'src/generated/graphql.ts' },
    },
  },
};

export default config;
