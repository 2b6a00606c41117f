import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { maskPhone } from '../../../../delivery/mask';
import { invalidInput } from '../../../../shared/errors';
import type { EnableTwoFactorInput } from '../../dto/enable-two-factor.input';
import { CodeChannel } from '../../entities/one-time-code.entity';
import { TwoFactorMethod } from '../../two-factor-method';
import { TWO_FACTOR_MESSAGES } from '../../two-factor.messages';
import { CodeMethod } from '../one-time-code/code-method';

// Numbers that can receive an SMS; fixed lines and premium numbers cannot.
const TEXTABLE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'PERSONAL_NUMBER', undefined]);

/** Six-digit codes by SMS to a number stored in E.164. */
export class SmsCodeMethod extends CodeMethod {
  readonly method = TwoFactorMethod.SMS;
  protected readonly channel = CodeChannel.SMS;
  protected readonly sentMessage = TWO_FACTOR_MESSAGES.CODE_SENT_SMS;

  protected readDestination(input: EnableTwoFactorInput): string {
    return toE164(input.phoneNumber, input.phoneCountry);
  }

  maskDestination(destination: string): string {
    return maskPhone(destination);
  }
}

export function toE164(raw: string | null | undefined, country: string | null | undefined): string {
  if (!raw?.trim()) throw invalidInput('phoneNumber', TWO_FACTOR_MESSAGES.PHONE_REQUIRED);
  const region = country?.trim().toUpperCase();
  if (region !== undefined && region !== '' && !/^[A-Z]{2}$/.test(region)) {
    throw invalidInput('phoneCountry', TWO_FACTOR_MESSAGES.PHONE_INVALID);
  }
  const parsed = parsePhoneNumberFromString(raw.trim(), region ? (region as CountryCode) : undefined);
  if (!parsed?.isValid() || !TEXTABLE_TYPES.has(parsed.getType())) {
    throw invalidInput('phoneNumber', TWO_FACTOR_MESSAGES.PHONE_INVALID);
  }
  return parsed.number;
}
