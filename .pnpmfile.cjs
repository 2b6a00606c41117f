// Native addons (argon2, better-sqlite3) compile with node-gyp when no prebuilt binary fits. Left
// alone, node-gyp downloads Node's headers into the home folder, which fails on machines that reach
// only the package registry. The running Node.js usually ships its headers (<prefix>/include/node):
// point every build script at them. pnpm passes no npm_config_* variable of its own to build
// scripts, so this hook is the one place that reaches all of them, nested installs included.
const { existsSync } = require('node:fs');
const path = require('node:path');

function nodeHeadersDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

module.exports = {
  hooks: {
    updateConfig(config) {
      const nodedir = nodeHeadersDir();
      if (nodedir) config.extraEnv = { ...config.extraEnv, npm_config_nodedir: nodedir };
      return config;
    },
  },
};
