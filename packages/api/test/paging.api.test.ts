import { randomUUID } from 'node:crypto';
import { SecurityEventEntity } from '../src/modules/audit/entities/security-event.entity';
import { SecurityEventType } from '../src/modules/audit/security-event-type';
import { UserEntity } from '../src/modules/auth/entities/user.entity';
import { Role } from '../src/modules/auth/role';
import { OPS, PASSWORD, enableTotp, registerUser, uniqueEmail, type SignedInUser } from './support/flows';
import type { GraphQLClient, GraphQLResponse } from './support/graphql-client';
import { startTestApp, type TestApp } from './support/test-app';

const LOG = `query Log($first: Int, $after: String) {
  securityLog(first: $first, after: $after) {
    edges { cursor node { id type createdAt } }
    pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
  }
}`;
const USER_LOG = `query UserLog($userId: ID!, $first: Int, $after: String) {
  userSecurityLog(userId: $userId, first: $first, after: $after) {
    edges { cursor node { id type createdAt } }
    pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
  }
}`;
const USERS = `query Users($search: String!, $first: Int, $after: String) {
  users(search: $search, first: $first, after: $after) {
    edges { cursor node { id email createdAt } }
    pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
  }
}`;

const LOG_SIZE = 500;

interface Page {
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null; hasPreviousPage: boolean; startCursor: string | null };
}

