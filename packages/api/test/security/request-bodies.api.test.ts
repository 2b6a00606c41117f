import { randomBytes } from 'node:crypto';
import { INTERNALS, post, send } from '../support/raw-http';
import { startTestApp, type TestApp } from '../support/test-app';

describe.each([
  ['development', { NODE_ENV: 'development' }],
  ['test', { NODE_ENV: 'test' }],
  [
    'production',
    {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://panel.hostkey.example',
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      EMAIL_PROVIDER: 'sendgrid',
      EMAIL_FROM: 'security@hostkey.example',
      SENDGRID_API_KEY: 'SG.unused',
      TWO_FACTOR_METHODS: 'TOTP,EMAIL',
    },
  ],
])(
  'WSTG-ERRH-01, ASVS V7.4.1 (5.0 V16.5.1): every body-parser failure answers JSON with a reason and no stack (NODE_ENV=%s)',
  (_mode, env: Record<string, string>) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(env);
    });
    afterAll(() => t.close());

    const cases: Array<[string, () => [string | Buffer, Record<string, string>], number, string]> = [
      ['malformed JSON', () => ['{"query": "{ me { id } }"', {}], 400, 'MALFORMED_JSON'],
      ['JSON that is not an object', () => ['"{ me { id } }" trailing', {}], 400, 'MALFORMED_JSON'],
      ['a body over 100 kB', () => [JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(110_000)}` }), {}], 413, 'BODY_TOO_LARGE'],
      [
        'a charset other than UTF',
        () => ['{"query":"{ me { id } }"}', { 'content-type': 'application/json; charset=latin1' }],
        415,
        'UNSUPPORTED_CHARSET',
      ],
      [
        'an unknown charset',
        () => ['{"query":"{ me { id } }"}', { 'content-type': 'application/json; charset=klingon' }],
        415,
        'UNSUPPORTED_CHARSET',
      ],
      ['an unknown content encoding', () => ['{"query":"{ me { id } }"}', { 'content-encoding': 'zip-of-doom' }], 400, 'UNREADABLE_BODY'],
    ];

    it.each(cases)('%s', async (_label, request, status, reason) => {
      const [body, headers] = request();
      const answer = await post(t, body, headers);
      expect(answer.status).toBe(status);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST', reason } }] });
      expect(answer.text).not.toMatch(INTERNALS);
    });

    it('a well-formed request still works after them', async () => {
      const answer = await send(t, '{ me { id } }');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { me: null } });
    });
  },
);
