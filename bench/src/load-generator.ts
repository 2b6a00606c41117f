import autocannon from 'autocannon';
import { requestFor, type ScenarioName } from './scenarios';

/**
 * The load generator: its own process (on its own core when the machine has two), so it never takes
 * CPU time from the server it measures. It drives autocannon on loopback for a fixed time and
 * prints one JSON line: throughput, latency percentiles and everything that was not a clean answer.
 */

export interface LoadSpec {
  url: string;
  scenario: ScenarioName;
  connections: number;
  seconds: number;
  /** S1 and S3: how many users the requests go round. */
  users: number;
  /** S2: the pre-made challenges this run may spend, `from` to `to - 1`. */
  from: number;
  to: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** HTTP answers other than 2xx. */
  non2xx: number;
  /** Connection errors and timeouts. */
  socketErrors: number;
  /** 2xx answers whose body carries GraphQL errors. */
  graphqlErrors: number;
  /** The first answer that was not clean, to say why. */
  firstError: string | null;
  /** S2: challenges spent (or handed out) by this run. */
  used: number;
  /** S2: the pool ran dry before the time was up (the numbers then cover a shorter run). */
  exhausted: boolean;
  /**
   * The load generator's CPU time over the run's time. Near 1 it had its core to itself no more
   * and may have held the server back: a faster server could show as no faster than it.
   */
  loadGeneratorBusy: number;
}

const MAX_ERROR_SAMPLE = 500;

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let n = spec.scenario === 'S2' ? spec.from : 0;
  let exhausted = false;
  let graphqlErrors = 0;
  let firstError: string | null = null;
  const onResponse = (status: number, body: string) => {
    if (exhausted) return;
    if (status >= 200 && status < 300 && !body.includes('"errors"')) return;
    if (status >= 200 && status < 300) graphqlErrors++;
    firstError ??= `HTTP ${status}: ${body.slice(0, MAX_ERROR_SAMPLE)}`;
  };
  // S1's requests differ only by their user: built once, sent in turn (each connection goes round
  // the list), so building requests costs the load generator nothing. S2 needs a fresh challenge
  // per request, and S3 must not send one account's sign-ins all at once (its throttle would count
  // them), so both are built one by one, from a shared counter.
  const requests: autocannon.Request[] =
    spec.scenario === 'S1'
      ? Array.from({ length: spec.users }, (_, i) => ({ method: 'POST', path: '/graphql', ...requestFor('S1', i, spec.users), onResponse }))
      : [
          {
            method: 'POST',
            path: '/graphql',
            setupRequest: (request) => {
              if (spec.scenario === 'S2' && n >= spec.to && !exhausted) {
                exhausted = true;
                instance.stop();
              }
              const { headers, body } = requestFor(spec.scenario, spec.scenario === 'S2' ? Math.min(n++, spec.to - 1) : n++, spec.users);
              return { ...request, headers, body };
            },
            onResponse,
          },
        ];
  const cpuBefore = process.cpuUsage();
  let instance: autocannon.Instance;
  return new Promise((resolve, reject) => {
    instance = autocannon(
      { url: `${spec.url}/graphql`, connections: spec.connections, duration: spec.seconds, pipelining: 1, requests },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const seconds = result.duration;
        const cpu = process.cpuUsage(cpuBefore);
        resolve({
          requests: result.requests.total,
          seconds,
          requestsPerSecond: result.requests.total / seconds,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          non2xx: result.non2xx,
          socketErrors: result.errors + result.timeouts,
          graphqlErrors,
          firstError,
          used: spec.scenario === 'S2' ? n - spec.from : 0,
          exhausted,
          loadGeneratorBusy: (cpu.user + cpu.system) / 1e6 / seconds,
        });
      },
    );
  });
}

// As a process of its own: the spec as the first argument, the result as the last line printed.
if (require.main === module) {
  runLoad(JSON.parse(process.argv[2]!) as LoadSpec).then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
