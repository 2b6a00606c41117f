// Lets Node run the API's TypeScript: `node --require <this file> src/main.ts` is how the tests
// start the API and its command line from source (support/source-process.ts). Each file is
// compiled through the cache of compile-for-jest.cjs, which global-setup.ts fills before any test
// starts, so such a process compiles nothing.
//
// Why not tsx's loader, which this replaced: tsx writes its cache without waiting for the writes,
// so a process that ends with process.exit() (the command line always does, the API once SIGTERM
// has closed it) leaves empty files behind, and every process compiled its 200 files again.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { process: compileCached } = require('./compile-for-jest.cjs');

// Stack traces name the TypeScript lines.
process.setSourceMapsEnabled(true);

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code, map } = compileCached(readFileSync(filename, 'utf8'), filename);
  module._compile(`${code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString('base64')}`, filename);
};
