import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { TwoFactorMethod } from '../../../generated/graphql';
import { CodeField } from '../../../ui/CodeField';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { FormAlert } from '../../../ui/FormAlert';
import type { DescribedError } from '../../errors/describeError';
import { SETUP_EXPIRED_WORDS } from '../../errors/errorWords';
import type { VerifiedPayload } from './EnrollmentSuccess';
import { setUpIsOver, useSetUp } from '../hooks/useSetUp';
import { CHECK_BUTTON_LABELS } from '../methods';

interface CheckCodeFormProps {
  method: TwoFactorMethod;
  label: string;
  hint?: string;
  /** When the set-up ends (ms on this browser's clock). */
  setUpDeadline: number;
  onVerified: (result: VerifiedPayload) => void;
  /** The set-up is over: the wizard offers to start again. */
  onSetUpOver: (words: string) => void;
  /** A problem found by a sibling (a failed resend), shown in this form's alert. */
  outsideProblem?: DescribedError | null;
  /** Focus the code box on arrival (the step before was a form in the same page). */
  autoFocus?: boolean;
}

/** The code of the method being set up, and the guide's button: Check Code (TOTP, SMS) or Verify code (e-mail). */
export function CheckCodeForm(props: CheckCodeFormProps) {
  const { method, label, hint, setUpDeadline, onVerified, onSetUpOver, outsideProblem, autoFocus } = props;
  const { verify, verifying } = useSetUp();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const alertId = useId();
  const shown = problem ?? outsideProblem ?? null;

  useEffect(() => {
    if (autoFocus) codeRef.current?.focus();
  }, [autoFocus]);

  // A new problem from outside (a resend that failed, say) replaces the form's own, adjusted while
  // rendering rather than in an effect so that the old one never shows for a frame.
  const [seenOutsideProblem, setSeenOutsideProblem] = useState(outsideProblem);
  if (outsideProblem !== seenOutsideProblem) {
    setSeenOutsideProblem(outsideProblem);
    if (outsideProblem) setProblem(null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (verifying) return;
    const toSend = codeToSend('otp', code);
    if (!toSend) return refuse({ message: CODE_PROBLEMS.otp });
    const outcome = await verify(toSend);
    if (outcome.ok) return onVerified(outcome.value);
    if (setUpIsOver(outcome.error, setUpDeadline)) return onSetUpOver(SETUP_EXPIRED_WORDS);
    refuse(outcome.error);
  }

  function refuse(error: DescribedError) {
    setProblem(error);
    codeRef.current?.focus();
    codeRef.current?.select();
  }

  return (
    <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={verifying}>
      <CodeField ref={codeRef} kind="otp" label={label} hint={hint} value={code} onChange={setCode} errorId={shown ? alertId : undefined} />
      <FormAlert id={alertId} message={shown?.message ?? null} />
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={verifying}>
          {verifying ? 'Checking…' : CHECK_BUTTON_LABELS[method]}
        </button>
      </div>
    </form>
  );
}
