import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { Role } from '../../src/modules/auth/role';
import { WebhookEntity } from '../../src/modules/webhooks/entities/webhook.entity';
import { reencryptWebhookSecrets } from '../../src/modules/webhooks/secret-rotation';
import { SecretBox } from '../../src/shared/secret-box';
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from '../../src/modules/webhooks/entities/webhook-delivery.entity';
import { RETRY_DELAYS_MS, MAX_ATTEMPTS } from '../../src/modules/webhooks/delivery/retry-schedule';
import { WebhookEvent } from '../../src/modules/webhooks/webhook-event';
import { OPS, enableTotp, registerUser, totpNow, nextTotpStep } from '../support/flows';
import { errorCode, type GraphQLResponse } from '../support/graphql-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../support/webhook-receiver';
import { WEBHOOK_OPS, freshCode, signInAgain, staffMember, type StaffMember } from '../support/webhook-ops';

interface DeliveryNode {
  id: string;
  event: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  payload: string;
}

type Payload = { type: string; timestamp: string; data: Record<string, unknown> };

const signedHeaders = (request: ReceivedWebhook) =>
  Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(request.headers[name])]));

/**
 * Checks a request's signature with the Standard Webhooks library (not our own code) and answers
 * its payload. The library's `verify` also refuses a timestamp five minutes off the real time, which
 * tests that move the clock pass: those compare with the library's own signature of the request.
 */
function verified(secret: string, request: ReceivedWebhook): Payload {
  const headers = signedHeaders(request);
  const at = new Date(Number(headers['webhook-timestamp']) * 1000);
  expect(headers['webhook-signature']).toBe(new Webhook(secret).sign(headers['webhook-id']!, at, request.body));
  return JSON.parse(request.body) as Payload;
}

