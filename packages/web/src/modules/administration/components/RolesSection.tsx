import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SetUserRoleDocument } from '../graphql/administration.generated';
import { AccountSearch, type AccountSummary } from '../../support/AccountSearch';
import type { Role } from '../../../generated/graphql';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { FormAlert } from '../../../ui/FormAlert';
import { StatusMessage } from '../../../ui/StatusMessage';
import { attempt } from '../../errors/attempt';
import { ProofCode } from '../../two-factor/components/ProofCode';
import type { ActiveMethod } from '../../two-factor/hooks/useTwoFactorSettings';
import { ROLES, ROLE_WORDS } from '../administrationWords';
import { Choices } from './Choices';

/** "Roles": find an account by e-mail address and give it another role, with a fresh code. */
export function RolesSection({ own, myId }: { own: ActiveMethod; myId: string }) {
  return (
    <section className="card stack" aria-labelledby="admin-roles">
      <h2 id="admin-roles">Roles</h2>
      <p>
        Customers manage their own account; support staff also help customers; administrators also change the policy, roles and webhooks. A
        change takes effect at the account’s next request.
      </p>
      <AccountSearch label="Accounts by e-mail" submitWords="Find accounts" describe={(user) => ROLE_WORDS[user.role]}>
        {(chosen) => <RoleForm key={chosen.id} user={chosen} own={own} isMe={chosen.id === myId} />}
      </AccountSearch>
    </section>
  );
}

function RoleForm({ user, own, isMe }: { user: AccountSummary; own: ActiveMethod; isMe: boolean }) {
  const [setUserRole] = useMutation(SetUserRoleDocument);
  const [role, setRole] = useState<Role>(user.role);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<{ message: string; atCode: boolean } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const alertId = useId();

  useEffect(() => headingRef.current?.focus(), []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setDone(null);
    if (role === user.role) {
      setProblem({ message: `This account is ${ROLE_WORDS[role]} already: choose another role.`, atCode: false });
      return;
    }
    const proof = codeToSend('otpOrRecovery', code);
    if (!proof) {
      setProblem({ message: CODE_PROBLEMS.otpOrRecovery, atCode: true });
      codeRef.current?.focus();
      return;
    }
    setPending(true);
    const outcome = await attempt(
      async () => (await setUserRole({ variables: { userId: user.id, role, proof } })).data?.setUserRole,
      'administer',
    );
    setPending(false);
    if (!outcome.ok) {
      const atCode = outcome.error.field === 'proof' || outcome.error.code === 'INVALID_CODE';
      setProblem({ message: outcome.error.message, atCode });
      if (atCode) codeRef.current?.focus();
      return;
    }
    setProblem(null);
    setCode('');
    setDone(`${outcome.value.email} is now ${ROLE_WORDS[outcome.value.role]}.`);
  }

  return (
    <div className="stack admin__account">
      <h3 ref={headingRef} tabIndex={-1} className="breakable">
        {user.email}
      </h3>
      <p>
        Role now: <strong>{ROLE_WORDS[user.role]}</strong>
        {isMe ? ' (your own account)' : ''}
      </p>
      <StatusMessage message={done} />
      <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={pending} aria-label={`Role of ${user.email}`}>
        <Choices
          legend="New role"
          options={ROLES.map((value) => ({ value, label: ROLE_WORDS[value] }))}
          value={role}
          onChange={(next) => {
            setRole(next);
            setProblem(null);
          }}
        />
        <ProofCode
          ref={codeRef}
          active={own}
          value={code}
          onChange={setCode}
          errorId={problem?.atCode ? alertId : undefined}
          onProblem={(found) => setProblem(found ? { message: found.message, atCode: false } : null)}
        />
        <FormAlert id={alertId} message={problem?.message ?? null} />
        <div className="actions">
          <button type="submit" className="button button--primary" aria-disabled={pending}>
            {pending ? 'Changing…' : 'Change role'}
          </button>
        </div>
      </form>
    </div>
  );
}
