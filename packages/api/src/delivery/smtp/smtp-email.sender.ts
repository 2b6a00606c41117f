import { rootCertificates } from 'node:tls';
import { createTransport, type NodemailerError, type SMTPSentMessageInfo, type Transporter } from 'nodemailer';
import { withDeadline } from '../deadline';
import type { SmtpTls } from '../delivery-config';
import { classifyNetworkError, DeliveryError, innermostMessage, scrubDetail, type DeliveryFailure } from '../delivery-error';
import type { EmailMessage, EmailSender } from '../delivery.types';

export interface SmtpOptions {
  host: string;
  port: number;
  tls: SmtpTls;
  auth?: { user: string; password: string };
  /** PEM certificates to trust for this server, besides the system's. */
  ca?: string;
  /** The envelope sender and From address. */
  from: string;
  /** Shown as the sender's name, e.g. the issuer name. */
  fromName?: string;
  timeoutMs: number;
}

// A certificate the client refuses: retrying will not help until someone fixes the server's
// certificate or trusts its CA (SMTP_CA_FILE).
const CERTIFICATE_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
// Errors nodemailer raises before or instead of talking to the server about this message: the
// configuration or the message is wrong, so a retry would meet the same refusal.
const CONFIGURATION_ERRORS = new Set(['ETLS', 'EAUTH', 'ENOAUTH', 'EENVELOPE', 'EMESSAGE', 'ECONFIG']);
// What nodemailer names as the command of a failure that no SMTP command caused.
const PSEUDO_COMMANDS = new Set(['CONN', 'API']);

/** E-mail through an SMTP server (the host's own relay, or a provider's submission port), with nodemailer. */
export class SmtpEmailSender implements EmailSender {
  readonly provider = 'smtp';
  private readonly transport: Transporter<SMTPSentMessageInfo>;

  constructor(private readonly options: SmtpOptions) {
    const { host, port, tls, auth, ca, timeoutMs } = options;
    // One connection per message (no pool): codes are few, and a pooled connection that the
    // server dropped while idle would fail the next user's sign-in.
    this.transport = createTransport({
      host,
      port,
      secure: tls === 'implicit',
      // STARTTLS or nothing: never fall back to plain text when the server does not offer it.
      requireTLS: tls === 'starttls',
      ignoreTLS: tls === 'none',
      ...(auth ? { auth: { user: auth.user, pass: auth.password } } : {}),
      // `ca` replaces Node's trusted roots, so they are passed along with the extra certificate.
      tls: { minVersion: 'TLSv1.2', ...(ca ? { ca: [...rootCertificates, ca] } : {}) },
      // Each phase gets the whole budget; withDeadline bounds their sum.
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
      // Messages are built from our own templates: nothing may pull in files or URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
      // nodemailer's logger would print the SMTP conversation: the code and the AUTH exchange.
      logger: false,
    });
  }

  async send(message: EmailMessage): Promise<void> {
    const { from, fromName, timeoutMs } = this.options;
    try {
      await withDeadline(
        this.transport.sendMail({
          from: fromName ? { address: from, name: fromName } : from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
        }),
        timeoutMs,
      );
    } catch (error) {
      throw new DeliveryError(this.failure(error, message));
    }
  }

  private failure(error: unknown, message: EmailMessage): DeliveryFailure {
    const base = { provider: this.provider, channel: 'email' as const };
    const secrets = [this.options.auth?.password, message.code, message.text, message.html];
    const smtp = (error ?? {}) as NodemailerError & { originalCode?: string };
    if (typeof smtp.responseCode === 'number') {
      // The server's own verdict: 5xx refuses this message for good, 4xx asks to try later.
      const permanent = smtp.permanent ?? smtp.responseCode >= 500;
      const step = smtp.command && !PSEUDO_COMMANDS.has(smtp.command) ? `${smtp.command}: ` : '';
      return { ...base, reason: permanent ? 'rejected' : 'unavailable', detail: scrubDetail(`${step}${smtp.response ?? ''}`, secrets) };
    }
    const underlying = smtp.originalCode ?? smtp.code;
    if (underlying !== undefined && CERTIFICATE_ERRORS.has(underlying)) return { ...base, reason: 'rejected', detail: underlying };
    if (smtp.code !== undefined && CONFIGURATION_ERRORS.has(smtp.code)) {
      return { ...base, reason: 'rejected', detail: scrubDetail(`${smtp.code}: ${smtp.message}`, secrets) };
    }
    const network = classifyNetworkError(error);
    if (network)
      return { ...base, reason: network.reason, detail: network.reason === 'timeout' ? network.code : (underlying ?? network.code) };
    return { ...base, reason: 'rejected', detail: scrubDetail(innermostMessage(error), secrets) };
  }
}
