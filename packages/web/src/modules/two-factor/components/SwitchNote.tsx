import type { ActiveMethod } from '../hooks/useTwoFactorSettings';
import { METHODS } from '../methods';

/** Switching: the guide's one-method rule, and why a code of the current method is asked for. */
export function SwitchNote({ active }: { active: ActiveMethod }) {
  return (
    <p>
      Your 2FA method now is <strong>{METHODS[active.method].name}</strong>. It keeps working until the new method is verified; then the new
      one replaces it.
    </p>
  );
}
