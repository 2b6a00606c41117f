import { existsSync, readFileSync } from 'node:fs';

/** One message the API's dev outbox wrote: one JSON object per line. */
export interface OutboxMessage {
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  text: string;
  code: string;
  sentAt: string;
}

const POLL_MS = 50;
const WAIT_MS = 10_000;

/**
 * The dev outbox of one API process, read as a user reads their mail: tests take the next
 * message to an address after what they have already seen.
 */
export class Outbox {
  constructor(private readonly file: string) {}

  all(): OutboxMessage[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as OutboxMessage);
  }

  /** How many messages went to `to` so far; pass it to `next` to wait for the one after. */
  count(to: string): number {
    return this.all().filter((message) => message.to === to).length;
  }

  /** Waits for message number `seen + 1` to `to` (e-mail address or E.164 number). */
  async next(to: string, seen: number): Promise<OutboxMessage> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const messages = this.all().filter((message) => message.to === to);
      if (messages.length > seen) return messages[seen]!;
      if (Date.now() > deadline) {
        throw new Error(`no message ${seen + 1} to ${to} in the outbox within ${WAIT_MS} ms (has ${messages.length})`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
