import { useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { UserSecurityLogDocument, type UserSummaryFieldsFragment } from './graphql/support.generated';
import type { Role } from '../../generated/graphql';
import { PageHeading } from '../../ui/PageHeading';
import { isStaff } from '../auth/roles';
import { useSignedInUser } from '../auth/sessionGuards';
import { describeError } from '../errors/describeError';
import { METHODS } from '../two-factor/methods';
import { SecurityLog, entriesOf } from '../security-log/SecurityLog';
import { SECURITY_LOG_PAGE } from '../security-log/eventWords';
import { AccountSearch } from './AccountSearch';
import { ResetTwoFactorForm } from './ResetTwoFactorForm';
import { SupportContact } from '../recovery/SupportContact';

export const STAFF_ONLY_WORDS = 'This page is for support staff. Your account cannot reset the 2FA of other users.';
const ROLE_NAMES: Record<Role, string> = { CUSTOMER: 'Customer', SUPPORT: 'Support', ADMIN: 'Administrator' };

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
  return (
    <AccountSearch
      label="Accounts"
      submitWords="Search"
      primary
      describe={(user) => `${ROLE_NAMES[user.role]} · ${user.twoFactorMethod ? `2FA: ${METHODS[user.twoFactorMethod].name}` : '2FA off'}`}
    >
      {(chosen) => <SelectedUser key={chosen.id} user={chosen} isMe={chosen.id === myId} />}
    </AccountSearch>
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
