import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { loggableError } from '../../../db/data-source';
import type { Clock } from '../../../shared/clock';
import type { Logger } from '../../../shared/logger';
import type { SecretBox } from '../../../shared/secret-box';
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { WebhookEntity } from '../entities/webhook.entity';
import { signatureOf } from '../webhook-signature';
import { nextAttemptAfter, RETRY_DELAYS_MS } from './retry-schedule';
import { TargetRefused, systemResolver, type HostResolver, type TargetPolicy } from './target-address';
import { sendWebhookRequest } from './webhook-request';

export interface DispatcherSettings {
  policy: TargetPolicy;
  /** How long one attempt may take (WEBHOOK_TIMEOUT_SECONDS). */
  timeoutMs: number;
  /** How often the queue is read when nothing wakes the dispatcher (events queued by other processes, retries coming due). */
  pollIntervalMs: number;
  /** Deliveries taken at a time, and attempted side by side. */
  batchSize: number;
  retryDelaysMs: readonly number[];
}

export const DEFAULT_DISPATCHER_SETTINGS: Omit<DispatcherSettings, 'policy' | 'timeoutMs'> = {
  pollIntervalMs: 5_000,
  batchSize: 10,
  retryDelaysMs: RETRY_DELAYS_MS,
};

export interface DispatcherDependencies {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  secrets: SecretBox;
  settings: DispatcherSettings;
  resolve?: HostResolver;
}

/** A delivery taken for one attempt: `attempts` (after the claim) is the claim's token. */
interface Claimed {
  id: string;
  webhookId: string;
  payload: string;
  attempts: number;
}

/** How an attempt ended. */
interface Outcome {
  statusCode: number | null;
  error: string | null;
}

/** What a delivery log says of an error: a short line, never a header or a body. */
const MAX_ERROR_LENGTH = 500;
/** Beyond an attempt's time-out, before another dispatcher may take a delivery whose attempt seems lost (a process that died). */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends the queued deliveries, in every API process. Each takes due deliveries with a claim that
 * one process wins (on PostgreSQL, rows locked with SKIP LOCKED, so dispatchers never wait for
 * each other; on SQLite, one conditional UPDATE), attempts them, and writes the outcome only if its
 * claim still stands. A failed attempt is retried after the next wait of the schedule, measured on
 * the injected clock. The queue is read every `pollIntervalMs`, and at once when this process
 * queues a delivery; between reads no timer keeps the process alive.
 */
export class WebhookDispatcher {
  private readonly dataSource: DataSource;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly secrets: SecretBox;
  private readonly settings: DispatcherSettings;
  private readonly resolve: HostResolver;
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private readAgain = false;

  constructor(deps: DispatcherDependencies) {
    this.dataSource = deps.dataSource;
    this.clock = deps.clock;
    this.logger = deps.logger;
    this.secrets = deps.secrets;
    this.settings = deps.settings;
    this.resolve = deps.resolve ?? systemResolver;
  }

  start(): void {
    this.schedule(0);
  }

  /** Reads the queue now (or right after the read in progress): a delivery was just queued, or the clock moved. */
  wake(): void {
    if (this.stopping.signal.aborted) return;
    if (this.running) this.readAgain = true;
    else this.schedule(0);
  }

  /**
   * Stops reading the queue and aborts the attempts in flight; resolves once their deliveries are
   * released for another process (or a restart) to attempt again, so the database can close.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.timer);
    await this.running;
  }

  /** Reads the queue now and resolves once nothing more is due (tests wait for it after moving the clock). */
  async drain(): Promise<void> {
    await this.settled();
    this.readNow();
    await this.settled();
  }

