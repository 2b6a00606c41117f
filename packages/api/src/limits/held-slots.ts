import type { CounterState, CounterStore } from './counter-store';

/** One hit counted in a window of `key`, the window that ends at `windowEndMs`. */
export interface TakenSlot {
  key: string;
  windowEndMs: number;
}

/**
 * Hits counted ahead of an outcome, so parallel requests cannot all pass a look taken before any
 * of them counted. `keep` them when what they count happened; `release` gives them back when it did
 * not (a code that was not sent, a check that succeeded). Either is final.
 */
export class HeldSlots {
  private settled = false;

  constructor(
    private readonly counters: CounterStore,
    private readonly taken: readonly TakenSlot[],
  ) {}

  /** Nothing held: for a limit that is switched off. */
  static none(counters: CounterStore): HeldSlots {
    return new HeldSlots(counters, []);
  }

  keep(): void {
    this.settled = true;
  }

  async release(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    await giveBack(this.counters, this.taken);
  }
}

/** Gives back hits taken, newest first; a window that ended or was replaced owes nothing. */
export async function giveBack(counters: CounterStore, taken: readonly TakenSlot[]): Promise<void> {
  for (const slot of [...taken].reverse()) await counters.decrement(slot.key, slot.windowEndMs);
}

/**
 * Takes a slot of `key` if its window holds fewer than `limit` hits. The count is the check (one
 * atomic increment), so of parallel callers exactly the ones that fit get a slot; a hit past the
 * limit is given back at once and the full window is answered, for its end.
 */
export async function takeSlot(
  counters: CounterStore,
  key: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<{ held: HeldSlots; full?: undefined } | { full: CounterState }> {
  const state = await counters.increment(key, windowMs, nowMs);
  if (state.count <= limit) return { held: new HeldSlots(counters, [{ key, windowEndMs: state.resetAtMs }]) };
  await counters.decrement(key, state.resetAtMs);
  return { full: state };
}
