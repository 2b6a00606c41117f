import type { GraphQLSchema } from 'graphql';
import { buildLatchkeySchema } from '../../src/graphql/schema';
import { fieldsReached } from '../../src/modules/api-tokens/api-token-scope';
import { Role } from '../../src/modules/auth/role';
import { databaseSnapshot } from '../support/database-snapshot';
import { OPS, PASSWORD, enableTotp, loginChallenge, nextTotpStep, totpNow, uniqueEmail, type SignedInUser } from '../support/flows';
import type { GraphQLClient, GraphQLResponse } from '../support/graphql-client';
import { idArguments, minimalVariables, operationFor, rootFields, type RootField } from '../support/schema-operations';
import { startTestApp, type TestApp } from '../support/test-app';
import { RESOLVER_CLASSES } from '../../src/composition-root';

/**
 * Who may call each field of the schema. A field added without a line here fails the first test:
 * its rule has to be chosen, and the sweep below then tries it like every other.
 *
 * - `public`: anyone (sign-up and sign-in, the two that answer harmlessly without a session, and
 *   the error catalogue and the support contact, which are the same for everyone);
 * - `challenge`: the challengeId that a right password gave is the credential, not a session;
 * - `link`: the token of a link e-mailed to the account is the credential, not a session;
 * - `signed-in`: a live session, acting on its own account only;
 * - `staff`: a live SUPPORT or ADMIN session whose own account has 2FA on;
 * - `admin`: a live ADMIN session whose own account has 2FA on (webhooks, which read every account's events).
 * - `staff`: a live SUPPORT or ADMIN session whose own account has 2FA on.
 *
 * An API token is tried on every field too: it reaches only the queries its scopes list (a few of
 * the `signed-in` and `staff` ones), and every other field refuses it before anything runs.
 */
const RULES = {
  'Query.me': 'public',
  'Query.errorCatalogue': 'public',
  'Query.twoFactorSettings': 'signed-in',
  'Query.rememberedBrowsers': 'signed-in',
  'Query.securityEvents': 'signed-in',
  'Query.securityLog': 'signed-in',
  'Query.apiTokens': 'signed-in',
  'Query.searchUsers': 'staff',
  'Query.userSecurityEvents': 'staff',
  'Query.users': 'staff',
  'Query.userSecurityLog': 'staff',
  'Mutation.register': 'public',
  'Mutation.login': 'public',
  'Mutation.logout': 'public',
  'Mutation.verifyLoginChallenge': 'challenge',
  'Mutation.startSecurityKeyProof': 'signed-in',
  'Mutation.removeSecurityKey': 'signed-in',
  'Mutation.resendLoginCode': 'challenge',
  'Mutation.enableTwoFactor': 'signed-in',
  'Mutation.resendEnrollmentCode': 'signed-in',
  'Mutation.verifyTwoFactor': 'signed-in',
  'Mutation.disableTwoFactor': 'signed-in',
  'Mutation.sendTwoFactorProofCode': 'signed-in',
  'Mutation.regenerateRecoveryCodes': 'signed-in',
  'Mutation.dismissTwoFactorPrompt': 'signed-in',
  'Mutation.forgetRememberedBrowser': 'signed-in',
  'Mutation.forgetRememberedBrowsers': 'signed-in',
  'Mutation.resetTwoFactor': 'staff',
  'Query.sessions': 'signed-in',
  'Mutation.requestEmailVerification': 'signed-in',
  'Mutation.changeEmail': 'signed-in',
  'Mutation.changePassword': 'signed-in',
  'Mutation.revokeSession': 'signed-in',
  'Mutation.revokeOtherSessions': 'signed-in',
  'Mutation.createApiToken': 'signed-in',
  'Mutation.revokeApiToken': 'signed-in',
  'Mutation.requestPasswordReset': 'public',
  'Mutation.verifyEmail': 'link',
  'Mutation.resetPassword': 'link',
  'Query.webhooks': 'admin',
  'Query.webhookDeliveries': 'admin',
  'Mutation.createWebhook': 'admin',
  'Mutation.deleteWebhook': 'admin',
  'Query.supportContact': 'public',
  'Query.openAccountRecovery': 'signed-in',
  'Query.accountRecoveryRequests': 'staff',
  'Mutation.requestAccountRecovery': 'challenge',
  // The token of the e-mailed link; or, with `id` instead, a session of the request's own account (tried below).
  'Mutation.cancelAccountRecovery': 'link',
  'Mutation.decideAccountRecovery': 'staff',
  'Query.policy': 'admin',
  'Mutation.updatePolicy': 'admin',
  'Mutation.setUserRole': 'admin',
} as const satisfies Record<string, 'public' | 'challenge' | 'link' | 'signed-in' | 'staff' | 'admin'>;
type Coordinate = keyof typeof RULES;

