import { describeError, type DescribedError } from './describeError';
import type { ErrorAction } from './errorWords';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DescribedError };

/**
 * Runs one request and answers its value or the words for its failure, so screens branch on a
 * plain result instead of catching. `undefined` (an answer without data) counts as a failure.
 */
export async function attempt<T>(request: () => Promise<T | undefined>, action?: ErrorAction): Promise<Outcome<T>> {
  try {
    const value = await request();
    return value === undefined ? { ok: false, error: describeError(undefined, action) } : { ok: true, value };
  } catch (error) {
    return { ok: false, error: describeError(error, action) };
  }
}
