import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { OPS, PASSWORD, uniqueEmail } from '../support/flows';
import { createScratchPostgres, type ScratchDatabase } from '../support/postgres';
import { referenceTotp } from '../support/reference-totp';
import { WEBHOOK_OPS } from '../support/webhook-ops';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../support/webhook-receiver';

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** How long both processes get to send a second copy, were one to: a poll interval and more. */
const QUIET_MS = 7_000;

describe('webhooks with two API processes on one PostgreSQL database', () => {
  let postgres: ScratchDatabase;
  let receiver: WebhookReceiver;
  let a: ApiProcess;
  let b: ApiProcess;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-webhook-processes-'));

  beforeAll(async () => {
    postgres = await createScratchPostgres('webhooks');
    receiver = await startWebhookReceiver();
    // One ENCRYPTION_KEY: a secret one process sealed, the other opens to sign.
    const shared = { DATABASE_URL: postgres.url, ENCRYPTION_KEY: randomBytes(32).toString('base64'), DATA_DIR: dataDir };
    [a, b] = await Promise.all([startApiProcess(shared), startApiProcess(shared)]);
  }, 60_000);
  afterAll(async () => {
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
    await receiver.close();
    await postgres.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Registers on one process and turns TOTP on through the other; answers the account's token and secret. */
  async function userWithTotp(label: string, first: ApiProcess, second: ApiProcess) {
    const email = uniqueEmail(label);
    const token = (await first.client.request(OPS.REGISTER, { email, password: PASSWORD })).data!.register.token as string;
    const setup = await first.client.withToken(token).request(OPS.ENABLE, { input: { method: 'TOTP' } });
    const secret = setup.data!.enableTwoFactor.secret as string;
    const verified = await second.client.withToken(token).request(OPS.VERIFY, { code: referenceTotp(secret, nowSeconds()) });
    expect(verified.errors).toBeUndefined();
    return { email, token, secret };
  }

  const verify = (secret: string, request: ReceivedWebhook) =>
    new Webhook(secret).verify(
      request.body,
      Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(request.headers[name])])),
    ) as { type: string; data: { userId: string } };

  it('sends each event once, signed, whichever process recorded it and however both race for the queue', async () => {
    const admin = await userWithTotp('admin', a, b);
    const db = new Client({ connectionString: postgres.url });
    await db.connect();
    await db.query(`UPDATE users SET role = 'ADMIN' WHERE email = $1`, [admin.email]);
    await db.end();
    // The next step's code: the admin's enrollment used this one.
    const created = await b.client.withToken(admin.token).request(WEBHOOK_OPS.CREATE, {
      url: receiver.url,
      events: ['TWO_FACTOR_ENABLED', 'TWO_FACTOR_DISABLED'],
      proof: referenceTotp(admin.secret, nowSeconds() + 30),
    });
    expect(created.errors).toBeUndefined();
    const { secret } = created.data!.createWebhook;
    const webhookId = created.data!.createWebhook.webhook.id as string;

    // Eight users turn 2FA on at once, half through each process: both dispatchers wake and race.
    const users = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? userWithTotp('on-a', a, b) : userWithTotp('on-b', b, a))));
    const received = await receiver.waitFor(users.length, 30_000);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    expect(receiver.received).toHaveLength(users.length);
    const ids = received.map((request) => request.headers['webhook-id']);
    expect(new Set(ids).size).toBe(users.length);
    const payloads = received.map((request) => verify(secret, request));
    expect(payloads.every((p) => p.type === 'two_factor.enabled')).toBe(true);
    expect(new Set(payloads.map((p) => p.data.userId)).size).toBe(users.length);

    // A failed attempt is retried (the first retry waits 5 s), by one process only.
    receiver.answerWith(500);
    const leaving = users[0]!;
    const disabled = await a.client
      .withToken(leaving.token)
      .request(OPS.DISABLE, { code: referenceTotp(leaving.secret, nowSeconds() + 30) });
    expect(disabled.errors).toBeUndefined();
    const [failed, retried] = (await receiver.waitFor(users.length + 2, 30_000)).slice(users.length);
    expect(retried!.headers['webhook-id']).toBe(failed!.headers['webhook-id']);
    expect(verify(secret, retried!).type).toBe('two_factor.disabled');
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    expect(receiver.received).toHaveLength(users.length + 2);

    const log = await a.client.withToken(admin.token).request(WEBHOOK_OPS.DELIVERIES, { webhookId, first: 20 });
    const nodes = (log.data!.webhookDeliveries.edges as Array<{ node: { status: string; attempts: number } }>).map((e) => e.node);
    expect(nodes).toHaveLength(users.length + 1);
    expect(nodes[0]).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect(nodes.slice(1).every((n) => n.status === 'SUCCEEDED' && n.attempts === 1)).toBe(true);
  }, 120_000);
});
