import { useLazyQuery, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { UserSecurityLogDocument, UsersDocument, type UserSummaryFieldsFragment } from './graphql/support.generated';
import type { Role } from '../../generated/graphql';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeading } from '../../ui/PageHeading';
import { StatusMessage } from '../../ui/StatusMessage';
import { TextField } from '../../ui/TextField';
import { isStaff } from '../auth/roles';
import { useSignedInUser } from '../auth/sessionGuards';
import { describeError } from '../errors/describeError';
import { METHODS } from '../two-factor/methods';
import { SecurityLog, entriesOf } from '../security-log/SecurityLog';
import { SECURITY_LOG_PAGE } from '../security-log/eventWords';
import { ResetTwoFactorForm } from './ResetTwoFactorForm';
import { SupportContact } from '../recovery/SupportContact';

export const STAFF_ONLY_WORDS = 'This page is for support staff. Your account cannot reset the 2FA of other users.';
const ROLE_NAMES: Record<Role, string> = { CUSTOMER: 'Customer', SUPPORT: 'Support', ADMIN: 'Administrator' };
/** Accounts a search shows at first, and again at each "Show more accounts". */
const SEARCH_PAGE = 20;

/** "User Name » Support: reset 2FA": find an account, read its security log, reset its 2FA. */
export function SupportResetPage() {
  const me = useSignedInUser();
  return (
    <div className="stack support">
      <PageHeading title="Support: reset 2FA">Support: reset 2FA</PageHeading>
      {isStaff(me.role) ? (
        <UserSearch myId={me.id} />
      ) : (
        <div className="card stack">
          <p>{STAFF_ONLY_WORDS}</p>
          <p>
            If you lost your own phone, mailbox or number, contact technical support.
            <SupportContact /> <Link to={PATHS.home}>Home</Link>
          </p>
        </div>
      )}
    </div>
  );
}

function UserSearch({ myId }: { myId: string }) {
  const [text, setText] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [search, { data, loading, fetchMore }] = useLazyQuery(UsersDocument, { fetchPolicy: 'network-only' });
  const [loadingMore, setLoadingMore] = useState(false);
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

  async function showMore() {
    if (loadingMore || !data) return;
    setLoadingMore(true);
    setProblem(null);
    try {
      await fetchMore({ variables: { after: data.users.pageInfo.endCursor } });
    } catch (error) {
      setProblem(describeError(error).message);
    }
    setLoadingMore(false);
  }

  return (
    <>
      <form className="stack" role="search" aria-label="Accounts" noValidate onSubmit={handleSubmit} aria-busy={loading}>
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
          <button type="submit" className="button button--primary" aria-disabled={loading}>
            {loading ? 'Searching…' : 'Search'}
          </button>
        </div>
      </form>
      <StatusMessage
        message={
          found && searched !== null
            ? found.length === 0
              ? `No account’s e-mail address contains “${searched}”.`
              : more
                ? `${found.length === 1 ? 'The newest account found is' : `The ${found.length} newest accounts found are`} shown; there are more.`
                : `${found.length} account${found.length === 1 ? '' : 's'} found.`
            : null
        }
      />
      {found && found.length > 0 && (
        <ul className="ruled-list ruled-list--framed" aria-label="Accounts found">
          {found.map((user) => (
            <li key={user.id} className="support__result">
              <button
                type="button"
                className="link-button breakable"
                aria-pressed={user.id === selectedId}
                onClick={() => setSelectedId(user.id)}
              >
                {user.email}
              </button>
              <span className="muted">
                {ROLE_NAMES[user.role]} · {user.twoFactorMethod ? `2FA: ${METHODS[user.twoFactorMethod].name}` : '2FA off'}
              </span>
            </li>
          ))}
        </ul>
      )}
      {more && (
        <div className="actions">
          <button type="button" className="button" aria-disabled={loadingMore} onClick={() => void showMore()}>
            {loadingMore ? 'Loading…' : 'Show more accounts'}
          </button>
        </div>
      )}
      {selected && <SelectedUser key={selected.id} user={selected} isMe={selected.id === myId} />}
    </>
  );
}

function SelectedUser({ user, isMe }: { user: UserSummaryFieldsFragment; isMe: boolean }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const { data, error, refetch, fetchMore } = useQuery(UserSecurityLogDocument, {
    variables: { userId: user.id, first: SECURITY_LOG_PAGE },
    fetchPolicy: 'cache-and-network',
  });
  const log = entriesOf(data?.userSecurityLog);

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  return (
    <section className="card stack support__user" aria-labelledby={`${user.id}-heading`}>
      <div className="stack stack--tight">
        <h2 id={`${user.id}-heading`} ref={headingRef} tabIndex={-1} className="breakable">
          {user.email}
        </h2>
        <p className="muted">
          {ROLE_NAMES[user.role]} · {user.twoFactorMethod ? `2FA is on with ${METHODS[user.twoFactorMethod].name}.` : '2FA is off.'}
        </p>
      </div>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome ? 'notice notice--success' : 'alert--empty'}>
        {outcome}
      </p>
      <h3>Reset 2FA</h3>
      {isMe ? (
        <p>You cannot reset your own 2FA: ask another member of support.</p>
      ) : user.twoFactorMethod ? (
        <ResetTwoFactorForm
          user={user}
          onReset={(message) => {
            setOutcome(message);
            void refetch().catch(() => undefined);
          }}
        />
      ) : (
        !outcome && <p>2FA is off for this account: there is nothing to reset.</p>
      )}
      <h3>Security log</h3>
      <SecurityLog
        events={log?.events ?? null}
        error={error && !data ? describeError(error) : null}
        onRetry={() => void refetch().catch(() => undefined)}
        label={`Security log of ${user.email}`}
        emptyWords="Nothing has happened to this account’s 2FA yet."
        older={{
          hasOlder: log?.hasOlder ?? false,
          load: () => fetchMore({ variables: { after: data?.userSecurityLog.pageInfo.endCursor } }),
        }}
      />
    </section>
  );
}
