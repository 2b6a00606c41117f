import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import {
  AccountOverviewDocument,
  ChangeEmailDocument,
  RequestEmailVerificationDocument,
  type AccountUserFieldsFragment,
} from '../graphql/account.generated';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { FormAlert } from '../../../ui/FormAlert';
import { StatusMessage } from '../../../ui/StatusMessage';
import { TextField } from '../../../ui/TextField';
import { EMAIL_FORMAT_PROBLEM, looksLikeEmail } from '../../auth/credentialRules';
import { attempt } from '../../errors/attempt';
import type { DescribedError } from '../../errors/describeError';
import { ProofCode } from '../../two-factor/components/ProofCode';
import type { ActiveMethod } from '../../two-factor/hooks/useTwoFactorSettings';

interface EmailSectionProps {
  user: AccountUserFieldsFragment;
  /** The active 2FA method: a change of address then needs a fresh proof of it. */
  active: ActiveMethod | null;
}

/**
 * The account's e-mail address: whether it is verified (notices and reset links go only to a
 * verified one), a new verification link, and a change, which takes effect only once the new
 * address is proved by the link sent to it.
 */
export function EmailSection({ user, active }: EmailSectionProps) {
  const headingId = useId();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>E-mail address</h2>
      <p className="account-email">
        <strong className="breakable">{user.email}</strong>
        {user.emailVerified ? <span className="badge badge--on">Verified</span> : <span className="badge badge--off">Not verified</span>}
      </p>
      <StatusMessage message={outcome} />
      {!user.emailVerified && <VerifyNudge email={user.email} onSent={setOutcome} />}
      {user.pendingEmail && (
        <p className="notice">
          A link was sent to <strong className="breakable">{user.pendingEmail}</strong>. It becomes your address when you open that link;
          until then, {user.email} stays in use.
        </p>
      )}
      {changing ? (
        <ChangeEmailForm
          user={user}
          active={active}
          onDone={(words) => {
            setChanging(false);
            setOutcome(words);
          }}
          onCancel={() => setChanging(false)}
        />
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              setOutcome(null);
              setChanging(true);
            }}
          >
            Change e-mail address
          </button>
        </div>
      )}
    </section>
  );
}

function VerifyNudge({ email, onSent }: { email: string; onSent: (words: string) => void }) {
  const [send, { loading }] = useMutation(RequestEmailVerificationDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const alertId = useId();

  async function request() {
    if (loading) return;
    setProblem(null);
    const result = await attempt(async () => (await send()).data?.requestEmailVerification, 'sendLink');
    if (result.ok) onSent(`A verification link was sent to ${email}. It works once, for 24 hours.`);
    else setProblem(result.error);
  }

  return (
    <div className="stack stack--tight">
      <p>Verify your address so that security notices and password reset links can reach you: open the link we e-mailed to it.</p>
      {/* Mounted with words only: the page keeps one alert region at rest, the password form's. */}
      {problem && <FormAlert id={alertId} message={problem.message} />}
      <div className="actions">
        <button type="button" className="button" aria-disabled={loading} onClick={() => void request()}>
          {loading ? 'Sending…' : 'Send a new verification link'}
        </button>
      </div>
    </div>
  );
}

interface ChangeEmailFormProps extends EmailSectionProps {
  onDone: (words: string) => void;
  onCancel: () => void;
}

function ChangeEmailForm({ user, active, onDone, onCancel }: ChangeEmailFormProps) {
  const [newEmail, setNewEmail] = useState('');
  const [proof, setProof] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [change, { loading }] = useMutation(ChangeEmailDocument, { refetchQueries: [AccountOverviewDocument] });
  const emailRef = useRef<HTMLInputElement>(null);
  const proofRef = useRef<HTMLInputElement>(null);
  const alertId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const address = newEmail.trim();
    const code = active ? codeToSend('otpOrRecovery', proof) : null;
    let found: DescribedError | null = null;
    if (!looksLikeEmail(address)) found = { message: EMAIL_FORMAT_PROBLEM, field: 'newEmail' };
    else if (active && !code) found = { message: CODE_PROBLEMS.otpOrRecovery, field: 'proof' };
    if (!found) {
      const outcome = await attempt(
        async () => (await change({ variables: { newEmail: address, proof: code } })).data?.changeEmail,
        'changeEmail',
      );
      found = outcome.ok ? null : outcome.error;
    }
    setProblem(found);
    if (!found) {
      onDone(`A link was sent to ${address}. Your address changes when you open it; ${user.email} stays in use until then.`);
      return;
    }
    if (found.field === 'proof' || found.code === 'INVALID_CODE') proofRef.current?.focus();
    else emailRef.current?.focus();
  }

  const emailProblem = problem?.field === 'newEmail' || problem?.reason === 'EMAIL_TAKEN' || problem?.reason === 'EMAIL_UNCHANGED';
  return (
    <form className="stack" noValidate onSubmit={(event) => void handleSubmit(event)} aria-busy={loading}>
      <TextField
        ref={emailRef}
        label="New e-mail address"
        name="newEmail"
        type="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        hint="We will send a link to it. It becomes your address when you open that link."
        value={newEmail}
        onChange={(event) => setNewEmail(event.target.value)}
        error={emailProblem ? problem.message : null}
      />
      {active && (
        <ProofCode
          ref={proofRef}
          active={active}
          value={proof}
          onChange={setProof}
          errorId={problem && !emailProblem ? alertId : undefined}
          onProblem={setProblem}
        />
      )}
      <FormAlert id={alertId} message={problem?.message ?? null} visuallyHidden={emailProblem} />
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={loading}>
          {loading ? 'Sending…' : 'Send confirmation link'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
