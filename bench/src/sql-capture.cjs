// Loaded with `node --require` into a server process (Latchkey or a contender) when BENCH_SQL_LOG
// names a file: every statement the process sends to better-sqlite3 or pg is appended to that file
// as a JSON line, with its parameters. This is the SQL Latchkey really sends (TypeORM's, not what
// its code seems to ask for), caught at the driver. Only the bench's checks use it, never a timed
// round: a synchronous write per statement would weigh on the numbers.
const { appendFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');

const file = process.env.BENCH_SQL_LOG;
// Resolve the drivers the server itself loads (from its own package), not copies of the bench's.
const requireFromServer = createRequire(path.join(process.env.BENCH_SQL_FROM || process.cwd(), 'package.json'));

// Timestamps are bound as BigInts, which JSON has no form for: they are written as numbers.
const jsonValue = (_key, value) => (typeof value === 'bigint' ? Number(value) : value);

function record(driver, sql, params) {
  appendFileSync(file, JSON.stringify({ driver, sql, params }, jsonValue) + '\n');
}

function optional(name) {
  try {
    return requireFromServer(name);
  } catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

if (file) {
  const Database = optional('better-sqlite3');
  if (Database) {
    // Statements are native objects of one class: patch its prototype, so statements TypeORM
    // prepared once and keeps in its cache are caught on every run too.
    const probe = new Database(':memory:');
    const statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
    probe.close();
    for (const method of ['run', 'get', 'all', 'iterate']) {
      const original = statement[method];
      statement[method] = function (...params) {
        record('sqlite', this.source, params);
        return original.apply(this, params);
      };
    }
  }
  const pg = optional('pg');
  if (pg) {
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (config, values, callback) {
      const text = typeof config === 'string' ? config : config && config.text;
      const params = Array.isArray(values) ? values : (config && config.values) || [];
      if (text) record('postgres', text, params);
      return original.call(this, config, values, callback);
    };
  }
}