  private async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopping.signal.aborted) return;
    this.timer = setTimeout(() => this.readNow(), delayMs);
    // Waiting for the next read never keeps a process alive on its own.
    this.timer.unref();
  }

  private readNow(): void {
    clearTimeout(this.timer);
    if (this.running || this.stopping.signal.aborted) return;
    this.running = this.run().finally(() => (this.running = null));
  }

  private async run(): Promise<void> {
    try {
      do {
        this.readAgain = false;
        const claimed = await this.claim();
        await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
        if (claimed.length === this.settings.batchSize) this.readAgain = true;
      } while (this.readAgain && !this.stopping.signal.aborted);
    } catch (error) {
      if (!this.stopping.signal.aborted) this.logger.warn({ err: loggableError(error) }, 'webhook queue could not be read');
    } finally {
      // A wake-up that came as this read ended is not lost: it reads again at once.
      this.schedule(this.readAgain ? 0 : this.settings.pollIntervalMs);
    }
  }

  /** Takes up to a batch of due deliveries that no live claim holds, adding one to their attempts. */
  private async claim(): Promise<Claimed[]> {
    const now = this.clock.now().getTime();
    const leaseUntil = now + this.settings.timeoutMs + LEASE_MARGIN_MS;
    // PostgreSQL skips rows another dispatcher has locked instead of waiting for them; SQLite has
    // one writer at a time, so its single UPDATE is already a claim with one winner.
    const postgres = this.dataSource.options.type === 'postgres';
    const due =
      `SELECT "id" FROM "webhook_deliveries" WHERE "status" = 'PENDING' AND "next_attempt_at" <= ${postgres ? '$2' : '?'}` +
      ` AND ("lease_until" IS NULL OR "lease_until" <= ${postgres ? '$2' : '?'}) ORDER BY "next_attempt_at" LIMIT ${postgres ? '$3' : '?'}` +
      (postgres ? ' FOR UPDATE SKIP LOCKED' : '');
    const sql =
      `UPDATE "webhook_deliveries" SET "attempts" = "attempts" + 1, "lease_until" = ${postgres ? '$1' : '?'}` +
      ` WHERE "id" IN (${due}) RETURNING "id", "webhook_id", "payload", "attempts"`;
    const parameters = postgres ? [leaseUntil, now, this.settings.batchSize] : [leaseUntil, now, now, this.settings.batchSize];
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(sql, parameters, true);
      return ((result.records ?? []) as Array<{ id: string; webhook_id: string; payload: string; attempts: number | string }>).map(
        (row) => ({ id: row.id, webhookId: row.webhook_id, payload: row.payload, attempts: Number(row.attempts) }),
      );
    } finally {
      await runner.release();
    }
  }

  private async attempt(delivery: Claimed): Promise<void> {
    const webhook = await this.dataSource.getRepository(WebhookEntity).findOneBy({ id: delivery.webhookId });
    // Deleted meanwhile: its deliveries went with it.
    if (!webhook) return;
    const startedAt = this.clock.now();
    const timestamp = Math.floor(startedAt.getTime() / 1000);
    const started = performance.now();
    let outcome: Outcome;
    try {
      const answer = await sendWebhookRequest(
        {
          url: webhook.url,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Latchkey-Webhooks/1',
            'webhook-id': delivery.id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signatureOf(this.secrets.decrypt(webhook.secretCiphertext), delivery.id, timestamp, delivery.payload),
          },
          body: delivery.payload,
        },
        { policy: this.settings.policy, resolve: this.resolve, timeoutMs: this.settings.timeoutMs, signal: this.stopping.signal },
      );
      const succeeded = answer.statusCode >= 200 && answer.statusCode < 300;
      outcome = { statusCode: answer.statusCode, error: succeeded ? null : `the endpoint answered HTTP ${answer.statusCode}` };
    } catch (error) {
      if (this.stopping.signal.aborted) return this.release(delivery);
      outcome = { statusCode: null, error: describe(error) };
    }
    await this.record(delivery, startedAt, Math.round(performance.now() - started), outcome).catch((error: unknown) =>
      this.logger.warn({ err: loggableError(error), delivery: delivery.id }, 'webhook delivery outcome not recorded'),
    );
  }

  /** Writes the attempt's outcome, if the claim is still this dispatcher's: the next attempt's time, or the end. */
  private async record(delivery: Claimed, startedAt: Date, durationMs: number, outcome: Outcome): Promise<void> {
    const failedAt = this.clock.now();
    const next = outcome.error === null ? null : nextAttemptAfter(delivery.attempts, failedAt, this.settings.retryDelaysMs);
    const status =
      outcome.error === null ? WebhookDeliveryStatus.SUCCEEDED : next ? WebhookDeliveryStatus.PENDING : WebhookDeliveryStatus.FAILED;
    await this.dataSource.getRepository(WebhookDeliveryEntity).update(
      { id: delivery.id, attempts: delivery.attempts, status: WebhookDeliveryStatus.PENDING },
      {
        status,
        nextAttemptAt: next,
        leaseUntil: null,
        lastAttemptAt: startedAt,
        lastStatusCode: outcome.statusCode,
        lastDurationMs: durationMs,
        lastError: outcome.error?.slice(0, MAX_ERROR_LENGTH) ?? null,
      },
    );
    if (status === WebhookDeliveryStatus.FAILED) {
      this.logger.warn(
        { delivery: delivery.id, webhook: delivery.webhookId, attempts: delivery.attempts },
        'webhook delivery failed for good',
      );
    }
  }

  /** Gives back a delivery whose attempt a shutdown cut short: not counted, due again at once. */
  private async release(delivery: Claimed): Promise<void> {
    await this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .update(
        { id: delivery.id, attempts: delivery.attempts, status: WebhookDeliveryStatus.PENDING },
        { attempts: delivery.attempts - 1, leaseUntil: null, nextAttemptAt: this.clock.now() },
      )
      .catch((error: unknown) => this.logger.warn({ err: loggableError(error), delivery: delivery.id }, 'webhook delivery not released'));
  }
}

function describe(error: unknown): string {
  if (error instanceof TargetRefused) return `refused: ${error.message}`;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
