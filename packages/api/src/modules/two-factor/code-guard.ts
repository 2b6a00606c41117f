import type { CodeCheckOutcome } from '../../observability/metrics';
import { AppError } from '../../shared/errors';
import type { AttemptTicket, TwoFactorAttemptLimiter } from './attempt-limiter';
import type { CodeCheckResult } from './methods/method.types';
import { TWO_FACTOR_MESSAGES } from './two-factor.messages';

/** A code, TOTP step or recovery code that was right, but is spent: by an earlier use, or by a racing one. */
export const codeAlreadyUsed = () => new AppError('INVALID_CODE', TWO_FACTOR_MESSAGES.CODE_ALREADY_USED, { reason: 'CODE_ALREADY_USED' });

/**
 * Runs one code check under the user's and the IP's limits, and turns a wrong or old code into the
 * client's error. `extraChecks` is how many more code checks the same request carried as aliases.
 */
export async function guardedCheck(
  limiter: TwoFactorAttemptLimiter,
  ticket: AttemptTicket,
  extraChecks: number,
  check: () => Promise<CodeCheckResult>,
  observe: (outcome: CodeCheckOutcome) => void = () => undefined,
): Promise<Extract<CodeCheckResult, { ok: true }>> {
  try {
    await limiter.admit(ticket);
  } catch (error) {
    observe('refused');
    throw error;
  }
  const result = await check();
  observe(result.ok ? 'valid' : result.reason);
  if (result.ok) {
    await limiter.succeeded(ticket);
    return result;
  }
  const lockout = await limiter.failed(ticket, extraChecks);
  if (lockout) throw lockout;
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
