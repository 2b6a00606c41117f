import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../../app/paths';
import type { VerifyTwoFactorMutation } from '../graphql/twoFactor.generated';
import { RecoveryCodes } from './RecoveryCodes';

export type VerifiedPayload = VerifyTwoFactorMutation['verifyTwoFactor'];

/**
 * The end of a set-up: the guide's message ("Code successfully verified. 2FA method will be set
 * to …"), then, on first enabling, the recovery codes, shown this once.
 */
export function EnrollmentSuccess({ result }: { result: VerifiedPayload }) {
  const messageRef = useRef<HTMLParagraphElement>(null);

  // The message replaces the form the focus was in: take the focus, so it is read out first.
  useEffect(() => messageRef.current?.focus(), []);

  return (
    <div className="stack">
      <p ref={messageRef} tabIndex={-1} role="status" className="notice notice--success">
        {result.message}
      </p>
      {result.recoveryCodes ? (
        <RecoveryCodes codes={result.recoveryCodes} />
      ) : (
        <p>Your recovery codes stay the same: {result.settings.recoveryCodesRemaining} of them can still be used.</p>
      )}
      <p>
        <Link className="button button--primary" to={PATHS.twoFactorSettings}>
          Done
        </Link>
      </p>
    </div>
  );
}
