import fc from 'fast-check';
import { getNamedType, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import { buildLatchkeySchema } from '../../src/graphql/schema';
import { Role } from '../../src/modules/auth/role';
import { ErrorCode } from '../../src/errors/error-catalogue';
import { databaseSnapshot } from '../support/database-snapshot';
import { OPS, PASSWORD, enableTotp, uniqueEmail } from '../support/flows';
import { INTERNALS, post, type RawAnswer } from '../support/raw-http';
import { operationFor, rootFields, type RootField } from '../support/schema-operations';
import { startTestApp, type TestApp } from '../support/test-app';
import { RESOLVER_CLASSES } from '../../src/composition-root';

/**
 * Fixed, so a failure is reproduced by running the file again; runs per field keep the file near
 * half a minute on SQLite. fast-check prints the seed and the shrunk input of a failure.
 */
/** Every root field that takes arguments; a new one must be added here (a test below checks). */
const FUZZED = [
  'register',
  'login',
  'verifyLoginChallenge',
  'resendLoginCode',
  'enableTwoFactor',
  'verifyTwoFactor',
  'disableTwoFactor',
  'regenerateRecoveryCodes',
  'removeSecurityKey',
  'forgetRememberedBrowser',
  'resetTwoFactor',
  'searchUsers',
  'securityEvents',
  'userSecurityEvents',
  'verifyEmail',
  'changeEmail',
  'requestPasswordReset',
  'resetPassword',
  'changePassword',
  'revokeSession',
  'createWebhook',
  'deleteWebhook',
  'webhookDeliveries',
  'securityLog',
  'userSecurityLog',
  'users',
  'createApiToken',
  'revokeApiToken',
  'requestAccountRecovery',
  'cancelAccountRecovery',
  'accountRecoveryRequests',
  'decideAccountRecovery',
  'updatePolicy',
  'setUserRole',
];
const SEED = 20_260_510;
const RUNS_PER_FIELD = 30;

/** Codes a client can act on: ours, and the ones Apollo gives requests it could not run. */
const EXPECTED_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Text that has broken services before: control, format and bidi characters, surrogates, quoting, sizes. */
const NASTY_TEXT = [
  '',
  ' ',
  '\u0000',
  'ann\u0000@example.com',
  '\u202eann@example.com',
  'ann\u200b@example.com',
  '\u2066ann\u2069@example.com',
  '\ufeffann@example.com',
  '\r\nBcc: x@example.com',
  '\t\v\f',
  '\ud800',
  '\udfff\ud800',
  '😀@😀.com',
  'ANN+tag@EXAMPLE.COM',
  "'; DROP TABLE users; --",
  '%_\\',
  '${jndi:ldap://example.com/a}',
  '<script>alert(1)</script>',
  '000000',
  '0000-0000-0000',
  '+999999999999999',
  '00000000-0000-0000-0000-000000000000',
  'a'.repeat(300),
  'a'.repeat(70_000),
  'a'.repeat(120_000),
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
  { weight: 2, arbitrary: fc.emailAddress() },
  { weight: 2, arbitrary: fc.tuple(fc.emailAddress(), fc.constantFrom(...NASTY_TEXT.slice(0, 14))).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.stringMatching(/^\d{6}$/) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2_000 }) },
);

/** Anything JSON can carry, for a value of the wrong type. */
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(2 ** 53, -(2 ** 31) - 1, 2 ** 31, 1e308),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  text,
);

