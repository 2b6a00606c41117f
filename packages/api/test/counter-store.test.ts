import { MemoryCounterStore } from '../src/limits/counter-store';

describe('MemoryCounterStore', () => {
  const WINDOW = 60_000;

  it('counts within a window that starts at the first hit, then starts over', async () => {
    const store = new MemoryCounterStore();
    expect(await store.increment('k', WINDOW, 1_000)).toEqual({ count: 1, resetAtMs: 61_000 });
    expect(await store.increment('k', WINDOW, 30_000)).toEqual({ count: 2, resetAtMs: 61_000 });
    expect(await store.peek('k', 60_999)).toEqual({ count: 2, resetAtMs: 61_000 });
    expect(await store.peek('k', 61_000)).toBeNull();
    expect(await store.increment('k', WINDOW, 61_000)).toEqual({ count: 1, resetAtMs: 121_000 });
  });

  it('keeps keys apart and resets one key only', async () => {
    const store = new MemoryCounterStore();
    await store.increment('a', WINDOW, 0);
    await store.increment('b', WINDOW, 0);
    await store.reset('a');
    expect(await store.peek('a', 1)).toBeNull();
    expect((await store.peek('b', 1))?.count).toBe(1);
  });

  it('gives every one of many concurrent increments its own count', async () => {
    const store = new MemoryCounterStore();
    const results = await Promise.all(Array.from({ length: 100 }, () => store.increment('k', WINDOW, 0)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });
});
