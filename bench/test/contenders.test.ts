import { referenceTotp } from '@latchkey/api/test/support/reference-totp';
import { TOTP_SECRET, challengeId } from '../src/fixtures';
import { SCENARIOS, SCENARIO_NAMES, requestFor, type ScenarioName } from '../src/scenarios';
import { SERVER_NAMES, sqlLogOf, startSqliteSite, type ServerName, type SqliteSite } from '../src/servers';
import { effectOf, sqlLogSize, statementsSince } from '../src/sql-log';

/**
 * The bench is only worth its numbers while the contenders do what Latchkey does. On a seeded
 * SQLite database, each scenario's request goes to Latchkey (its build, production mode) and to
 * both contenders: the answers must match (tokens aside), and so must what each did to the
 * database, caught at the driver (the writes in order, the tables read). No timing here.
 */

const SECURITY_HEADERS = [
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'cross-origin-opener-policy',
  'permissions-policy',
  'cache-control',
];

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
  effect: { writes: string[]; reads: string[] };
}

/** Tokens are random, cookie lifetimes count down: the rest must be the same. */
const masked = (text: string) =>
  text
    .replace(/"token":"[^"]+"/g, '"token":"<token>"')
    .replace(/latchkey_session=[^;]+/g, 'latchkey_session=<token>')
    .replace(/latchkey_device=[^;]+/g, 'latchkey_device=<token>')
    .replace(/Max-Age=\d+/g, 'Max-Age=<s>')
    .replace(/Expires=[^;]+/g, 'Expires=<date>');

describe('the contenders answer and write what Latchkey does', () => {
  let site: SqliteSite;

  beforeAll(async () => {
    site = await startSqliteSite({ initialChallenges: 2 * SERVER_NAMES.length, captureSql: true });
  });
  afterAll(() => site?.stop());

  /** Each server gets a user of its own (n), so one server's writes never change what another sees. */
  async function ask(server: ServerName, scenario: ScenarioName, n: number): Promise<Answer> {
    const log = sqlLogOf(site.dir, server);
    const before = sqlLogSize(log);
    const { headers, body } = requestFor(scenario, n, 1_000);
    const res = await fetch(`${site.servers[server].url}/graphql`, { method: 'POST', headers, body });
    return {
      status: res.status,
      body: await res.text(),
      headers: Object.fromEntries([...res.headers].filter(([name]) => [...SECURITY_HEADERS, 'set-cookie'].includes(name))),
      effect: effectOf(statementsSince(log, before)),
    };
  }

  it.each(SCENARIO_NAMES)('%s: same answer, headers, writes and reads', async (scenario) => {
    const answers = new Map<ServerName, Answer>();
    for (const [n, server] of SERVER_NAMES.entries()) answers.set(server, await ask(server, scenario, n));
    const latchkey = answers.get('latchkey')!;
    expect(latchkey.status).toBe(200);
    expect(latchkey.body).not.toContain('"errors"');
    expect(latchkey.effect.writes.length + latchkey.effect.reads.length).toBeGreaterThan(0);
    for (const server of ['bare', 'apollo'] as const) {
      const answer = answers.get(server)!;
      expect({ server, status: answer.status, body: masked(answer.body) }).toEqual({ server, status: 200, body: masked(latchkey.body) });
      expect({ server, headers: masked(JSON.stringify(answer.headers)) }).toEqual({
        server,
        headers: masked(JSON.stringify(latchkey.headers)),
      });
      expect({ server, ...answer.effect }).toEqual({ server, ...latchkey.effect });
    }
  });

  it('S2: a spent challenge is refused by all three alike', async () => {
    for (const [n, server] of SERVER_NAMES.entries()) {
      const again = await ask(server, 'S2', n);
      expect({ server, code: JSON.parse(again.body).errors?.[0]?.extensions?.code }).toEqual({ server, code: 'UNAUTHENTICATED' });
    }
  });

  it('S2: a wrong code is refused by all three alike, and logged alike', async () => {
    const step = Math.floor(Date.now() / 30_000);
    const accepted = new Set([-1, 0, 1, 2].map((d) => referenceTotp(TOTP_SECRET, (step + d) * 30)));
    const wrong = ['000000', '111111', '222222', '333333', '444444'].find((code) => !accepted.has(code))!;
    const answers = new Map<ServerName, { code: unknown; effect: { writes: string[]; reads: string[] } }>();
    for (const [i, server] of SERVER_NAMES.entries()) {
      const log = sqlLogOf(site.dir, server);
      const before = sqlLogSize(log);
      const res = await fetch(`${site.servers[server].url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SCENARIOS.S2.query, variables: { challengeId: challengeId(SERVER_NAMES.length + i), code: wrong } }),
      });
      const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      answers.set(server, { code: body.errors?.[0]?.extensions?.code, effect: effectOf(statementsSince(log, before)) });
    }
    expect(answers.get('latchkey')!.code).toBe('INVALID_CODE');
    for (const server of ['bare', 'apollo'] as const)
      expect({ server, ...answers.get(server) }).toEqual({ server, ...answers.get('latchkey') });
  });

  it('all three refuse a form post (CSRF prevention)', async () => {
    for (const server of SERVER_NAMES) {
      const res = await fetch(`${site.servers[server].url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ twoFactorSettings { enabled } }' }),
      });
      expect({ server, status: res.status }).toEqual({ server, status: 400 });
    }
  });
});
