import { Webhook } from 'standardwebhooks';
import { WEBHOOK_EVENTS, WebhookEvent, payloadTypeOf, webhookEventOf } from '../../src/modules/webhooks/webhook-event';
import { newSigningSecret, signatureOf } from '../../src/modules/webhooks/webhook-signature';
import { SecurityEventType } from '../../src/modules/audit/security-event-type';

describe('webhook signatures', () => {
  it('verify with the Standard Webhooks library, and fail for another body, id, time or secret', () => {
    const secret = newSigningSecret();
    const body = JSON.stringify({ type: 'two_factor.enabled', timestamp: new Date().toISOString(), data: { userId: 'u' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = (id: string, at: number, signature: string) => ({
      'webhook-id': id,
      'webhook-timestamp': String(at),
      'webhook-signature': signature,
    });
    const receiver = new Webhook(secret);
    expect(receiver.verify(body, headers('msg_1', timestamp, signatureOf(secret, 'msg_1', timestamp, body)))).toEqual(JSON.parse(body));
    const signed = signatureOf(secret, 'msg_1', timestamp, body);
    expect(() => receiver.verify(`${body} `, headers('msg_1', timestamp, signed))).toThrow();
    expect(() => receiver.verify(body, headers('msg_2', timestamp, signed))).toThrow();
    expect(() => receiver.verify(body, headers('msg_1', timestamp + 1, signed))).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(body, headers('msg_1', timestamp, signed))).toThrow();
    // And the library's own signature is ours, byte for byte.
    expect(signed).toBe(receiver.sign('msg_1', new Date(timestamp * 1000), body));
  });

  it('are keyed with 32 random bytes, in the whsec_ form', () => {
    const secrets = new Set(Array.from({ length: 20 }, newSigningSecret));
    expect(secrets.size).toBe(20);
    for (const secret of secrets) expect(Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).toHaveLength(32);
  });
});

describe('webhook events', () => {
  it('each stands for the security event of its name, and none other does', () => {
    for (const event of WEBHOOK_EVENTS) expect(webhookEventOf(SecurityEventType[event])).toBe(event);
    const others = Object.values(SecurityEventType).filter((type) => !(WEBHOOK_EVENTS as string[]).includes(type));
    for (const type of others) expect(webhookEventOf(type)).toBeNull();
  });

  it('name their payload type in the full-stop form', () => {
    expect(Object.fromEntries(WEBHOOK_EVENTS.map((event) => [event, payloadTypeOf(event)]))).toEqual({
      [WebhookEvent.TWO_FACTOR_ENABLED]: 'two_factor.enabled',
      [WebhookEvent.TWO_FACTOR_SWITCHED]: 'two_factor.switched',
      [WebhookEvent.TWO_FACTOR_DISABLED]: 'two_factor.disabled',
      [WebhookEvent.TWO_FACTOR_RESET]: 'two_factor.reset',
      [WebhookEvent.RECOVERY_CODES_REGENERATED]: 'recovery_codes.regenerated',
      [WebhookEvent.LOCKOUT_STARTED]: 'lockout.started',
      [WebhookEvent.REMEMBERED_BROWSER_COPIED]: 'remembered_browser.copied',
    });
  });
});
