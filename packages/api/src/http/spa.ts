import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from '../shared/logger';

/**
 * Serves the built panel at `/`. Unknown GET paths answer index.html, so deep links such as
 * /settings/2fa load the app, which then routes on the client.
 */
export function serveSinglePageApp(app: Express, distDir: string, logger: Logger): void {
  const indexHtml = path.join(distDir, 'index.html');
  if (!existsSync(indexHtml)) {
    logger.warn({ distDir }, 'panel not built: serving the API only (run `pnpm build`)');
    return;
  }
  // Hashed assets never change under one name; index.html must always be fresh.
  app.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  app.use(express.static(distDir, { index: false }));
  app.get(/.*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
}
