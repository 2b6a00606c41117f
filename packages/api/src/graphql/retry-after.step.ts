import type { GraphQLFormattedError } from 'graphql';
import type { RequestStep, RequestStepHooks } from './request-steps.plugin';

/**
 * Throttled answers carry `extensions.retryAfterSeconds`; HTTP clients, proxies and retry
 * libraries read a `Retry-After` header instead of GraphQL errors. The answer says the longest
 * wait among its errors: a retry sooner would meet at least one of them again.
 */
const hooks: RequestStepHooks = {
  willSendResponse({ response }) {
    const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
    const seconds = longestRetryAfter(errors ?? []);
    if (seconds !== undefined) response.http.headers.set('retry-after', String(seconds));
  },
};

export const retryAfterStep: RequestStep = () => hooks;

/** Whole seconds (RFC 9110 allows no fractions), or undefined when no error asks to wait. */
export function longestRetryAfter(errors: readonly GraphQLFormattedError[]): number | undefined {
  let longest: number | undefined;
  for (const error of errors) {
    const value = error.extensions?.retryAfterSeconds;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) continue;
    longest = Math.max(longest ?? 0, Math.ceil(value));
  }
  return longest;
}
