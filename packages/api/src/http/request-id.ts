import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

// A caller's id is kept only when it is short and plain, so nothing odd reaches the logs.
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const REQUEST_ID = Symbol('requestId');

/** Gives every request an id (the caller's X-Request-Id, or a new one), echoed in the answer. */
export const requestId: RequestHandler = (req, res, next) => {
  const offered = req.get('x-request-id');
  const id = offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
  (req as Request & { [REQUEST_ID]?: string })[REQUEST_ID] = id;
  res.setHeader('X-Request-Id', id);
  next();
};

export const requestIdOf = (req: Request): string => (req as Request & { [REQUEST_ID]?: string })[REQUEST_ID] ?? 'none';
