import { Navigate, Outlet } from 'react-router';
import { PATHS } from '../../../app/paths';
import { useGracePeriodOver } from '../hooks/useGracePeriodOver';
import { useTwoFactorSettings } from '../hooks/useTwoFactorSettings';

/**
 * The signed-in pages other than Settings for 2FA and its wizards. Once the grace period of
 * required 2FA is over, the API answers them nothing but FORBIDDEN (reason TWO_FACTOR_REQUIRED),
 * so instead of a page that can only fail, the user goes to Settings for 2FA, which says why.
 * The pages do not wait for the settings: they show at once, and a refusal moves them on (see
 * twoFactorOverdueLink).
 */
export function RequireTwoFactorWhenOverdue() {
  const { settings } = useTwoFactorSettings();
  const over = useGracePeriodOver(settings);
  return over ? <Navigate to={PATHS.twoFactorSettings} replace /> : <Outlet />;
}
