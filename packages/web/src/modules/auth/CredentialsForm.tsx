import { useId, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import type { DescribedError } from '../errors/describeError';
import { checkRegistration, checkSignIn, type CredentialProblems, type Credentials } from './credentials';
import { PASSWORD_HINT, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './credentialRules';

/** The API's refusal: about one or more fields, or about the whole attempt. */
type Refusal = Pick<DescribedError, 'message' | 'field' | 'fields'>;

/** What the form shows: each field's problem under it, and anything else in the alert. */
interface Problems {
  fields: CredentialProblems;
  general: string | null;
}

const NO_PROBLEMS: Problems = { fields: {}, general: null };

interface CredentialsFormProps {
  /** Sign-in asks for the current password; registration for a new one, with the length rule. */
  purpose: 'signIn' | 'register';
  submitLabel: string;
  pendingLabel: string;
  /** Sends the credentials; resolves to the refusal to show, or null when done. */
  onSubmit: (credentials: Credentials) => Promise<Refusal | null>;
  /** The address to start with, e.g. when coming back from a 2FA step to sign in again. */
  initialEmail?: string;
}

/** E-mail and password, shared by sign-in and registration so both behave the same way. */
export function CredentialsForm({ purpose, submitLabel, pendingLabel, onSubmit, initialEmail = '' }: CredentialsFormProps) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertId = useId();
  const isRegistration = purpose === 'register';

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const credentials = { email: email.trim(), password };
    const found = isRegistration ? checkRegistration(credentials) : checkSignIn(credentials);
    const shown = Object.keys(found).length > 0 ? { fields: found, general: null } : problemsOf(await send(credentials));
    setProblems(shown);
    // Put the user where the first fix is; a general problem stays announced by the alert region.
    if (shown.fields.email) emailRef.current?.focus();
    else if (shown.fields.password) passwordRef.current?.focus();
  }

  async function send(credentials: Credentials): Promise<Refusal | null> {
    setPending(true);
    try {
      return await onSubmit(credentials);
    } finally {
      setPending(false);
    }
  }

  const fieldWords = [problems.fields.email, problems.fields.password].filter(Boolean).join(' ');

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
        error={problems.fields.email}
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
        error={problems.fields.password}
      />
      {/* Field problems show under their fields; the alert also says them all at once for screen readers. */}
      <FormAlert id={alertId} message={problems.general ?? (fieldWords || null)} visuallyHidden={problems.general === null} />
      <button type="submit" className="button button--primary button--wide" aria-disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}

/** Every problem the API found, under its field; what no field of this form holds goes to the alert. */
function problemsOf(refusal: Refusal | null): Problems {
  if (!refusal) return NO_PROBLEMS;
  const all = refusal.fields ?? (refusal.field ? [{ field: refusal.field, message: refusal.message }] : []);
  const fields: CredentialProblems = {};
  const elsewhere: string[] = [];
  for (const { field, message } of all) {
    if (field === 'email' || field === 'password') fields[field] ??= message;
    else elsewhere.push(message);
  }
  if (all.length === 0) return { fields, general: refusal.message };
  return { fields, general: elsewhere.length > 0 ? elsewhere.join(' ') : null };
}
