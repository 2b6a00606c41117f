import { CodeSent } from '../../dto/enable-two-factor-result';
import { CodeDestinationEntity } from '../one-time-code/code-destination.entity';
import { defineMethod, ProofKind, type TwoFactorMethodModule } from '../method.types';
import { EmailCodeMethod } from './email-code.method';

export const EMAIL_CODE = defineMethod({
  id: 'EMAIL',
  description: 'A six-digit code sent by e-mail.',
  sendsCodes: true,
  proof: ProofKind.CODE,
  verifiedMessage: 'Code successfully verified. 2FA method will be set to mail',
  noticeName: 'codes sent by e-mail',
  entities: [CodeDestinationEntity],
  setupResult: () => CodeSent,
  create: (deps): TwoFactorMethodModule => new EmailCodeMethod(EMAIL_CODE, deps),
});
