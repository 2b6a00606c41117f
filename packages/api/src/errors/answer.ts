import { catalogueEntry, messageOf, type ErrorCode, type ErrorReason } from './error-catalogue';

/** An error as a client receives it in `errors`. */
export interface ErrorAnswer {
  message: string;
  extensions: { code: ErrorCode; reason: ErrorReason };
}

/**
 * A catalogued error as an answer, for the places that answer without throwing: Apollo's
 * formatError and the HTTP handlers in front of GraphQL. `details` build the message of a reason
 * whose words depend on them (Apollo's own message, for its refusals of a request).
 */
export function answerFor(reason: ErrorReason, details: object = {}): ErrorAnswer {
  return { message: messageOf(reason, details), extensions: { code: catalogueEntry(reason).code, reason } };
}

/** The HTTP status a reason is answered with outside GraphQL (200 unless the catalogue says otherwise). */
export const httpStatusOf = (reason: ErrorReason): number => catalogueEntry(reason).httpStatus ?? 200;
