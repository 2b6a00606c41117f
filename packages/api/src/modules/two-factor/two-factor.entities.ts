import { LoginChallengeEntity } from './entities/login-challenge.entity';
import { OneTimeCodeEntity } from './entities/one-time-code.entity';
import { RecoveryCodeEntity } from './entities/recovery-code.entity';
import { TwoFactorEnrollmentEntity } from './entities/two-factor-enrollment.entity';
import { METHOD_ENTITIES } from './methods/registry';
import { RememberedBrowserEntity } from './remembered-browsers/remembered-browser.entity';

/** The tables of the 2FA module, the methods' own among them. */
export const TWO_FACTOR_ENTITIES = [
  TwoFactorEnrollmentEntity,
  OneTimeCodeEntity,
  LoginChallengeEntity,
  RecoveryCodeEntity,
  RememberedBrowserEntity,
  ...METHOD_ENTITIES,
];