describe('ASVS V13.4.1 (5.0 V4.3.1), WSTG-APIT-99: paged lists by keyset cursors, newest first', () => {
  let t: TestApp;
  let staff: SignedInUser & { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    const email = uniqueEmail('pager-staff');
    const { id } = await t.app.modules.auth.accounts.createUser(email, PASSWORD, Role.SUPPORT);
    const token = (await t.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.token as string;
    staff = { email, token, client: t.client.withToken(token), id };
    await enableTotp(t, staff);
  });
  afterAll(() => t.close());

  const idOf = async (email: string) => (await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ email })).id;

  /**
   * 500 entries in 100 instants of 5 (the order within an instant is by id): written straight to
   * the table, as a long history would have left them.
   */
  async function fillLog(userId: string): Promise<void> {
    const start = t.clock.now().getTime() - LOG_SIZE * 1000;
    const rows = Array.from({ length: LOG_SIZE }, (_, i) =>
      Object.assign(new SecurityEventEntity(), {
        id: randomUUID(),
        userId,
        type: SecurityEventType.CHALLENGE_FAILED,
        method: null,
        ip: '192.0.2.1',
        actorUserId: null,
        detail: null,
        count: 1,
        createdAt: new Date(start + Math.floor(i / 5) * 1000),
      }),
    );
    for (let i = 0; i < rows.length; i += 100) await t.app.dataSource.getRepository(SecurityEventEntity).insert(rows.slice(i, i + 100));
  }

  /** Every entry of the user's log, in the order the pages must give them: newest first, then by id. */
  async function expectedOrder(userId: string): Promise<string[]> {
    const rows = await t.app.dataSource.getRepository(SecurityEventEntity).findBy({ userId });
    return rows
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((row) => row.id);
  }

  /** Reads page after page, `between` running after each, until there is no next page. */
  async function walk(read: (after: string | null) => Promise<GraphQLResponse>, field: string, between: () => Promise<void>) {
    const seen: string[] = [];
    const pages: Page[] = [];
    let after: string | null = null;
    for (;;) {
      const answer = await read(after);
      expect(answer.errors).toBeUndefined();
      const page = answer.data![field] as Page;
      pages.push(page);
      seen.push(...page.edges.map((edge) => edge.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      await between();
    }
    return { seen, pages };
  }

  it(`walks a log of ${LOG_SIZE} entries without a gap or a repeat, while newer entries arrive`, async () => {
    const user = await registerUser(t, 'pager');
    const userId = await idOf(user.email);
    await fillLog(userId);

    for (const first of [7, 50, 200]) {
      // What the log holds as the walk starts (entries the walks before added included).
      const expected = await expectedOrder(userId);
      expect(expected.length).toBeGreaterThan(LOG_SIZE);
      const { seen, pages } = await walk(
        (after) => user.client.request(LOG, { first, after }),
        'securityLog',
        // A new entry between two reads, a moment later than any before it: it lands before the
        // first page, so none of the walk moves. (At the very instant of the entries a walk is in,
        // a new one would sort among them by its random id.)
        () => {
          t.clock.advance(1);
          return t.app.modules.audit.events.record({ userId, type: SecurityEventType.CHALLENGE_FAILED });
        },
      );
      expect(seen).toEqual(expected);
      expect(pages.every((page, i) => page.edges.length === (i < pages.length - 1 ? first : expected.length - first * i))).toBe(true);
    }
  });

  it('lets staff walk another account’s log the same way, recorded once an hour with the number of reads', async () => {
    const customer = await registerUser(t, 'paged-customer');
    const customerId = await idOf(customer.email);
    await fillLog(customerId);
    const expected = await expectedOrder(customerId);
    const { seen, pages } = await walk(
      (after) => staff.client.request(USER_LOG, { userId: customerId, first: 120, after }),
      'userSecurityLog',
      async () => undefined,
    );
    // The first read recorded itself as the newest entry; the walk started before it.
    expect(seen).toEqual(expected);
    const reads = await t.app.dataSource
      .getRepository(SecurityEventEntity)
      .findBy({ userId: customerId, type: SecurityEventType.SUPPORT_READ_LOG });
    expect(reads).toEqual([expect.objectContaining({ actorUserId: staff.id, count: pages.length })]);
  });

  it('pages through the accounts a staff search finds, each page recorded as a search', async () => {
    const marker = `paged-search-${process.pid}`;
    const emails: string[] = [];
    for (let i = 0; i < 13; i += 1) {
      emails.push((await registerUser(t, `${marker}-${i}`, { verified: false })).email);
      t.clock.advance(i % 3 === 0 ? 0 : 1000);
    }
    const searchesBefore = await t.app.dataSource
      .getRepository(SecurityEventEntity)
      .countBy({ userId: staff.id, type: SecurityEventType.SUPPORT_SEARCHED });
    const answers: GraphQLResponse[] = [];
    const { seen, pages } = await walk(
      async (after) => {
        const answer = await staff.client.request(USERS, { search: marker.toUpperCase(), first: 4, after });
        answers.push(answer);
        return answer;
      },
      'users',
      async () => undefined,
    );
    const ids = await Promise.all(emails.map(idOf));
    const rows = await t.app.dataSource.getRepository(UserEntity).findBy(ids.map((id) => ({ id })));
    const newestFirst = rows
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((row) => row.id);
    expect(seen).toEqual(newestFirst);
    expect(pages).toHaveLength(4);
    expect(
      await t.app.dataSource.getRepository(SecurityEventEntity).countBy({ userId: staff.id, type: SecurityEventType.SUPPORT_SEARCHED }),
    ).toBe(searchesBefore + answers.length);
    // An empty search finds no one, and says so in one empty page.
    const none = await staff.client.request(USERS, { search: '  ' });
    expect(none.data!.users).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null, hasPreviousPage: false, startCursor: null },
    });
  });

  it('refuses a `first` out of range and a cursor it never gave, both at once, with catalogued reasons', async () => {
    const user = await registerUser(t, 'pager-input');
    const problems = async (client: GraphQLClient, query: string, variables: Record<string, unknown>) => {
      const answer = await client.request(query, variables);
      expect(answer.errors).toHaveLength(1);
      expect(answer.data).toBeNull();
      return answer.errors![0]!.extensions!;
    };
    for (const first of [0, -1, 201, 10_000]) {
      expect(await problems(user.client, LOG, { first })).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'PAGE_SIZE',
        field: 'first',
        min: 1,
        max: 200,
      });
    }
    const cursor = (await user.client.request(LOG, { first: 1 })).data!.securityLog.pageInfo.endCursor as string;
    const otherList = (await staff.client.request(USERS, { search: 'pager', first: 1 })).data!.users.pageInfo.endCursor as string;
    const decoded = Buffer.from(cursor, 'base64url').toString();
    for (const bad of [
      'x',
      '',
      'not a cursor at all',
      otherList,
      `${cursor}=`,
      cursor.slice(0, -2),
      Buffer.from(decoded.replace(/:(\d+):/, ':abc:')).toString('base64url'),
      Buffer.from(`${decoded}' OR 1=1 --`).toString('base64url'),
    ]) {
      expect({ bad, ...(await problems(user.client, LOG, { after: bad })) }).toMatchObject({
        bad,
        code: 'BAD_USER_INPUT',
        reason: 'CURSOR_INVALID',
        field: 'after',
      });
    }
    const both = await problems(user.client, LOG, { first: 0, after: 'x' });
    expect(both.fields.map((f: { field: string; reason: string }) => `${f.field}/${f.reason}`)).toEqual([
      'first/PAGE_SIZE',
      'after/CURSOR_INVALID',
    ]);
    // Left out or null, `first` is the default.
    for (const variables of [{}, { first: null }]) {
      expect((await user.client.request(LOG, variables)).errors).toBeUndefined();
    }
    // The same rules for the staff lists.
    expect(await problems(staff.client, USERS, { search: 'a', first: 201 })).toMatchObject({ reason: 'PAGE_SIZE' });
    expect(await problems(staff.client, USER_LOG, { userId: staff.id, after: otherList })).toMatchObject({ reason: 'CURSOR_INVALID' });
  });

  it('keeps the deprecated lists answering as before: clamped, never past the newest 200', async () => {
    const user = await registerUser(t, 'old-lists');
    await fillLog(await idOf(user.email));
    const old = await user.client.request(`query { securityEvents(first: 5000) { id } }`);
    expect(old.errors).toBeUndefined();
    expect(old.data!.securityEvents).toHaveLength(200);
    expect((await user.client.request(`query { securityEvents(first: 0) { id } }`)).data!.securityEvents).toHaveLength(1);
  });

  it('costs a connection by its page: a 200-entry page fits, aliased pages past the limit do not', async () => {
    const user = await registerUser(t, 'pager-cost');
    const page = `securityLog(first: 200) { edges { cursor node { id type method ip detail count createdAt } } pageInfo { hasNextPage endCursor } }`;
    expect((await user.client.request(`query { ${page} }`)).errors).toBeUndefined();
    const refused = await user.client.request(`query { a: ${page} b: ${page} }`);
    expect(refused.status).toBe(400);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'COST_LIMIT' });
  });
});
