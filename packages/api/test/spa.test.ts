import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { startTestApp, type TestApp } from './support/test-app';

describe('serving the built panel', () => {
  let t: TestApp;
  const dist = mkdtempSync(path.join(tmpdir(), 'latchkey-dist-'));

  beforeAll(async () => {
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Latchkey panel</title>');
    writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    t = await startTestApp({ WEB_DIST_DIR: dist });
  });
  afterAll(() => t.close());

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

  it('keeps /graphql for the API', async () => {
    const res = await t.client.request('{ me { id } }');
    expect(res.data).toEqual({ me: null });
  });
});
