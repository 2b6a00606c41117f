import type { DeliveryChannel } from './delivery.types';

/**
 * - rejected: the provider refused this message (bad key, bad sender, bad number): retrying will
 *   not help until someone fixes the configuration or the destination.
 * - unavailable: the provider could not be reached or failed on its side (5xx, 429, refused
 *   connection): a retry later may work.
 * - timeout: no answer within the configured time; the message may or may not go out.
 */
export type DeliveryFailureReason = 'rejected' | 'unavailable' | 'timeout';

export interface DeliveryFailure {
  provider: string;
  channel: DeliveryChannel;
  reason: DeliveryFailureReason;
  httpStatus?: number;
  /** The provider's own words or a socket error code, already scrubbed of secrets. */
  detail?: string;
}

const REASON_TEXT: Record<DeliveryFailureReason, string> = {
  rejected: 'the provider rejected the message',
  unavailable: 'the provider is unavailable',
  timeout: 'the provider did not answer in time',
};

const CHANNEL_TEXT: Record<DeliveryChannel, string> = { email: 'E-mail', sms: 'SMS' };

// Provider texts are for operators: a sentence is enough, and a long one is probably an echo.
const MAX_DETAIL_LENGTH = 200;
// Codes have 6 digits and keys more; blanking shorter strings would only garble ordinary words.
const MIN_SECRET_LENGTH = 4;

/**
 * Every provider failure, whatever the SDK threw. It deliberately keeps no `cause`: SDK errors
 * carry the request (Authorization header, body with the code) and loggers serialise causes.
 */
export class DeliveryError extends Error {
  readonly provider: string;
  readonly channel: DeliveryChannel;
  readonly reason: DeliveryFailureReason;
  readonly httpStatus?: number;
  readonly detail?: string;

  constructor(failure: DeliveryFailure) {
    super(describe(failure));
    this.name = 'DeliveryError';
    this.provider = failure.provider;
    this.channel = failure.channel;
    this.reason = failure.reason;
    if (failure.httpStatus !== undefined) this.httpStatus = failure.httpStatus;
    if (failure.detail !== undefined) this.detail = failure.detail;
  }

  toJSON(): DeliveryFailure & { name: string; message: string } {
    return {
      name: this.name,
      message: this.message,
      provider: this.provider,
      channel: this.channel,
      reason: this.reason,
      ...(this.httpStatus !== undefined ? { httpStatus: this.httpStatus } : {}),
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
    };
  }
}

function describe({ provider, channel, reason, httpStatus, detail }: DeliveryFailure): string {
  const facts = [httpStatus !== undefined ? `HTTP ${httpStatus}` : undefined, detail].filter(Boolean).join(': ');
  return `${CHANNEL_TEXT[channel]} delivery through ${provider} failed: ${REASON_TEXT[reason]}${facts ? ` (${facts})` : ''}`;
}

/** 429 and 5xx pass; every other refusal needs a human. */
export function reasonForStatus(status: number): DeliveryFailureReason {
  return status === 429 || status >= 500 ? 'unavailable' : 'rejected';
}

/**
 * Cuts provider text down to one short line and blanks every secret in it, since a provider (or
 * a proxy in front of it) may echo the request back.
 */
export function scrubDetail(text: string | undefined, secrets: readonly (string | undefined)[]): string | undefined {
  if (!text) return undefined;
  let clean = text;
  // Longest first: the body contains the code, and must go whole before the code goes alone.
  const known = secrets
    .filter((secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of known) clean = clean.split(secret).join('[redacted]');
  clean = clean.replace(/\s+/g, ' ').trim();
  if (clean.length > MAX_DETAIL_LENGTH) clean = `${clean.slice(0, MAX_DETAIL_LENGTH - 1)}…`;
  return clean || undefined;
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TIMEOUT_NAMES = new Set(['AbortError', 'TimeoutError']);

/**
 * A failure below HTTP (no answer, refused, reset, DNS): its reason and the socket error code, or
 * undefined when the error carries no such sign. Node's fetch hides the code in `cause` (an
 * AggregateError when several addresses were tried).
 */
export function classifyNetworkError(error: unknown): { reason: DeliveryFailureReason; code: string } | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  let code: string | undefined;
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const {
      name,
      code: currentCode,
      cause,
      errors,
    } = current as {
      name?: unknown;
      code?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof name === 'string' && TIMEOUT_NAMES.has(name)) return { reason: 'timeout', code: name };
    if (typeof currentCode === 'string') {
      if (TIMEOUT_CODES.has(currentCode)) return { reason: 'timeout', code: currentCode };
      code ??= currentCode;
    }
    queue.push(cause, ...(Array.isArray(errors) ? (errors as unknown[]) : []));
  }
  return code ? { reason: 'unavailable', code } : undefined;
}

/** The message at the bottom of a `cause` chain: "bad port" rather than fetch's "fetch failed". */
export function innermostMessage(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown } | null)?.cause;
    if (!(cause instanceof Error)) break;
    current = cause;
  }
  return current instanceof Error ? current.message : undefined;
}
