import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { latestOutboxRecord, OutboxEmailSender, OutboxSmsSender, OutboxWriter, readOutbox } from '../../src/delivery/outbox/outbox';
import { verificationCodeEmail, verificationCodeSms } from '../../src/delivery/templates';
import { ManualClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';

const SENT_AT = new Date('2025-11-28T04:14:05.123Z');

/** Outbox senders on a fresh folder, a fixed clock and a logger whose lines the test reads. */
function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-outbox-'));
  // A folder that does not exist yet: the outbox creates it.
  const outboxPath = path.join(dir, 'nested', 'outbox.jsonl');
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const clock = new ManualClock(SENT_AT);
  const writer = new OutboxWriter(outboxPath, { clock, logger: createLogger('info', stream) });
  return { outboxPath, clock, logLines: lines, email: new OutboxEmailSender(writer), sms: new OutboxSmsSender(writer) };
}

const emailContent = verificationCodeEmail({ issuerName: 'HostKey', code: '314159', purpose: 'enroll' });

describe('outbox senders', () => {
  it('write one JSON line per message with the recipient, channel, body and code, timed by the injected clock', async () => {
    const { outboxPath, clock, email, sms } = setup();

    await email.send({ to: 'john.doe@example.com', ...emailContent, code: '314159' });
    clock.advance(61_000);
    await sms.send({ to: '+4915112345678', text: verificationCodeSms({ issuerName: 'HostKey', code: '271828' }), code: '271828' });

    const lines = readFileSync(outboxPath, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      channel: 'email',
      to: 'john.doe@example.com',
      subject: 'HOSTKEY: email verification code',
      text: emailContent.text,
      code: '314159',
      sentAt: '2025-11-28T04:14:05.123Z',
    });
    expect(lines[1]).toBe(
      '{"channel":"sms","to":"+4915112345678","subject":null,"text":"HostKey code: 271828","code":"271828","sentAt":"2025-11-28T04:15:06.123Z"}',
    );
    expect(Object.keys(JSON.parse(lines[0] ?? ''))).toEqual(['channel', 'to', 'subject', 'text', 'code', 'sentAt']);
  });

  it('records code null for a message without one (a security notice)', async () => {
    const { outboxPath, email } = setup();

    await email.send({
      to: 'john.doe@example.com',
      subject: 'HOSTKEY: recovery code used',
      text: 'A recovery code was used.',
      html: '<p>…</p>',
    });

    expect((await readOutbox(outboxPath))[0]).toMatchObject({ channel: 'email', code: null });
  });

  it('keeps the file readable by its owner only: it holds live codes', async () => {
    const { outboxPath, sms } = setup();
    await sms.send({ to: '+4915112345678', text: 'HostKey code: 000001', code: '000001' });

    expect(statSync(outboxPath).mode & 0o777).toBe(0o600);
  });

  it('loses and mixes no lines when many messages are sent at once', async () => {
    const { outboxPath, email, sms } = setup();
    const count = 200;
    // Long texts make torn or interleaved writes show up as unparsable lines.
    const filler = 'x'.repeat(2_000);

    await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const code = String(i).padStart(6, '0');
        return i % 2 === 0
          ? email.send({ to: `user${i}@example.com`, subject: 'S', text: `${filler} ${code}`, html: '<p></p>', code })
          : sms.send({ to: `+49151000${String(i).padStart(5, '0')}`, text: `HostKey code: ${code}`, code });
      }),
    );

    const lines = readFileSync(outboxPath, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(count);
    const codes = lines.map((line) => (JSON.parse(line) as { code: string }).code).sort();
    expect(codes).toEqual(Array.from({ length: count }, (_, i) => String(i).padStart(6, '0')));
  });

  it('logs one line per message naming the channel and the masked destination, never the code or the text', async () => {
    const { logLines, email, sms } = setup();

    await email.send({ to: 'john.doe@example.com', ...emailContent, code: '314159' });
    await sms.send({ to: '+4915112345678', text: 'HostKey code: 271828', code: '271828' });

    expect(logLines).toHaveLength(2);
    const [emailLine, smsLine] = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(emailLine).toMatchObject({
      level: 30,
      channel: 'email',
      to: 'j***@example.com',
      msg: 'E-mail to j***@example.com written to the dev outbox',
    });
    expect(smsLine).toMatchObject({
      level: 30,
      channel: 'sms',
      to: '+49 *** *** 78',
      msg: 'SMS to +49 *** *** 78 written to the dev outbox',
    });
    const everything = logLines.join('');
    for (const secret of ['314159', '271828', 'john.doe', '15112345678', 'verification code is', 'HostKey code']) {
      expect(everything).not.toContain(secret);
    }
  });
});

describe('readOutbox', () => {
  it('returns nothing before the first message, and every record in order after', async () => {
    const { outboxPath, clock, sms } = setup();
    expect(await readOutbox(outboxPath)).toEqual([]);

    await sms.send({ to: '+4915112345678', text: 'HostKey code: 111111', code: '111111' });
    clock.advance(60_000);
    await sms.send({ to: '+4915112345678', text: 'HostKey code: 222222', code: '222222' });
    await sms.send({ to: '+33612345678', text: 'HostKey code: 333333', code: '333333' });

    expect((await readOutbox(outboxPath)).map((r) => r.code)).toEqual(['111111', '222222', '333333']);
    expect(await latestOutboxRecord(outboxPath, { to: '+4915112345678' })).toMatchObject({
      code: '222222',
      sentAt: '2025-11-28T04:15:05.123Z',
    });
    expect(await latestOutboxRecord(outboxPath, { to: '+4915112345678', channel: 'email' })).toBeUndefined();
  });
});
