import { canonicalEmailAddress, destinationKey } from '../../../../delivery/canonical-destination';
import type { CounterStore } from '../../../../limits/counter-store';
import { giveBack, HeldSlots, type TakenSlot } from '../../../../limits/held-slots';
import type { Clock } from '../../../../shared/clock';
import { type AppError, tooManyAttempts } from '../../../../errors/app-error';
import { CodeChannel, CodePurpose } from '../../entities/one-time-code.entity';

export const RESEND_WAIT_MS = 60_000;
export const HOUR_MS = 60 * 60_000;

/** The hourly budgets the operator sets; 0 turns one of the first three off. */
export interface SendBudgets {
  codesPerIpPerHour: number;
  smsCodesPerHour: number;
  emailCodesPerHour: number;
  /** Set-up and proof codes per user, and per destination (at least 1). */
  setupCodesPerUserPerHour: number;
  setupCodesPerDestinationPerHour: number;
  /** Sign-in codes per user, and per destination (at least 1), counted apart from the set-up ones. */
  signInCodesPerUserPerHour: number;
  signInCodesPerDestinationPerHour: number;
}

/** One code about to be sent: whom it is for, where it goes, and who asked. */
export interface SendRequest {
  userId: string;
  purpose: CodePurpose;
  challengeId?: string | null;
  channel: CodeChannel;
  destination: string;
  /** The client's address ('unknown' when there is none). */
  ip: string;
}

/**
 * Sign-in codes are counted apart from set-up and proof codes: a user who asked for a few codes
 * while changing their method still gets one at the next sign-in.
 */
const budgetOf = (purpose: CodePurpose): 'signin' | 'setup' => (purpose === CodePurpose.LOGIN ? 'signin' : 'setup');

/** One limit a send must fit in: at most `limit` hits on `key` in a window of `windowMs`. */
export interface Cap {
  key: string;
  limit: number;
  windowMs: number;
  /** The refusal when the cap is full, given the wait until it frees up. */
  refusal: (retryAfterMs: number) => AppError;
}

/**
 * Every limit on sending a code, counted in the shared CounterStore so parallel requests (and API
 * processes) cannot slip between a check and a count: each cap is a slot taken by one atomic
 * increment before anything is generated or sent; a request over a cap gives back what it took.
 */
export class CodeSendLimits {
  constructor(
    private readonly counters: CounterStore,
    private readonly clock: Clock,
    private readonly budgets: SendBudgets,
  ) {}

  /** Takes a slot of every cap, or throws TOO_MANY_ATTEMPTS naming the first cap that is full. */
  take(request: SendRequest): Promise<HeldSlots> {
    return takeSlots(this.counters, this.capsFor(request), this.clock.now().getTime());
  }

  /** Narrowest first: a user's own repeats are refused before they count against anyone else. */
  private capsFor(request: SendRequest): Cap[] {
    const channel = request.channel;
    const to = destinationKey(channel === CodeChannel.EMAIL ? canonicalEmailAddress(request.destination) : request.destination);
    const budget = budgetOf(request.purpose);
    const [perUser, perDestination] =
      budget === 'signin'
        ? [this.budgets.signInCodesPerUserPerHour, this.budgets.signInCodesPerDestinationPerHour]
        : [this.budgets.setupCodesPerUserPerHour, this.budgets.setupCodesPerDestinationPerHour];
    const hourly = (key: string, limit: number, refusal: Cap['refusal']): Cap => ({ key, limit, windowMs: HOUR_MS, refusal });
    const caps: Cap[] = [
      {
        // The same step to the same place: a sign-in waits only for its own challenge's codes.
        key: `codes:wait:${request.userId}:${request.purpose}:${request.challengeId ?? '-'}:${channel}:${to}`,
        limit: 1,
        windowMs: RESEND_WAIT_MS,
        refusal: (wait) => tooManyAttempts('RESEND_WAIT', wait),
      },
      hourly(`codes:user:${budget}:${request.userId}`, perUser, (wait) => tooManyAttempts('HOURLY_CAP', wait)),
      hourly(`codes:to:${budget}:${channel}:${to}`, perDestination, (wait) => tooManyAttempts('HOURLY_CAP', wait)),
    ];
    return [...caps, ...ipSendBudget(this.budgets, request.ip), ...channelSendBudget(this.budgets, channel)];
  }
}

/**
 * The hourly budget of everything sent for requests from one IP address (CODES_PER_IP_PER_HOUR),
 * shared by codes and links, so no kind of e-mail or SMS escapes it. Empty when it is off.
 */
export function ipSendBudget(budgets: SendBudgets, ip: string): Cap[] {
  if (budgets.codesPerIpPerHour <= 0) return [];
  return [
    {
      key: `codes:ip:${ip}`,
      limit: budgets.codesPerIpPerHour,
      windowMs: HOUR_MS,
      refusal: (wait) => tooManyAttempts('IP_SEND_LIMIT', wait),
    },
  ];
}

/** The hourly budget of the whole deployment on one channel (EMAIL_CODES_PER_HOUR, SMS_CODES_PER_HOUR). Empty when it is off. */
export function channelSendBudget(budgets: SendBudgets, channel: CodeChannel): Cap[] {
  const limit = channel === CodeChannel.SMS ? budgets.smsCodesPerHour : budgets.emailCodesPerHour;
  if (limit <= 0) return [];
  return [
    { key: `codes:channel:${channel}`, limit, windowMs: HOUR_MS, refusal: (wait) => tooManyAttempts('CHANNEL_BUDGET', wait, { channel }) },
  ];
}

/**
 * Takes a slot of every cap in order, each by one atomic increment, or throws TOO_MANY_ATTEMPTS
 * naming the first cap that is full after giving back what it took.
 */
export async function takeSlots(counters: CounterStore, caps: readonly Cap[], nowMs: number): Promise<HeldSlots> {
  const taken: TakenSlot[] = [];
  try {
    for (const cap of caps) {
      const state = await counters.increment(cap.key, cap.windowMs, nowMs);
      taken.push({ key: cap.key, windowEndMs: state.resetAtMs });
      if (state.count > cap.limit) throw cap.refusal(state.resetAtMs - nowMs);
    }
  } catch (error) {
    await giveBack(counters, taken).catch(() => undefined);
    throw error;
  }
  return new HeldSlots(counters, taken);
}
