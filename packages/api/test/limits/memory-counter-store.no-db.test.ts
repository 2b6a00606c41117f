import { MemoryCounterStore } from '../../src/limits/counter-store';
import { createCounterStore } from '../../src/limits/create-counter-store';
import { describeCounterStoreContract } from './counter-store.contract';

// A memory store is one process: each store made here has counters of its own, whatever the prefix.
describeCounterStoreContract('MemoryCounterStore', async () => ({ store: new MemoryCounterStore(), close: async () => undefined }));

describe('createCounterStore without a Redis URL', () => {
  it('keeps counters in this process, is always ready, and closes without fuss', async () => {
    const counters = createCounterStore({});
    expect(counters.kind).toBe('memory');
    expect(counters.store).toBeInstanceOf(MemoryCounterStore);
    await expect(counters.ready()).resolves.toBeUndefined();
    expect(await counters.store.increment('k', 1_000, 0)).toEqual({ count: 1, resetAtMs: 1_000 });
    await expect(counters.close()).resolves.toBeUndefined();
  });

  it('treats an empty URL as unset', () => {
    expect(createCounterStore({ redisUrl: '' }).kind).toBe('memory');
  });
});
