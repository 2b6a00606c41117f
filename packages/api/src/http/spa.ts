import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request, type Response, type NextFunction } from 'express';
import type { Logger } from '../shared/logger';

/** Content encodings the panel's build writes beside its files, best first (the file's suffix). */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * Serves the built panel at `/`. Unknown GET paths answer index.html, so deep links such as
 * /settings/2fa load the app, which then routes on the client. Files the build compressed ahead
 * (`app.js.br`, `app.js.gz`) go to browsers that accept them, so nothing is compressed per request.
 */
export function serveSinglePageApp(app: Express, distDir: string, logger: Logger): void {
  const indexHtml = path.join(distDir, 'index.html');
  if (!existsSync(indexHtml)) {
    logger.warn({ distDir }, 'panel not built: serving the API only (run `pnpm build`)');
    return;
  }
  // Listed once: the build does not change under a running server.
  const compressed = compressedVariants(distDir);
  const sendCompressed = (req: Request, res: Response, file: string, options: SendOptions, next: NextFunction) => {
    const variants = compressed.get(file);
    if (!variants) return false;
    res.vary('Accept-Encoding');
    // Ours is the order that counts: browsers list gzip before br at the same weight.
    const variant = variants.find((v) => req.acceptsEncodings(v.name) === v.name);
    if (!variant) return false;
    res.setHeader('Content-Encoding', variant.name);
    // The type of what was compressed, not of the `.br` file.
    res.type(path.extname(file));
    res.sendFile(file + variant.suffix, options, (error) => {
      if (error && !res.headersSent) next(error);
    });
    return true;
  };

  // Hashed assets never change under one name; index.html must always be fresh.
  const assets = path.join(distDir, 'assets');
  const assetOptions = { immutable: true, maxAge: '1y' };
  app.use('/assets', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = path.join(assets, req.path);
    if (!file.startsWith(assets + path.sep) || !sendCompressed(req, res, file, assetOptions, next)) next();
  });
  app.use('/assets', express.static(assets, { ...assetOptions, fallthrough: false }));
  app.use(express.static(distDir, { index: false }));
  app.get(/.*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    if (!sendCompressed(req, res, indexHtml, {}, next)) res.sendFile(indexHtml);
  });
}

type SendOptions = Parameters<Response['sendFile']>[1];

/** Each file of the build that has compressed copies, with those copies' encodings, best first. */
function compressedVariants(distDir: string): Map<string, { name: string; suffix: string }[]> {
  const files = new Set(
    readdirSync(distDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name)),
  );
  const variants = new Map<string, { name: string; suffix: string }[]>();
  for (const file of files) {
    const available = ENCODINGS.filter((encoding) => files.has(file + encoding.suffix));
    if (available.length > 0) variants.set(file, available);
  }
  return variants;
}
