import { GraphQLError, type ASTNode } from 'graphql';
import { ErrorCode, catalogueEntry, messageOf, type ErrorReason, type MessageDetails, type ReasonOf } from './error-catalogue';

/** One input problem, as `extensions.fields` lists them. */
export interface FieldProblem {
  /** Null for a problem of the request as a whole (e.g. no set-up in progress). */
  field: string | null;
  reason: ErrorReason;
  message: string;
}

/** A reason's message details, plus the input field at fault when it is not the catalogue's. */
export type FailDetails<R extends ErrorReason> = MessageDetails<R> & { field?: string };

export interface FailOptions {
  /** The document nodes at fault (validation rules). */
  nodes?: readonly ASTNode[];
}

type FailArgs<R extends ErrorReason> =
  Record<never, never> extends MessageDetails<R>
    ? [details?: FailDetails<R>, options?: FailOptions]
    : [details: FailDetails<R>, options?: FailOptions];

/**
 * An error of the catalogue, as GraphQL answers it: `extensions` hold its `code` and `reason`,
 * the input `field` (and `fields`, every problem of the request) for input problems, and the
 * details its message was built from. Made only by `fail`, `tooManyAttempts` and `failFields`,
 * so no code or message is ever spelled at a throw site.
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  readonly reason: ErrorReason;
  readonly field: string | undefined;

  /** @internal Use `fail` (a test fails on `new AppError(` outside src/errors). */
  constructor(reason: ErrorReason, details: Record<string, unknown>, options: FailOptions & { fields?: FieldProblem[] } = {}) {
    const entry = catalogueEntry(reason);
    const { field: givenField, ...published } = details;
    const field = typeof givenField === 'string' ? givenField : entry.field;
    const message = messageOf(reason, details);
    const fields = options.fields ?? (field === undefined ? undefined : [{ field, reason, message }]);
    super(message, {
      nodes: options.nodes,
      extensions: {
        code: entry.code,
        reason,
        ...(field === undefined ? {} : { field }),
        ...(fields === undefined ? {} : { fields }),
        ...published,
        // Apollo answers with this status and drops it from the error.
        ...(entry.httpStatus === undefined ? {} : { http: { status: entry.httpStatus } }),
      },
    });
    this.name = 'AppError';
    this.code = entry.code;
    this.reason = reason;
    this.field = field;
  }
}

/** The error to throw for a reason: `throw fail('CHALLENGE_ENDED')`, `throw fail('CLOCK_OFF', { clockOffsetMinutes })`. */
export function fail<R extends ErrorReason>(reason: R, ...[details, options]: FailArgs<R>): AppError {
  return new AppError(reason, { ...(details ?? {}) }, options);
}

/** TOO_MANY_ATTEMPTS for one of its reasons, with the whole seconds until a retry can pass. */
export function tooManyAttempts<R extends ReasonOf<ErrorCode.TOO_MANY_ATTEMPTS>>(
  reason: R,
  retryAfterMs: number,
  ...[details]: FailArgs<R>
): AppError {
  return new AppError(reason, { ...(details ?? {}), retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
}

export const isInputProblem = (error: unknown): error is AppError => error instanceof AppError && error.code === ErrorCode.BAD_USER_INPUT;

/**
 * Several input problems answered at once: `extensions.fields` lists every one; the message,
 * `reason` and `field` are the first's, as a client that reads one problem expects.
 */
export function failFields(problems: readonly AppError[]): AppError {
  const [first] = problems;
  if (!first) throw new Error('failFields needs at least one problem');
  if (problems.length === 1) return first;
  const fields = problems.flatMap(
    (problem) =>
      (problem.extensions.fields as FieldProblem[] | undefined) ?? [{ field: null, reason: problem.reason, message: problem.message }],
  );
  const { code: _code, reason: _reason, field: _field, fields: _fields, http: _http, ...details } = first.extensions;
  return new AppError(first.reason, { ...details, ...(first.field === undefined ? {} : { field: first.field }) }, { fields });
}

type Checks<T extends readonly unknown[]> = { [K in keyof T]: () => T[K] | Promise<T[K]> };

/**
 * Runs every check of a request's input, in order, and answers their values. When some refuse with
 * input problems, all of them are thrown together (`failFields`), so the user fixes everything in
 * one go; any other error is thrown as it comes.
 */
export async function checkInputs<T extends readonly unknown[]>(...checks: Checks<T>): Promise<T> {
  const values: unknown[] = [];
  const problems: AppError[] = [];
  for (const check of checks) {
    try {
      values.push(await check());
    } catch (error) {
      if (!isInputProblem(error)) throw error;
      problems.push(error);
      values.push(undefined);
    }
  }
  if (problems.length > 0) throw failFields(problems);
  return values as unknown as T;
}
