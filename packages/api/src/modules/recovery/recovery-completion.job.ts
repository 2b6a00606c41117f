import type { Logger } from '../../shared/logger';
import type { AccountRecoveryService } from './account-recovery.service';

/**
 * Completes approved recoveries whose wait is over without waiting for anyone to sign in: every
 * `intervalMs` it asks the service, which reads the injected clock, so a test clock moved forward
 * is honoured at the next run. Runs never overlap in one process; across processes the service's
 * conditional write lets one win each request. The timer does not keep the process alive.
 */
export class RecoveryCompletionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly recovery: Pick<AccountRecoveryService, 'completeDue'>,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** One run now; a run already going is waited for instead of starting another. */
  runOnce(): Promise<void> {
    this.running ??= this.recovery
      .completeDue()
      .then((completed) => {
        if (completed > 0) this.logger.info({ completed }, 'account recoveries completed');
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'completing account recoveries failed; the next run tries again'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Stops the timer and waits for a run in flight (before the database closes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
