import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { RequestAccountRecoveryDocument } from '../graphql/recoveryRequest.generated';
import type { AccountRecoveryFieldsFragment } from '../graphql/recovery.generated';
import { FormAlert } from '../../../ui/FormAlert';
import { groupThousands } from '../../../ui/count';
import { TextAreaField } from '../../../ui/TextAreaField';
import { attempt } from '../../errors/attempt';
import type { DescribedError } from '../../errors/describeError';
import { RECOVERY_MESSAGE_MAX, RECOVERY_MESSAGE_MIN, RECOVERY_MESSAGE_PROBLEM, SIGN_IN_ENDING_REASONS } from '../../errors/errorWords';
import { SupportContactLine } from '../SupportContact';

interface RecoveryRequestProps {
  /** The sign-in whose password was right: the request is made with it. */
  challengeId: string;
  /** Back to the code step; null from the lock screen, where no code can be checked now. */
  onBack: (() => void) | null;
  onSignInAgain: () => void;
}

const countTrimmed = (text: string) => [...text.trim()].length;

/**
 * "Lost access to your 2FA method?": the guide's "contact technical support", as a request the
 * customer files from the sign-in code step. Support decides; an approval removes 2FA only after a
 * waiting period, during which the account (told by e-mail, and in every signed-in session) can
 * cancel it. Said plainly before and after, so nobody expects to be let in at once.
 */
export function RecoveryRequest({ challengeId, onBack, onSignInAgain }: RecoveryRequestProps) {
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [filed, setFiled] = useState<AccountRecoveryFieldsFragment | null>(null);
  const [ended, setEnded] = useState(false);
  const [request, { loading }] = useMutation(RequestAccountRecoveryDocument);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const alertId = useId();
  const headingId = useId();

  useEffect(() => headingRef.current?.focus(), [filed]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const length = countTrimmed(message);
    if (length < RECOVERY_MESSAGE_MIN || length > RECOVERY_MESSAGE_MAX) {
      setProblem({ message: RECOVERY_MESSAGE_PROBLEM, field: 'message' });
      messageRef.current?.focus();
      return;
    }
    setProblem(null);
    const outcome = await attempt(
      async () => (await request({ variables: { challengeId, message: message.trim() } })).data?.requestAccountRecovery,
    );
    if (!outcome.ok) {
      setProblem(outcome.error);
      // The sign-in ran out of time: asking again needs the password again.
      if (outcome.error.reason && SIGN_IN_ENDING_REASONS.includes(outcome.error.reason)) setEnded(true);
      else messageRef.current?.focus();
      return;
    }
    setFiled(outcome.value);
  }

  if (filed) {
    return (
      <section className="stack recovery-request" aria-labelledby={headingId}>
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          Your request was sent to support
        </h2>
        <p role="status">Support will check that it is you, usually by contacting you the way you described.</p>
        <p>
          If they approve, two-factor authentication is removed from your account {filed.waitHours} hours later, unless the request is
          cancelled before. Then sign in with your password alone, and set up two-factor authentication again.
        </p>
        <p>
          The account’s e-mail address was told at once, with a link to cancel, and anyone signed in to the account sees the request and can
          cancel it: if someone else knows your password, they cannot take your account this way unnoticed.
        </p>
        <SupportContactLine lead="Questions about your request? Technical support:" />
        <button type="button" className="button button--primary button--wide" onClick={onSignInAgain}>
          Back to sign in
        </button>
      </section>
    );
  }

  return (
    <section className="stack recovery-request" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Lost access to your 2FA method?
      </h2>
      <p>
        If you lost the phone, the mailbox or the number your codes go to, and have no recovery code left, ask technical support to remove
        two-factor authentication from your account.
      </p>
      <p>
        Support checks that it is you before approving, and even then 2FA is removed only after a waiting period, during which the account
        can cancel the request. We e-mail the account’s address at once.
      </p>
      <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={loading}>
        <TextAreaField
          ref={messageRef}
          name="message"
          label="Message to support"
          hint={`What you lost, and how support can reach you to check it is you, e.g. a phone number (${RECOVERY_MESSAGE_MIN} to ${groupThousands(RECOVERY_MESSAGE_MAX)} characters).`}
          rows={4}
          required
          value={message}
          onChange={setMessage}
          maxCharacters={RECOVERY_MESSAGE_MAX}
          count={countTrimmed}
          errorId={problem ? alertId : undefined}
        />
        <FormAlert id={alertId} message={problem?.message ?? null} />
        {ended ? (
          <button type="button" className="button button--primary button--wide" onClick={onSignInAgain}>
            Sign in again
          </button>
        ) : (
          <button type="submit" className="button button--primary button--wide" aria-disabled={loading}>
            {loading ? 'Sending…' : 'Send to support'}
          </button>
        )}
      </form>
      <SupportContactLine lead="You can also write to technical support yourself:" />
      <p>
        {onBack ? (
          <button type="button" className="link-button" onClick={onBack}>
            Back to the code
          </button>
        ) : (
          <button type="button" className="link-button" onClick={onSignInAgain}>
            Back to sign in
          </button>
        )}
      </p>
    </section>
  );
}
