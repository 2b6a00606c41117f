import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { maskPhone } from '../../../../delivery/mask';
import { fail, failFields } from '../../../../errors/app-error';
import type { EnableTwoFactorInput } from '../../dto/enable-two-factor.input';
import { CodeChannel } from '../../entities/one-time-code.entity';
import { TWO_FACTOR_MESSAGES } from '../../two-factor.messages';
import { CodeMethod } from '../one-time-code/code-method';
import type { MethodDefinition, MethodDependencies } from '../method.types';

/** `mobile`: SMS codes only to mobile numbers of a country; `any`: to every valid number (SMS_NUMBER_TYPES). */
export type SmsNumberPolicy = 'mobile' | 'any';

export interface SmsDestinationPolicy {
  /** The policy's countries (ISO 3166) codes may go to, read at each use; null: any. */
  countries: () => Promise<readonly string[] | null>;
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
  protected readonly channel = CodeChannel.SMS;
  protected readonly sentMessage = TWO_FACTOR_MESSAGES.CODE_SENT_SMS;

  constructor(
    definition: MethodDefinition,
    deps: MethodDependencies,
    private readonly policy: SmsDestinationPolicy,
  ) {
    super(definition, deps);
  }

  /** The countries codes may go to (ISO 3166); null: any. */
  async countries(): Promise<string[] | null> {
    const countries = await this.policy.countries();
    return countries ? [...countries] : null;
  }

  protected async readDestination(input: EnableTwoFactorInput): Promise<string> {
    const number = validNumber(input.phoneNumber, input.phoneCountry);
    const { numberTypes } = this.policy;
    const countries = await this.policy.countries();
    if (countries && !(number.country && countries.includes(number.country))) {
      throw fail('COUNTRY_NOT_OFFERED');
    }
    if (numberTypes === 'mobile') {
      if (!number.country) throw fail('NON_GEOGRAPHIC');
      if (!MOBILE_TYPES.has(number.type ?? '')) throw fail('NOT_MOBILE');
    }
    return number.e164;
  }

  maskDestination(destination: string): string {
    return maskPhone(destination);
  }
}

/** A valid number in E.164, its country (none for non-geographic numbers) and its type, if known. */
function validNumber(
  raw: string | null | undefined,
  country: string | null | undefined,
): { e164: string; country: string | undefined; type: string | undefined } {
  if (!raw?.trim()) throw fail('PHONE_REQUIRED');
  const region = country?.trim().toUpperCase() || undefined;
  const countryProblem = region !== undefined && !/^[A-Z]{2}$/.test(region) ? fail('PHONE_INVALID', { field: 'phoneCountry' }) : null;
  // A number in international form needs no country: it is read even when the country is wrong.
  const parsed = parsePhoneNumberFromString(raw.trim(), countryProblem ? undefined : (region as CountryCode | undefined));
  if (countryProblem || !parsed?.isValid()) {
    throw failFields([...(countryProblem ? [countryProblem] : []), ...(parsed?.isValid() ? [] : [fail('PHONE_INVALID')])]);
  }
  return { e164: parsed.number, country: parsed.country, type: parsed.getType() };
}
