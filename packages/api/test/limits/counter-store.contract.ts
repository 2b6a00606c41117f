import type { CounterStore } from '../../src/limits/counter-store';

/** A store made for one test, and how to let go of it. */
export interface ContractStore {
  store: CounterStore;
  close(): Promise<void>;
}

/**
 * Stores made with the same prefix share counters (like two processes on one Redis); stores made
 * with different prefixes do not. A store living in one process gives each call its own counters.
 */
export type MakeStore = (keyPrefix: string) => Promise<ContractStore>;

const WINDOW_MS = 60_000;
const PARALLEL_INCREMENTS = 200;

/**
 * What every CounterStore promises its callers (the attempt limiter, the login throttle). Time is
 * always passed as `nowMs`: nothing here sleeps.
 */
export function describeCounterStoreContract(name: string, makeStore: MakeStore): void {
  describe(`${name}: the CounterStore contract`, () => {
    const opened: ContractStore[] = [];
    let testNumber = 0;
    let prefix = '';

    const open = async (keyPrefix = prefix): Promise<CounterStore> => {
      const made = await makeStore(keyPrefix);
      opened.push(made);
      return made.store;
    };

    beforeEach(() => {
      prefix = `contract${++testNumber}:`;
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((made) => made.close()));
    });

    it('starts the window at the first hit and counts within it', async () => {
      const store = await open();
      expect(await store.increment('k', WINDOW_MS, 1_000)).toEqual({ count: 1, resetAtMs: 61_000 });
      expect(await store.increment('k', WINDOW_MS, 30_000)).toEqual({ count: 2, resetAtMs: 61_000 });
      expect(await store.increment('k', WINDOW_MS, 60_999)).toEqual({ count: 3, resetAtMs: 61_000 });
    });

    it('peeks without counting, and answers null for a key never hit', async () => {
      const store = await open();
      expect(await store.peek('k', 1_000)).toBeNull();
      await store.increment('k', WINDOW_MS, 1_000);
      expect(await store.peek('k', 2_000)).toEqual({ count: 1, resetAtMs: 61_000 });
      expect(await store.peek('k', 3_000)).toEqual({ count: 1, resetAtMs: 61_000 });
      expect((await store.increment('k', WINDOW_MS, 4_000)).count).toBe(2);
    });

    it('ends the window by the caller’s clock, then starts a new one at the next hit', async () => {
      const store = await open();
      await store.increment('k', WINDOW_MS, 1_000);
      await store.increment('k', WINDOW_MS, 2_000);
      expect(await store.peek('k', 60_999)).toEqual({ count: 2, resetAtMs: 61_000 });
      expect(await store.peek('k', 61_000)).toBeNull();
      expect(await store.increment('k', WINDOW_MS, 61_000)).toEqual({ count: 1, resetAtMs: 121_000 });
      expect(await store.peek('k', 61_001)).toEqual({ count: 1, resetAtMs: 121_000 });
    });

    it('starts a new window of the new length after a long gap', async () => {
      const store = await open();
      await store.increment('k', WINDOW_MS, 1_000);
      const dayLater = 1_000 + 24 * 60 * 60_000;
      expect(await store.increment('k', 5 * WINDOW_MS, dayLater)).toEqual({ count: 1, resetAtMs: dayLater + 5 * WINDOW_MS });
    });

    it('works with real epoch times', async () => {
      const store = await open();
      const now = Date.UTC(2030, 0, 1, 12, 0, 0, 123);
      expect(await store.increment('k', WINDOW_MS, now)).toEqual({ count: 1, resetAtMs: now + WINDOW_MS });
      expect(await store.peek('k', now + WINDOW_MS - 1)).toEqual({ count: 1, resetAtMs: now + WINDOW_MS });
    });

    it('resets one key only, and resetting an absent key is harmless', async () => {
      const store = await open();
      await store.increment('a', WINDOW_MS, 0);
      await store.increment('b', WINDOW_MS, 0);
      await store.increment('b', WINDOW_MS, 0);
      await store.reset('a');
      await store.reset('never-hit');
      expect(await store.peek('a', 1)).toBeNull();
      expect(await store.peek('b', 1)).toEqual({ count: 2, resetAtMs: WINDOW_MS });
      expect(await store.increment('a', WINDOW_MS, 5)).toEqual({ count: 1, resetAtMs: 5 + WINDOW_MS });
    });

    it('keeps keys apart, including keys that look alike or carry odd characters', async () => {
      const store = await open();
      const keys = ['2fa:failures:u1', '2fa:failures:u10', '2fa:ip:::1', '2fa:ip:::1:', 'login:account:é ✓ *?[]'];
      for (const [index, key] of keys.entries()) {
        for (let i = 0; i <= index; i++) await store.increment(key, WINDOW_MS, 0);
      }
      for (const [index, key] of keys.entries()) {
        expect(await store.peek(key, 1)).toEqual({ count: index + 1, resetAtMs: WINDOW_MS });
      }
    });

    it('gives every one of many concurrent increments its own count', async () => {
      const store = await open();
      const results = await Promise.all(Array.from({ length: PARALLEL_INCREMENTS }, () => store.increment('k', WINDOW_MS, 1_000)));
      expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: PARALLEL_INCREMENTS }, (_, i) => i + 1));
      expect(new Set(results.map((r) => r.resetAtMs))).toEqual(new Set([61_000]));
      expect(await store.peek('k', 1_001)).toEqual({ count: PARALLEL_INCREMENTS, resetAtMs: 61_000 });
    });

    it('answers copies: changing an answer changes nothing stored', async () => {
      const store = await open();
      const first = await store.increment('k', WINDOW_MS, 0);
      first.count = 100;
      first.resetAtMs = 0;
      const seen = await store.peek('k', 1);
      if (seen) seen.count = 100;
      expect(await store.peek('k', 1)).toEqual({ count: 1, resetAtMs: WINDOW_MS });
    });

    it('takes back one hit from the window that counted it, and forgets a window brought to zero', async () => {
      const store = await open();
      await store.increment('k', WINDOW_MS, 1_000);
      const taken = await store.increment('k', WINDOW_MS, 2_000);
      await store.decrement('k', taken.resetAtMs);
      expect(await store.peek('k', 3_000)).toEqual({ count: 1, resetAtMs: 61_000 });
      await store.decrement('k', taken.resetAtMs);
      expect(await store.peek('k', 3_000)).toBeNull();
      // The next hit starts a fresh window, as if the taken-back hits had never been.
      expect(await store.increment('k', WINDOW_MS, 4_000)).toEqual({ count: 1, resetAtMs: 64_000 });
    });

    it('takes back nothing from another window, an ended one, or a key never hit', async () => {
      const store = await open();
      const old = await store.increment('k', WINDOW_MS, 1_000);
      const fresh = await store.increment('k', WINDOW_MS, 61_000);
      await store.decrement('k', old.resetAtMs);
      expect(await store.peek('k', 61_001)).toEqual({ count: 1, resetAtMs: fresh.resetAtMs });
      await store.decrement('never-hit', 61_000);
      expect(await store.peek('never-hit', 1)).toBeNull();
      expect(await store.increment('never-hit', WINDOW_MS, 1)).toEqual({ count: 1, resetAtMs: 1 + WINDOW_MS });
    });

    it('keeps count under concurrent hits and take-backs: what is taken back is free again', async () => {
      const store = await open();
      const limit = 5;
      // Each caller takes a slot and gives it back when it is over the limit: exactly `limit` keep one.
      const outcomes = await Promise.all(
        Array.from({ length: PARALLEL_INCREMENTS }, async () => {
          const state = await store.increment('k', WINDOW_MS, 1_000);
          if (state.count <= limit) return true;
          await store.decrement('k', state.resetAtMs);
          return false;
        }),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(limit);
      expect(await store.peek('k', 1_001)).toEqual({ count: limit, resetAtMs: 61_000 });
    });

    it('starts a window only when none is live, and says whether this call started it', async () => {
      const store = await open();
      expect(await store.startIfAbsent('lock', WINDOW_MS, 1_000)).toEqual({ started: true, state: { count: 1, resetAtMs: 61_000 } });
      // A live window stays as it is: neither its count nor its end moves, whatever length is asked.
      expect(await store.startIfAbsent('lock', 5 * WINDOW_MS, 30_000)).toEqual({
        started: false,
        state: { count: 1, resetAtMs: 61_000 },
      });
      expect(await store.peek('lock', 30_001)).toEqual({ count: 1, resetAtMs: 61_000 });
      // Once over by the caller's clock, the next call starts a new one of its own length.
      expect(await store.startIfAbsent('lock', 5 * WINDOW_MS, 61_000)).toEqual({
        started: true,
        state: { count: 1, resetAtMs: 61_000 + 5 * WINDOW_MS },
      });
    });

    it('leaves a window begun by increment as it is, and increment counts on in a started one', async () => {
      const store = await open();
      await store.increment('k', WINDOW_MS, 0);
      await store.increment('k', WINDOW_MS, 0);
      expect(await store.startIfAbsent('k', WINDOW_MS, 10)).toEqual({ started: false, state: { count: 2, resetAtMs: WINDOW_MS } });
      await store.startIfAbsent('fresh', WINDOW_MS, 0);
      expect(await store.increment('fresh', WINDOW_MS, 5)).toEqual({ count: 2, resetAtMs: WINDOW_MS });
    });

    it('lets exactly one of many concurrent callers start a window, and all see the same one', async () => {
      const store = await open();
      const results = await Promise.all(
        Array.from({ length: PARALLEL_INCREMENTS }, (_, i) => store.startIfAbsent('lock', WINDOW_MS + i, 1_000)),
      );
      expect(results.filter((r) => r.started)).toHaveLength(1);
      const winner = results.find((r) => r.started)!;
      expect(new Set(results.map((r) => r.state.resetAtMs))).toEqual(new Set([winner.state.resetAtMs]));
      expect(results.every((r) => r.state.count === 1)).toBe(true);
    });

    it('starts again after a reset', async () => {
      const store = await open();
      await store.startIfAbsent('lock', WINDOW_MS, 0);
      await store.reset('lock');
      expect((await store.startIfAbsent('lock', WINDOW_MS, 1)).started).toBe(true);
    });

    it('keeps stores with different prefixes apart', async () => {
      const one = await open(`${prefix}one:`);
      const two = await open(`${prefix}two:`);
      await one.increment('k', WINDOW_MS, 0);
      await one.increment('k', WINDOW_MS, 0);
      expect(await two.peek('k', 1)).toBeNull();
      expect(await two.increment('k', WINDOW_MS, 0)).toEqual({ count: 1, resetAtMs: WINDOW_MS });
      await two.reset('k');
      expect(await one.peek('k', 1)).toEqual({ count: 2, resetAtMs: WINDOW_MS });
    });
  });
}
