import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { CancelAccountRecoveryDocument, OpenAccountRecoveryDocument } from './graphql/recovery.generated';
import { formatDateTime } from '../../ui/dateTime';
import { attempt } from '../errors/attempt';
import type { DescribedError } from '../errors/describeError';
import './recovery.css';

export const RECOVERY_CANCELLED_WORDS = 'The recovery request was cancelled. Nothing was changed on your account.';

/**
 * On every signed-in page while the account has an open recovery request: someone who knew the
 * password asked support to remove 2FA. Whoever is signed in may be the owner who did not ask:
 * what happened, when it takes effect, and one button that stops it.
 */
export function AccountRecoveryBanner() {
  const { data, refetch } = useQuery(OpenAccountRecoveryDocument, { fetchPolicy: 'cache-and-network' });
  const [cancel, { loading }] = useMutation(CancelAccountRecoveryDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const headingId = useId();
  const request = data?.openAccountRecovery ?? null;

  async function handleCancel() {
    if (loading || !request) return;
    setProblem(null);
    const outcome = await attempt(async () => (await cancel({ variables: { id: request.id } })).data?.cancelAccountRecovery);
    // Cancelled here, or no longer open (cancelled elsewhere, or decided): the banner shows what is true now.
    await refetch().catch(() => undefined);
    if (!outcome.ok) return setProblem(outcome.error);
    setCancelled(true);
  }

  if (!request) {
    return cancelled ? (
      <p className="notice notice--success recovery-banner__done" role="status">
        {RECOVERY_CANCELLED_WORDS} Whoever asked knows your password: <Link to={PATHS.account}>change it now</Link>.
      </p>
    ) : null;
  }
  const approved = request.status === 'APPROVED' && request.effectiveAt;
  return (
    <section className="recovery-banner stack stack--tight" aria-labelledby={headingId}>
      <h2 id={headingId} className="recovery-banner__heading">
        Someone asked support to remove your 2FA
      </h2>
      <p>
        On {formatDateTime(request.createdAt)}, someone who entered your password said they lost access to your two-factor authentication
        and asked support to recover your account{request.requestIp ? ` (from IP address ${request.requestIp})` : ''}.
      </p>
      <p>
        <strong>
          {approved
            ? `Support approved it: unless it is cancelled, 2FA will be removed on ${formatDateTime(request.effectiveAt!)}.`
            : `Support has not decided yet. If they approve, 2FA is removed ${request.waitHours} hours later unless it is cancelled.`}
        </strong>
      </p>
      <p>If it was you, there is nothing to do. If not, cancel it now, then change your password.</p>
      {problem && (
        <p role="alert" className="alert alert--error">
          {problem.message}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--danger" aria-disabled={loading} onClick={() => void handleCancel()}>
          {loading ? 'Cancelling…' : 'Cancel the request'}
        </button>
      </div>
    </section>
  );
}
