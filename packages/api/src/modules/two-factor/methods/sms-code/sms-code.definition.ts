import { CodeSent } from '../../dto/enable-two-factor-result';
import { CodeDestinationEntity } from '../one-time-code/code-destination.entity';
import { defineMethod, ProofKind } from '../method.types';
import { SmsCodeMethod, type SmsDestinationPolicy } from './sms-code.method';
import { SmsCodeResolver } from './sms-code.resolver';

export const SMS_CODE = defineMethod({
  id: 'SMS',
  description: 'A six-digit code sent by SMS.',
  sendsCodes: true,
  proof: ProofKind.CODE,
  verifiedMessage: 'Code successfully verified, 2FA method set to SMS',
  noticeName: 'codes sent by SMS',
  entities: [CodeDestinationEntity],
  setupResult: () => CodeSent,
  create: (deps, settings: SmsDestinationPolicy): SmsCodeMethod => new SmsCodeMethod(SMS_CODE, deps, settings),
  resolver: { type: SmsCodeResolver, create: ({ module }) => new SmsCodeResolver(module) },
});
