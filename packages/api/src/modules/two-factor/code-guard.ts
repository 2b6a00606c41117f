import type { CodeCheckOutcome } from '../../observability/metrics';
import { AppError } from '../../shared/errors';
import type { AttemptTicket, Refusal, TwoFactorAttemptLimiter } from './attempt-limiter';
import type { CodeCheckResult } from './methods/method.types';
import { TWO_FACTOR_MESSAGES } from './two-factor.messages';

/** A code, TOTP step or recovery code that was right, but is spent: by an earlier use, or by a racing one. */
export const codeAlreadyUsed = () => new AppError('INVALID_CODE', TWO_FACTOR_MESSAGES.CODE_ALREADY_USED, { reason: 'CODE_ALREADY_USED' });

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
  check: () => Promise<CodeCheckResult>,
  observe: (outcome: CodeCheckOutcome) => void = () => undefined,
  recorder: CheckRecorder = {},
): Promise<Extract<CodeCheckResult, { ok: true }>> {
  const refusal = await limiter.admit(ticket);
  if (refusal) {
    observe('refused');
    await recorder.refused?.(refusal);
    throw refusal.error;
  }
  const result = await check();
  observe(result.ok ? 'valid' : result.reason);
  if (result.ok) {
    await limiter.succeeded(ticket);
    return result;
  }
  await recorder.wrongCode?.();
  const lockout = await limiter.failed(ticket);
  if (lockout) throw lockout.error;
  if (result.reason === 'expired') throw new AppError('CODE_EXPIRED', TWO_FACTOR_MESSAGES.CODE_EXPIRED);
  if (result.reason === 'used') throw codeAlreadyUsed();
  if (result.clockOffsetMinutes) {
    throw new AppError('INVALID_CODE', TWO_FACTOR_MESSAGES.CLOCK_OFF(result.clockOffsetMinutes), {
      reason: 'CLOCK_OFF',
      clockOffsetMinutes: result.clockOffsetMinutes,
    });
  }
  throw new AppError('INVALID_CODE', TWO_FACTOR_MESSAGES.INVALID_CODE);
}
