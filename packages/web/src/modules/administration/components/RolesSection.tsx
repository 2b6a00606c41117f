import { useLazyQuery, useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SetUserRoleDocument } from '../graphql/administration.generated';
import { UsersDocument, type UserSummaryFieldsFragment } from '../../support/graphql/support.generated';
import type { Role } from '../../../generated/graphql';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { FormAlert } from '../../../ui/FormAlert';
import { StatusMessage } from '../../../ui/StatusMessage';
import { TextField } from '../../../ui/TextField';
import { attempt } from '../../errors/attempt';
import { describeError } from '../../errors/describeError';
import { ProofCode } from '../../two-factor/components/ProofCode';
import type { ActiveMethod } from '../../two-factor/hooks/useTwoFactorSettings';
import { ROLES, ROLE_WORDS } from '../administrationWords';
import { Choices } from './Choices';

/** Accounts a search shows. */
const SEARCH_PAGE = 20;

/** "Roles": find an account by e-mail address and give it another role, with a fresh code. */
export function RolesSection({ own, myId }: { own: ActiveMethod; myId: string }) {
  const [text, setText] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [search, { data, loading }] = useLazyQuery(UsersDocument, { fetchPolicy: 'network-only' });
  const alertId = useId();
  const found = data?.users.edges.map((edge) => edge.node) ?? null;
  const more = data?.users.pageInfo.hasNextPage ?? false;
  const selected = found?.find((user) => user.id === selectedId) ?? null;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = text.trim();
    if (!query) {
      setProblem('Enter part of an e-mail address.');
      return;
    }
    setProblem(null);
    setSelectedId(null);
    try {
      await search({ variables: { search: query, first: SEARCH_PAGE } });
      setSearched(query);
    } catch (error) {
      setSearched(null);
      setProblem(describeError(error).message);
    }
  }

  return (
    <section className="card stack" aria-labelledby="admin-roles">
      <h2 id="admin-roles">Roles</h2>
      <p>
        Customers manage their own account; support staff also help customers; administrators also change the policy, roles and webhooks. A
        change takes effect at the account’s next request.
      </p>
      <form className="stack" role="search" aria-label="Accounts by e-mail" noValidate onSubmit={handleSubmit} aria-busy={loading}>
        <TextField
          label="E-mail address or part of it"
          name="query"
          type="search"
          autoComplete="off"
          value={text}
          onChange={(event) => setText(event.target.value)}
          errorId={problem ? alertId : undefined}
        />
        <FormAlert id={alertId} message={problem} />
        <div className="actions">
          <button type="submit" className="button" aria-disabled={loading}>
            {loading ? 'Searching…' : 'Find accounts'}
          </button>
        </div>
      </form>
      <StatusMessage
        message={
          found && searched !== null
            ? found.length === 0
              ? `No account’s e-mail address contains “${searched}”.`
              : `${found.length} account${found.length === 1 ? '' : 's'} found${more ? ' (the newest; narrow the search for others)' : ''}.`
            : null
        }
      />
      {found && found.length > 0 && (
        <ul className="ruled-list ruled-list--framed" aria-label="Accounts found">
          {found.map((user) => (
            <li key={user.id} className="admin__result">
              <button
                type="button"
                className="link-button breakable"
                aria-pressed={user.id === selectedId}
                onClick={() => setSelectedId(user.id)}
              >
                {user.email}
              </button>
              <span className="muted">{ROLE_WORDS[user.role]}</span>
            </li>
          ))}
        </ul>
      )}
      {selected && <RoleForm key={selected.id} user={selected} own={own} isMe={selected.id === myId} />}
    </section>
  );
}

function RoleForm({ user, own, isMe }: { user: UserSummaryFieldsFragment; own: ActiveMethod; isMe: boolean }) {
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
