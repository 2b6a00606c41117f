import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** V8's explicit compile hint for a whole file (Chromium 136 and later); other engines read a comment. */
const COMPILE_ALL_ON_LOAD = '//# allFunctionsCalledOnLoad';

/**
 * Marks the first load's script for eager compilation. Left to itself V8 compiles a function when
 * it is first called: on the main thread, in the middle of start-up, for most of this script's
 * functions. With the hint it compiles them as the file streams in, on a background thread.
 */
export function compileHints(): Plugin {
  return {
    name: 'latchkey-compile-hints',
    apply: 'build',
    // Once written: Vite puts its own first line (the map of dynamic imports' files) in the code as
    // late as the bundle's last hook, and the hint must come before any function.
    writeBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        const file = path.join(options.dir ?? '', chunk.fileName);
        writeFileSync(file, `${COMPILE_ALL_ON_LOAD}\n${readFileSync(file, 'utf8')}`);
      }
    },
  };
}
