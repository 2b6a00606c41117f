import type { IncomingMessage, ServerResponse } from 'node:http';
import { loggableError } from '../db/data-source';
import { answerFor, httpStatusOf } from '../errors/answer';
import { BodyRefusal } from '../http/json-body';
import { requestIdOf } from '../http/request-id';
import { sendJson } from '../http/send-json';
import type { Logger } from '../shared/logger';

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
    if (error instanceof BodyRefusal) {
      sendJson(res, httpStatusOf(error.reason), { errors: [answerFor(error.reason)] });
      return;
    }
    logger.error({ err: loggableError(error), requestId: requestIdOf(req) }, 'unexpected error before the GraphQL operation ran');
    sendJson(res, 500, { errors: [answerFor('UNEXPECTED')] });
  };
}
