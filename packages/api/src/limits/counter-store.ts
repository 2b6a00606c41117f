/**
 * Counters in fixed windows, shared by everything that limits attempts. `increment` is atomic: it
 * counts and answers in one step, so parallel requests cannot slip between a check and a count.
 * MemoryCounterStore serves one process; RedisCounterStore (redis-counter-store.ts) serves every
 * process that shares a Redis. createCounterStore (create-counter-store.ts) picks one from settings.
 *
 * Time is the caller's: `nowMs` comes from the injected Clock, and windows start and end by it, so a
 * test can move a clock instead of sleeping. A store that cannot answer rejects (Redis: with
 * LimitStoreUnavailableError); callers let that refuse the attempt, never let it through uncounted.
 */
export interface CounterState {
  count: number;
  /** When the window that holds this count ends (epoch ms). */
  resetAtMs: number;
}

export interface WindowStart {
  /** True for the one call that started the window; false when it was already running. */
  started: boolean;
  state: CounterState;
}

export interface CounterStore {
  /** Adds one to `key`; the window starts at the first hit and lasts `windowMs`. */
  increment(key: string, windowMs: number, nowMs: number): Promise<CounterState>;
  /**
   * Starts a window of `windowMs` at `key` with count 1, unless a live one is there (then nothing
   * changes). One atomic step: of many parallel callers exactly one hears `started: true`, so an
   * episode (a lockout) begins once however many requests try to begin it. `state` is the live window.
   */
  startIfAbsent(key: string, windowMs: number, nowMs: number): Promise<WindowStart>;
  /** The current count, or null when there is none or its window is over. */
  peek(key: string, nowMs: number): Promise<CounterState | null>;
  reset(key: string): Promise<void>;
  /**
   * Takes back one hit, for a slot taken and then not used (a code that could not be sent). Only
   * the window that `increment` answered, the one ending at `windowEndMs`, is touched: after it
   * ended or was replaced this does nothing. A window brought back to zero is forgotten, so the next
   * hit starts a fresh one, as if the taken-back hits had never been.
   */
  decrement(key: string, windowEndMs: number): Promise<void>;
}

/** Expired windows are dropped every this many operations, so memory stays bounded by live keys. */
const SWEEP_EVERY_OPERATIONS = 1_000;

export class MemoryCounterStore implements CounterStore {
  private readonly windows = new Map<string, CounterState>();
  private operationsSinceSweep = 0;

  async increment(key: string, windowMs: number, nowMs: number): Promise<CounterState> {
    this.maybeSweep(nowMs);
    const current = this.live(key, nowMs);
    const next = current ? { count: current.count + 1, resetAtMs: current.resetAtMs } : { count: 1, resetAtMs: nowMs + windowMs };
    this.windows.set(key, next);
    return { ...next };
  }

  async startIfAbsent(key: string, windowMs: number, nowMs: number): Promise<WindowStart> {
    this.maybeSweep(nowMs);
    const current = this.live(key, nowMs);
    if (current) return { started: false, state: { ...current } };
    const started = { count: 1, resetAtMs: nowMs + windowMs };
    this.windows.set(key, started);
    return { started: true, state: { ...started } };
  }

  async peek(key: string, nowMs: number): Promise<CounterState | null> {
    const current = this.live(key, nowMs);
    return current ? { ...current } : null;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async decrement(key: string, windowEndMs: number): Promise<void> {
    const state = this.windows.get(key);
    if (!state || state.resetAtMs !== windowEndMs) return;
    if (state.count <= 1) this.windows.delete(key);
    else this.windows.set(key, { count: state.count - 1, resetAtMs: state.resetAtMs });
  }

  private live(key: string, nowMs: number): CounterState | undefined {
    const state = this.windows.get(key);
    if (state && state.resetAtMs <= nowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return state;
  }

  private maybeSweep(nowMs: number): void {
    if (++this.operationsSinceSweep < SWEEP_EVERY_OPERATIONS) return;
    this.operationsSinceSweep = 0;
    for (const [key, state] of this.windows) if (state.resetAtMs <= nowMs) this.windows.delete(key);
  }
}
