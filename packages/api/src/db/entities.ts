import { SecurityEventEntity } from '../modules/audit/entities/security-event.entity';
import { SessionEntity } from '../modules/auth/entities/session.entity';
import { UserEntity } from '../modules/auth/entities/user.entity';
import { LoginChallengeEntity } from '../modules/two-factor/entities/login-challenge.entity';
import { OneTimeCodeEntity } from '../modules/two-factor/entities/one-time-code.entity';
import { RecoveryCodeEntity } from '../modules/two-factor/entities/recovery-code.entity';
import { RememberedBrowserEntity } from '../modules/two-factor/remembered-browsers/remembered-browser.entity';
import { TwoFactorEnrollmentEntity } from '../modules/two-factor/entities/two-factor-enrollment.entity';

/** Every table Latchkey owns. Migrations must match these (a test checks it on both databases). */
export const ENTITIES = [
  UserEntity,
  SessionEntity,
  TwoFactorEnrollmentEntity,
  OneTimeCodeEntity,
  LoginChallengeEntity,
  RecoveryCodeEntity,
  SecurityEventEntity,
  RememberedBrowserEntity,
];
