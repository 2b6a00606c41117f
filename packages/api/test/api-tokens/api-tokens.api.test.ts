import { createHash } from 'node:crypto';
import { isObjectType } from 'graphql';
import { readOutbox } from '../../src/delivery/outbox/outbox';
import { RESOLVER_CLASSES } from '../../src/composition-root';
import { buildLatchkeySchema } from '../../src/graphql/schema';
import { ApiTokenEntity } from '../../src/modules/api-tokens/api-token.entity';
import { API_TOKEN_SCOPE_FIELDS, ApiTokenScope } from '../../src/modules/api-tokens/api-token-scope';
import { API_TOKEN_LIMITS } from '../../src/modules/api-tokens/api-token.service';
import { SecurityEventEntity } from '../../src/modules/audit/entities/security-event.entity';
import { SecurityEventType } from '../../src/modules/audit/security-event-type';
import { SessionEntity } from '../../src/modules/auth/entities/session.entity';
import { UserEntity } from '../../src/modules/auth/entities/user.entity';
import { Role } from '../../src/modules/auth/role';
import { hashToken } from '../../src/shared/opaque-token';
import { databaseSnapshot } from '../support/database-snapshot';
import {
  OPS,
  PASSWORD,
  enableTotp,
  latestLinkTo,
  nextTotpStep,
  registerUser,
  totpNow,
  uniqueEmail,
  type SignedInUser,
} from '../support/flows';
import type { GraphQLResponse } from '../support/graphql-client';
import { startTestApp, type TestApp } from '../support/test-app';

const CREATE = `mutation Create($name: String!, $scopes: [ApiTokenScope!]!, $expiresInDays: Int, $proof: String!) {
  createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays, proof: $proof) {
    token
    apiToken { id name scopes createdAt expiresAt lastUsedAt }
  }
}`;
const LIST = `query { apiTokens { id name scopes createdAt expiresAt lastUsedAt } }`;
const REVOKE = `mutation Revoke($id: ID!) { revokeApiToken(id: $id) }`;
const LOG = `query Log($first: Int) { securityLog(first: $first) { edges { node { type detail count } } } }`;
const ME = `query { me { id email role } }`;

interface Member extends SignedInUser {
  id: string;
  secret: string;
  recoveryCodes: string[];
}

const DAY_MS = 24 * 60 * 60_000;