/** Values of the argument's own type most of the time, anything else sometimes. */
function valueArbitrary(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const inner = getNullableType(type);
  const own = ((): fc.Arbitrary<unknown> => {
    if (isListType(inner)) return fc.array(valueArbitrary(inner.ofType, depth + 1), { maxLength: 3 });
    if (isEnumType(inner)) return fc.oneof(fc.constantFrom(...inner.getValues().map((v) => v.name)), text);
    if (isInputObjectType(inner)) {
      const fields = Object.values(inner.getFields());
      return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueArbitrary(f.type, depth + 1)])), { requiredKeys: [] });
    }
    switch (getNamedType(inner).name) {
      case 'Int':
        return fc.oneof(fc.integer({ min: -5, max: 300 }), fc.integer());
      case 'Boolean':
        return fc.boolean();
      case 'ID':
        return fc.oneof(fc.uuid(), text);
      default:
        return text;
    }
  })();
  return fc.oneof({ weight: 4, arbitrary: own }, { weight: 1, arbitrary: depth < 2 ? wrongType : fc.constant(null) });
}

/** Variables for every argument of the field: each may be left out, of its type, or of another. */
const variablesArbitrary = (root: RootField) =>
  fc.record(Object.fromEntries(root.field.args.map((arg) => [arg.name, valueArbitrary(arg.type)])), {
    requiredKeys: root.field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name),
  });

