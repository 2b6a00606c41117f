import { canonicalEmailAddress, destinationKey } from '../../../../delivery/canonical-destination';
import type { CounterStore } from '../../../../limits/counter-store';
import type { Clock } from '../../../../shared/clock';
import { tooManyAttempts, type TooManyAttemptsReason } from '../../../../shared/errors';
import { CodeChannel, CodePurpose } from '../../entities/one-time-code.entity';
import { TWO_FACTOR_MESSAGES } from '../../two-factor.messages';

export const RESEND_WAIT_MS = 60_000;
/** Codes of one budget an hour, per user and per destination. */
export const MAX_CODES_PER_HOUR = 5;
const HOUR_MS = 60 * 60_000;

/** The hourly budgets the operator sets; 0 turns one off. */
export interface SendBudgets {
  codesPerIpPerHour: number;
  smsCodesPerHour: number;
  emailCodesPerHour: number;
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

interface Cap {
  key: string;
  limit: number;
  windowMs: number;
  reason: TooManyAttemptsReason;
  message: string;
}

interface TakenSlot {
  key: string;
  windowEndMs: number;
}

/**
 * The slots one send holds. A code that goes out keeps them (`keep`); one that does not gives
 * them back (`release`), so a refusal or a failed delivery spends nothing. Either is final.
 */
export class SendSlots {
  private settled = false;

  constructor(
    private readonly counters: CounterStore,
    private readonly taken: readonly TakenSlot[],
  ) {}

  keep(): void {
    this.settled = true;
  }

  async release(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    await giveBack(this.counters, this.taken);
  }
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
  async take(request: SendRequest): Promise<SendSlots> {
    const nowMs = this.clock.now().getTime();
    const taken: TakenSlot[] = [];
    try {
      for (const cap of this.capsFor(request)) {
        const state = await this.counters.increment(cap.key, cap.windowMs, nowMs);
        taken.push({ key: cap.key, windowEndMs: state.resetAtMs });
        if (state.count > cap.limit) throw tooManyAttempts(cap.message, state.resetAtMs - nowMs, cap.reason);
      }
    } catch (error) {
      await giveBack(this.counters, taken).catch(() => undefined);
      throw error;
    }
    return new SendSlots(this.counters, taken);
  }

  /** Narrowest first: a user's own repeats are refused before they count against anyone else. */
  private capsFor(request: SendRequest): Cap[] {
    const channel = request.channel;
    const to = destinationKey(channel === CodeChannel.EMAIL ? canonicalEmailAddress(request.destination) : request.destination);
    const budget = budgetOf(request.purpose);
    const hourly = (key: string, limit: number, reason: TooManyAttemptsReason, message: string): Cap => ({
      key,
      limit,
      windowMs: HOUR_MS,
      reason,
      message,
    });
    const caps: Cap[] = [
      {
        // The same step to the same place: a sign-in waits only for its own challenge's codes.
        key: `codes:wait:${request.userId}:${request.purpose}:${request.challengeId ?? '-'}:${channel}:${to}`,
        limit: 1,
        windowMs: RESEND_WAIT_MS,
        reason: 'RESEND_WAIT',
        message: TWO_FACTOR_MESSAGES.RESEND_WAIT,
      },
      hourly(`codes:user:${budget}:${request.userId}`, MAX_CODES_PER_HOUR, 'HOURLY_CAP', TWO_FACTOR_MESSAGES.HOURLY_CAP),
      hourly(`codes:to:${budget}:${channel}:${to}`, MAX_CODES_PER_HOUR, 'HOURLY_CAP', TWO_FACTOR_MESSAGES.HOURLY_CAP),
    ];
    if (this.budgets.codesPerIpPerHour > 0) {
      caps.push(hourly(`codes:ip:${request.ip}`, this.budgets.codesPerIpPerHour, 'IP_SEND_LIMIT', TWO_FACTOR_MESSAGES.IP_SEND_LIMIT));
    }
    const channelBudget = channel === CodeChannel.SMS ? this.budgets.smsCodesPerHour : this.budgets.emailCodesPerHour;
    if (channelBudget > 0) {
      caps.push(hourly(`codes:channel:${channel}`, channelBudget, 'CHANNEL_BUDGET', TWO_FACTOR_MESSAGES.CHANNEL_BUDGET[channel]));
    }
    return caps;
  }
}

async function giveBack(counters: CounterStore, taken: readonly TakenSlot[]): Promise<void> {
  for (const slot of [...taken].reverse()) await counters.decrement(slot.key, slot.windowEndMs);
}
