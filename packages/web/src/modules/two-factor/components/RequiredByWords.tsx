import { formatDateTime } from '../../../ui/dateTime';
import { useGracePeriodOver } from '../hooks/useGracePeriodOver';
import type { TwoFactorSettings } from '../hooks/useTwoFactorSettings';

const REQUIRES_WORDS = 'This server requires two-factor authentication for your account.';

/**
 * What the server's requirement of 2FA asks of a user who has it off: enable it by the end of the
 * grace period or, once that is over, now, as nothing but Settings for 2FA answers any more.
 */
export function RequiredByWords({ settings }: { settings: TwoFactorSettings }) {
  const over = useGracePeriodOver(settings);
  if (over) return <>{REQUIRES_WORDS} Enable it now: until you do, only Settings for 2FA is open.</>;
  if (!settings.requiredBy) return <>{REQUIRES_WORDS} Enable it now to keep your access.</>;
  return (
    <>
      {REQUIRES_WORDS} Enable it by <time dateTime={settings.requiredBy}>{formatDateTime(settings.requiredBy)}</time> to keep your access.
    </>
  );
}
