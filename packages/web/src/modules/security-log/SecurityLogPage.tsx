import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { SecurityEventsDocument } from '../../generated/graphql';
import { PageHeading } from '../../ui/PageHeading';
import { describeError } from '../errors/describeError';
import { SECURITY_LOG_LENGTH } from './eventWords';
import { SecurityLog } from './SecurityLog';

/** "User Name » Security log": the signed-in user's own 2FA events, newest first. */
export function SecurityLogPage() {
  // Always asked afresh: support or another session may have added entries since.
  const { data, error, refetch } = useQuery(SecurityEventsDocument, {
    variables: { first: SECURITY_LOG_LENGTH },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <div className="stack">
      <PageHeading title="Security log">Security log</PageHeading>
      <p>
        Every change to your two-factor authentication and every 2FA check at sign-in, newest first. If you see something you did not do,
        change your password and contact technical support.
      </p>
      <p>
        <Link to={PATHS.twoFactorSettings}>Settings for 2FA</Link>
      </p>
      <SecurityLog
        events={data?.securityEvents ?? null}
        error={error && !data ? describeError(error) : null}
        onRetry={() => void refetch().catch(() => undefined)}
        label="Your security log"
        emptyWords="Nothing has happened to your 2FA yet. Turning it on, sign-ins with a code and changes will be listed here."
      />
    </div>
  );
}
