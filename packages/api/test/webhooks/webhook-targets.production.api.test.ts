import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { WEBHOOK_OPS, freshCode, staffMember, type StaffMember } from '../support/webhook-ops';

/** Production, as production.api.test.ts runs it (real providers, never reached here). */
const PRODUCTION = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://panel.hostkey.example',
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  EMAIL_PROVIDER: 'sendgrid',
  SENDGRID_API_KEY: 'SG.unused',
  EMAIL_FROM: 'security@hostkey.example',
  TWO_FACTOR_METHODS: 'TOTP,EMAIL',
};

describe('ASVS V12.6.1 (5.0 V1.3.6), WSTG-INPV-19: webhook endpoints in production', () => {
  let t: TestApp;
  let admin: StaffMember;
  beforeAll(async () => {
    t = await startTestApp(PRODUCTION);
    admin = await staffMember(t);
  }, 60_000);
  afterAll(() => t.close());

  const create = (url: string) =>
    admin.client.request(WEBHOOK_OPS.CREATE, { url, events: ['TWO_FACTOR_RESET'], proof: freshCode(t, admin) });

  it('refuses http:// and endpoints on this machine or in private and link-local ranges, and creates nothing', async () => {
    const refusals: Record<string, string> = {
      'http://hooks.example.com/latchkey': 'WEBHOOK_URL_NOT_HTTPS',
      'https://127.0.0.1/hooks': 'WEBHOOK_URL_PRIVATE',
      'https://localhost:8443/hooks': 'WEBHOOK_URL_PRIVATE',
      'https://[::1]/hooks': 'WEBHOOK_URL_PRIVATE',
      'https://10.0.0.8/hooks': 'WEBHOOK_URL_PRIVATE',
      'https://192.168.1.20/hooks': 'WEBHOOK_URL_PRIVATE',
      'https://169.254.169.254/latest/meta-data': 'WEBHOOK_URL_PRIVATE',
      'https://[::ffff:127.0.0.1]/hooks': 'WEBHOOK_URL_PRIVATE',
      'https://0x7f.1/hooks': 'WEBHOOK_URL_PRIVATE',
    };
    for (const [url, reason] of Object.entries(refusals)) {
      const answer = await create(url);
      expect({ url, extensions: answer.errors?.[0]?.extensions }).toEqual({
        url,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', reason, field: 'url' }),
      });
    }
    expect((await admin.client.request(WEBHOOK_OPS.LIST)).data!.webhooks).toEqual([]);
  });

  it('takes an https:// endpoint at a public address', async () => {
    const answer = await create('https://93.184.216.34/latchkey');
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.createWebhook.webhook.url).toBe('https://93.184.216.34/latchkey');
  });

  it('lets the settings allow private http:// endpoints', async () => {
    await t.restart({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE: 'true' });
    admin = { ...admin, client: t.client.withToken(admin.token) };
    expect((await create('http://127.0.0.1:9/hooks')).errors).toBeUndefined();
  });
});