describe('webhooks: signed deliveries of security events to an endpoint', () => {
  let t: TestApp;
  let admin: StaffMember;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffMember(t);
  }, 60_000);
  afterAll(() => t.close());
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    // Each test starts with no webhook, so that only its own receive events.
    for (const { id } of (await admin.client.request(WEBHOOK_OPS.LIST)).data!.webhooks as Array<{ id: string }>) {
      await admin.client.request(WEBHOOK_OPS.DELETE, { id, proof: freshCode(t, admin) });
    }
    await receiver.close();
  });

  async function createWebhook(events: WebhookEvent[], url = receiver.url): Promise<{ id: string; secret: string }> {
    const created = await admin.client.request(WEBHOOK_OPS.CREATE, { url, events, proof: freshCode(t, admin) });
    expect(created.errors).toBeUndefined();
    return { id: created.data!.createWebhook.webhook.id, secret: created.data!.createWebhook.secret };
  }

  async function deliveries(webhookId: string, variables: Record<string, unknown> = {}): Promise<DeliveryNode[]> {
    const page = await admin.client.request(WEBHOOK_OPS.DELIVERIES, { webhookId, ...variables });
    expect(page.errors).toBeUndefined();
    return (page.data!.webhookDeliveries.edges as Array<{ node: DeliveryNode }>).map((edge) => edge.node);
  }

  const dispatcher = () => t.app.modules.webhooks.dispatcher;

  it('sends an enabled 2FA once, signed, in the Standard Webhooks shape, and logs the delivery', async () => {
    const { id, secret } = await createWebhook([WebhookEvent.TWO_FACTOR_ENABLED, WebhookEvent.TWO_FACTOR_DISABLED]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const user = await registerUser(t, 'hooked');
    const me = (await user.client.request(`query { me { id } }`)).data!.me.id as string;
    await enableTotp(t, user);
    const [request] = await receiver.waitFor(1);
    // As a receiver checks it, timestamp included (the test's clock still agrees with the real one).
    const payload = new Webhook(secret).verify(request!.body, signedHeaders(request!)) as Payload;
    expect(payload).toEqual({
      type: 'two_factor.enabled',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { securityEventId: expect.any(String), userId: me, method: 'TOTP', actorUserId: null },
    });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).not.toContain(user.email);
    // The entry of the security log the webhook stands for.
    const logged = (await user.client.request(`query { securityEvents { id type } }`)).data!.securityEvents as Array<{
      id: string;
      type: string;
    }>;
    expect(logged.find((e) => e.type === 'TWO_FACTOR_ENABLED')!.id).toBe(payload.data.securityEventId);

    // Once: nothing more comes when the queue is read again, even past the first retry's time.
    t.clock.advance(RETRY_DELAYS_MS[0]! + 1);
    await dispatcher().drain();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({
      id: request!.headers['webhook-id'],
      event: 'TWO_FACTOR_ENABLED',
      status: 'SUCCEEDED',
      attempts: 1,
      nextAttemptAt: null,
      lastStatusCode: 200,
      lastError: null,
      payload: request!.body,
    });
    expect(delivery!.lastDurationMs).toBeGreaterThanOrEqual(0);
  });

  it('sends only the events a webhook chose', async () => {
    const { id } = await createWebhook([WebhookEvent.RECOVERY_CODES_REGENERATED]);
    const user = await registerUser(t, 'chosen');
    const { recoveryCodes } = await enableTotp(t, user);
    expect(await deliveries(id)).toEqual([]);
    await user.client.request(OPS.REGENERATE, { code: recoveryCodes[0] });
    const [request] = await receiver.waitFor(1);
    expect(JSON.parse(request!.body).type).toBe('recovery_codes.regenerated');
    expect((await deliveries(id)).map((d) => d.event)).toEqual(['RECOVERY_CODES_REGENERATED']);
  });

  it('sends one event for one change when the same change is asked for several times at once', async () => {
    const { id } = await createWebhook([WebhookEvent.RECOVERY_CODES_REGENERATED]);
    const user = await registerUser(t, 'regenerate-race');
    const { recoveryCodes } = await enableTotp(t, user);
    const answers = await Promise.all(recoveryCodes.slice(0, 4).map((code) => user.client.request(OPS.REGENERATE, { code })));
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    await receiver.waitFor(1);
    await dispatcher().drain();
    // The losers' changes rolled back with their events: nothing queued for them.
    expect(await deliveries(id)).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('retries after the endpoint fails, waiting by the clock, with the same id and a fresh signature', async () => {
    const { id, secret } = await createWebhook([WebhookEvent.TWO_FACTOR_DISABLED]);
    const user = await registerUser(t, 'retried');
    const { secret: userSecret } = await enableTotp(t, user);
    receiver.answerWith(500);
    nextTotpStep(t);
    expect((await user.client.request(OPS.DISABLE, { code: totpNow(t, userSecret) })).errors).toBeUndefined();
    await receiver.waitFor(1);
    await dispatcher().drain();
    const [failed] = await deliveries(id);
    expect(failed).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: 500, lastError: 'the endpoint answered HTTP 500' });
    expect(Date.parse(failed!.nextAttemptAt!)).toBe(Date.parse(failed!.lastAttemptAt!) + RETRY_DELAYS_MS[0]!);

    // Not before its time.
    t.clock.advance(RETRY_DELAYS_MS[0]! - 1_000);
    await dispatcher().drain();
    expect(receiver.received).toHaveLength(1);
    t.clock.advance(1_000);
    await dispatcher().drain();
    const [first, second] = await receiver.waitFor(2);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.body).toBe(first!.body);
    expect(Number(second!.headers['webhook-timestamp'])).toBeGreaterThan(Number(first!.headers['webhook-timestamp']));
    expect(verified(secret, second!).type).toBe('two_factor.disabled');
    expect(await deliveries(id)).toEqual([
      expect.objectContaining({ status: 'SUCCEEDED', attempts: 2, lastStatusCode: 200, lastError: null, nextAttemptAt: null }),
    ]);
  });

  it('gives up after the last attempt of the schedule, and says why', async () => {
    const { id } = await createWebhook([WebhookEvent.LOCKOUT_STARTED]);
    receiver.answerWith(...Array.from({ length: MAX_ATTEMPTS }, () => 503));
    const user = await registerUser(t, 'locked');
    const { secret: userSecret } = await enableTotp(t, user);
    // Ten wrong proofs lock the user's code checks: LOCKOUT_STARTED.
    const wrong = totpNow(t, userSecret) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 10; i++) await user.client.request(OPS.REGENERATE, { code: wrong });
    await receiver.waitFor(1);
    for (const delay of RETRY_DELAYS_MS) {
      await dispatcher().drain();
      t.clock.advance(delay);
    }
    await dispatcher().drain();
    await receiver.waitFor(MAX_ATTEMPTS);
    // A day and a half went by: the admin's session with it.
    admin = await signInAgain(t, admin);
    const [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS, nextAttemptAt: null, lastStatusCode: 503 });
    expect(JSON.parse(delivery!.payload).data.lockedUntil).toEqual(expect.any(String));
    t.clock.advance(24 * 60 * 60_000);
    await dispatcher().drain();
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    admin = await signInAgain(t, admin);
  });

  it('needs a fresh proof of the admin’s own 2FA to create or delete, checked after the rest', async () => {
    const refusedCreate = await admin.client.request(WEBHOOK_OPS.CREATE, {
      url: receiver.url,
      events: ['TWO_FACTOR_RESET'],
      proof: '000000',
    });
    expect(refusedCreate.errors![0]!.extensions).toMatchObject({ code: 'INVALID_CODE' });
    expect((await admin.client.request(WEBHOOK_OPS.LIST)).data!.webhooks).toEqual([]);

    // Wrong input is refused before the proof is looked at, so the code stays unspent.
    const code = freshCode(t, admin);
    const invalid = await admin.client.request(WEBHOOK_OPS.CREATE, { url: 'ftp://example.com/x', events: [], proof: code });
    expect(invalid.errors![0]!.extensions!.fields).toEqual([
      expect.objectContaining({ field: 'url', reason: 'WEBHOOK_URL_INVALID' }),
      expect.objectContaining({ field: 'events', reason: 'WEBHOOK_EVENTS_REQUIRED' }),
    ]);
    const created = await admin.client.request(WEBHOOK_OPS.CREATE, { url: receiver.url, events: ['TWO_FACTOR_RESET'], proof: code });
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.createWebhook.webhook;

    const unknown = await admin.client.request(WEBHOOK_OPS.DELETE, { id: randomUUID(), proof: '000000' });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_SUCH_WEBHOOK', field: 'id' });
    const wrongProof = await admin.client.request(WEBHOOK_OPS.DELETE, { id, proof: '000000' });
    expect(errorCode(wrongProof)).toBe('INVALID_CODE');
    expect((await admin.client.request(WEBHOOK_OPS.LIST)).data!.webhooks).toHaveLength(1);
    expect((await admin.client.request(WEBHOOK_OPS.DELETE, { id, proof: freshCode(t, admin) })).data!.deleteWebhook).toBe(true);
    expect((await admin.client.request(WEBHOOK_OPS.LIST)).data!.webhooks).toEqual([]);

    // Both land in the admin's own security log, the address without its query.
    const log = (await admin.client.request(`query { securityEvents { type detail } }`)).data!.securityEvents as Array<{ type: string }>;
    expect(log.slice(0, 2)).toEqual([
      { type: 'WEBHOOK_DELETED', detail: new URL(receiver.url).href },
      { type: 'WEBHOOK_CREATED', detail: new URL(receiver.url).href },
    ]);
  });

  it('is for admins with 2FA on only', async () => {
    const customer = await registerUser(t, 'customer');
    const support = await staffMember(t, Role.SUPPORT);
    const adminWithout2fa = await staffMember(t, Role.ADMIN, { twoFactor: false });
    const attempt = (client: typeof admin.client, proof: string) =>
      client.request(WEBHOOK_OPS.CREATE, { url: receiver.url, events: ['TWO_FACTOR_RESET'], proof });
    expect((await attempt(customer.client, '000000')).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    expect((await attempt(support.client, freshCode(t, support))).errors![0]!.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ROLE_REQUIRED',
    });
    expect((await attempt(adminWithout2fa.client, '000000')).errors![0]!.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OWN_2FA_REQUIRED',
    });
    for (const client of [customer.client, support.client]) {
      expect(errorCode(await client.request(WEBHOOK_OPS.LIST))).toBe('FORBIDDEN');
    }
    expect((await admin.client.request(WEBHOOK_OPS.LIST)).data!.webhooks).toEqual([]);
  });

  it('keeps at most 10 webhooks, also when admins create the last ones at once', async () => {
    for (let i = 0; i < 8; i++) await createWebhook([WebhookEvent.TWO_FACTOR_RESET], `${receiver.url}/${i}`);
    // Two admins (or one with two codes) take the ninth and tenth places at once; a third waits its turn.
    const other = await staffMember(t);
    const racing = await Promise.all([
      admin.client.request(WEBHOOK_OPS.CREATE, { url: `${receiver.url}/a`, events: ['TWO_FACTOR_RESET'], proof: freshCode(t, admin) }),
      other.client.request(WEBHOOK_OPS.CREATE, { url: `${receiver.url}/b`, events: ['TWO_FACTOR_RESET'], proof: other.recoveryCodes[0] }),
      other.client.request(WEBHOOK_OPS.CREATE, { url: `${receiver.url}/c`, events: ['TWO_FACTOR_RESET'], proof: other.recoveryCodes[1] }),
    ]);
    const refused = racing.filter((answer: GraphQLResponse) => answer.errors);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const answer of refused) {
      expect(answer.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEBHOOK_LIMIT', limit: 10 });
    }
    expect((await admin.client.request(WEBHOOK_OPS.LIST)).data!.webhooks).toHaveLength(10);
  });

  it('pages a webhook’s deliveries newest first with keyset cursors, without gaps or repeats', async () => {
    const { id } = await createWebhook([WebhookEvent.TWO_FACTOR_RESET]);
    // A log of 45 deliveries written straight to the table (the dispatcher has nothing to send:
    // they are already done), 3 of them at one instant, so the id breaks the tie.
    const start = t.clock.now().getTime() - 60 * 60_000;
    const rows = Array.from({ length: 45 }, (_, i) => ({
      id: randomUUID(),
      webhookId: id,
      event: WebhookEvent.TWO_FACTOR_RESET,
      securityEventId: randomUUID(),
      payload: '{}',
      status: WebhookDeliveryStatus.SUCCEEDED,
      attempts: 1,
      nextAttemptAt: null,
      leaseUntil: null,
      lastAttemptAt: null,
      lastStatusCode: 200,
      lastDurationMs: 3,
      lastError: null,
      createdAt: new Date(start + Math.max(0, i - 2) * 1_000),
    }));
    await t.app.dataSource.getRepository(WebhookDeliveryEntity).insert(rows);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const answer: GraphQLResponse = await admin.client.request(WEBHOOK_OPS.DELIVERIES, { webhookId: id, first: 10, after });
      const { edges, pageInfo } = answer.data!.webhookDeliveries;
      seen.push(...(edges as Array<{ node: { id: string } }>).map((edge) => edge.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    const newestFirst = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    expect(seen).toEqual(newestFirst.map((row) => row.id));

    for (const first of [0, -1, 101]) {
      const answer = await admin.client.request(WEBHOOK_OPS.DELIVERIES, { webhookId: id, first });
      expect(answer.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'PAGE_SIZE',
        field: 'first',
        max: 100,
      });
    }
    for (const cursor of ['nonsense', Buffer.from('{"a":1}').toString('base64url')]) {
      const answer = await admin.client.request(WEBHOOK_OPS.DELIVERIES, { webhookId: id, after: cursor });
      expect(answer.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_INVALID', field: 'after' });
    }
    const unknown = await admin.client.request(WEBHOOK_OPS.DELIVERIES, { webhookId: randomUUID() });
    expect(unknown.errors![0]!.extensions).toMatchObject({ reason: 'NO_SUCH_WEBHOOK', field: 'webhookId' });
  });

  it('stores the signing secret sealed, and seals it again with a new key after a rotation', async () => {
    const { id, secret } = await createWebhook([WebhookEvent.TWO_FACTOR_RESET]);
    const sealed = () =>
      t.app.dataSource
        .getRepository(WebhookEntity)
        .findOneByOrFail({ id })
        .then((w) => w.secretCiphertext);
    const before = await sealed();
    expect(before).not.toContain(secret.slice(6, 20));
    expect(new SecretBox(t.config.encryptionKey).decrypt(before)).toBe(secret);
    const rotated = new SecretBox(randomBytes(32), [t.config.encryptionKey]);
    expect(await reencryptWebhookSecrets(t.app.dataSource, rotated)).toEqual({ resealed: 1, current: 0 });
    expect(await reencryptWebhookSecrets(t.app.dataSource, rotated)).toEqual({ resealed: 0, current: 1 });
    expect(rotated.decrypt(await sealed())).toBe(secret);
  });

  it('on shutdown, cuts an attempt in flight short and gives it back to the queue, sent again after the restart', async () => {
    const { id, secret } = await createWebhook([WebhookEvent.TWO_FACTOR_ENABLED]);
    receiver.hang();
    await enableTotp(t, await registerUser(t, 'shutdown'));
    const [hung] = await receiver.waitFor(1);
    receiver.hang(false);
    const closing = Date.now();
    await t.restart({});
    // Aborted, not waited for until the attempt's time-out (10 s).
    expect(Date.now() - closing).toBeLessThan(8_000);
    admin = { ...admin, client: t.client.withToken(admin.token) };
    // The restarted app finds the delivery due again, and the cut-short attempt was not counted.
    const [, again] = await receiver.waitFor(2);
    expect(again!.headers['webhook-id']).toBe(hung!.headers['webhook-id']);
    expect(verified(secret, again!).type).toBe('two_factor.enabled');
    await t.app.modules.webhooks.dispatcher.drain();
    expect(await deliveries(id)).toEqual([expect.objectContaining({ status: 'SUCCEEDED', attempts: 1 })]);
  });
});
