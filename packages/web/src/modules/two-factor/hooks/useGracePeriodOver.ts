import { useEffect, useState } from 'react';
import type { TwoFactorSettings } from './useTwoFactorSettings';

/** setTimeout's longest wait (about 24.8 days); a longer one would fire at once. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * When required 2FA must be on by (`requiredBy`), on this browser's clock; null when nothing is
 * due: not required, or 2FA already on (the cache may briefly hold both after a verify).
 */
export function deadlineOf(settings: TwoFactorSettings | null): number | null {
  if (!settings || settings.enabled || !settings.requiredBy) return null;
  const deadline = Date.parse(settings.requiredBy);
  return Number.isNaN(deadline) ? null : deadline;
}

/**
 * Whether the grace period of required 2FA is over, by this browser's clock. Checked again when
 * the deadline comes, so a page left open moves on by itself (one timer, no ticking).
 */
export function useGracePeriodOver(settings: TwoFactorSettings | null): boolean {
  const deadline = deadlineOf(settings);
  const [now, setNow] = useState(Date.now);
  const over = deadline !== null && now >= deadline;

  useEffect(() => {
    if (deadline === null || over) return;
    // Also runs when the deadline moves earlier (see twoFactorOverdueLink): a wait of 0 re-reads the clock.
    const timer = setTimeout(() => setNow(Date.now()), Math.min(Math.max(0, deadline - Date.now()), LONGEST_TIMER_MS));
    return () => clearTimeout(timer);
  }, [deadline, over, now]);

  return over;
}
