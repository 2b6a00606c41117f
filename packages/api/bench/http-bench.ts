/**
 * Prints how fast the API answers its hot paths, over HTTP, against a real server process on a
 * fresh SQLite database (or DATABASE_URL / REDIS_URL when set). Usage: pnpm bench [seconds]
 * Numbers, not pass/fail: compare runs on the same machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApiProcess, type ApiProcess } from '../test/support/api-process';
import { referenceTotp } from '../test/support/reference-totp';

const SECONDS = Number(process.argv[2] ?? 5);
const PASSWORD = 'benchmark password';
const TOTP_USERS = 200;

interface Result {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

let requestNumber = 0;
/**
 * Each request claims its own client address (the server trusts X-Forwarded-For here), so the
 * per-IP sign-in limit measures nothing but itself; a header value, no traffic to that address.
 */
const clientAddress = () => {
  const n = requestNumber++;
  return `198.18.${(n >> 8) & 255}.${n & 255}`;
};

async function graphql(api: ApiProcess, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': clientAddress(),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Runs `work` from `concurrency` loops until the time is up (or `limit` calls are made). */
async function measure(name: string, concurrency: number, work: (i: number) => Promise<unknown>, limit = Infinity): Promise<Result> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && next < limit) {
        const i = next++;
        const t0 = performance.now();
        try {
          await work(i);
          latenciesMs.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { name, requests: latenciesMs.length, errors, seconds: (performance.now() - started) / 1000, latenciesMs };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function report(results: Result[], rssMb: number): void {
  const rows = results.map((r) => {
    const sorted = [...r.latenciesMs].sort((a, b) => a - b);
    return {
      scenario: r.name,
      'req/s': (r.requests / r.seconds).toFixed(0),
      'p50 ms': percentile(sorted, 50).toFixed(1),
      'p95 ms': percentile(sorted, 95).toFixed(1),
      'p99 ms': percentile(sorted, 99).toFixed(1),
      requests: r.requests,
      errors: r.errors,
    };
  });
  console.table(rows);
  console.log(`server RSS after the run: ${rssMb.toFixed(0)} MB`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-bench-'));
  const api = await startApiProcess({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    TRUST_PROXY: 'true',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  });
  try {
    const { register } = await graphql(api, 'mutation($e: String!, $p: String!) { register(email: $e, password: $p) { token } }', {
      e: 'bench@example.com',
      p: PASSWORD,
    });
    const results: Result[] = [];
    results.push(await measure('me (session lookup)', 32, () => graphql(api, '{ me { id } }', {}, register.token)));
    results.push(
      await measure('login, no 2FA (argon2id)', 8, () =>
        graphql(api, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }', {
          e: 'bench@example.com',
          p: PASSWORD,
        }),
      ),
    );

    // TOTP sign-ins: each user's code works once (replay protection), so every call is a new user.
    const users: Array<{ email: string; secret: string }> = [];
    for (let i = 0; i < TOTP_USERS; i++) {
      const email = `totp${i}@example.com`;
      const { register: r } = await graphql(api, 'mutation($e: String!, $p: String!) { register(email: $e, password: $p) { token } }', {
        e: email,
        p: PASSWORD,
      });
      const { enableTwoFactor } = await graphql(
        api,
        'mutation { enableTwoFactor(input: { method: TOTP }) { ... on TotpSetup { secret } } }',
        {},
        r.token,
      );
      const now = Math.floor(Date.now() / 1000);
      await graphql(
        api,
        'mutation($c: String!) { verifyTwoFactor(code: $c) { message } }',
        { c: referenceTotp(enableTwoFactor.secret, now) },
        r.token,
      );
      users.push({ email, secret: enableTwoFactor.secret });
    }
    const challenges = await Promise.all(
      users.map(async (u) => {
        const { login } = await graphql(
          api,
          'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ... on TwoFactorChallenge { challengeId } } }',
          {
            e: u.email,
            p: PASSWORD,
          },
        );
        return { ...u, challengeId: login.challengeId as string };
      }),
    );
    results.push(
      await measure(
        'verifyLoginChallenge (TOTP)',
        16,
        (i) => {
          const c = challenges[i]!;
          const code = referenceTotp(c.secret, Math.floor(Date.now() / 1000) + 30); // next step: unused
          return graphql(api, 'mutation($id: ID!, $c: String!) { verifyLoginChallenge(challengeId: $id, code: $c) { token } }', {
            id: c.challengeId,
            c: code,
          });
        },
        challenges.length,
      ),
    );
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    const rss = Number(/latchkey_process_resident_memory_bytes (\d+)/.exec(metrics)?.[1] ?? 0) / 1024 / 1024;
    report(results, rss);
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
