import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { ResetTwoFactorDocument, type UserSummaryFieldsFragment } from './graphql/support.generated';
import { CODE_PROBLEMS, codeToSend } from '../../ui/codes';
import { FormAlert } from '../../ui/FormAlert';
import { TextAreaField } from '../../ui/TextAreaField';
import { attempt } from '../errors/attempt';
import type { DescribedError } from '../errors/describeError';
import { RESET_REASON_PROBLEM } from '../errors/errorWords';
import { ProofCode } from '../two-factor/components/ProofCode';
import { activeMethodOf, useTwoFactorSettings } from '../two-factor/hooks/useTwoFactorSettings';

/** A written reason of 10 to 500 characters (the API trims it first). */
export const REASON_MIN = 10;
export const REASON_MAX = 500;
export const CONFIRM_WORDS = 'This removes the user’s 2FA and signs them out everywhere.';

interface ResetTwoFactorFormProps {
  user: UserSummaryFieldsFragment;
  /** Called with the API's message once the reset is done. */
  onReset: (message: string) => void;
}

/**
 * Reset 2FA of another account: a reason, then a fresh code of the staff member's OWN 2FA (or one
 * of their recovery codes), then a confirm step, since the user is signed out everywhere.
 */
export function ResetTwoFactorForm({ user, onReset }: ResetTwoFactorFormProps) {
  const { settings } = useTwoFactorSettings();
  const [reset] = useMutation(ResetTwoFactorDocument);
  const [reason, setReason] = useState('');
  const [code, setCode] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [pending, setPending] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const alertId = useId();

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (!settings) return <p className="muted">Loading your own 2FA settings…</p>;
  const own = activeMethodOf(settings);
  if (!own) {
    return (
      <p className="notice">
        Turn on 2FA for your own account before resetting anyone else’s: <Link to={PATHS.twoFactorSettings}>Settings for 2FA</Link>.
      </p>
    );
  }

  function showProblem(found: DescribedError) {
    setProblem(found);
    setConfirming(false);
    const field = found.field === 'reason' ? reasonRef.current : codeRef.current;
    // After the confirm step is gone, so the field is there to take the focus.
    queueMicrotask(() => {
      field?.focus();
      if (field instanceof HTMLInputElement) field.select();
    });
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const why = reason.trim();
    if (why.length < REASON_MIN || why.length > REASON_MAX) return showProblem({ message: RESET_REASON_PROBLEM, field: 'reason' });
    const proof = codeToSend('otpOrRecovery', code);
    if (!proof) return showProblem({ message: CODE_PROBLEMS.otpOrRecovery });
    if (!confirming) {
      setProblem(null);
      setConfirming(true);
      return;
    }
    setPending(true);
    const outcome = await attempt(
      async () => (await reset({ variables: { userId: user.id, reason: why, code: proof } })).data?.resetTwoFactor,
      'reset',
    );
    setPending(false);
    if (!outcome.ok) return showProblem(outcome.error);
    onReset(outcome.value.message);
  }

  return (
    <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={pending}>
      <TextAreaField
        ref={reasonRef}
        name="reason"
        label="Reason"
        hint={`Why the 2FA is reset, e.g. how the user proved who they are (${REASON_MIN} to ${REASON_MAX} characters). The user sees it in their security log.`}
        rows={3}
        required
        value={reason}
        onChange={(value) => {
          setReason(value);
          if (confirming) setConfirming(false);
        }}
        maxCharacters={REASON_MAX}
        count={(text) => text.trim().length}
        errorId={problem?.field === 'reason' ? alertId : undefined}
      />
      <ProofCode
        ref={codeRef}
        active={own}
        value={code}
        onChange={setCode}
        errorId={problem && problem.field !== 'reason' ? alertId : undefined}
        onProblem={setProblem}
      />
      <FormAlert id={alertId} message={problem?.message ?? null} />
      {confirming ? (
        <div className="attention stack stack--tight">
          <p ref={confirmRef} tabIndex={-1}>
            <strong>Reset the 2FA of {user.email}?</strong> {CONFIRM_WORDS}
          </p>
          <div className="actions">
            <button type="submit" className="button button--danger" aria-disabled={pending}>
              {pending ? 'Resetting…' : 'Yes, reset 2FA'}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="submit" className="button button--danger">
            Reset 2FA
          </button>
        </div>
      )}
    </form>
  );
}
