import { Vonage } from '@vonage/server-sdk';
import { withDeadline } from '../deadline';
import {
  classifyNetworkError,
  DeliveryError,
  innermostMessage,
  reasonForStatus,
  scrubDetail,
  type DeliveryFailure,
} from '../delivery-error';
import type { SmsMessage, SmsSender } from '../delivery.types';

export interface VonageOptions {
  apiKey: string;
  apiSecret: string;
  /** An alphanumeric sender ID (≤ 11 characters) or a number in E.164. */
  from: string;
  /** The SMS API host: Vonage's, or a local stub in tests. */
  baseUrl: string;
  timeoutMs: number;
}

type SmsParams = NonNullable<Parameters<Vonage['sms']['send']>[0]>;

// The SMS API answers HTTP 200 and puts the verdict in messages[].status; "0" is success.
const STATUS_SUCCESS = '0';
// Throttled and Vonage's internal error: the message was fine, a retry later may pass. Every other
// status (bad credentials, barred number, invalid sender…) needs a human.
const STATUS_TRY_LATER = new Set(['1', '5']);

// GSM 03.38 (basic set and extension table): what a plain "text" SMS can carry. Anything else
// (an issuer name in Cyrillic, say) must go as "unicode" or arrives as question marks.
const GSM_7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€',
);

/** SMS through Vonage's SMS API, with the official SDK. */
export class VonageSmsSender implements SmsSender {
  readonly provider = 'vonage';
  private readonly sms: Vonage['sms'];

  constructor(private readonly options: VonageOptions) {
    // `timeout` makes the SDK abort its fetch (headers and body) through an AbortController.
    this.sms = new Vonage(
      { apiKey: options.apiKey, apiSecret: options.apiSecret },
      { restHost: options.baseUrl, timeout: options.timeoutMs },
    ).sms;
  }

  async send(message: SmsMessage): Promise<void> {
    const params: SmsParams = {
      // Vonage wants international numbers without the leading "+".
      to: withoutPlus(message.to),
      from: withoutPlus(this.options.from),
      text: message.text,
      ...(isGsm7(message.text) ? {} : { type: 'unicode' as NonNullable<SmsParams['type']> }),
    };
    let accepted: boolean;
    try {
      const result = await withDeadline(this.sms.send(params), this.options.timeoutMs);
      // The SDK types the status as its own enum; the API's documentation speaks of strings.
      const status: string | undefined = result.messages?.[0]?.status;
      accepted = status === STATUS_SUCCESS;
    } catch (error) {
      throw new DeliveryError(this.failure(error, message));
    }
    // A 200 that names no accepted message is no proof of delivery.
    if (!accepted) {
      throw new DeliveryError({
        provider: this.provider,
        channel: 'sms',
        reason: 'unavailable',
        detail: 'no message status in the answer',
      });
    }
  }

  private failure(error: unknown, message: SmsMessage): DeliveryFailure {
    const base = { provider: this.provider, channel: 'sms' as const };
    const secrets = [this.options.apiKey, this.options.apiSecret, message.code, message.text];
    const refused = failedMessage(error);
    if (refused) {
      const status = refused.status ?? 'unknown';
      return {
        ...base,
        reason: STATUS_TRY_LATER.has(status) ? 'unavailable' : 'rejected',
        detail: scrubDetail(`Vonage status ${status}${refused.errorText ? `: ${refused.errorText}` : ''}`, secrets),
      };
    }
    const status = httpStatusOf(error);
    if (status !== undefined) return { ...base, reason: reasonForStatus(status), httpStatus: status };
    const network = classifyNetworkError(error);
    if (network) return { ...base, reason: network.reason, detail: network.code };
    // The SDK's own complaints, e.g. a 200 whose body is not JSON ("Failed to decode response body").
    return { ...base, reason: 'unavailable', detail: scrubDetail(innermostMessage(error), secrets) };
  }
}

function withoutPlus(value: string): string {
  return value.startsWith('+') ? value.slice(1) : value;
}

function isGsm7(text: string): boolean {
  return [...text].every((char) => GSM_7.has(char));
}

/**
 * The first refused message of an SMSFailure (MessageSendAllFailure / MessageSendPartialFailure,
 * thrown for a 200 with a non-zero status). Recognised by shape: @vonage/server-sdk does not
 * re-export the classes, and a second copy of @vonage/sms would break `instanceof`.
 */
function failedMessage(error: unknown): { status?: string; errorText?: string } | undefined {
  const failure = error as { getFailedMessages?: unknown } | null;
  if (typeof failure?.getFailedMessages !== 'function') return undefined;
  const [first] = (failure.getFailedMessages as () => { status?: string; errorText?: string }[])();
  return first ?? {};
}

/** VetchError (any answer that is not 2xx) keeps the fetch Response. */
function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}
