// Jest's transform for the API's tests: each TypeScript file, and each dependency that ships only as
// ES modules, compiled on its own to CommonJS with TypeScript's transpileModule. No type checking:
// `pnpm typecheck` does that.
//
// Why not ts-jest, which the panel and the bench use: Jest caches a transform's output once per
// project, and this package runs every file in two projects (SQLite and PostgreSQL). With ts-jest a
// cold run compiled the whole app twice per project, once in each worker that started before
// another had cached it: about a third of a cold run's CPU. This transform keeps its own cache,
// keyed by what the output depends on (the source, its path, the compiler settings and TypeScript's
// version) and not by the project; global-setup.ts fills it for src/ and test/ in one process
// before the workers start, and the workers then read it and never load TypeScript; so do the API
// processes the tests start (require-typescript.cjs). Nothing here hoists `jest.mock` calls: the
// API's tests mock no module.
const { createHash } = require('node:crypto');
const { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const API_ROOT = path.join(__dirname, '../..');
const CACHE_DIR = path.join(API_ROOT, 'node_modules/.cache/compile-for-jest');
const TSCONFIG = path.join(API_ROOT, 'tsconfig.json');

// What every output depends on besides its source: this file, the two tsconfigs (read as text, so
// that no TypeScript is loaded to make a key), and TypeScript's version.
const settingsDigest = createHash('sha256')
  .update(readFileSync(__filename))
  .update(readFileSync(TSCONFIG))
  .update(readFileSync(path.join(API_ROOT, '../../tsconfig.base.json')))
  .update(require('typescript/package.json').version)
  .digest('hex');

function cacheKey(source, filename) {
  return createHash('sha256').update(settingsDigest).update(filename).update('\0').update(source).digest('hex');
}

let compilerOptions;
/** One file compiled to CommonJS with the API's compiler options; TypeScript loads here, at the first miss. */
function compile(source, filename) {
  const ts = require('typescript');
  if (!compilerOptions) {
    const { config } = ts.readConfigFile(TSCONFIG, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, API_ROOT);
    compilerOptions = {
      ...options,
      // Output beside its source, so the source map names the file itself (not a path from dist/).
      outDir: undefined,
      module: ts.ModuleKind.CommonJS,
      allowJs: true,
      sourceMap: true,
      inlineSourceMap: false,
      noEmit: false,
      declaration: false,
    };
  }
  const { outputText, sourceMapText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  // The map goes to Jest, which maps stack traces with it; the comment would point at no file.
  return { code: outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map: sourceMapText };
}

/** The compiled file from the cache, or compiled now and cached (written whole, then renamed into place). */
function transform(source, filename) {
  const cached = path.join(CACHE_DIR, `${cacheKey(source, filename)}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    const output = compile(source, filename);
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${cached}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(output));
    renameSync(partial, cached);
    return output;
  }
}

/** Compiles into the cache every TypeScript file under these folders that it does not hold yet. */
function precompile(folders) {
  for (const folder of folders) {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
      const filename = path.join(entry.parentPath, entry.name);
      transform(readFileSync(filename, 'utf8'), filename);
    }
  }
}

module.exports = {
  process: transform,
  getCacheKey: (source, filename) => cacheKey(source, filename),
  precompile,
};
