import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { AccountRecoveryRequestsDocument, type RecoveryRequestFieldsFragment } from './graphql/support.generated';
import type { AccountRecoveryStatus, Role, SessionSecondFactor } from '../../generated/graphql';
import { formatDateTime } from '../../ui/dateTime';
import { LoadFailed } from '../../ui/LoadFailed';
import { PageHeading } from '../../ui/PageHeading';
import { isStaff } from '../auth/roles';
import { useSignedInUser } from '../auth/sessionGuards';
import { describeError } from '../errors/describeError';
import { METHODS } from '../two-factor/methods';
import { DecideRecoveryForm } from './DecideRecoveryForm';

export const STAFF_ONLY_QUEUE_WORDS = 'This page is for support staff. Your account cannot decide recovery requests.';
const ROLE_NAMES: Record<Role, string> = { CUSTOMER: 'Customer', SUPPORT: 'Support', ADMIN: 'Administrator' };

type Filter = AccountRecoveryStatus | 'ALL';
const FILTERS: Array<{ value: Filter; label: string; none: string }> = [
  { value: 'PENDING', label: 'Waiting for a decision', none: 'No request is waiting for a decision.' },
  { value: 'APPROVED', label: 'Approved, in their waiting period', none: 'No approved request is waiting.' },
  { value: 'COMPLETED', label: 'Completed', none: 'No request was completed.' },
  { value: 'DENIED', label: 'Denied', none: 'No request was denied.' },
  { value: 'CANCELLED', label: 'Cancelled', none: 'No request was cancelled.' },
  { value: 'ALL', label: 'All', none: 'There are no recovery requests.' },
];

export const STATUS_WORDS: Record<AccountRecoveryStatus, string> = {
  PENDING: 'Waiting for a decision',
  APPROVED: 'Approved: waiting period',
  DENIED: 'Denied',
  CANCELLED: 'Cancelled by the account',
  COMPLETED: 'Completed: 2FA removed',
};

const SECOND_FACTOR_WORDS: Record<SessionSecondFactor, string> = {
  NONE: 'password only (2FA was off)',
  CODE: 'with a 2FA code',
  RECOVERY_CODE: 'with a recovery code',
  REMEMBERED_BROWSER: 'from a remembered browser',
};

/**
 * "User Name » Support: recovery requests": customers who lost their 2FA method asked for their
 * account to be recovered. Staff read what helps them decide (the account's age and address, its
 * recent sign-ins and their addresses, where the request came from, what the customer wrote), then
 * approve or deny with a reason and a fresh code of their own. An approval waits before it takes
 * effect, and the account can cancel it meanwhile.
 */
export function RecoveryQueuePage() {
  const me = useSignedInUser();
  return (
    <div className="stack support">
      <PageHeading title="Support: recovery requests">Support: recovery requests</PageHeading>
      {isStaff(me.role) ? (
        <>
          <p>
            Customers who lost their 2FA method and have no recovery code ask here for it to be removed. Check that it is them before you
            approve: an approved request removes their 2FA after its waiting period, unless the account cancels it.
          </p>
          <RecoveryQueue myId={me.id} />
        </>
      ) : (
        <div className="card stack">
          <p>{STAFF_ONLY_QUEUE_WORDS}</p>
        </div>
      )}
    </div>
  );
}

function RecoveryQueue({ myId }: { myId: string }) {
  const [filter, setFilter] = useState<Filter>('PENDING');
  // What the last decision did: said above the list, which the decided request may leave.
  const [outcome, setOutcome] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const filterId = useId();
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  const { data, error, loading, refetch } = useQuery(AccountRecoveryRequestsDocument, {
    variables: { status: filter === 'ALL' ? null : filter },
    fetchPolicy: 'cache-and-network',
  });
  const requests = data?.accountRecoveryRequests ?? null;
  const chosen = FILTERS.find((entry) => entry.value === filter)!;
  const retry = () => void refetch().catch(() => undefined);

  return (
    <>
      <div className="field recovery-queue__filter">
        <label className="field__label" htmlFor={filterId}>
          Show
        </label>
        <select id={filterId} className="field__input" value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
          {FILTERS.map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome ? 'notice notice--success' : 'alert--empty'}>
        {outcome}
      </p>
      {requests ? (
        requests.length === 0 ? (
          <p role="status">{chosen.none}</p>
        ) : (
          <>
            <p role="status" className="muted">
              {requests.length === 1 ? '1 request.' : `${requests.length} requests, newest first.`}
            </p>
            <ul className="recovery-queue" aria-label="Recovery requests">
              {requests.map((request) => (
                <RecoveryRequestItem
                  key={request.id}
                  request={request}
                  isMine={request.account?.id === myId}
                  onDecided={(words) => {
                    setOutcome(words);
                    retry();
                  }}
                />
              ))}
            </ul>
          </>
        )
      ) : error ? (
        <LoadFailed message={describeError(error).message} onRetry={retry} />
      ) : (
        <p role="status" className="muted" aria-busy={loading}>
          Loading the requests…
        </p>
      )}
    </>
  );
}

