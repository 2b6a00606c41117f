import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { PATHS } from '../../app/paths';
import { CancelAccountRecoveryDocument } from './graphql/recovery.generated';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeading } from '../../ui/PageHeading';
import { StatusMessage } from '../../ui/StatusMessage';
import { AuthLayout } from '../auth/AuthLayout';
import { useSession } from '../auth/useSession';
import { tokenFromHash } from '../account/linkToken';
import { attempt } from '../errors/attempt';
import type { DescribedError } from '../errors/describeError';
import { LINK_PROBLEM_WORDS } from '../errors/errorWords';
import { RECOVERY_CANCELLED_WORDS } from './AccountRecoveryBanner';

/**
 * The page the link in an account recovery e-mail opens, signed in or not. One button, so that
 * nothing is cancelled by merely loading the page (a mail scanner may open links).
 */
export function CancelRecoveryPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash(location.hash));
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [cancel, { loading, client }] = useMutation(CancelAccountRecoveryDocument);
  const signedIn = useSession().status === 'signed-in';
  const alertId = useId();

  // The token leaves the address bar (and the history) at once.
  useEffect(() => {
    if (location.hash) void navigate({ pathname: location.pathname }, { replace: true });
  }, [location.hash, location.pathname, navigate]);

  async function confirm() {
    if (loading || !token) return;
    setProblem(null);
    const outcome = await attempt(async () => (await cancel({ variables: { token } })).data?.cancelAccountRecovery, 'openLink');
    if (!outcome.ok) return setProblem(outcome.error);
    setCancelled(true);
    // A signed-in tab shows the request's banner: let it know.
    await client.refetchQueries({ include: 'active' }).catch(() => undefined);
  }

  return (
    <AuthLayout>
      <PageHeading title="Cancel account recovery">Cancel account recovery</PageHeading>
      <StatusMessage message={cancelled ? RECOVERY_CANCELLED_WORDS : null} />
      {!token ? (
        <p role="alert">{LINK_PROBLEM_WORDS.LINK_INVALID}</p>
      ) : cancelled ? (
        <p>
          Whoever asked knows your password: change it now
          {signedIn ? (
            <>
              {' '}
              on your <Link to={PATHS.account}>Account page</Link>.
            </>
          ) : (
            <>
              {' '}
              (<Link to={PATHS.forgotPassword}>Forgot password?</Link> works without signing in).
            </>
          )}
        </p>
      ) : (
        <>
          <p>
            Someone who entered the password of your account asked support to remove its two-factor authentication. If it was not you,
            cancel the request: nothing will change on your account.
          </p>
          <FormAlert id={alertId} message={problem?.message ?? null} />
          <button type="button" className="button button--danger button--wide" aria-disabled={loading} onClick={() => void confirm()}>
            {loading ? 'Cancelling…' : 'Cancel the request'}
          </button>
        </>
      )}
      <p className="auth-layout__switch">
        {signedIn ? <Link to={PATHS.home}>Go to the panel</Link> : <Link to={PATHS.signIn}>Sign in</Link>}
      </p>
    </AuthLayout>
  );
}
