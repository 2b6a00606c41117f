import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ActiveSessionsDocument, ChangePasswordDocument } from '../graphql/account.generated';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { FormAlert } from '../../../ui/FormAlert';
import { StatusMessage } from '../../../ui/StatusMessage';
import { TextField } from '../../../ui/TextField';
import {
  isPasswordLengthValid,
  PASSWORD_HINT,
  PASSWORD_LENGTH_PROBLEM,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../../auth/credentialRules';
import { attempt } from '../../errors/attempt';
import type { DescribedError } from '../../errors/describeError';
import { ProofCode } from '../../two-factor/components/ProofCode';
import type { ActiveMethod } from '../../two-factor/hooks/useTwoFactorSettings';

type PasswordField = 'currentPassword' | 'newPassword' | 'proof';

/** "Change password": the current one, a new one, and with 2FA on a fresh proof. Other sessions end. */
export function PasswordSection({ active }: { active: ActiveMethod | null }) {
  const headingId = useId();
  const alertId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [proof, setProof] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [change, { loading }] = useMutation(ChangePasswordDocument, { refetchQueries: [ActiveSessionsDocument] });
  const currentRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const proofRef = useRef<HTMLInputElement>(null);

  function fieldOf(error: DescribedError): PasswordField | null {
    if (error.field === 'currentPassword' || error.field === 'newPassword' || error.field === 'proof') return error.field;
    if (error.code === 'INVALID_CODE') return 'proof';
    return null;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    setDone(null);
    const code = active ? codeToSend('otpOrRecovery', proof) : null;
    let found: DescribedError | null = null;
    if (current === '') found = { message: 'Enter your current password.', field: 'currentPassword' };
    else if (!isPasswordLengthValid(next)) found = { message: PASSWORD_LENGTH_PROBLEM, field: 'newPassword' };
    else if (active && !code) found = { message: CODE_PROBLEMS.otpOrRecovery, field: 'proof' };
    if (!found) {
      const outcome = await attempt(
        async () => (await change({ variables: { currentPassword: current, newPassword: next, proof: code } })).data?.changePassword,
        'changePassword',
      );
      found = outcome.ok ? null : outcome.error;
    }
    setProblem(found);
    if (!found) {
      setCurrent('');
      setNext('');
      setProof('');
      setDone('Your password was changed. Your other sessions were signed out.');
      return;
    }
    const field = fieldOf(found);
    const focusOn = { currentPassword: currentRef, newPassword: newRef, proof: proofRef };
    if (field) focusOn[field].current?.focus();
  }

  const field = problem ? fieldOf(problem) : null;
  const errorOf = (name: PasswordField) => (field === name && name !== 'proof' ? problem!.message : null);
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Password</h2>
      <StatusMessage message={done} />
      <form className="stack" noValidate onSubmit={(event) => void handleSubmit(event)} aria-busy={loading}>
        <TextField
          ref={currentRef}
          label="Current password"
          name="current-password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          error={errorOf('currentPassword')}
        />
        <TextField
          ref={newRef}
          label="New password"
          name="new-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          hint={PASSWORD_HINT}
          value={next}
          onChange={(event) => setNext(event.target.value)}
          error={errorOf('newPassword')}
        />
        {active && (
          <ProofCode
            ref={proofRef}
            active={active}
            value={proof}
            onChange={setProof}
            errorId={field === 'proof' ? alertId : undefined}
            onProblem={setProblem}
          />
        )}
        <FormAlert
          id={alertId}
          message={problem?.message ?? null}
          visuallyHidden={field === 'currentPassword' || field === 'newPassword'}
        />
        <div className="actions">
          <button type="submit" className="button button--primary" aria-disabled={loading}>
            {loading ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
      <p className="muted">
        Changing it signs out your other sessions. Forgot it? Sign out and use “Forgot password?” on the sign-in page.
      </p>
    </section>
  );
}