describe('WSTG-ERRH-01, ASVS V5.1.4, V7.4.1 (5.0 V2.2.1, V16.5.1): fuzzed arguments never break the API or its data', () => {
  let t: TestApp;
  let fields: RootField[];
  let staffToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    fields = rootFields(await buildLatchkeySchema(RESOLVER_CLASSES)).filter((f) => f.field.args.length > 0);
    // An admin with 2FA: every field lets them in, so the fuzz reaches each field's own checks.
    const email = uniqueEmail('fuzz-staff');
    await t.app.modules.auth.accounts.createUser(email, PASSWORD, Role.ADMIN);
    staffToken = (await t.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.token as string;
    await enableTotp(t, { email, token: staffToken, client: t.client.withToken(staffToken) });
  }, 60_000);
  afterAll(() => t.close());

  /** A JSON answer with data or coded errors; never a 500, a stack, an HTML page or an unexpected error. */
  function expectCleanAnswer(answer: RawAnswer): void {
    expect([200, 400, 413]).toContain(answer.status);
    expect(answer.contentType).toMatch(/^application\/(graphql-response\+)?json/);
    expect(answer.text).not.toMatch(INTERNALS);
    expect(answer.body).toBeDefined();
    for (const error of answer.body!.errors ?? []) {
      const code = String(error.extensions?.code);
      expect({ code, message: error.message }).not.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      expect(EXPECTED_CODES).toContain(code);
    }
    if (!answer.body!.errors) expect(answer.body!.data).toBeDefined();
  }

  /** What must hold of the data whatever was asked. */
  async function expectConsistentData(): Promise<void> {
    const db = await databaseSnapshot(t);
    const users = db.users as Array<{ id: string; email: string }>;
    for (const { email } of users) {
      expect(email).toBe(email.trim().toLowerCase());
      expect(email).not.toMatch(/\p{C}/u);
    }
    const userIds = new Set(users.map((u) => u.id));
    for (const table of ['sessions', 'two_factor_enrollments', 'one_time_codes', 'login_challenges', 'recovery_codes', 'security_events']) {
      for (const row of db[table] as Array<{ userId: string }>) expect(userIds).toContain(row.userId);
    }
    const enrollments = db.two_factor_enrollments as Array<{ id: string; userId: string; state: string; method: string }>;
    for (const id of userIds) {
      const own = enrollments.filter((e) => e.userId === id);
      const active = own.filter((e) => e.state === 'ACTIVE');
      expect(active.length).toBeLessThanOrEqual(1);
      expect(own.filter((e) => e.state === 'PENDING').length).toBeLessThanOrEqual(1);
      // Recovery codes exist exactly while a method is active: ten of them, used or not.
      const codes = (db.recovery_codes as Array<{ userId: string }>).filter((c) => c.userId === id).length;
      expect({ user: id, codes }).toEqual({ user: id, codes: active.length === 1 ? 10 : 0 });
    }
    // Each method's own state belongs to an enrollment that still exists, and a code method's
    // enrollment (TOTP, e-mail, SMS) always has its secret or destination.
    const stateOf = (table: string) => new Set((db[table] as Array<{ enrollmentId: string }>).map((row) => row.enrollmentId));
    const enrollmentIds = new Set(enrollments.map((e) => e.id));
    const secrets = stateOf('totp_secrets');
    const destinations = stateOf('code_destinations');
    for (const table of ['totp_secrets', 'code_destinations', 'webauthn_credentials']) {
      for (const enrollmentId of stateOf(table))
        expect({ table, enrollmentId, exists: enrollmentIds.has(enrollmentId) }).toMatchObject({ exists: true });
    }
    for (const e of enrollments) {
      if (e.method === 'TOTP') expect(secrets.has(e.id)).toBe(true);
      if (e.method === 'EMAIL' || e.method === 'SMS') expect(destinations.has(e.id)).toBe(true);
    }
  }

  it.each(FUZZED)(
    '%s: fuzzed variables answer data or coded errors, and the data stays consistent',
    async (name) => {
      const root = fields.find((f) => f.name === name);
      expect(root).toBeDefined();
      const query = operationFor(root!);
      await fc.assert(
        fc.asyncProperty(variablesArbitrary(root!), fc.boolean(), async (variables, signedIn) => {
          const headers: Record<string, string> = signedIn ? { authorization: `Bearer ${staffToken}` } : {};
          expectCleanAnswer(await post(t, JSON.stringify({ query, variables }), headers));
          await expectConsistentData();
        }),
        { seed: SEED, numRuns: RUNS_PER_FIELD, endOnFailure: true },
      );
    },
    60_000,
  );

  it('a null given through a variable to an argument that takes none answers BAD_USER_INPUT before anything runs', async () => {
    // What the fuzz found first: validation lets a nullable variable stand where the argument has a
    // default, and graphql-js used to meet the null only while executing, as an unexpected error.
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['query($n: Int) { securityEvents(first: $n) { id } }', { n: null }, 'first'],
      ['query($n: Int = 5) { securityEvents(first: $n) { id } }', { n: null }, 'first'],
      [
        'mutation($id: ID!, $r: Boolean) { verifyLoginChallenge(challengeId: $id, code: "000000", rememberBrowser: $r) { token } }',
        { id: '00000000-0000-4000-8000-000000000000', r: null },
        'rememberBrowser',
      ],
    ];
    for (const [query, variables, field] of cases) {
      const answer = await post(t, JSON.stringify({ query, variables }), { authorization: `Bearer ${staffToken}` });
      expect(answer.status).toBe(400);
      expect(answer.body!.errors).toEqual([
        {
          message: expect.any(String),
          extensions: { code: 'BAD_USER_INPUT', reason: 'NULL_ARGUMENT', field, fields: [expect.objectContaining({ field })] },
        },
      ]);
    }
    // Left out, the default applies as before.
    const defaulted = await post(t, JSON.stringify({ query: 'query($n: Int) { securityEvents(first: $n) { id } }', variables: {} }), {
      authorization: `Bearer ${staffToken}`,
    });
    expect(defaulted.status).toBe(200);
    expect(defaulted.body!.errors).toBeUndefined();
  });

  it('every field that takes arguments is fuzzed', () => {
    expect(fields.map((f) => f.name).sort()).toEqual([...FUZZED].sort());
  });

  it('variables that are not an object, and bodies that are not GraphQL requests, answer coded errors', async () => {
    const login = fields.find((f) => f.name === 'login')!;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          wrongType.map((variables) => JSON.stringify({ query: operationFor(login), variables })),
          fc
            .dictionary(fc.constantFrom('query', 'variables', 'operationName', 'extensions', 'id'), wrongType)
            .map((body) => JSON.stringify(body)),
          fc.string({ unit: 'binary', maxLength: 200 }).map((query) => JSON.stringify({ query })),
        ),
        async (body) => {
          expectCleanAnswer(await post(t, body));
        },
      ),
      { seed: SEED, numRuns: 60, endOnFailure: true },
    );
    await expectConsistentData();
  });
});
