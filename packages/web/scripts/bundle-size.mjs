#!/usr/bin/env node
// Prints the gzipped size of the built panel (packages/web/dist): the JavaScript a first visit
// loads (the entry script and the chunks index.html preloads), then the chunks that load later
// (the 2FA screens). Fails when the first load is over budget. Run after `vite build`
// (`pnpm size` does both).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The first load's gzipped JavaScript may not exceed this (kB of 1000 bytes, as Vite reports). It
 * is what the sign-in page needs: each lazily loaded page carries its own operation documents (a
 * generated module beside each .graphql file) and the signed-in frame loads once a session is
 * known. Keep documents that only a lazy page uses out of the files the first load imports.
 */
export const FIRST_LOAD_BUDGET_KB = 150;

const DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

const kB = (bytes) => bytes / 1000;
const format = (bytes) => `${kB(bytes).toFixed(2).padStart(8)} kB`;

function gzipSize(file) {
  return gzipSync(readFileSync(path.join(DIST_DIR, file))).length;
}

/** The JavaScript index.html makes the browser fetch at once: its module script and modulepreloads. */
function firstLoadFiles(indexHtml) {
  const wanted = [
    ...indexHtml.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+\.js)"/g),
    ...indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+\.js)"/g),
  ].map((match) => match[1]);
  return [...new Set(wanted)];
}

function main() {
  let indexHtml;
  try {
    indexHtml = readFileSync(path.join(DIST_DIR, 'index.html'), 'utf8');
  } catch {
    console.error(`No build in ${DIST_DIR}: run \`pnpm --filter @latchkey/web size\`, which builds first.`);
    return 2;
  }
  const first = firstLoadFiles(indexHtml);
  const allJs = readdirSync(path.join(DIST_DIR, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);
  const later = allJs.filter((file) => !first.includes(file)).sort();

  const rows = (files) => files.map((file) => ({ file, gzip: gzipSize(file) }));
  const firstRows = rows(first);
  const laterRows = rows(later);
  const firstTotal = firstRows.reduce((sum, row) => sum + row.gzip, 0);
  const laterTotal = laterRows.reduce((sum, row) => sum + row.gzip, 0);

  console.log('First load (JavaScript, gzipped):');
  for (const row of firstRows) console.log(`  ${format(row.gzip)}  ${row.file}`);
  console.log(`  ${format(firstTotal)}  total (budget ${FIRST_LOAD_BUDGET_KB} kB)`);
  console.log('Loaded later, when a 2FA screen opens (gzipped):');
  for (const row of laterRows) console.log(`  ${format(row.gzip)}  ${row.file}`);
  console.log(`  ${format(laterTotal)}  total`);

  if (kB(firstTotal) > FIRST_LOAD_BUDGET_KB) {
    console.error(`The first load is ${kB(firstTotal).toFixed(2)} kB: over the ${FIRST_LOAD_BUDGET_KB} kB budget.`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
