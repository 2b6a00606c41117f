import { maskEmail } from '../../../../delivery/mask';
import { fail } from '../../../../errors/app-error';
import { normalizeEmail } from '../../../auth/email-address';
import type { EnableTwoFactorInput } from '../../dto/enable-two-factor.input';
import { CodeChannel } from '../../entities/one-time-code.entity';
import { TWO_FACTOR_MESSAGES } from '../../two-factor.messages';
import { CodeMethod } from '../one-time-code/code-method';

/** "Mail verification": six-digit codes sent to an address the user confirms. */
export class EmailCodeMethod extends CodeMethod {
  protected readonly channel = CodeChannel.EMAIL;
  protected readonly sentMessage = TWO_FACTOR_MESSAGES.CODE_SENT_EMAIL;

  protected readDestination(input: EnableTwoFactorInput): string {
    if (!input.email?.trim()) throw fail('EMAIL_REQUIRED');
    return normalizeEmail(input.email, 'email');
  }

  maskDestination(destination: string): string {
    return maskEmail(destination);
  }
}
