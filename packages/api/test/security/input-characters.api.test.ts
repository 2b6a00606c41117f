import { OPS, PASSWORD } from '../support/flows';
import { post } from '../support/raw-http';
import { startTestApp, type TestApp } from '../support/test-app';

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
      expect(res.errors).toEqual([{ message: 'Text may not contain NUL characters.', extensions: { code: 'BAD_USER_INPUT', field } }]);
    },
  );

  it('a variable nested as deep as the body allows is walked without running out of stack', async () => {
    // Sent as raw text: the test client's own walk over variables is recursive.
    const body = `{"query":"query($q: String!) { searchUsers(query: $q) { id } }","variables":{"q":${'['.repeat(40_000)}"\\u0000"${']'.repeat(40_000)}}}`;
    const answer = await post(t, body);
    expect(answer.status).toBe(400);
    expect(answer.body?.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'q' });
  });
});
