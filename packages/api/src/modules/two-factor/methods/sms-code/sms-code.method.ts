import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { maskPhone } from '../../../../delivery/mask';
import { AppError, invalidInput } from '../../../../shared/errors';
import type { EnableTwoFactorInput } from '../../dto/enable-two-factor.input';
import { CodeChannel } from '../../entities/one-time-code.entity';
import { TwoFactorMethod } from '../../two-factor-method';
import { TWO_FACTOR_MESSAGES } from '../../two-factor.messages';
import { CodeMethod } from '../one-time-code/code-method';
import type { OneTimeCodeService } from '../one-time-code/one-time-code.service';

/** `mobile`: SMS codes only to mobile numbers of a country; `any`: to every valid number (SMS_NUMBER_TYPES). */
export type SmsNumberPolicy = 'mobile' | 'any';

export interface SmsDestinationPolicy {
  /** SMS_COUNTRIES: the countries (ISO 3166) codes may go to; null: any. */
  countries: readonly string[] | null;
  numberTypes: SmsNumberPolicy;
}

// Where numbering plans cannot tell mobile from fixed (the US, Canada) the number may be either.
const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/**
 * Six-digit codes by SMS to a number stored in E.164. By default only to mobile numbers of a
 * country: fixed lines cannot read an SMS, and satellite and other non-geographic numbers (no
 * country: +881, +882, +883, …) cost the most, which makes them what SMS pumping aims at. The
 * operator may widen that (`any`) and narrow the countries (SMS_COUNTRIES).
 */
export class SmsCodeMethod extends CodeMethod {
  readonly method = TwoFactorMethod.SMS;
  protected readonly channel = CodeChannel.SMS;
  protected readonly sentMessage = TWO_FACTOR_MESSAGES.CODE_SENT_SMS;

  constructor(
    codes: OneTimeCodeService,
    private readonly policy: SmsDestinationPolicy = { countries: null, numberTypes: 'mobile' },
  ) {
    super(codes);
  }

  protected readDestination(input: EnableTwoFactorInput): string {
    const number = validNumber(input.phoneNumber, input.phoneCountry);
    const { countries, numberTypes } = this.policy;
    if (countries && !(number.country && countries.includes(number.country))) {
      throw refused(TWO_FACTOR_MESSAGES.SMS_COUNTRY_NOT_OFFERED, 'COUNTRY_NOT_OFFERED');
    }
    if (numberTypes === 'mobile') {
      if (!number.country) throw refused(TWO_FACTOR_MESSAGES.SMS_NON_GEOGRAPHIC, 'NON_GEOGRAPHIC');
      if (!MOBILE_TYPES.has(number.type ?? '')) throw refused(TWO_FACTOR_MESSAGES.SMS_NOT_MOBILE, 'NOT_MOBILE');
    }
    return number.e164;
  }

  maskDestination(destination: string): string {
    return maskPhone(destination);
  }
}

const refused = (message: string, reason: string) => new AppError('BAD_USER_INPUT', message, { field: 'phoneNumber', reason });

/** A valid number in E.164, its country (none for non-geographic numbers) and its type, if known. */
function validNumber(
  raw: string | null | undefined,
  country: string | null | undefined,
): { e164: string; country: string | undefined; type: string | undefined } {
  if (!raw?.trim()) throw invalidInput('phoneNumber', TWO_FACTOR_MESSAGES.PHONE_REQUIRED);
  const region = country?.trim().toUpperCase();
  if (region !== undefined && region !== '' && !/^[A-Z]{2}$/.test(region)) {
    throw invalidInput('phoneCountry', TWO_FACTOR_MESSAGES.PHONE_INVALID);
  }
  const parsed = parsePhoneNumberFromString(raw.trim(), region ? (region as CountryCode) : undefined);
  if (!parsed?.isValid()) throw invalidInput('phoneNumber', TWO_FACTOR_MESSAGES.PHONE_INVALID);
  return { e164: parsed.number, country: parsed.country, type: parsed.getType() };
}