interface Account extends SignedInUser {
  id: string;
  secret: string;
  recoveryCodes: string[];
}

describe('ASVS V4.1.1, V4.2.1, V4.3.1 (5.0 V8.2.1, V8.2.2): every field of the schema, tried by callers without the right', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let fields: RootField[];
  let alice: Account;
  let mallory: Account;
  let support: Account;
  let supportWithout2fa: Account;
  let colleague: Account;
  let admin: Account;
  let adminWithout2fa: Account;
  let signedOut: Account;
  let aliceChallenge: string;
  let aliceBrowser: string;
  let aliceSession: string;
  let aliceApiToken: { id: string; token: string };
  let supportApiToken: string;
  /** Open recovery requests of Alice, and of the staff accounts a SUPPORT member may not decide for. */
  let aliceRecovery: string;
  const recoveryOf = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    schema = await buildLatchkeySchema(RESOLVER_CLASSES);
    fields = rootFields(schema);
    alice = await account(Role.CUSTOMER, 'alice');
    mallory = await account(Role.CUSTOMER, 'mallory');
    support = await account(Role.SUPPORT, 'support');
    supportWithout2fa = await account(Role.SUPPORT, 'support-no2fa', { twoFactor: false });
    colleague = await account(Role.SUPPORT, 'colleague');
    admin = await account(Role.ADMIN, 'admin');
    adminWithout2fa = await account(Role.ADMIN, 'admin-no2fa', { twoFactor: false });
    signedOut = await account(Role.CUSTOMER, 'signed-out', { twoFactor: false });
    await signedOut.client.request(OPS.LOGOUT);

    // Alice has a remembered browser and an open sign-in challenge: ids another user may try.
    const browser = t.client.withCookies();
    const { challengeId } = (await browser.request(OPS.LOGIN, { email: alice.email, password: PASSWORD })).data!.login;
    nextTotpStep(t);
    const remembered = await browser.request(
      `mutation($id: ID!, $code: String!) { verifyLoginChallenge(challengeId: $id, code: $code, rememberBrowser: true) { token } }`,
      { id: challengeId, code: totpNow(t, alice.secret) },
    );
    const aliceClient = t.client.withToken(remembered.data!.verifyLoginChallenge.token);
    aliceBrowser = (await aliceClient.request(`query { rememberedBrowsers { id } }`)).data!.rememberedBrowsers[0].id;
    aliceSession = (await aliceClient.request(`query { sessions { id current } }`)).data!.sessions.find(
      (session: { current: boolean }) => session.current,
    ).id;
    aliceChallenge = (await loginChallenge(t, alice.email)).challengeId;
    // Alice's script holds a token of every scope she may have; support's holds both scopes.
    aliceApiToken = await apiToken(alice, ['READ']);
    supportApiToken = (await apiToken(support, ['READ', 'SUPPORT_READ'])).token;
    // The clock moved for the codes above: each session is used once now, so no later refusal is
    // the request that happens to refresh its last use.
    for (const signedIn of [alice, mallory, support, supportWithout2fa, colleague, admin]) await signedIn.client.request(OPS.ME);
    const fileRecovery = async (member: Account) => {
      const { challengeId } = await loginChallenge(t, member.email);
      const filed = await t.client.request(
        `mutation($id: ID!, $message: String!) { requestAccountRecovery(challengeId: $id, message: $message) { id } }`,
        { id: challengeId, message: 'Lost the phone with the authenticator app on it.' },
      );
      return filed.data!.requestAccountRecovery.id as string;
    };
    aliceRecovery = await fileRecovery(alice);
    for (const member of [colleague, admin]) recoveryOf.set(member.id, await fileRecovery(member));
    // Six accounts with 2FA: sixty recovery codes hashed with argon2, slow on a busy machine.
  }, 120_000);
  afterAll(() => t.close());

  async function account(role: Role, label: string, options = { twoFactor: true }): Promise<Account> {
    const email = uniqueEmail(label);
    const { id } = await t.app.modules.auth.accounts.createUser(email, PASSWORD, role);
    const token = (await t.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.token as string;
    const signedIn = { email, token, client: t.client.withToken(token), id, secret: '', recoveryCodes: [] as string[] };
    return options.twoFactor ? { ...signedIn, ...(await enableTotp(t, signedIn)) } : signedIn;
  }

  async function apiToken(owner: Account, scopes: string[]): Promise<{ id: string; token: string }> {
    nextTotpStep(t);
    const answer = await owner.client.request(
      `mutation($s: [ApiTokenScope!]!, $p: String!) { createApiToken(name: "sweep", scopes: $s, proof: $p) { token apiToken { id } } }`,
      { s: scopes, p: totpNow(t, owner.secret) },
    );
    if (answer.errors) throw new Error(`createApiToken failed: ${JSON.stringify(answer.errors)}`);
    return { id: answer.data!.createApiToken.apiToken.id, token: answer.data!.createApiToken.token };
  }

  const call = (client: GraphQLClient, field: RootField, given: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    client.request(operationFor(field), minimalVariables(field, given), headers);
  const refusal = (answer: GraphQLResponse) => {
    expect(answer.status).toBe(200);
    expect(answer.errors).toHaveLength(1);
    const { code, reason } = answer.errors![0]!.extensions!;
    return reason === undefined ? { code } : { code, reason };
  };

  /** Calls and checks the answer, then checks that nothing at all was written. */
  async function expectRefused(attempt: () => Promise<GraphQLResponse>, expected: { code: string; reason?: string }) {
    const before = await databaseSnapshot(t);
    const answer = await attempt();
    expect(refusal(answer)).toEqual(expected);
    expect(await databaseSnapshot(t)).toEqual(before);
  }

  it('every Query and Mutation field has a rule, and only login, register, logout, me, a reset request and the support contact are open to anyone', () => {
    expect(fields.map((f) => f.coordinate).sort()).toEqual(Object.keys(RULES).sort());
    expect(
      Object.entries(RULES)
        .filter(([, rule]) => rule === 'public')
        .map(([coordinate]) => coordinate)
        .sort(),
    ).toEqual([
      'Mutation.login',
      'Mutation.logout',
      'Mutation.register',
      'Mutation.requestPasswordReset',
      'Query.errorCatalogue',
      'Query.me',
      'Query.supportContact',
    ]);
  });

  describe('WSTG-ATHZ-02, WSTG-APIT-04: no session', () => {
    it.each(fieldsOf('signed-in', 'staff', 'admin'))('%s answers UNAUTHENTICATED and writes nothing', async (coordinate) => {
      await expectRefused(() => call(t.client, fieldNamed(coordinate)), { code: 'UNAUTHENTICATED', reason: 'NOT_SIGNED_IN' });
    });
  });

  describe('WSTG-ATHN-04, WSTG-SESS-06 (ASVS V3.3.1, 5.0 V7.4.1): a sign-in challenge id, or a signed-out token, is no session', () => {
    it.each(fieldsOf('signed-in', 'staff', 'admin'))(
      '%s with the challenge id as bearer token or cookie answers UNAUTHENTICATED',
      async (coordinate) => {
        const field = fieldNamed(coordinate);
        const expected = { code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' };
        await expectRefused(() => call(t.client.withToken(aliceChallenge), field), expected);
        await expectRefused(() => call(t.client, field, {}, { cookie: `latchkey_session=${aliceChallenge}` }), expected);
      },
    );

    it.each(fieldsOf('signed-in', 'staff', 'admin'))('%s with a signed-out token answers UNAUTHENTICATED', async (coordinate) => {
      await expectRefused(() => call(signedOut.client, fieldNamed(coordinate)), { code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    });

    it.each(fieldsOf('link'))('%s takes no session token or challenge id in place of the token of a link', async (coordinate) => {
      for (const token of [mallory.token, aliceChallenge]) {
        await expectRefused(() => call(t.client, fieldNamed(coordinate), { token, newPassword: 'a passphrase from the sweep' }), {
          code: 'INVALID_CODE',
          reason: 'LINK_INVALID',
        });
      }
    });

    it.each(fieldsOf('challenge'))('%s takes no session token in place of a challenge id', async (coordinate) => {
      await expectRefused(() => call(t.client, fieldNamed(coordinate), { challengeId: mallory.token, code: '123456' }), {
        code: 'UNAUTHENTICATED',
        reason: 'CHALLENGE_ENDED',
      });
    });
  });

  describe('WSTG-ATHZ-03: customers on staff fields; staff without their own 2FA', () => {
    it.each(fieldsOf('staff'))('%s answers a customer, even one with 2FA on, FORBIDDEN', async (coordinate) => {
      await expectRefused(() => call(mallory.client, fieldNamed(coordinate), { userId: alice.id }), {
        code: 'FORBIDDEN',
        reason: 'ROLE_REQUIRED',
      });
    });

    it.each(fieldsOf('staff'))('%s answers staff without 2FA of their own FORBIDDEN (OWN_2FA_REQUIRED)', async (coordinate) => {
      await expectRefused(() => call(supportWithout2fa.client, fieldNamed(coordinate), { userId: alice.id }), {
        code: 'FORBIDDEN',
        reason: 'OWN_2FA_REQUIRED',
      });
    });
  });

  describe('WSTG-ATHZ-03: customers and support on admin fields; admins without their own 2FA', () => {
    // Refused before anything else is looked at: the proof is never checked, so any will do.
    it.each(fieldsOf('admin'))('%s answers a customer and a SUPPORT member, both with 2FA on, FORBIDDEN', async (coordinate) => {
      for (const caller of [mallory, support]) {
        await expectRefused(() => call(caller.client, fieldNamed(coordinate)), { code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
      }
    });

    it.each(fieldsOf('admin'))('%s answers an admin without 2FA of their own FORBIDDEN (OWN_2FA_REQUIRED)', async (coordinate) => {
      // A request first, so that the session's last-seen time is not what the refused one writes.
      await adminWithout2fa.client.request(OPS.ME);
      await expectRefused(() => call(adminWithout2fa.client, fieldNamed(coordinate)), { code: 'FORBIDDEN', reason: 'OWN_2FA_REQUIRED' });
    });
  });

  describe('WSTG-ATHZ-04, WSTG-APIT-02 (IDOR): another user’s ids', () => {
    /** The ids of Alice's things, by the argument names that take them (`id`: a browser, a session or an API token). */
    const victimIds = (field?: RootField): Record<string, string> => ({
      id: field?.name === 'revokeSession' ? aliceSession : field?.name === 'revokeApiToken' ? aliceApiToken.id : aliceBrowser,
      userId: alice.id,
      challengeId: aliceChallenge,
      // Webhooks belong to the deployment, not to a user: only admins reach them (above), whatever the id.
      webhookId: '00000000-0000-4000-8000-00000000beef',
    });
    const takingIds = (rule: string) => fields.filter((f) => RULES[f.coordinate as Coordinate] === rule && idArguments(f).length > 0);

    it('every argument of type ID, at any depth, is one whose use by another user is tried here', () => {
      const tried = Object.keys(victimIds());
      const taken = fields.flatMap((f) => idArguments(f).map((arg) => `${f.coordinate}(${arg})`));
      expect(taken.length).toBeGreaterThan(0);
      for (const use of taken) expect(tried).toContain(use.slice(use.indexOf('(') + 1, -1));
    });

    it('fields of one’s own account treat another user’s id like an id that does not exist, and change nothing of theirs', async () => {
      const fieldsTakingIds = takingIds('signed-in');
      expect(fieldsTakingIds.length).toBeGreaterThan(0);
      for (const field of fieldsTakingIds) {
        const madeUp = Object.fromEntries(idArguments(field).map((arg) => [arg, '00000000-0000-4000-8000-00000000dead']));
        const unknown = refusal(await call(mallory.client, field, madeUp));
        expect({ field: field.coordinate, code: unknown.code }).toEqual({ field: field.coordinate, code: 'BAD_USER_INPUT' });
        await expectRefused(() => call(mallory.client, field, victimIds(field)), unknown);
      }
    });

    it('staff fields refuse SUPPORT on an account of its own role or above (ROLE_NOT_BELOW), before a proof is looked at', async () => {
      const fieldsTakingIds = takingIds('staff');
      expect(fieldsTakingIds.length).toBeGreaterThan(0);
      nextTotpStep(t);
      for (const field of fieldsTakingIds) {
        for (const target of [colleague, admin]) {
          const given = {
            userId: target.id,
            id: recoveryOf.get(target.id),
            code: totpNow(t, support.secret),
            proof: totpNow(t, support.secret),
          };
          await expectRefused(() => call(support.client, field, given), {
            code: 'FORBIDDEN',
            reason: 'ROLE_NOT_BELOW',
          });
        }
      }
    });

    it("Mutation.cancelAccountRecovery by id treats Alice's request like one that does not exist, and cancels nothing", async () => {
      const field = fieldNamed('Mutation.cancelAccountRecovery');
      const unknown = refusal(await call(mallory.client, field, { id: '00000000-0000-4000-8000-00000000dead' }));
      expect(unknown).toEqual({ code: 'BAD_USER_INPUT', reason: 'NO_SUCH_RECOVERY_REQUEST' });
      await expectRefused(() => call(mallory.client, field, { id: aliceRecovery }), unknown);
      await expectRefused(() => call(t.client, field, { id: aliceRecovery }), { code: 'UNAUTHENTICATED', reason: 'NOT_SIGNED_IN' });
    });

    it("Mutation.verifyLoginChallenge opens Alice's challenge with no factor of Mallory's, and gives Alice no session", async () => {
      const sessionsOfAlice = async () =>
        (await databaseSnapshot(t)).sessions!.filter((s) => (s as { userId: string }).userId === alice.id);
      const before = await sessionsOfAlice();
      nextTotpStep(t);
      for (const code of [totpNow(t, mallory.secret), mallory.recoveryCodes[0]!]) {
        const answer = await mallory.client.request(OPS.CHALLENGE, { challengeId: aliceChallenge, code });
        expect(refusal(answer)).toEqual({ code: 'INVALID_CODE', reason: 'INVALID_CODE' });
      }
      expect(await sessionsOfAlice()).toEqual(before);
    });
  });

  describe('ASVS V4.1.3 (5.0 V8.2.1, V8.3.1): an API token reads what its scopes reach, and nothing else', () => {
    const reachedByAny = fieldsReached(['READ', 'SUPPORT_READ'] as never);
    const refusedToTokens = (Object.keys(RULES) as Coordinate[]).filter((c) => !reachedByAny.has(c));

    it('no mutation, and nothing public or open to a challenge or a link, is reached by any scope', () => {
      const reached = (Object.keys(RULES) as Coordinate[]).filter((c) => reachedByAny.has(c));
      for (const coordinate of reached) {
        expect({ coordinate, operation: coordinate.split('.')[0] }).toEqual({ coordinate, operation: 'Query' });
        expect(['signed-in', 'staff', 'public']).toContain(RULES[coordinate]);
      }
      expect(refusedToTokens.filter((c) => c.startsWith('Mutation.'))).toEqual(
        fieldsOf('public', 'challenge', 'link', 'signed-in', 'staff', 'admin').filter((c) => c.startsWith('Mutation.')),
      );
    });

    it.each(refusedToTokens)(
      '%s refuses a token of every scope before it runs (HTTP 403, TOKEN_SCOPE) and writes nothing',
      async (coordinate) => {
        const field = fieldNamed(coordinate);
        const given = { id: aliceApiToken.id, userId: mallory.id, challengeId: aliceChallenge, code: '123456' };
        for (const token of [aliceApiToken.token, supportApiToken]) {
          const before = await databaseSnapshot(t);
          const answer = await call(t.client.withToken(token), field, given);
          expect({ coordinate, status: answer.status, ...refusal403(answer) }).toEqual({
            coordinate,
            status: 403,
            code: 'FORBIDDEN',
            reason: 'TOKEN_SCOPE',
          });
          expect(await databaseSnapshot(t)).toEqual(before);
        }
      },
    );

    it.each([...reachedByAny].filter((c) => c in RULES) as Coordinate[])(
      '%s lets a token of its scope through, as its owner',
      async (coordinate) => {
        const answer = await call(t.client.withToken(supportApiToken), fieldNamed(coordinate), { userId: mallory.id });
        expect({ coordinate, errors: answer.errors }).toEqual({ coordinate, errors: undefined });
      },
    );
  });

  const refusal403 = (answer: GraphQLResponse) => {
    expect(answer.errors).toHaveLength(1);
    const { code, reason } = answer.errors![0]!.extensions!;
    return { code, reason };
  };

  /** Coordinates for it.each, known before the schema is built (the first test holds them to it). */
  function fieldsOf(...rules: string[]): Coordinate[] {
    return (Object.keys(RULES) as Coordinate[]).filter((c) => rules.includes(RULES[c]));
  }
  function fieldNamed(coordinate: Coordinate): RootField {
    const field = fields.find((f) => f.coordinate === coordinate);
    if (!field) throw new Error(`${coordinate} is not in the schema`);
    return field;
  }
});
