import { FieldResolver, Resolver } from 'type-graphql';
import { TwoFactorSettings } from '../../dto/two-factor-settings.type';
import type { SmsCodeMethod } from './sms-code.method';

/** What only SMS has in the settings: the countries its codes may go to. */
@Resolver(() => TwoFactorSettings)
export class SmsCodeResolver {
  constructor(private readonly method: SmsCodeMethod) {}

  @FieldResolver(() => [String], {
    nullable: true,
    description:
      'The countries (ISO 3166 codes) SMS codes may be sent to; null: any. Other numbers answer BAD_USER_INPUT ' +
      '(field phoneNumber, reason COUNTRY_NOT_OFFERED).',
  })
  smsCountries(): Promise<string[] | null> {
    return this.method.countries();
  }
}
