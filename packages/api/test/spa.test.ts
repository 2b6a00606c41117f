import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from './support/test-app';

const BIG = `export const words = ${JSON.stringify('two-factor '.repeat(2000))};`;
const STYLE = `.panel { color: red; }\n`.repeat(200);
const PAGE = `<!doctype html><title>Latchkey panel</title>${'<p class="boot">Loading…</p>'.repeat(100)}`;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('serving the built panel', () => {
  let t: TestApp;
  const dist = mkdtempSync(path.join(tmpdir(), 'latchkey-dist-'));

  beforeAll(async () => {
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), PAGE);
    writeFileSync(path.join(dist, 'index.html.br'), brotliCompressSync(PAGE));
    writeFileSync(path.join(dist, 'index.html.gz'), gzipSync(PAGE));
    writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    // What the panel's build writes beside a large file: its Brotli and gzip copies.
    writeFileSync(path.join(dist, 'assets', 'big-5678.js'), BIG);
    writeFileSync(path.join(dist, 'assets', 'big-5678.js.br'), brotliCompressSync(BIG));
    writeFileSync(path.join(dist, 'assets', 'big-5678.js.gz'), gzipSync(BIG));
    writeFileSync(path.join(dist, 'assets', 'gzip-only-1.css'), STYLE);
    writeFileSync(path.join(dist, 'assets', 'gzip-only-1.css.gz'), gzipSync(STYLE));
    t = await startTestApp({ WEB_DIST_DIR: dist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for deep links', async () => {
    for (const route of ['/', '/settings/2fa', '/signin']) {
      const res = await fetch(`${t.url}${route}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Latchkey panel</title>');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache life, and 404 for missing ones', async () => {
    const found = await fetch(`${t.url}/assets/app-1234.js`);
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${t.url}/assets/missing.js`)).status).toBe(404);
  });

  it('sends the compressed copy a browser accepts, Brotli first, with the type of the original', async () => {
    const brotli = await get('/assets/big-5678.js', 'gzip, deflate, br, zstd');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/^text\/javascript/);
    expect(brotli.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(brotli.headers['cache-control']).toMatch(/immutable/);
    expect(brotli.body.length).toBeLessThan(BIG.length / 10);

    const gzip = await get('/assets/big-5678.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(BIG);

    // index.html too, for every deep link: compressed, and still never cached.
    for (const route of ['/', '/settings/2fa']) {
      const page = await get(route, 'gzip, deflate, br', 'text/html');
      expect(page.headers['content-encoding']).toBe('br');
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(page.body).toString()).toBe(PAGE);
    }

    const onlyGzip = await get('/assets/gzip-only-1.css', 'br, gzip');
    expect(onlyGzip.headers['content-encoding']).toBe('gzip');
    expect(onlyGzip.headers['content-type']).toMatch(/^text\/css/);
  });

  it('sends the file as it is to a client that accepts no encoding, or for a file with no copies', async () => {
    for (const acceptEncoding of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get('/assets/big-5678.js', acceptEncoding);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(plain.body.toString()).toBe(BIG);
    }
    const small = await get('/assets/app-1234.js', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('console.log(1)');
  });

  /** fetch() would undo the encoding: the bytes as sent are what this test reads. */
  const get = (route: string, acceptEncoding?: string, accept?: string) =>
    new Promise<RawResponse>((resolve, reject) => {
      const req = request(
        `${t.url}${route}`,
        { headers: { ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }), ...(accept ? { accept } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('keeps /graphql for the API', async () => {
    const res = await t.client.request('{ me { id } }');
    expect(res.data).toEqual({ me: null });
  });
});
