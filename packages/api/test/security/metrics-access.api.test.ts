import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';

const TOKEN = randomBytes(24).toString('hex');
const PRODUCTION = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://panel.hostkey.example',
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  EMAIL_PROVIDER: 'sendgrid',
  EMAIL_FROM: 'security@hostkey.example',
  SENDGRID_API_KEY: 'SG.unused',
  TWO_FACTOR_METHODS: 'TOTP,EMAIL',
};

const scrape = (t: TestApp, headers: Record<string, string> = {}) => fetch(`${t.url}/metrics`, { headers });

describe('WSTG-CONF-05 (5.0 V13.4.5): /metrics answers only whoever may read it', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('with METRICS_TOKEN: 401 without the bearer token or with a wrong one, 200 with it', async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
    const wrong: Array<Record<string, string>> = [
      {},
      { authorization: `Bearer ${TOKEN.slice(1)}` },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Basic ${Buffer.from(`metrics:${TOKEN}`).toString('base64')}` },
      { authorization: TOKEN },
    ];
    for (const headers of wrong) {
      const refused = await scrape(t, headers);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await refused.text()).not.toContain('latchkey_');
    }
    const allowed = await scrape(t, { authorization: `Bearer ${TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('latchkey_graphql_requests_total');
  });

  it('in production without METRICS_TOKEN: 404, to browsers and scrapers alike', async () => {
    t = await startTestApp(PRODUCTION);
    const requests: Array<Record<string, string>> = [{}, { accept: 'text/html' }, { authorization: `Bearer ${TOKEN}` }];
    for (const headers of requests) {
      const res = await scrape(t, headers);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('latchkey_');
    }
  });

  it('in production with METRICS_TOKEN: the token opens it', async () => {
    t = await startTestApp({ ...PRODUCTION, METRICS_TOKEN: TOKEN });
    expect((await scrape(t)).status).toBe(401);
    expect((await scrape(t, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it.each(['development', 'test'])('in %s without METRICS_TOKEN: open, as before', async (nodeEnv) => {
    t = await startTestApp({ NODE_ENV: nodeEnv });
    const res = await scrape(t);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('latchkey_graphql_requests_total');
  });
});
