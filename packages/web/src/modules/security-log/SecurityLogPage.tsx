import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { SecurityLogDocument } from './graphql/securityLog.generated';
import { PageHeading } from '../../ui/PageHeading';
import { describeError } from '../errors/describeError';
import { SECURITY_LOG_PAGE } from './eventWords';
import { SecurityLog, entriesOf } from './SecurityLog';
import { SupportContact } from '../recovery/SupportContact';

/** "User Name » Security log": the signed-in user's own 2FA events, newest first. */
export function SecurityLogPage() {
  // Always asked afresh: support or another session may have added entries since.
  const { data, error, refetch, fetchMore } = useQuery(SecurityLogDocument, {
    variables: { first: SECURITY_LOG_PAGE },
    fetchPolicy: 'cache-and-network',
  });
  const log = entriesOf(data?.securityLog);
  return (
    <div className="stack">
      <PageHeading title="Security log">Security log</PageHeading>
      <p>
        Every change to your two-factor authentication and every 2FA check at sign-in, newest first. If you see something you did not do,
        change your password and contact technical support.
        <SupportContact />
      </p>
      <p>
        <Link to={PATHS.twoFactorSettings}>Settings for 2FA</Link>
      </p>
      <SecurityLog
        events={log?.events ?? null}
        error={error && !data ? describeError(error) : null}
        onRetry={() => void refetch().catch(() => undefined)}
        label="Your security log"
        emptyWords="Nothing has happened to your 2FA yet. Turning it on, sign-ins with a code and changes will be listed here."
        older={{
          hasOlder: log?.hasOlder ?? false,
          load: () => fetchMore({ variables: { after: data?.securityLog.pageInfo.endCursor } }),
        }}
      />
    </div>
  );
}
