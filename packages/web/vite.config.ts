import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress.ts';

/** The API listens on 4000 by default (`PORT`); in development Vite serves the SPA and forwards GraphQL. */
const API_ORIGIN = process.env.LATCHKEY_API_ORIGIN ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: { '/graphql': API_ORIGIN },
  },
  build: {
    target: 'es2022',
  },
});
