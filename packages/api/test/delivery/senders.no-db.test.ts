import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDeliveryConfig } from '../../src/delivery/delivery-config';
import { readOutbox } from '../../src/delivery/outbox/outbox';
import { createSenders } from '../../src/delivery/senders';
import { verificationCodeEmail, verificationCodeSms } from '../../src/delivery/templates';
import { ManualClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { json, ProviderStub } from './support/provider-stub';
import { SmtpTestServer } from './support/smtp-test-server';

const deps = { clock: new ManualClock(new Date('2025-11-28T04:14:05Z')), logger: createLogger('silent') };
const email = {
  to: 'john.doe@example.com',
  ...verificationCodeEmail({ issuerName: 'HostKey', code: '123456', purpose: 'login' }),
  code: '123456',
};
const sms = { to: '+4915112345678', text: verificationCodeSms({ issuerName: 'HostKey', code: '654321' }), code: '654321' };

describe('createSenders', () => {
  it('builds the outbox senders by default, both writing to OUTBOX_PATH', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-senders-'));
    const config = readDeliveryConfig({}, { production: false, dataDir, issuerName: 'HostKey', smsOffered: true });
    const senders = createSenders(config, deps);

    expect([senders.email.provider, senders.sms.provider]).toEqual(['outbox', 'outbox']);
    await senders.email.send(email);
    await senders.sms.send(sms);
    expect((await readOutbox(path.join(dataDir, 'outbox.jsonl'))).map((r) => [r.channel, r.code])).toEqual([
      ['email', '123456'],
      ['sms', '654321'],
    ]);
  });

  it('sends no SMS in production when SMS is not offered: DELIVERY_FAILED, not a silent drop', async () => {
    const config = readDeliveryConfig(
      { EMAIL_PROVIDER: 'sendgrid', EMAIL_FROM: 'no-reply@hostkey.example', SENDGRID_API_KEY: 'SG.key' },
      { production: true, dataDir: '/nonexistent', issuerName: 'HostKey', smsOffered: false },
    );
    const senders = createSenders(config, deps);
    expect(senders.sms.provider).toBe('none');
    await expect(senders.sms.send(sms)).rejects.toMatchObject({ name: 'DeliveryError', channel: 'sms', reason: 'rejected' });
  });

  it('builds SendGrid and Vonage senders from the settings, aimed at the configured base URLs', async () => {
    const sendgrid = await ProviderStub.start();
    const vonage = await ProviderStub.start();
    try {
      sendgrid.respond = (_request, response) => response.writeHead(202).end();
      vonage.respond = (_request, response) => json(response, 200, { 'message-count': '1', messages: [{ status: '0' }] });
      const config = readDeliveryConfig(
        {
          EMAIL_PROVIDER: 'sendgrid',
          EMAIL_FROM: 'no-reply@hostkey.example',
          SENDGRID_API_KEY: 'SG.factory-key',
          SENDGRID_API_BASE_URL: sendgrid.url,
          SMS_PROVIDER: 'vonage',
          VONAGE_API_KEY: 'k3y',
          VONAGE_API_SECRET: 's3cret',
          VONAGE_API_BASE_URL: `${vonage.url}/`,
          DELIVERY_TIMEOUT_MS: '2000',
        },
        { production: true, dataDir: '/nonexistent', issuerName: 'HostKey', smsOffered: true },
      );
      const senders = createSenders(config, deps);

      expect([senders.email.provider, senders.sms.provider]).toEqual(['sendgrid', 'vonage']);
      await senders.email.send(email);
      await senders.sms.send(sms);
      expect(sendgrid.requests.map((r) => [r.path, r.headers.authorization])).toEqual([['/v3/mail/send', 'Bearer SG.factory-key']]);
      expect(JSON.parse(sendgrid.requests[0]?.body ?? '').from).toEqual({ email: 'no-reply@hostkey.example', name: 'HostKey' });
      expect(vonage.requests.map((r) => r.path)).toEqual(['/sms/json']);
      expect(JSON.parse(vonage.requests[0]?.body ?? '')).toEqual({ from: 'HostKey', to: '4915112345678', text: 'HostKey code: 654321' });
    } finally {
      await Promise.all([sendgrid.close(), vonage.close()]);
    }
  });

  it('builds the SMTP sender from the settings, aimed at the configured server', async () => {
    const server = await SmtpTestServer.start({ tls: 'none' });
    try {
      const config = readDeliveryConfig(
        {
          EMAIL_PROVIDER: 'smtp',
          EMAIL_FROM: 'no-reply@hostkey.example',
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(server.port),
          SMTP_TLS: 'none',
        },
        { production: true, dataDir: '/nonexistent', issuerName: 'HostKey', smsOffered: false },
      );
      const senders = createSenders(config, deps);

      expect(senders.email.provider).toBe('smtp');
      await senders.email.send(email);
      expect(server.received.map((mail) => [mail.mailFrom, mail.rcptTo, mail.parsed.subject])).toEqual([
        ['no-reply@hostkey.example', ['john.doe@example.com'], 'HOSTKEY: email verification code'],
      ]);
    } finally {
      await server.close();
    }
  });
});
