import { MailService } from '@sendgrid/mail';
import { withDeadline } from '../deadline';
import {
  classifyNetworkError,
  DeliveryError,
  innermostMessage,
  reasonForStatus,
  scrubDetail,
  type DeliveryFailure,
} from '../delivery-error';
import type { EmailMessage, EmailSender } from '../delivery.types';

export interface SendGridOptions {
  apiKey: string;
  /** Where the v3 API lives: SendGrid's host, its EU host, or a local stub in tests. */
  baseUrl: string;
  /** The verified sender address. */
  from: string;
  /** Shown as the sender's name, e.g. the issuer name. */
  fromName?: string;
  timeoutMs: number;
}

/** The part of @sendgrid/client this sender needs; see clientOf. */
interface SendGridClientDefaults {
  setDefaultRequest(key: string, value: unknown): unknown;
}

// Codes and security notices are transactional: no tracking pixel, no rewritten links and no
// unsubscribe footer (an unsubscribed user would stop getting their own sign-in codes).
const TRACKING_OFF = {
  clickTracking: { enable: false, enableText: false },
  openTracking: { enable: false },
  subscriptionTracking: { enable: false },
} as const;

/** E-mail through SendGrid's v3 Mail Send API (POST /v3/mail/send), with the official SDK. */
export class SendGridEmailSender implements EmailSender {
  readonly provider = 'sendgrid';
  // One MailService per sender, each with its own HTTP client: the module's default export is a
  // process-wide singleton whose key and base URL every importer would share.
  private readonly mail = new MailService();

  constructor(private readonly options: SendGridOptions) {
    // setApiKey resets the base URL to SendGrid's global host, so the base URL must follow it.
    this.mail.setApiKey(options.apiKey);
    clientOf(this.mail).setDefaultRequest('baseUrl', options.baseUrl);
    // An idle-socket timer inside axios: it frees the connection; withDeadline bounds the wait.
    this.mail.setTimeout(options.timeoutMs);
  }

  async send(message: EmailMessage): Promise<void> {
    const { from, fromName, timeoutMs } = this.options;
    try {
      await withDeadline(
        this.mail.send({
          from: fromName ? { email: from, name: fromName } : from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          trackingSettings: TRACKING_OFF,
        }),
        timeoutMs,
      );
    } catch (error) {
      throw new DeliveryError(this.failure(error, message));
    }
  }

  private failure(error: unknown, message: EmailMessage): DeliveryFailure {
    const base = { provider: this.provider, channel: 'email' as const };
    const secrets = [this.options.apiKey, message.code, message.text, message.html];
    const status = httpStatusOf(error);
    if (status !== undefined) {
      return { ...base, reason: reasonForStatus(status), httpStatus: status, detail: scrubDetail(providerErrors(error), secrets) };
    }
    const network = classifyNetworkError(error);
    if (network) return { ...base, reason: network.reason, detail: network.code };
    // Thrown before any request left, e.g. the SDK refusing a malformed address.
    return { ...base, reason: 'rejected', detail: scrubDetail(innermostMessage(error), secrets) };
  }
}

/**
 * @sendgrid/mail's typings do not declare the client each MailService creates for itself
 * (`this.client` in src/classes/mail-service.js); its default request holds the base URL. Checked
 * at start-up so an SDK upgrade that moves it fails loudly rather than mailing the real host.
 */
function clientOf(mail: MailService): SendGridClientDefaults {
  const client = (mail as unknown as { client?: Partial<SendGridClientDefaults> }).client;
  if (typeof client?.setDefaultRequest !== 'function') {
    throw new Error('@sendgrid/mail no longer exposes its client: cannot set the SendGrid base URL');
  }
  return client as SendGridClientDefaults;
}

/** The HTTP status of an answered request: ResponseError keeps it in `code`, axios in `response`. */
function httpStatusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, response } = error as { code?: unknown; response?: { status?: unknown; body?: unknown } };
  if (typeof code === 'number' && response) return code;
  return typeof response?.status === 'number' ? response.status : undefined;
}

/** SendGrid explains refusals as `{"errors":[{"message":…,"field":…}]}`. */
function providerErrors(error: unknown): string | undefined {
  const body = (error as { response?: { body?: unknown; data?: unknown } }).response;
  const payload = (body?.body ?? body?.data) as { errors?: unknown } | undefined;
  if (!payload || !Array.isArray(payload.errors)) return undefined;
  const messages = payload.errors
    .map((entry: { message?: unknown; field?: unknown }) =>
      typeof entry?.message === 'string'
        ? typeof entry.field === 'string'
          ? `${entry.field}: ${entry.message}`
          : entry.message
        : undefined,
    )
    .filter((text): text is string => Boolean(text));
  return messages.length > 0 ? messages.join('; ') : undefined;
}
