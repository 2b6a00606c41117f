import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useRef, useState } from 'react';
import {
  ActiveSessionsDocument,
  RevokeOtherSessionsDocument,
  RevokeSessionDocument,
  type ActiveSessionFieldsFragment,
} from '../graphql/account.generated';
import { formatDateTime } from '../../../ui/dateTime';
import { FormAlert } from '../../../ui/FormAlert';
import { LoadFailed } from '../../../ui/LoadFailed';
import { StatusMessage } from '../../../ui/StatusMessage';
import { attempt } from '../../errors/attempt';
import { describeError, type DescribedError } from '../../errors/describeError';
import { METHOD_WORDS } from '../../security-log/eventWords';

type Session = ActiveSessionFieldsFragment;

/** How a session's sign-in passed the second step, in words. */
export function secondFactorWords(session: Pick<Session, 'secondFactor' | 'secondFactorMethod'>): string | null {
  switch (session.secondFactor) {
    case 'NONE':
      return 'Password only (2FA was off)';
    case 'CODE':
      return session.secondFactorMethod ? `2FA code (${METHOD_WORDS[session.secondFactorMethod]})` : '2FA code';
    case 'RECOVERY_CODE':
      return 'Recovery code';
    case 'REMEMBERED_BROWSER':
      return 'Remembered browser (no code asked)';
    case null:
    case undefined:
      return null;
  }
}

/**
 * "Where you're signed in": every live session, this one marked, each other one with Sign out,
 * and "Sign out everywhere else". Signing out is at once: the API refuses the session's next request.
 */
export function SessionsSection() {
  const { data, error, refetch } = useQuery(ActiveSessionsDocument, { fetchPolicy: 'cache-and-network' });
  const [revokeOne] = useMutation(RevokeSessionDocument);
  const [revokeOthers] = useMutation(RevokeOtherSessionsDocument);
  // A session's id, or 'others' for "Sign out everywhere else".
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const alertId = useId();
  const sessions = data?.sessions ?? null;
  const others = sessions?.filter((session) => !session.current) ?? [];

  async function signOut(which: Session | 'others') {
    if (busy) return;
    setBusy(which === 'others' ? 'others' : which.id);
    setProblem(null);
    setOutcome(null);
    const result =
      which === 'others'
        ? await attempt(async () => {
            const count = (await revokeOthers()).data?.revokeOtherSessions;
            return count === undefined
              ? undefined
              : count === 1
                ? 'One other session was signed out.'
                : `${count} other sessions were signed out.`;
          }, 'revokeSession')
        : await attempt(async () => {
            const done = (await revokeOne({ variables: { id: which.id } })).data?.revokeSession;
            return done ? `The session on ${which.device} was signed out.` : undefined;
          }, 'revokeSession');
    // The list changed either way (signed out here, or already elsewhere): it is read again before
    // the outcome is announced, so what the status says and what the list shows agree.
    await refetch().catch(() => undefined);
    setBusy(null);
    if (result.ok) setOutcome(result.value);
    else setProblem(result.error);
    // The button that had the focus is gone with its row: the focus starts again at the heading.
    headingRef.current?.focus();
  }

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Where you’re signed in
      </h2>
      <p>Sign out any session you do not recognise, then change your password.</p>
      <StatusMessage message={outcome} />
      {/* Mounted with words only: the page keeps one alert region at rest, the password form's. */}
      {problem && <FormAlert id={alertId} message={problem.message} />}
      {sessions ? (
        <>
          <ul className="ruled-list" aria-label="Signed-in sessions">
            {sessions.map((session) => (
              <SessionItem key={session.id} session={session} busy={busy !== null} onSignOut={() => void signOut(session)} />
            ))}
          </ul>
          {others.length > 0 && (
            <div className="actions">
              <button type="button" className="button button--danger" aria-disabled={busy !== null} onClick={() => void signOut('others')}>
                {busy === 'others' ? 'Signing out…' : 'Sign out everywhere else'}
              </button>
            </div>
          )}
        </>
      ) : error ? (
        <LoadFailed message={describeError(error).message} onRetry={() => void refetch().catch(() => undefined)} card={false} />
      ) : (
        <p role="status" className="muted" aria-busy="true">
          Loading your sessions…
        </p>
      )}
    </section>
  );
}

function SessionItem({ session, busy, onSignOut }: { session: Session; busy: boolean; onSignOut: () => void }) {
  const labelId = useId();
  const how = secondFactorWords(session);
  return (
    <li className="session">
      <p className="session__head">
        <strong id={labelId} className="breakable">
          {session.device}
        </strong>
        {session.current && <span className="badge badge--on">This session</span>}
      </p>
      <p className="session__meta">
        <span>
          Signed in <time dateTime={session.createdAt}>{formatDateTime(session.createdAt)}</time>
        </span>
        <span>
          Last active <time dateTime={session.lastSeenAt}>{formatDateTime(session.lastSeenAt)}</time>
        </span>
        {session.ip && <span className="tabular breakable">IP address {session.ip}</span>}
        {how && <span>{how}</span>}
      </p>
      {!session.current && (
        // "Sign out" is read with the device's name, as there is one per session.
        <button type="button" className="button button--quiet" aria-describedby={labelId} aria-disabled={busy} onClick={onSignOut}>
          Sign out
        </button>
      )}
    </li>
  );
}
