import type { Logger } from '../../shared/logger';

/**
 * Work a request starts and does not wait for, so that its answer and its timing say nothing about
 * what the work found (a password reset for an address that has no account answers exactly like
 * one that has). Failures are logged; `settled` waits for what is in flight (at shutdown, in tests).
 */
export class BackgroundWork {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /**
   * Runs `work` once `after` settles: for a request, when its answer has been sent (else a later
   * turn of the event loop). Before that, a synchronous driver (SQLite) would do the work ahead of
   * the answer and make it wait.
   */
  run(what: string, work: () => Promise<void>, after: Promise<void> = nextTurn()): void {
    const running = after
      .then(work)
      .catch((error: unknown) => this.logger.warn({ err: error, work: what }, 'background work failed'))
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Waits for all work in flight, including work still waiting for its answer to be sent. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
