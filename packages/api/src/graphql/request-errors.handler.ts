import type { IncomingMessage, ServerResponse } from 'node:http';
import { loggableError } from '../db/data-source';
import { answerFor, httpStatusOf } from '../errors/answer';
import type { ErrorReason } from '../errors/error-catalogue';
import { requestIdOf } from '../http/request-id';
import { sendJson } from '../http/send-json';
import type { Logger } from '../shared/logger';

/** body-parser names each failure with a `type`; these are the ones a client can fix by itself. */
const BODY_REFUSALS: Readonly<Record<string, ErrorReason>> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'BODY_TOO_LARGE',
  'charset.unsupported': 'UNSUPPORTED_CHARSET',
};

/**
 * Whatever went wrong on `/graphql` before Apollo answered is told as a GraphQL error in JSON,
 * never an HTML page or a stack. A body the client can fix answers BAD_REQUEST with a `reason`;
 * anything else is ours, logged here and answered as "Unexpected error.".
 */
export function requestErrors(logger: Logger): (error: unknown, req: IncomingMessage, res: ServerResponse) => void {
  return (error, req, res) => {
    if (res.headersSent) {
      logger.error({ err: loggableError(error), requestId: requestIdOf(req) }, 'GraphQL answer cut short');
      res.destroy();
      return;
    }
    const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
    const fromBody = typeof type === 'string' || (typeof status === 'number' && status >= 400 && status < 500);
    if (fromBody) {
      const reason = (typeof type === 'string' && Object.hasOwn(BODY_REFUSALS, type) && BODY_REFUSALS[type]) || 'UNREADABLE_BODY';
      sendJson(res, httpStatusOf(reason), { errors: [answerFor(reason)] });
      return;
    }
    logger.error({ err: loggableError(error), requestId: requestIdOf(req) }, 'unexpected error before the GraphQL operation ran');
    sendJson(res, 500, { errors: [answerFor('UNEXPECTED')] });
  };
}