describe('ASVS V4.1.3, V4.1.5 (5.0 V8.2.1, V8.3.1), WSTG-ATHZ-02: API tokens honour 2FA and only read', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGN_IN_FAILURES_PER_IP: '5' });
  });
  afterAll(() => t.close());

  /** An account with TOTP on, signed in. */
  async function member(role: Role = Role.CUSTOMER, label = 'tokens'): Promise<Member> {
    const email = uniqueEmail(label);
    const { id } = await t.app.modules.auth.accounts.createUser(email, PASSWORD, role);
    // As if the owner had opened the verification link: notices and reset links need a verified address.
    await t.app.dataSource.getRepository(UserEntity).update({ id }, { emailVerifiedAt: t.clock.now() });
    const token = (await t.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.token as string;
    const signedIn = { email, token, client: t.client.withToken(token), id };
    return { ...signedIn, ...(await enableTotp(t, signedIn)) };
  }

  const freshCode = (m: Member) => {
    nextTotpStep(t);
    return totpNow(t, m.secret);
  };

  async function create(m: Member, variables: Record<string, unknown> = {}): Promise<{ token: string; id: string }> {
    const answer = await m.client.request(CREATE, { name: 'deploy script', scopes: ['READ'], proof: freshCode(m), ...variables });
    if (answer.errors) throw new Error(`createApiToken failed: ${JSON.stringify(answer.errors)}`);
    return { token: answer.data!.createApiToken.token, id: answer.data!.createApiToken.apiToken.id };
  }

  const refusal = (answer: GraphQLResponse) => {
    expect(answer.errors).toHaveLength(1);
    const { code, reason, field } = answer.errors![0]!.extensions!;
    return field === undefined ? { code, reason } : { code, reason, field };
  };
  const eventsOf = (userId: string) =>
    t.app.dataSource.getRepository(SecurityEventEntity).find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });

  it('needs 2FA on and a fresh proof; the token is shown once, stored as its SHA-256, logged and e-mailed', async () => {
    const without = await registerUser(t, 'no-2fa');
    expect(refusal(await without.client.request(CREATE, { name: 'x', scopes: ['READ'], proof: '123456' }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'API_TOKENS_NEED_2FA',
    });

    const m = await member();
    const before = await databaseSnapshot(t);
    expect(refusal(await m.client.request(CREATE, { name: 'x', scopes: ['READ'], proof: '  ' }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'PROOF_REQUIRED',
      field: 'proof',
    });
    const code = freshCode(m);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(refusal(await m.client.request(CREATE, { name: 'x', scopes: ['READ'], proof: wrong }))).toEqual({
      code: 'INVALID_CODE',
      reason: 'INVALID_CODE',
    });
    expect((await databaseSnapshot(t)).api_tokens).toEqual(before.api_tokens);

    const created = await m.client.request(CREATE, { name: '  deploy script ', scopes: ['READ'], proof: code });
    expect(created.errors).toBeUndefined();
    const { token, apiToken } = created.data!.createApiToken;
    expect(token).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ name: 'deploy script', scopes: ['READ'], lastUsedAt: null });
    expect(Date.parse(apiToken.expiresAt) - Date.parse(apiToken.createdAt)).toBe(API_TOKEN_LIMITS.defaultDays * DAY_MS);

    // The same code again is no fresh proof.
    expect(refusal(await m.client.request(CREATE, { name: 'again', scopes: ['READ'], proof: code }))).toEqual({
      code: 'INVALID_CODE',
      reason: 'CODE_ALREADY_USED',
    });

    const row = await t.app.dataSource.getRepository(ApiTokenEntity).findOneByOrFail({ id: apiToken.id });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(await databaseSnapshot(t))).not.toContain(token.slice(3));
    // Listed, but never again with the token.
    expect((await m.client.request(LIST)).data!.apiTokens).toEqual([apiToken]);

    expect((await eventsOf(m.id))[0]).toMatchObject({ type: 'API_TOKEN_CREATED', detail: '"deploy script" (READ)' });
    const notices = (await readOutbox(t.config.delivery.outboxPath)).filter((r) => r.to === m.email && r.code === null);
    expect(notices.at(-1)!.subject).toBe('HOSTKEY: new API token');
    expect(notices.at(-1)!.text).not.toContain(token);
  });

  it('refuses a wrong name, scopes or lifetime before the proof is spent; expires by itself', async () => {
    const m = await member();
    const code = freshCode(m);
    const cases: Array<[Record<string, unknown>, { reason: string; field: string }]> = [
      [{ name: '' }, { reason: 'TOKEN_NAME_LENGTH', field: 'name' }],
      [{ name: 'x'.repeat(65) }, { reason: 'TOKEN_NAME_LENGTH', field: 'name' }],
      [{ name: 'evil\u202etxt' }, { reason: 'TOKEN_NAME_LENGTH', field: 'name' }],
      [{ scopes: [] }, { reason: 'SCOPES_REQUIRED', field: 'scopes' }],
      [{ scopes: ['SUPPORT_READ'] }, { reason: 'SCOPE_NOT_ALLOWED', field: 'scopes' }],
      [{ expiresInDays: 0 }, { reason: 'TOKEN_EXPIRY', field: 'expiresInDays' }],
      [{ expiresInDays: 366 }, { reason: 'TOKEN_EXPIRY', field: 'expiresInDays' }],
    ];
    for (const [variables, expected] of cases) {
      const answer = await m.client.request(CREATE, { name: 'ok', scopes: ['READ'], proof: code, ...variables });
      expect(refusal(answer)).toEqual({ code: 'BAD_USER_INPUT', ...expected });
    }
    // Every problem at once.
    const all = await m.client.request(CREATE, { name: '', scopes: [], expiresInDays: 0, proof: code });
    expect(all.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual(['name', 'scopes', 'expiresInDays']);

    // The code was never spent: it still makes a token, here for one day.
    const answer = await m.client.request(CREATE, { name: 'short-lived', scopes: ['READ', 'READ'], expiresInDays: 1, proof: code });
    expect(answer.errors).toBeUndefined();
    const { token, apiToken } = answer.data!.createApiToken;
    expect(apiToken.scopes).toEqual(['READ']);
    const script = t.client.withToken(token);
    t.clock.advance(DAY_MS - 1000);
    expect((await script.request(ME)).data!.me.email).toBe(m.email);
    t.clock.advance(1000);
    expect(refusal(await script.request(ME))).toEqual({ code: 'UNAUTHENTICATED', reason: 'API_TOKEN_ENDED' });
    // The session idled out meanwhile: what apiTokens would list, asked of the service.
    expect(await t.app.modules.apiTokens.tokens.list(m.id)).toEqual([]);
  });

  it('reaches only what its scopes list, refusing anything else whole before it runs (HTTP 403)', async () => {
    const m = await member();
    const script = t.client.withToken((await create(m)).token);
    expect((await script.request(ME)).data!.me).toMatchObject({ id: m.id, email: m.email });
    expect((await script.request(OPS.SETTINGS)).data!.twoFactorSettings).toMatchObject({ enabled: true, method: 'TOTP' });
    expect((await script.request(LOG)).data!.securityLog.edges[0].node.type).toBe('API_TOKEN_CREATED');
    expect((await script.request(LIST)).data!.apiTokens).toHaveLength(1);

    const before = await databaseSnapshot(t);
    for (const query of [
      `query { sessions { id } }`,
      `query { rememberedBrowsers { id } }`,
      `query { users(search: "a") { edges { cursor } } }`,
      // A request naming one field out of reach is refused whole, however the field is named.
      `query { securityLog { edges { cursor } } sessions { id } }`,
      `query { ...F } fragment F on Query { sessions { id } }`,
      `query { ... on Query { sessions @skip(if: true) { id } } }`,
      `mutation { logout }`,
      `mutation { login(email: "a@example.com", password: "x") { __typename } }`,
    ]) {
      const answer = await script.request(query);
      expect({ query, status: answer.status, ...refusal(answer) }).toEqual({
        query,
        status: 403,
        code: 'FORBIDDEN',
        reason: 'TOKEN_SCOPE',
      });
      expect(answer.data).toBeUndefined();
    }
    expect(await databaseSnapshot(t)).toEqual(before);
  });

  it('SUPPORT_READ reaches the staff reads only for staff, recorded as reads by a session are', async () => {
    const staff = await member(Role.SUPPORT, 'token-staff');
    const customer = await registerUser(t, 'token-customer');
    const customerId = (await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ email: customer.email })).id;
    const script = t.client.withToken((await create(staff, { scopes: ['SUPPORT_READ'] })).token);
    const found = await script.request(`query($s: String!) { users(search: $s) { edges { node { id email } } } }`, { s: customer.email });
    expect(found.data!.users.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([customerId]);
    const log = await script.request(`query($id: ID!) { userSecurityLog(userId: $id) { edges { node { type } } } }`, { id: customerId });
    expect(log.errors).toBeUndefined();
    expect((await eventsOf(customerId)).find((e) => e.type === SecurityEventType.SUPPORT_READ_LOG)).toMatchObject({
      actorUserId: staff.id,
      count: 1,
    });
    expect((await eventsOf(staff.id)).find((e) => e.type === SecurityEventType.SUPPORT_SEARCHED)).toMatchObject({ detail: customer.email });
    // Its own log is READ's, not SUPPORT_READ's.
    expect(refusal(await script.request(LOG))).toEqual({ code: 'FORBIDDEN', reason: 'TOKEN_SCOPE' });

    // The role is asked at every use: demoted staff keep the token but not the staff reads.
    await t.app.dataSource.getRepository(UserEntity).update({ id: staff.id }, { role: Role.CUSTOMER });
    expect(refusal(await script.request(`query { users(search: "x") { edges { cursor } } }`))).toEqual({
      code: 'FORBIDDEN',
      reason: 'ROLE_REQUIRED',
    });
  });

  it('lists only Query fields that exist for each scope: no scope ever reaches a mutation', async () => {
    const schema = await buildLatchkeySchema(RESOLVER_CLASSES);
    const query = schema.getQueryType()!;
    for (const scope of Object.values(ApiTokenScope)) {
      for (const coordinate of API_TOKEN_SCOPE_FIELDS[scope]) {
        const [type, field] = coordinate.split('.');
        expect({ scope, coordinate, type }).toEqual({ scope, coordinate, type: 'Query' });
        expect(isObjectType(query) && query.getFields()[field!] !== undefined).toBe(true);
      }
    }
  });

  it('is revoked at once by a session, never by a token; of racing revocations one wins', async () => {
    const m = await member();
    const other = await member();
    const { token, id } = await create(m);
    const script = t.client.withToken(token);
    expect(refusal(await script.request(REVOKE, { id }))).toEqual({ code: 'FORBIDDEN', reason: 'TOKEN_SCOPE' });
    expect(refusal(await other.client.request(REVOKE, { id }))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'NO_SUCH_API_TOKEN',
      field: 'id',
    });
    expect((await script.request(ME)).errors).toBeUndefined();

    const answers = await Promise.all(Array.from({ length: 5 }, () => m.client.request(REVOKE, { id })));
    expect(answers.filter((a) => a.data?.revokeApiToken === true)).toHaveLength(1);
    for (const loser of answers.filter((a) => a.errors)) expect(refusal(loser)).toMatchObject({ reason: 'NO_SUCH_API_TOKEN' });
    expect(refusal(await script.request(ME))).toEqual({ code: 'UNAUTHENTICATED', reason: 'API_TOKEN_ENDED' });
    expect((await eventsOf(m.id)).filter((e) => e.type === SecurityEventType.API_TOKEN_REVOKED)).toEqual([
      expect.objectContaining({ detail: '"deploy script"' }),
    ]);
  });

  it('ends when 2FA is turned off or reset and when the password changes or is reset; a switch of method keeps it', async () => {
    const staff = await member(Role.SUPPORT, 'token-resetter');
    const liveAfter = async (m: Member, change: () => Promise<unknown>) => {
      const script = t.client.withToken((await create(m)).token);
      await change();
      const answer = await script.request(ME);
      return answer.errors ? refusal(answer).reason : 'live';
    };
    const endedEntry = async (m: Member) => (await eventsOf(m.id)).find((e) => e.type === SecurityEventType.API_TOKENS_ENDED);

    const switcher = await member();
    const address = uniqueEmail('switched');
    expect(
      await liveAfter(switcher, async () => {
        await switcher.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address, proof: freshCode(switcher) } });
        const verified = await switcher.client.request(OPS.VERIFY, { code: (await t.lastMessageTo(address)).code });
        expect(verified.data!.verifyTwoFactor.settings.method).toBe('EMAIL');
      }),
    ).toBe('live');

    const disabler = await member();
    expect(await liveAfter(disabler, () => disabler.client.request(OPS.DISABLE, { code: freshCode(disabler) }))).toBe('API_TOKEN_ENDED');
    expect(await endedEntry(disabler)).toMatchObject({ count: 1, detail: '2FA was turned off' });

    const reset = await member();
    const reason = 'Lost the phone; identity checked by a call back.';
    expect(
      await liveAfter(reset, () =>
        staff.client.request(
          `mutation($u: ID!, $r: String!, $c: String!) { resetTwoFactor(userId: $u, reason: $r, code: $c) { message } }`,
          {
            u: reset.id,
            r: reason,
            c: freshCode(staff),
          },
        ),
      ),
    ).toBe('API_TOKEN_ENDED');
    expect(await endedEntry(reset)).toMatchObject({ detail: '2FA was reset' });

    const changer = await member();
    expect(
      await liveAfter(changer, () =>
        changer.client.request(
          `mutation($c: String!, $n: String!, $p: String) { changePassword(currentPassword: $c, newPassword: $n, proof: $p) }`,
          {
            c: PASSWORD,
            n: 'another long passphrase',
            p: freshCode(changer),
          },
        ),
      ),
    ).toBe('API_TOKEN_ENDED');
    expect(await endedEntry(changer)).toMatchObject({ detail: 'the password was changed' });

    const forgetter = await member();
    expect(
      await liveAfter(forgetter, async () => {
        await t.client.request(`mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: forgetter.email });
        await t.app.modules.account.background.settled();
        const link = await latestLinkTo(t.config.delivery.outboxPath, forgetter.email);
        const answer = await t.client.request(
          `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) { __typename } }`,
          {
            t: link,
            p: 'a brand new passphrase',
          },
        );
        expect(answer.errors).toBeUndefined();
      }),
    ).toBe('API_TOKEN_ENDED');
    expect(await endedEntry(forgetter)).toMatchObject({ detail: 'the password was reset' });
  });

  it('writes lastUsedAt at most once a minute, and never for a refused request', async () => {
    const m = await member();
    const { token, id } = await create(m);
    const script = t.client.withToken(token);
    const lastUsed = async () =>
      (await t.app.dataSource.getRepository(ApiTokenEntity).findOneByOrFail({ id })).lastUsedAt?.getTime() ?? null;

    await script.request(`query { sessions { id } }`);
    expect(await lastUsed()).toBeNull();
    const first = t.clock.now().getTime();
    await script.request(ME);
    expect(await lastUsed()).toBe(first);
    t.clock.advance(59_000);
    await Promise.all([script.request(ME), script.request(LOG)]);
    expect(await lastUsed()).toBe(first);
    t.clock.advance(1_000);
    await Promise.all([script.request(ME), script.request(ME)]);
    expect(await lastUsed()).toBe(first + 60_000);
    expect((await m.client.request(LIST)).data!.apiTokens[0].lastUsedAt).toBe(new Date(first + 60_000).toISOString());
  });

  it('never touches the sign-in throttle: a locked account’s token reads, and dead tokens are no failed sign-ins', async () => {
    const m = await member();
    const script = t.client.withToken((await create(m)).token);
    for (let i = 0; i < 12; i += 1) await t.client.request(OPS.LOGIN, { email: m.email, password: 'wrong password!' });
    expect(refusal(await t.client.request(OPS.LOGIN, { email: m.email, password: PASSWORD }))).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
    for (let i = 0; i < 20; i += 1) expect((await script.request(ME)).errors).toBeUndefined();
    t.clock.advance(16 * 60_000);

    // SIGN_IN_FAILURES_PER_IP is 5 here: twenty dead tokens from this address do not use it up.
    const dead = t.client.withToken(`lk_${'A'.repeat(43)}`);
    for (let i = 0; i < 20; i += 1) expect(refusal(await dead.request(ME))).toEqual({ code: 'UNAUTHENTICATED', reason: 'API_TOKEN_ENDED' });
    const other = await registerUser(t, 'after-dead-tokens');
    expect((await t.client.request(OPS.LOGIN, { email: other.email, password: PASSWORD })).data!.login.token).toBeDefined();
  });

  it('takes a session token that happens to begin with lk_ for the session it is', async () => {
    const user = await registerUser(t, 'lucky-session');
    // One session token in 262,144 begins so: give this session such a token.
    const lucky = `lk_${user.token.slice(3)}`;
    await t.app.dataSource.getRepository(SessionEntity).update({ tokenHash: hashToken(user.token) }, { tokenHash: hashToken(lucky) });

    const answer = await t.client.withToken(lucky).request(ME);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.me.email).toBe(user.email);
  });

  it('holds at most 20 live tokens, refused before the proof; and a cookie is never taken for a token', async () => {
    const m = await member();
    const now = t.clock.now();
    await t.app.dataSource.getRepository(ApiTokenEntity).insert(
      Array.from({ length: API_TOKEN_LIMITS.maxPerUser }, (_, i) => ({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        userId: m.id,
        tokenHash: createHash('sha256').update(`${m.id}-${i}`).digest('hex'),
        name: `bulk ${i}`,
        scopes: 'READ',
        createdAt: now,
        expiresAt: new Date(now.getTime() + DAY_MS),
        lastUsedAt: null,
        revokedAt: null,
      })),
    );
    const code = freshCode(m);
    expect(refusal(await m.client.request(CREATE, { name: 'one more', scopes: ['READ'], proof: code }))).toEqual({
      code: 'FORBIDDEN',
      reason: 'API_TOKEN_LIMIT',
    });
    await m.client.request(REVOKE, { id: '00000000-0000-4000-8000-000000000000' });
    const answer = await m.client.request(CREATE, { name: 'one more', scopes: ['READ'], proof: code });
    expect(answer.errors).toBeUndefined();

    // The panel's cookie holds sessions only: an API token in it opens nothing.
    const asCookie = await t.client.request(ME, {}, { cookie: `latchkey_session=${answer.data!.createApiToken.token}` });
    expect(refusal(asCookie)).toEqual({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
  });

  it('is never made for an account whose 2FA goes at the same moment (PostgreSQL: one waits for the other)', async () => {
    for (let round = 0; round < 3; round += 1) {
      const m = await member();
      nextTotpStep(t);
      const [created, disabled] = await Promise.all([
        m.client.request(CREATE, { name: 'racer', scopes: ['READ'], proof: m.recoveryCodes[0] }),
        m.client.request(OPS.DISABLE, { code: totpNow(t, m.secret) }),
      ]);
      expect(disabled.errors).toBeUndefined();
      // The creation lost, if it did, cleanly: 2FA was off by then, or its recovery code went with it.
      if (created.errors) {
        expect(refusal(created)).toMatchObject({ reason: expect.stringMatching(/^(API_TOKENS_NEED_2FA|CODE_ALREADY_USED|INVALID_CODE)$/) });
      }
      const live = await t.app.dataSource
        .getRepository(ApiTokenEntity)
        .createQueryBuilder('token')
        .where('token.user_id = :id AND token.revoked_at IS NULL', { id: m.id })
        .getCount();
      expect(live).toBe(0);
    }
  });
});
