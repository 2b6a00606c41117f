import type { ErrorRequestHandler } from 'express';
import { loggableError } from '../db/data-source';
import { requestIdOf } from '../http/request-id';
import type { BadRequestReason } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { UNEXPECTED_ERROR_MESSAGE } from './format-error';

interface BodyRefusal {
  status: number;
  reason: BadRequestReason;
  message: string;
}

/** body-parser names each failure with a `type`; these are the ones a client can fix by itself. */
const BODY_REFUSALS: Record<string, BodyRefusal> = {
  'entity.parse.failed': { status: 400, reason: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, reason: 'BODY_TOO_LARGE', message: 'The request body is too large (at most 100 kB).' },
  'charset.unsupported': { status: 415, reason: 'UNSUPPORTED_CHARSET', message: 'Send the request body as JSON in UTF-8.' },
};
const UNREADABLE_BODY: BodyRefusal = { status: 400, reason: 'UNREADABLE_BODY', message: 'The request body could not be read.' };

/**
 * The last handler of `/graphql`: whatever went wrong before Apollo answered is told as a GraphQL
 * error in JSON, never Express's HTML page (which in development shows a stack with absolute paths).
 * A body the client can fix answers BAD_REQUEST with a `reason`; anything else is ours, logged here
 * and answered as "Unexpected error.".
 */
export function requestErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
    const fromBody = typeof type === 'string' || (typeof status === 'number' && status >= 400 && status < 500);
    if (fromBody) {
      const refusal = (typeof type === 'string' && BODY_REFUSALS[type]) || UNREADABLE_BODY;
      res
        .status(refusal.status)
        .json({ errors: [{ message: refusal.message, extensions: { code: 'BAD_REQUEST', reason: refusal.reason } }] });
      return;
    }
    logger.error({ err: loggableError(error), requestId: requestIdOf(req) }, 'unexpected error before the GraphQL operation ran');
    res.status(500).json({ errors: [{ message: UNEXPECTED_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };
}
