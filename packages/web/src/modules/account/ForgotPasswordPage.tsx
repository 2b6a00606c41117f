import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { PATHS } from '../../app/paths';
import { RequestPasswordResetDocument } from './graphql/account.generated';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeading } from '../../ui/PageHeading';
import { StatusMessage } from '../../ui/StatusMessage';
import { TextField } from '../../ui/TextField';
import { AuthLayout } from '../auth/AuthLayout';
import { EMAIL_FORMAT_PROBLEM, looksLikeEmail } from '../auth/credentialRules';
import { attempt } from '../errors/attempt';
import type { DescribedError } from '../errors/describeError';

/** Router state the sign-in page passes along: the address already typed there. */
export interface ForgotPasswordState {
  email?: string;
}

/**
 * "Forgot password?": asks for a link by e-mail. The answer is the same whether or not the address
 * has an account (the API never tells), so the page says what happens if it does.
 */
export function ForgotPasswordPage() {
  const initialEmail = ((useLocation().state as ForgotPasswordState | null)?.email ?? '').trim();
  const [email, setEmail] = useState(initialEmail);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [requestReset, { loading }] = useMutation(RequestPasswordResetDocument);
  const emailRef = useRef<HTMLInputElement>(null);
  const alertId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const address = email.trim();
    if (!looksLikeEmail(address)) {
      setProblem({ message: EMAIL_FORMAT_PROBLEM, field: 'email' });
      emailRef.current?.focus();
      return;
    }
    setProblem(null);
    const outcome = await attempt(
      async () => (await requestReset({ variables: { email: address } })).data?.requestPasswordReset,
      'sendLink',
    );
    if (outcome.ok) setSentTo(address);
    else {
      setProblem(outcome.error);
      emailRef.current?.focus();
    }
  }

  const fieldProblem = problem?.field === 'email' ? problem.message : null;
  return (
    <AuthLayout>
      <PageHeading title="Reset your password">Reset your password</PageHeading>
      <p>Enter the e-mail address of your account. We will send a link to choose a new password.</p>
      <StatusMessage
        message={
          sentTo
            ? `If an account uses ${sentTo} and that address is verified, a link is on its way. It works once, for 30 minutes. Nothing there? Check your spam folder, or ask again in a minute.`
            : null
        }
      />
      <form className="stack" noValidate onSubmit={(event) => void handleSubmit(event)} aria-busy={loading}>
        <TextField
          ref={emailRef}
          label="E-mail"
          name="email"
          type="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldProblem}
        />
        <FormAlert id={alertId} message={problem?.message ?? null} visuallyHidden={fieldProblem !== null} />
        <button type="submit" className="button button--primary button--wide" aria-disabled={loading}>
          {loading ? 'Sending…' : sentTo ? 'Send the link again' : 'Send reset link'}
        </button>
      </form>
      <p className="auth-layout__switch">
        Remembered it? <Link to={PATHS.signIn}>Sign in</Link>
      </p>
    </AuthLayout>
  );
}