function RecoveryRequestItem({
  request,
  isMine,
  onDecided,
}: {
  request: RecoveryRequestFieldsFragment;
  isMine: boolean;
  onDecided: (words: string) => void;
}) {
  const headingId = useId();
  const { account } = request;
  const email = account?.email ?? 'An account';
  return (
    <li className="card stack recovery-queue__item" aria-labelledby={headingId}>
      <div className="stack stack--tight">
        <h2 id={headingId} className="breakable">
          {email}
        </h2>
        <p className="muted">
          <span className={`badge ${request.status === 'PENDING' ? 'badge--off' : 'badge--on'}`}>{STATUS_WORDS[request.status]}</span> asked
          on <time dateTime={request.createdAt}>{formatDateTime(request.createdAt)}</time>
        </p>
      </div>
      <dl className="facts">
        {account && (
          <>
            <Fact term="Account created">
              <time dateTime={account.createdAt}>{formatDateTime(account.createdAt)}</time> ({ageWords(account.createdAt)})
            </Fact>
            <Fact term="E-mail address">
              {account.emailVerified
                ? 'Verified: the owner was e-mailed a link to cancel'
                : 'Not verified: the owner got no e-mail about this'}
            </Fact>
            <Fact term="Role">{ROLE_NAMES[account.role]}</Fact>
            <Fact term="2FA now">{account.twoFactorMethod ? METHODS[account.twoFactorMethod].name : 'Off'}</Fact>
          </>
        )}
        <Fact term="Asked from">{request.requestIp ? `IP address ${request.requestIp}` : 'An unknown address'}</Fact>
        {request.effectiveAt && (
          <Fact term={request.status === 'COMPLETED' ? 'Took effect' : 'Takes effect'}>
            <time dateTime={request.effectiveAt}>{formatDateTime(request.effectiveAt)}</time>
            {request.status === 'APPROVED' && ' unless the account cancels it'}
          </Fact>
        )}
        {request.decidedAt && (
          <Fact term="Decided">
            <time dateTime={request.decidedAt}>{formatDateTime(request.decidedAt)}</time>
            {request.decisionReason && <>: {request.decisionReason}</>}
          </Fact>
        )}
      </dl>
      <h3>Their message</h3>
      <blockquote className="recovery-queue__message breakable">{request.message}</blockquote>
      {account && (
        <>
          <h3>Recent sign-ins</h3>
          {account.recentSignIns.length === 0 ? (
            <p className="muted">This account has never signed in.</p>
          ) : (
            <ul className="ruled-list" aria-label={`Recent sign-ins of ${email}`}>
              {account.recentSignIns.map((signIn) => (
                <li key={signIn.at} className="recovery-queue__sign-in">
                  <time dateTime={signIn.at}>{formatDateTime(signIn.at)}</time>
                  <span>
                    {signIn.device}
                    {signIn.ip ? `, IP address ${signIn.ip}` : ''}
                    {signIn.secondFactor ? `, ${SECOND_FACTOR_WORDS[signIn.secondFactor]}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {request.status === 'PENDING' &&
        (isMine ? (
          <p>This is your own account: another member of support decides it.</p>
        ) : (
          <>
            <h3>Decide</h3>
            <DecideRecoveryForm request={request} email={email} onDecided={onDecided} />
          </>
        ))}
    </li>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** How long ago an account was made, roughly: staff weigh a day-old account otherwise than a years-old one. */
export function ageWords(iso: string, now = Date.now()): string {
  const days = Math.floor((now - new Date(iso).getTime()) / 86_400_000);
  if (days < 1) return 'made today';
  if (days < 365) return days === 1 ? '1 day old' : `${days} days old`;
  const years = Math.floor(days / 365);
  return years === 1 ? 'over a year old' : `over ${years} years old`;
}
