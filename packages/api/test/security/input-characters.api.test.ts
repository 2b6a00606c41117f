import { readOutbox } from '../../src/delivery/outbox/outbox';
import { UserEntity } from '../../src/modules/auth/entities/user.entity';
import { errorCode } from '../support/graphql-client';
import { OPS, PASSWORD, registerUser, uniqueEmail } from '../support/flows';
import { post } from '../support/raw-http';
import { startTestApp, type TestApp } from '../support/test-app';

/** Addresses that look like ann@example.com, or nearly, and hold a character no address may hold. */
const UNREADABLE_ADDRESSES: Array<[string, string]> = [
  ['a NUL byte', 'ann\u0000@example.com'],
  ['a right-to-left override (U+202E)', 'ann\u202E@example.com'],
  ['a left-to-right isolate (U+2066)', '\u2066ann@example.com'],
  ['a zero-width space (U+200B)', 'a\u200Bnn@example.com'],
  ['a zero-width joiner (U+200D)', 'ann\u200D@example.com'],
  ['a byte-order mark inside (U+FEFF)', 'an\uFEFFn@example.com'],
  ['a soft hyphen (U+00AD)', 'an\u00ADn@example.com'],
  ['a bell (U+0007)', 'ann\u0007@example.com'],
  ['a DEL (U+007F)', 'ann\u007F@example.com'],
  ['a private-use character (U+E000)', 'ann\uE000@example.com'],
];

describe('ASVS V5.1.3, V5.1.4 (5.0 V2.2.1): control and invisible characters in e-mail addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const users = () => t.app.dataSource.getRepository(UserEntity).count();

  it.each(UNREADABLE_ADDRESSES)(
    'register refuses an address with %s: BAD_USER_INPUT (field email), nothing stored',
    async (_label, email) => {
      const before = await users();
      const res = await t.client.request(OPS.REGISTER, { email, password: PASSWORD });
      expect(res.data ?? null).toBeNull(); // no data at all when refused before execution (a NUL)
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.field).toBe('email');
      expect(await users()).toBe(before);
    },
  );

  it.each(UNREADABLE_ADDRESSES)(
    'enableTwoFactor refuses an address with %s: BAD_USER_INPUT (field email), nothing pending, nothing sent',
    async (_label, email) => {
      const user = await registerUser(t);
      const res = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email } });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.field).toBe('email');
      const settings = await user.client.request(OPS.SETTINGS);
      expect(settings.data!.twoFactorSettings.pending).toBeNull();
      const sent = await readOutbox(t.config.delivery.outboxPath);
      expect(sent.filter((record) => record.to === email || record.to === email.toLowerCase())).toEqual([]);
    },
  );

  // A NUL is refused in any text before anything runs (below); the rest reach login, which cannot find them.
  it.each(UNREADABLE_ADDRESSES.filter(([, email]) => !email.includes('\u0000')))(
    'login with an address with %s answers as a wrong password does, never a 500',
    async (_label, email) => {
      const wrongPassword = await t.client.request(OPS.LOGIN, { email: uniqueEmail('nobody'), password: 'not the password' });
      const res = await t.client.request(OPS.LOGIN, { email, password: PASSWORD });
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.errors![0]!.message).toBe(wrongPassword.errors![0]!.message);
      expect(res.errors![0]!.extensions).toEqual(wrongPassword.errors![0]!.extensions);
    },
  );

  it('spaces, tabs and line breaks around an address are still trimmed away', async () => {
    const res = await t.client.request(OPS.REGISTER, { email: '\t Trimmed.Ann@Example.com \r\n', password: PASSWORD });
    expect(res.errors).toBeUndefined();
    expect(res.data!.register.user.email).toBe('trimmed.ann@example.com');
  });
});

/** PostgreSQL text cannot hold NUL: any text with one is refused at the edge, whatever the field. */
describe('a NUL character anywhere in a request’s input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ['a sign-in address (variable)', OPS.LOGIN, { email: 'ann\u0000@example.com', password: PASSWORD }, 'email'],
    ['a search term (variable)', 'query($q: String!) { searchUsers(query: $q) { id } }', { q: 'ann\u0000' }, 'q'],
    ['a challenge id (literal)', 'mutation { verifyLoginChallenge(challengeId: "c\\u0000", code: "123456") { token } }', {}, 'challengeId'],
    [
      'an address inside an input object (literal)',
      'mutation { enableTwoFactor(input: { method: EMAIL, email: "ann\\u0000@example.com" }) { __typename } }',
      {},
      'email',
    ],
    [
      'an address inside an input object (variable)',
      'mutation($input: EnableTwoFactorInput!) { enableTwoFactor(input: $input) { __typename } }',
      { input: { method: 'EMAIL', email: 'ann\u0000@example.com' } },
      'email',
    ],
    ['a variable default', 'query($q: String = "\\u0000") { searchUsers(query: $q) { id } }', {}, 'q'],
  ];

  it.each(cases)(
    '%s: BAD_USER_INPUT naming the field, HTTP 400, before sign-in or resolvers are asked',
    async (_label, query, variables, field) => {
      const res = await t.client.request(query, variables);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      const message = 'Text may not contain NUL characters.';
      expect(res.errors).toEqual([
        {
          message,
          extensions: { code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER', field, fields: [{ field, reason: 'NUL_CHARACTER', message }] },
        },
      ]);
    },
  );

  it('a variable nested as deep as the body allows is walked without running out of stack', async () => {
    // Sent as raw text: the test client's own walk over variables is recursive.
    const body = `{"query":"query($q: String!) { searchUsers(query: $q) { id } }","variables":{"q":${'['.repeat(40_000)}"\\u0000"${']'.repeat(40_000)}}}`;
    const answer = await post(t, body);
    expect(answer.status).toBe(400);
    expect(answer.body?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER', field: 'q' });
  });
});
