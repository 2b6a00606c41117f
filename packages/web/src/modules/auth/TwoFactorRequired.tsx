import { PageHeading } from '../../ui/PageHeading';
import type { TwoFactorChallenge } from './useSignIn';

interface TwoFactorRequiredProps {
  challenge: TwoFactorChallenge;
  email: string;
  onBack: () => void;
}

/**
 * The password was right and the account has 2FA on. Entering the code is not built yet, so this
 * says plainly what is needed instead of offering a box that could not work.
 */
export function TwoFactorRequired({ challenge, email, onBack }: TwoFactorRequiredProps) {
  return (
    <div className="stack">
      <PageHeading title="2FA code needed" focusOnMount>
        2FA code needed
      </PageHeading>
      <p>
        Two-factor authentication is on for <strong className="breakable">{email}</strong>. To finish signing in, a
        2FA code {codeSource(challenge)} is needed.
      </p>
      <p>Entering the 2FA code is not available in this version of the panel yet.</p>
      <p className="muted">
        If you are experiencing difficulty obtaining the correct 2FA code, please contact our technical support.
      </p>
      <button type="button" className="button" onClick={onBack}>
        Back to sign in
      </button>
    </div>
  );
}

function codeSource({ method, maskedDestination }: TwoFactorChallenge): string {
  switch (method) {
    case 'TOTP':
      return 'from your TOTP app';
    case 'EMAIL':
      return maskedDestination ? `sent by e-mail to ${maskedDestination}` : 'sent to your e-mail address';
    case 'SMS':
      return maskedDestination ? `sent by SMS to ${maskedDestination}` : 'sent to your phone by SMS';
  }
}
