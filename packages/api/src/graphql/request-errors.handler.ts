import type { ErrorRequestHandler } from 'express';
import { loggableError } from '../db/data-source';
import { answerFor, httpStatusOf } from '../errors/answer';
import type { ErrorReason } from '../errors/error-catalogue';
import { requestIdOf } from '../http/request-id';
import type { Logger } from '../shared/logger';

/** body-parser names each failure with a `type`; these are the ones a client can fix by itself. */
const BODY_REFUSALS: Readonly<Record<string, ErrorReason>> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'BODY_TOO_LARGE',
  'charset.unsupported': 'UNSUPPORTED_CHARSET',
};

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
      const reason = (typeof type === 'string' && Object.hasOwn(BODY_REFUSALS, type) && BODY_REFUSALS[type]) || 'UNREADABLE_BODY';
      res.status(httpStatusOf(reason)).json({ errors: [answerFor(reason)] });
      return;
    }
    logger.error({ err: loggableError(error), requestId: requestIdOf(req) }, 'unexpected error before the GraphQL operation ran');
    res.status(500).json({ errors: [answerFor('UNEXPECTED')] });
  };
}
