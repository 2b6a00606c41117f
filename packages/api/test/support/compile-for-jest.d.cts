/** Compiles into the transform's cache every TypeScript file under these folders that it does not hold yet. */
export function precompile(folders: readonly string[]): void;
