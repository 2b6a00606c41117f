import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { PageHeading } from '../../ui/PageHeading';
import { isAdmin } from '../auth/roles';
import { useSignedInUser } from '../auth/sessionGuards';
import { WithOwnTwoFactor } from '../two-factor/components/WithOwnTwoFactor';
import { ADMIN_ONLY_WORDS } from './administrationWords';
import { PolicySection } from './components/PolicySection';
import { RolesSection } from './components/RolesSection';

/** "User Name » Administration", for admins: the deployment's 2FA policy and the roles of accounts. */
export function AdministrationPage() {
  const me = useSignedInUser();
  return (
    <div className="stack admin">
      <PageHeading title="Administration">Administration</PageHeading>
      {isAdmin(me.role) ? (
        <Administration myId={me.id} />
      ) : (
        <div className="card stack">
          <p>{ADMIN_ONLY_WORDS}</p>
          <p>
            <Link to={PATHS.home}>Home</Link>
          </p>
        </div>
      )}
    </div>
  );
}

function Administration({ myId }: { myId: string }) {
  return (
    <WithOwnTwoFactor task="changing the policy or roles">
      {(own) => (
        <>
          <p>Saving the policy and changing a role each need a code of your own 2FA. At most 20 such changes an hour.</p>
          <PolicySection own={own} />
          <RolesSection own={own} myId={myId} />
        </>
      )}
    </WithOwnTwoFactor>
  );
}
