import { runChild } from './children';
import type { LoadResult, LoadSpec } from './load-generator';
import type { ScenarioName } from './scenarios';
import type { ServerProcess } from './server-process';

/** One measured load of one server in one round. */
export interface Sample<S extends string = string> {
  round: number;
  scenario: ScenarioName;
  server: S;
  load: LoadResult;
  peakRssMb: number;
  /**
   * The server's CPU time (user and system) over the requests it answered, in µs. Unlike req/s it
   * does not depend on how fast the load generator asks, so it moves less from round to round.
   */
  cpuUsPerRequest: number;
  /**
   * Of that, what the process's other threads took: V8's compiler and garbage collector helpers,
   * and libuv's pool (argon2). Steady, a server's requests leave them little to do.
   */
  otherThreadsUsPerRequest: number;
  /** False when the kernel would not reset the peak: it then counts from the server's start. */
  peakPerRound: boolean;
}

/**
 * S2 spends one pre-made challenge per success, and its user's code step with it. The pool is
 * seeded ahead of each load with room for the fastest rate seen so far (a generous guess before
 * the first), so a round never runs dry; if one does, its result says so.
 */
export class ChallengePool {
  private fastest: number;

  constructor(
    private readonly seedUpTo: (to: number) => Promise<void> | void,
    firstGuessPerSecond: number,
    private next = 0,
  ) {
    this.fastest = firstGuessPerSecond;
  }

  /** The range a load of `seconds` may spend, seeded before it is handed out. */
  async reserve(seconds: number): Promise<{ from: number; to: number }> {
    const room = Math.ceil(this.fastest * (seconds + 1) * 1.5);
    await this.seedUpTo(this.next + room);
    return { from: this.next, to: this.next + room };
  }

  /** After a load: what it spent is gone, and its rate sizes the next reservations. */
  spent(result: LoadResult): void {
    this.next += result.used;
    this.fastest = Math.max(this.fastest, result.requestsPerSecond);
  }
}

export interface LoadPlan {
  scenario: ScenarioName;
  server: ServerProcess;
  seconds: number;
  connections: number;
  users: number;
  pool?: ChallengePool;
  /** The load generator's core, when pinned. */
  loadCores?: string;
}

/** One load from the load generator's own process; bounded: it is killed if it overruns by far. */
export async function load(plan: LoadPlan): Promise<LoadResult> {
  const range = plan.scenario === 'S2' && plan.pool ? await plan.pool.reserve(plan.seconds) : { from: 0, to: 0 };
  const spec: LoadSpec = {
    url: plan.server.url,
    scenario: plan.scenario,
    connections: plan.connections,
    seconds: plan.seconds,
    users: plan.users,
    ...range,
  };
  const result = await runChild<LoadResult>('load-generator.ts', [JSON.stringify(spec)], {
    cores: plan.loadCores,
    timeoutMs: (plan.seconds + 60) * 1000,
  });
  plan.pool?.spent(result);
  return result;
}

/** A measured load: the server's peak memory is reset before and read after, its CPU time read on both sides. */
export async function measure<S extends string>(round: number, name: S, plan: LoadPlan): Promise<Sample<S>> {
  const peakPerRound = plan.server.resetPeak();
  // The whole process is read first before and last after, so its time covers the main thread's.
  const cpuBefore = plan.server.cpuSeconds();
  const mainBefore = plan.server.mainThreadCpuSeconds();
  const result = await load(plan);
  const mainAfter = plan.server.mainThreadCpuSeconds();
  const cpuAfter = plan.server.cpuSeconds();
  const perRequest = (seconds: number) => (seconds * 1e6) / result.requests;
  const cpuUsPerRequest = perRequest(cpuAfter - cpuBefore);
  const otherThreadsUsPerRequest = cpuUsPerRequest - perRequest(mainAfter - mainBefore);
  return {
    round,
    scenario: plan.scenario,
    server: name,
    load: result,
    peakRssMb: plan.server.peakRssMb(),
    peakPerRound,
    cpuUsPerRequest,
    otherThreadsUsPerRequest,
  };
}

/** One load of a run: a scenario's round on one server, after an unmeasured warm-up or not. */
export interface Turn<S, N> {
  scenario: S;
  round: number;
  name: N;
  warmUp: boolean;
}

/**
 * The order of a run's loads. A scenario's rounds run back to back, the servers in a different order
 * each round so that none always follows the same neighbour, and each server warms up before its
 * first round of a scenario. Back to back, because a server that switches to another kind of request
 * runs cold again for a while: V8 drops the compiled code its new requests no longer fit, and a slow
 * machine takes seconds to compile it again. Between scenarios, rounds would measure that switch.
 */
export function* schedule<S, N>(scenarios: readonly S[], rounds: number, names: readonly N[]): Generator<Turn<S, N>> {
  for (const scenario of scenarios) {
    for (let round = 1; round <= rounds; round++) {
      for (let i = 0; i < names.length; i++) {
        yield { scenario, round, name: names[(i + round - 1) % names.length]!, warmUp: round === 1 };
      }
    }
  }
}
