import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { DeliveryChannel, EmailMessage, EmailSender, SmsMessage, SmsSender } from '../delivery.types';
import { maskEmail, maskPhone } from '../mask';

/**
 * The development stand-in for SendGrid and Vonage: every message becomes one JSON line in a file
 * that people and browser tests read the codes from. Config refuses it in production.
 */

/** One line of the outbox file: a message that would have been sent, kept for development. */
export interface OutboxRecord {
  channel: DeliveryChannel;
  to: string;
  /** null for SMS. */
  subject: string | null;
  text: string;
  code: string | null;
  /** ISO 8601, from the injected clock. */
  sentAt: string;
}

export interface OutboxDeps {
  clock: Clock;
  logger: Logger;
}

// The file holds live codes: readable by the server's user only.
const OUTBOX_FILE_MODE = 0o600;

/** Appends records to one file. Shared by the e-mail and SMS outbox senders. */
export class OutboxWriter {
  constructor(
    readonly outboxPath: string,
    private readonly deps: OutboxDeps,
  ) {}

  async append(record: Omit<OutboxRecord, 'sentAt'>): Promise<void> {
    const line = JSON.stringify({ ...record, sentAt: this.deps.clock.now().toISOString() }) + '\n';
    await mkdir(path.dirname(this.outboxPath), { recursive: true });
    // One append per whole line: O_APPEND writes land at the end as a unit, so concurrent sends
    // (and several API processes on one DATA_DIR) never interleave or overwrite each other.
    await appendFile(this.outboxPath, line, { encoding: 'utf8', mode: OUTBOX_FILE_MODE });
    // Only the masked destination: the code and the text stay in the file.
    const to = record.channel === 'email' ? maskEmail(record.to) : maskPhone(record.to);
    this.deps.logger.info(
      { channel: record.channel, to, outbox: this.outboxPath },
      `${record.channel === 'email' ? 'E-mail' : 'SMS'} to ${to} written to the dev outbox`,
    );
  }
}

export class OutboxEmailSender implements EmailSender {
  readonly provider = 'outbox';

  constructor(private readonly writer: OutboxWriter) {}

  send(message: EmailMessage): Promise<void> {
    return this.writer.append({
      channel: 'email',
      to: message.to,
      subject: message.subject,
      text: message.text,
      code: message.code ?? null,
    });
  }
}

export class OutboxSmsSender implements SmsSender {
  readonly provider = 'outbox';

  constructor(private readonly writer: OutboxWriter) {}

  send(message: SmsMessage): Promise<void> {
    return this.writer.append({ channel: 'sms', to: message.to, subject: null, text: message.text, code: message.code ?? null });
  }
}

/** Every record in the outbox, oldest first; none when nothing was sent yet. */
export async function readOutbox(outboxPath: string): Promise<OutboxRecord[]> {
  let content: string;
  try {
    content = await readFile(outboxPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return content
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as OutboxRecord);
}

/** The newest record sent to `to` (on `channel`, if given): how tests fetch the code just sent. */
export async function latestOutboxRecord(
  outboxPath: string,
  filter: { to: string; channel?: DeliveryChannel },
): Promise<OutboxRecord | undefined> {
  const records = await readOutbox(outboxPath);
  return records.reverse().find((r) => r.to === filter.to && (filter.channel === undefined || r.channel === filter.channel));
}
