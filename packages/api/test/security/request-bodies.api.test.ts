import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
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
  'WSTG-ERRH-01, ASVS V7.4.1 (5.0 V16.5.1): every refused body answers JSON with a reason and no stack (NODE_ENV=%s)',
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

describe('request bodies: what /graphql reads, and how much', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const query = JSON.stringify({ query: '{ me { id } }' });
  const signedOut = { data: { me: null } };
  const refused = (reason: string) => ({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST', reason } }] });

  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('a body sent with Content-Encoding: %s is read', async (encoding, compress) => {
    const answer = await post(t, compress(Buffer.from(query)), { 'content-encoding': encoding });
    expect([answer.status, answer.body]).toEqual([200, signedOut]);
  });

  it('a compressed body that is over 100 KiB once decompressed is refused, however small it travels', async () => {
    const bomb = gzipSync(Buffer.from(`{"query":"{ me { id } }","x":"${'0'.repeat(200_000)}"}`));
    expect(bomb.length).toBeLessThan(1_000);
    const answer = await post(t, bomb, { 'content-encoding': 'gzip' });
    expect([answer.status, answer.body]).toEqual([413, refused('BODY_TOO_LARGE')]);
  });

  it('a body that its Content-Encoding does not decode is refused as unreadable', async () => {
    const answer = await post(t, Buffer.from(query), { 'content-encoding': 'gzip' });
    expect([answer.status, answer.body]).toEqual([400, refused('UNREADABLE_BODY')]);
  });

  it('a chunked body (no Content-Length) is read, and refused once it passes 100 KiB', async () => {
    const chunked = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < text.length; at += 16_384) controller.enqueue(Buffer.from(text.slice(at, at + 16_384)));
          controller.close();
        },
      });
    const sendChunked = async (text: string) => {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunked(text),
        duplex: 'half',
      });
      return [res.status, await res.json()];
    };
    expect(await sendChunked(query)).toEqual([200, signedOut]);
    expect(await sendChunked(`{"query":"{ me { id } }","x":"${'0'.repeat(110_000)}"}`)).toEqual([413, refused('BODY_TOO_LARGE')]);
  });

  it.each([['application/json; charset=utf-8'], ['application/json;charset=UTF-8'], ['Application/JSON; charset="utf-8"']])(
    'Content-Type %s is read as JSON',
    async (contentType) => {
      const answer = await post(t, query, { 'content-type': contentType });
      expect([answer.status, answer.body]).toEqual([200, signedOut]);
    },
  );

  it('a body in UTF-16 is read when its charset says so', async () => {
    const answer = await post(t, Buffer.from(query, 'utf16le'), { 'content-type': 'application/json; charset=utf-16le' });
    expect([answer.status, answer.body]).toEqual([200, signedOut]);
  });

  it('a body of white space only is malformed; an empty one is a request without a query', async () => {
    const blank = await post(t, '   ');
    expect([blank.status, blank.body]).toEqual([400, refused('MALFORMED_JSON')]);
    const empty = await post(t, '');
    expect(empty.status).toBe(400);
    expect(empty.body?.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST', reason: 'INVALID_REQUEST' });
  });

  it('the connection that sent a refused body still serves the next request', async () => {
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    const postOnTheConnection = (body: string) =>
      new Promise<{ status: number; socket: unknown; text: string }>((resolve, reject) => {
        const req = request(
          `${t.url}/graphql`,
          { method: 'POST', agent: keepAlive, headers: { 'content-type': 'application/json' } },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket, text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const tooLarge = await postOnTheConnection(`{"x":"${'0'.repeat(150_000)}"}`);
      const next = await postOnTheConnection(query);
      expect([tooLarge.status, next.status, JSON.parse(next.text)]).toEqual([413, 200, signedOut]);
      expect(next.socket).toBe(tooLarge.socket);
    } finally {
      keepAlive.destroy();
    }
  });
});
