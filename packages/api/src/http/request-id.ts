import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

// A caller's id is kept only when it is short and plain, so nothing odd reaches the logs.
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const REQUEST_ID = Symbol('requestId');
type Tagged = IncomingMessage & { [REQUEST_ID]?: string };

/** Gives a request an id (the caller's X-Request-Id, or a new one), echoed in the answer. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const offered = req.headers['x-request-id'];
  const id = typeof offered === 'string' && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
  (req as Tagged)[REQUEST_ID] = id;
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The same for the routes Express serves (the panel, health and metrics). */
export const requestId: RequestHandler = (req, res, next) => {
  assignRequestId(req, res);
  next();
};

export const requestIdOf = (req: IncomingMessage): string => (req as Tagged)[REQUEST_ID] ?? 'none';
