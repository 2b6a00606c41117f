import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../../app/paths';
import { activeMethodOf, useTwoFactorSettings, type ActiveMethod } from '../hooks/useTwoFactorSettings';

/**
 * What staff and admins do to other accounts and to the server is proved with a fresh code of
 * their own 2FA: `children` get that method, once the settings say there is one; otherwise, what
 * to do first ("before `task`").
 */
export function WithOwnTwoFactor({ task, children }: { task: string; children: (own: ActiveMethod) => ReactNode }) {
  const { settings } = useTwoFactorSettings();
  if (!settings) return <p className="muted">Loading your own 2FA settings…</p>;
  const own = activeMethodOf(settings);
  if (!own) {
    return (
      <p className="notice">
        Turn on 2FA for your own account before {task}: <Link to={PATHS.twoFactorSettings}>Settings for 2FA</Link>.
      </p>
    );
  }
  return children(own);
}
