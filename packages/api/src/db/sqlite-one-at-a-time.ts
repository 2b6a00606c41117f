import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** The transaction whose callback is running, for the queries it makes. */
interface OpenTransaction {
  open: boolean;
}

/**
 * SQLite in this process is one connection that every request shares, and TypeORM gives a
 * transaction started while another is open a savepoint inside it: the two then commit and roll
 * back each other's writes, and a plain write made meanwhile joins whichever transaction is open.
 * This makes the connection serve one transaction at a time: a transaction waits for the one
 * before it to end, and a query from outside waits for the open transaction instead of running
 * inside it. Queries of the transaction's own callback (found by their async context) go straight
 * through. better-sqlite3 runs each statement synchronously, so nothing else is lost.
 *
 * The async context costs while it is on: from its first `run`, Node 20 tracks every promise the
 * process makes (S1 and S2 of the bench took about 8% more CPU a request after one transaction).
 * It is switched off again when each transaction ends, which transactions one at a time allow.
 */
const gates = new WeakMap<DataSource, <T>(work: () => T) => Promise<T>>();

/**
 * Runs `work` (a statement on the connection, outside TypeORM) when no transaction is open on it,
 * as TypeORM's own queries from outside a transaction do; at once on databases without the gate.
 */
export function outsideTransactions<T>(dataSource: DataSource, work: () => T): Promise<T> {
  const gate = gates.get(dataSource);
  return gate ? gate(work) : Promise.resolve().then(work);
}

export function oneTransactionAtATime(dataSource: DataSource): void {
  const inTransaction = new AsyncLocalStorage<OpenTransaction>();
  let tail: Promise<unknown> = Promise.resolve();
  /** Turns queued or running: while none is, the connection is free and a statement need not queue. */
  let turnsInFlight = 0;
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    turnsInFlight++;
    const turn = tail.then(work).finally(() => turnsInFlight--);
    tail = turn.catch(() => undefined);
    return turn;
  };
  const ownQuery = () => inTransaction.getStore()?.open === true;
  // An async function runs its body at once: the statement runs now, its failure still a rejection.
  const now = async <T>(work: () => T): Promise<T> => work();
  gates.set(dataSource, <T>(work: () => T) => {
    // Nothing open and nothing waiting (most requests): the statement runs at once, as it would on its turn.
    if (turnsInFlight === 0) return now(work);
    return ownQuery() ? Promise.resolve().then(work) : inTurn(async () => work());
  });

  const runner: QueryRunner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((...args: unknown[]) => (ownQuery() ? query(...args) : inTurn(() => query(...args)))) as QueryRunner['query'];

  const manager: EntityManager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = (...args: unknown[]) => {
    if (ownQuery()) return transaction(...args);
    return inTurn(async () => {
      const state: OpenTransaction = { open: true };
      try {
        return await inTransaction.run(state, () => transaction(...args));
      } finally {
        // Work the callback started and left running belongs to no transaction once it ended.
        state.open = false;
        // No other transaction is running (they take turns): stop tracking promises until the next.
        inTransaction.disable();
      }
    });
  };
}
