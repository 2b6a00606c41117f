import type { CodeCheckOutcome, Metrics } from '../../observability/metrics';
import { fail } from '../../errors/app-error';
import type { AttemptTicket, Refusal, TwoFactorAttemptLimiter } from './attempt-limiter';
import type { CheckResult } from './methods/method.types';
import type { TwoFactorMethod } from './two-factor-method';

/** A code, TOTP step or recovery code that was right, but is spent: by an earlier use, or by a racing one. */
export const codeAlreadyUsed = () => fail('CODE_ALREADY_USED');

/**
 * What a caller records about a check, by what really happened. Neither is called when the check
 * failed for another reason (the limit store or the database did not answer, a bug): that is no
 * event of the account.
 */
export interface CheckRecorder {
  /** A code was compared and was wrong, expired or already used. */
  wrongCode?(): Promise<void>;
  /** The check was refused before any code was looked at. */
  refused?(refusal: Refusal): Promise<void>;
}

/** Runs one code check under the user's and the IP's limits, and turns a wrong or old code into the client's error. */
export async function guardedCheck(
  limiter: TwoFactorAttemptLimiter,
  ticket: AttemptTicket,
  check: () => Promise<CheckResult>,
  observe: (outcome: CodeCheckOutcome) => void = () => undefined,
  recorder: CheckRecorder = {},
): Promise<Extract<CheckResult, { ok: true }>> {
  const admission = await limiter.admit(ticket);
  if (admission.refused) {
    observe('refused');
    await recorder.refused?.(admission.refused);
    throw admission.refused.error;
  }
  let result: CheckResult;
  try {
    result = await check();
  } catch (error) {
    // No code was compared (the challenge was out of tries, the database did not answer): no failure of the IP.
    await admission.ipSlot.release().catch(() => undefined);
    throw error;
  }
  observe(result.ok ? 'valid' : result.reason);
  if (result.ok) {
    await limiter.succeeded(ticket, admission);
    return result;
  }
  await recorder.wrongCode?.();
  const lockout = await limiter.failed(ticket, admission);
  if (lockout) throw lockout.error;
  if (result.error) throw result.error;
  if (result.reason === 'expired') throw fail('CODE_EXPIRED');
  if (result.reason === 'used') throw codeAlreadyUsed();
  throw fail('INVALID_CODE');
}

/** Counts each check's outcome under the method (or RECOVERY) it used. */
export const countChecks =
  (metrics: Metrics, method: TwoFactorMethod | 'RECOVERY') =>
  (outcome: CodeCheckOutcome): void =>
    void metrics.codeChecks.inc({ method, outcome });
