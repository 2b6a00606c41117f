import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { maskPhone } from '../../../../delivery/mask';
import { AppError, invalidInput } from '../../../../shared/errors';
import type { EnableTwoFactorInput } from '../../dto/enable-two-factor.input';
import { CodeChannel } from '../../entities/one-time-code.entity';
import { TwoFactorMethod } from '../../two-factor-method';
import { TWO_FACTOR_MESSAGES } from '../../two-factor.messages';
import { CodeMethod } from '../one-time-code/code-method';
import type { OneTimeCodeService } from '../one-time-code/one-time-code.service';

// Numbers that can receive an SMS; fixed lines and premium numbers cannot.
const TEXTABLE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'PERSONAL_NUMBER', undefined]);

/**
 * Six-digit codes by SMS to a number stored in E.164. `countries` (SMS_COUNTRIES) limits where
 * codes go, so that nobody can run up the SMS bill with numbers of costly destinations; null: anywhere.
 */
export class SmsCodeMethod extends CodeMethod {
  readonly method = TwoFactorMethod.SMS;
  protected readonly channel = CodeChannel.SMS;
  protected readonly sentMessage = TWO_FACTOR_MESSAGES.CODE_SENT_SMS;

  constructor(
    codes: OneTimeCodeService,
    private readonly countries: readonly string[] | null = null,
  ) {
    super(codes);
  }

  protected readDestination(input: EnableTwoFactorInput): string {
    const number = textableNumber(input.phoneNumber, input.phoneCountry);
    if (this.countries && !(number.country && this.countries.includes(number.country))) {
      throw new AppError('BAD_USER_INPUT', TWO_FACTOR_MESSAGES.SMS_COUNTRY_NOT_OFFERED, {
        field: 'phoneNumber',
        reason: 'COUNTRY_NOT_OFFERED',
      });
    }
    return number.e164;
  }

  maskDestination(destination: string): string {
    return maskPhone(destination);
  }
}

/** A mobile number in E.164, and its country (none for non-geographic numbers). */
function textableNumber(raw: string | null | undefined, country: string | null | undefined): { e164: string; country: string | undefined } {
  if (!raw?.trim()) throw invalidInput('phoneNumber', TWO_FACTOR_MESSAGES.PHONE_REQUIRED);
  const region = country?.trim().toUpperCase();
  if (region !== undefined && region !== '' && !/^[A-Z]{2}$/.test(region)) {
    throw invalidInput('phoneCountry', TWO_FACTOR_MESSAGES.PHONE_INVALID);
  }
  const parsed = parsePhoneNumberFromString(raw.trim(), region ? (region as CountryCode) : undefined);
  if (!parsed?.isValid() || !TEXTABLE_TYPES.has(parsed.getType())) {
    throw invalidInput('phoneNumber', TWO_FACTOR_MESSAGES.PHONE_INVALID);
  }
  return { e164: parsed.number, country: parsed.country };
}
