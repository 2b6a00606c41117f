import { maskEmail } from '../../../../delivery/mask';
import { invalidInput } from '../../../../shared/errors';
import { normalizeEmail } from '../../../auth/email-address';
import type { EnableTwoFactorInput } from '../../dto/enable-two-factor.input';
import { CodeChannel } from '../../entities/one-time-code.entity';
import { TwoFactorMethod } from '../../two-factor-method';
import { TWO_FACTOR_MESSAGES } from '../../two-factor.messages';
import { CodeMethod } from '../one-time-code/code-method';

/** "Mail verification": six-digit codes sent to an address the user confirms. */
export class EmailCodeMethod extends CodeMethod {
  readonly method = TwoFactorMethod.EMAIL;
  protected readonly channel = CodeChannel.EMAIL;
  protected readonly sentMessage = TWO_FACTOR_MESSAGES.CODE_SENT_EMAIL;

  protected readDestination(input: EnableTwoFactorInput): string {
    if (!input.email?.trim()) throw invalidInput('email', TWO_FACTOR_MESSAGES.EMAIL_REQUIRED);
    return normalizeEmail(input.email, 'email');
  }

  maskDestination(destination: string): string {
    return maskEmail(destination);
  }
}
