import { registerEnumType } from 'type-graphql';
import type { TwoFactorMethod } from '../two-factor/two-factor-method';

/** How a session's sign-in passed the second step. */
export enum SessionSecondFactor {
  /** The account had no 2FA: the password (or a reset link that set it) was all. */
  NONE = 'NONE',
  /** A code of the method named beside it. */
  CODE = 'CODE',
  RECOVERY_CODE = 'RECOVERY_CODE',
  /** A browser remembered at an earlier sign-in skipped the code. */
  REMEMBERED_BROWSER = 'REMEMBERED_BROWSER',
}

registerEnumType(SessionSecondFactor, {
  name: 'SessionSecondFactor',
  description: 'How the sign-in that started a session passed the second step.',
  valuesConfig: {
    NONE: { description: 'The account had no 2FA: the password alone (or a password reset) started it.' },
    CODE: { description: 'A code of the 2FA method in `secondFactorMethod`.' },
    RECOVERY_CODE: { description: 'A recovery code.' },
    REMEMBERED_BROWSER: { description: 'A browser remembered at an earlier sign-in, which skips the code.' },
  },
});

/** What a new session records about its second step. */
export interface SecondFactorPassage {
  kind: SessionSecondFactor;
  /** For CODE: the method whose code was given. */
  method?: TwoFactorMethod;
}
