import { MemoryCounterStore, type CounterStore } from './counter-store';
import type * as RedisCounterStoreModule from './redis-counter-store';

export interface CounterStoreOptions {
  /** REDIS_URL: unset = counters live in this process; set = shared through Redis. */
  redisUrl?: string;
  /** Redis only: put before every key (default `latchkey:`). */
  keyPrefix?: string;
  /** Redis only: told once per outage that the connection failed (e.g. to log a warning). */
  onError?: (error: Error) => void;
}

export interface CounterStoreHandle {
  store: CounterStore;
  /** Which store the settings chose, for the start-up log line. */
  kind: 'memory' | 'redis';
  /**
   * Resolves when the store can answer (for /readyz and start-up); rejects with
   * LimitStoreUnavailableError. Redis: waits up to `timeoutMs` (default 800 ms) for a connection and a PING.
   */
  ready(timeoutMs?: number): Promise<void>;
  /** Releases the connection, if any. */
  close(): Promise<void>;
}

/** The counter store the settings ask for: in this process without a Redis URL, Redis with one. */
export function createCounterStore(options: CounterStoreOptions): CounterStoreHandle {
  if (!options.redisUrl) {
    return { store: new MemoryCounterStore(), kind: 'memory', ready: async () => undefined, close: async () => undefined };
  }
  // ioredis loads only when Redis is chosen: a single process on the embedded default never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when chosen (see above)
  const { RedisCounterStore } = require('./redis-counter-store') as typeof RedisCounterStoreModule;
  const store = new RedisCounterStore({ url: options.redisUrl, keyPrefix: options.keyPrefix, onError: options.onError });
  return { store, kind: 'redis', ready: (timeoutMs) => store.ready(timeoutMs), close: () => store.close() };
}
