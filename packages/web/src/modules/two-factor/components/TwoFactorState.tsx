import { useId } from 'react';
import { formatDateTime } from '../../../ui/dateTime';
import type { ActiveMethod, TwoFactorSettings } from '../hooks/useTwoFactorSettings';
import { METHODS, RECOVERY_CODES_LOW, recoveryCodesLeftWords } from '../methods';
import { RequiredByWords } from './RequiredByWords';

interface TwoFactorStateProps {
  settings: TwoFactorSettings;
  active: ActiveMethod | null;
  /** Opens "Get new recovery codes" (offered when few are left). */
  onGetNewRecoveryCodes: () => void;
}

/** Settings for 2FA at a glance: on or off, with which method, since when, and the recovery codes left. */
export function TwoFactorState({ settings, active, onGetNewRecoveryCodes }: TwoFactorStateProps) {
  const headingId = useId();
  const remaining = settings.recoveryCodesRemaining;
  return (
    <section className="card stack two-factor-state" aria-labelledby={headingId}>
      <h2 id={headingId}>Your two-factor authentication</h2>
      {active ? (
        <dl className="facts">
          <div className="facts__row">
            <dt>Status</dt>
            <dd>
              <span className="badge badge--on">On</span>
            </dd>
          </div>
          <div className="facts__row">
            <dt>Method</dt>
            <dd>
              <strong>{METHODS[active.method].name}</strong>
              {active.maskedDestination ? (
                <>
                  , codes go to <span className="breakable">{active.maskedDestination}</span>
                </>
              ) : (
                ', codes come from your authenticator app'
              )}
            </dd>
          </div>
          {settings.activeSince && (
            <div className="facts__row">
              <dt>On since</dt>
              <dd>
                <time dateTime={settings.activeSince}>{formatDateTime(settings.activeSince)}</time>
              </dd>
            </div>
          )}
          <div className="facts__row">
            <dt>Recovery codes left</dt>
            <dd>{remaining}</dd>
          </div>
        </dl>
      ) : (
        <p className="two-factor-state__off">
          <span className="badge badge--off">Off</span>
          <span>Your password alone opens your account.</span>
        </p>
      )}
      {settings.required && !settings.enabled && (
        <p>
          <RequiredByWords settings={settings} />
        </p>
      )}
      {active && remaining <= RECOVERY_CODES_LOW && (
        <div className="warning stack stack--tight" role="note" aria-label="Few recovery codes left">
          <p>{lowRecoveryCodesWords(remaining)}</p>
          <p>
            <button type="button" className="button" onClick={onGetNewRecoveryCodes}>
              Get new recovery codes
            </button>
          </p>
        </div>
      )}
    </section>
  );
}

function lowRecoveryCodesWords(remaining: number): string {
  return `${recoveryCodesLeftWords(remaining)} Without them, losing your 2FA method means contacting technical support to get back in: get new ones now.`;
}
