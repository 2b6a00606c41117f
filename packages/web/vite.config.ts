import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, normalizePath } from 'vite';
import { compileHints } from './scripts/compileHints.ts';
import { precompress } from './scripts/precompress.ts';

/** The API listens on 4000 by default (`PORT`); in development Vite serves the SPA and forwards GraphQL. */
const API_ORIGIN = process.env.LATCHKEY_API_ORIGIN ?? 'http://localhost:4000';
/** The panel's own code, as opposed to its packages. */
const SOURCE_DIR = normalizePath(fileURLToPath(new URL('./src/', import.meta.url)));

export default defineConfig({
  plugins: [react(), compileHints(), precompress()],
  server: {
    proxy: { '/graphql': API_ORIGIN },
  },
  build: {
    target: 'es2022',
    // Few files: each costs a slow connection a round trip, and over HTTP/1.1 a browser fetches six at
    // a time. Left to itself the build split the first load into 8 scripts, and Settings for 2FA
    // into 17 files more, most under 2 kB. Now the first load is one script and one stylesheet,
    // every screen's styles in it (4 kB gzipped in all, where a screen opened later waited for its
    // own before it showed); a lazy screen adds its module's `pages` chunk and one `shared` chunk
    // of the code two or more screens use.
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'index', tags: ['$initial'], priority: 2 },
            { name: 'shared', test: (id) => normalizePath(id).startsWith(SOURCE_DIR), minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
});
