/** What the two-factor module hands to a sender. Providers differ; this shape does not. */

export type DeliveryChannel = 'email' | 'sms';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Only the dev outbox records it; never logged. */
  code?: string;
}

export interface SmsMessage {
  /** E.164, e.g. +4915112345678 */
  to: string;
  text: string;
  /** Only the dev outbox records it; never logged. */
  code?: string;
}

/** Resolves once the provider accepted the message; rejects with DeliveryError otherwise. */
export interface EmailSender {
  readonly provider: string;
  send(message: EmailMessage): Promise<void>;
}

/** Resolves once the provider accepted the message; rejects with DeliveryError otherwise. */
export interface SmsSender {
  readonly provider: string;
  send(message: SmsMessage): Promise<void>;
}
