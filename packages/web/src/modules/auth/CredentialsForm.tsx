import { useId, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import type { DescribedError } from '../errors/describeError';
import { checkRegistration, checkSignIn, type Credentials } from './credentials';
import { PASSWORD_HINT, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './credentialRules';

/** What the form shows: a client-side check's finding or the API's refusal, in the same place. */
type Problem = Pick<DescribedError, 'message' | 'field'>;

interface CredentialsFormProps {
  /** Sign-in asks for the current password; registration for a new one, with the length rule. */
  purpose: 'signIn' | 'register';
  submitLabel: string;
  pendingLabel: string;
  /** Sends the credentials; resolves to the problem to show, or null when done. */
  onSubmit: (credentials: Credentials) => Promise<Problem | null>;
  /** The address to start with, e.g. when coming back from a 2FA step to sign in again. */
  initialEmail?: string;
}

/** E-mail and password, shared by sign-in and registration so both behave the same way. */
export function CredentialsForm({ purpose, submitLabel, pendingLabel, onSubmit, initialEmail = '' }: CredentialsFormProps) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertId = useId();
  const isRegistration = purpose === 'register';

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const credentials = { email: email.trim(), password };
    const found = (isRegistration ? checkRegistration(credentials) : checkSignIn(credentials)) ?? (await send(credentials));
    setProblem(found);
    // Put the user where the fix is; a general problem stays announced by the alert region.
    if (found?.field === 'email') emailRef.current?.focus();
    if (found?.field === 'password') passwordRef.current?.focus();
  }

  async function send(credentials: Credentials): Promise<Problem | null> {
    setPending(true);
    try {
      return await onSubmit(credentials);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={pending}>
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
        errorId={problem?.field === 'email' ? alertId : undefined}
      />
      <TextField
        ref={passwordRef}
        label="Password"
        name="password"
        type="password"
        autoComplete={isRegistration ? 'new-password' : 'current-password'}
        required
        minLength={isRegistration ? PASSWORD_MIN_LENGTH : undefined}
        maxLength={isRegistration ? PASSWORD_MAX_LENGTH : undefined}
        hint={isRegistration ? PASSWORD_HINT : undefined}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        errorId={problem?.field === 'password' ? alertId : undefined}
      />
      <FormAlert id={alertId} message={problem?.message ?? null} />
      <button type="submit" className="button button--primary button--wide" aria-disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
