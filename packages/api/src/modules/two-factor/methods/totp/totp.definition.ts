import { defineMethod, ProofKind, type TwoFactorMethodModule } from '../method.types';
import { TotpSetup } from '../../dto/enable-two-factor-result';
import { TotpSecretEntity } from './totp-secret.entity';
import { TotpMethod } from './totp.method';

export const TOTP = defineMethod({
  id: 'TOTP',
  description: 'Time-based one-time passwords from an authenticator app (RFC 6238).',
  sendsCodes: false,
  proof: ProofKind.CODE,
  verifiedMessage: 'Code successfully verified. 2FA method will be set to TOTP',
  noticeName: 'an authenticator app',
  entities: [TotpSecretEntity],
  setupResult: () => TotpSetup,
  create: (deps): TwoFactorMethodModule => new TotpMethod(TOTP, deps),
});
