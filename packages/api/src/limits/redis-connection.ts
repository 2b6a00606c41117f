import Redis, { type RedisOptions } from 'ioredis';

/**
 * A Redis connection for state that guards the way in (attempt counters, locks). It fails fast
 * instead of waiting: a limit that cannot be read must refuse the attempt now, not hold the
 * request open while the client queues commands for a server that may never come back.
 */

export interface RedisConnectionOptions {
  /** The longest a command may wait for its reply before it fails. */
  commandTimeoutMs?: number;
  /** The longest one connection attempt (TCP, TLS, handshake) may take. */
  connectTimeoutMs?: number;
  /**
   * Told about connection trouble once per outage (not on every reconnect attempt), with the
   * client's error. Without it the errors are dropped; the calls still fail closed.
   */
  onError?: (error: Error) => void;
}

/** A limit check is one sub-millisecond round trip; a second means the server is in trouble. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 1_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
/** Reconnect attempts back off by this much per attempt... */
const RECONNECT_STEP_MS = 100;
/** ...up to this, so service resumes within about a second of Redis coming back. */
const MAX_RECONNECT_DELAY_MS = 1_000;
const DISCONNECT_TIMEOUT_MS = 200;

export function connectToRedis(url: string, options: RedisConnectionOptions = {}): Redis {
  const settings: RedisOptions = {
    // No offline queue: while disconnected, a command fails at once instead of waiting.
    enableOfflineQueue: false,
    // Commands in flight when the connection drops fail with it, and are not sent again after the
    // reconnect: the caller has already been told "unavailable", and a resent INCR would count twice.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // A server that accepts the connection but never answers (paused, overloaded, half-open TCP).
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // Never give up reconnecting: the store works again as soon as Redis does, without a restart.
    retryStrategy: (attempt) => Math.min(attempt * RECONNECT_STEP_MS, MAX_RECONNECT_DELAY_MS),
    // Nothing here needs RESP3, and RESP2 works with every server and proxy (ioredis 6 defaults to 3,
    // which Redis before 6 and some managed proxies refuse).
    protocol: 2,
    // On close, how long ioredis waits for the socket to end politely before destroying it: short,
    // so a closed store leaves no timer that holds the process open.
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
  };
  const client = new Redis(url, settings);

  // One report per outage, whichever comes first: an error, or a drop that ioredis will retry.
  // Without an 'error' listener ioredis would print every failed reconnect attempt to stderr.
  let reportedThisOutage = false;
  const report = (error: Error) => {
    if (reportedThisOutage) return;
    reportedThisOutage = true;
    options.onError?.(error);
  };
  client.on('error', report);
  client.on('reconnecting', () => report(new Error('The connection to Redis was lost; reconnecting')));
  client.on('ready', () => {
    reportedThisOutage = false;
  });
  return client;
}

/**
 * Resolves at once while connected. While a connection attempt is under way (at start-up, or as
 * Redis comes back) it waits for that attempt, up to `maxWaitMs`, so the first requests after a
 * start do not fail for want of a socket. Between attempts (Redis down) it rejects at once.
 */
export function whenConnected(client: Redis, maxWaitMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  // Callers arriving during one attempt share one wait (and one set of listeners).
  let attempt = pendingAttempts.get(client);
  if (!attempt) {
    attempt = waitForReady(client, maxWaitMs, { throughReconnects: false }).finally(() => pendingAttempts.delete(client));
    pendingAttempts.set(client, attempt);
  }
  return attempt;
}

const pendingAttempts = new WeakMap<Redis, Promise<void>>();

/**
 * Resolves once the client is connected and a PING came back within `timeoutMs`; rejects
 * otherwise. Waits through reconnect attempts: it answers "can the store work within this time?".
 */
export async function pingRedis(client: Redis, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await waitForReady(client, timeoutMs, { throughReconnects: true });
  const left = Math.max(1, deadline - Date.now());
  await withTimeout(client.ping(), left, 'PING timed out');
}

/** ioredis statuses while a connection attempt is in flight (TCP/TLS, then the handshake). */
const CONNECTING_STATUSES = new Set(['connecting', 'connect']);

function waitForReady(client: Redis, timeoutMs: number, options: { throughReconnects: boolean }): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  if (client.status === 'end') return Promise.reject(new Error('The connection is closed'));
  if (!options.throughReconnects && !CONNECTING_STATUSES.has(client.status)) {
    return Promise.reject(new Error('Not connected'));
  }
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('close', onClose);
      client.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => finish();
    const onClose = () => {
      if (!options.throughReconnects) finish(new Error('Not connected'));
    };
    const onEnd = () => finish(new Error('The connection is closed'));
    const timer = setTimeout(() => finish(new Error('Not connected in time')), timeoutMs);
    client.on('ready', onReady);
    client.on('close', onClose);
    client.on('end', onEnd);
  });
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Ends the connection: politely when it is up, at once when it is not. Never throws. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // Fall through: the connection died while quitting.
    }
  }
  client.disconnect();
}
