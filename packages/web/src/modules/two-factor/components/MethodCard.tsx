import { useId } from 'react';
import { useNavigate } from 'react-router';
import { ENABLE_PATHS } from '../../../app/paths';
import type { TwoFactorMethod } from '../../../generated/graphql';
import { Attention } from '../../../ui/Attention';
import { TWO_FACTOR_REQUIRED_WORDS } from '../../errors/errorWords';
import { activeMethodOf, type TwoFactorSettings } from '../hooks/useTwoFactorSettings';
import { METHODS } from '../methods';
import { DisableTwoFactor } from './DisableTwoFactor';
import { SecurityKeys } from './SecurityKeys';
import { SupportContact } from '../../recovery/SupportContact';

interface MethodCardProps {
  method: TwoFactorMethod;
  settings: TwoFactorSettings;
  onOutcome: (words: string) => void;
}

/**
 * One method of the guide's list: what it is, how strong, its Attention note (a quiet line: the
 * page keeps one box), and its button: Enable (which switches when another method is active) or,
 * on the active one, Disable 2FA, unless the server requires 2FA: then it can only be switched
 * (the API refuses to turn it off). Where the active method's codes go is in the state above.
 */
export function MethodCard({ method, settings, onOutcome }: MethodCardProps) {
  const navigate = useNavigate();
  const titleId = useId();
  const { name, summary, strength, warning } = METHODS[method];
  const active = activeMethodOf(settings);
  const isActive = active?.method === method;
  const pending = settings.pending?.method === method ? settings.pending : null;
  const offered = settings.availableMethods.includes(method);

  return (
    <li className={`card method${isActive ? ' method--active' : ''}`}>
      <div className="method__head">
        <h2 id={titleId} className="method__name">
          {name}
        </h2>
        <span className={`badge badge--${strength.tone}`}>{strength.label}</span>
        {isActive && <span className="badge badge--on">Active</span>}
      </div>
      <p>
        {summary} <span className="method__strength">{strength.note}</span>
      </p>
      {pending && !isActive && (
        <p className="method__pending">
          Set-up in progress
          {pending.maskedDestination ? (
            <>
              : a code was sent to <strong className="breakable">{pending.maskedDestination}</strong>
            </>
          ) : null}
          . Click Enable to {pending.maskedDestination ? 'enter it' : 'start again'}.
        </p>
      )}
      {isActive && active && settings.securityKeys.length > 0 && (
        <SecurityKeys keys={settings.securityKeys} active={active} onAdd={() => navigate(ENABLE_PATHS[method])} onOutcome={onOutcome} />
      )}
      <Attention quiet>
        {warning}
        <SupportContact />
      </Attention>
      {isActive && !offered && (
        <p className="method__pending">This server no longer offers {name} for new set-ups; it keeps working for you.</p>
      )}
      <div className="method__actions">
        {isActive ? (
          settings.required ? (
            <p className="muted">{TWO_FACTOR_REQUIRED_WORDS.cannotDisable}</p>
          ) : (
            <DisableTwoFactor active={active} onDisabled={onOutcome} />
          )
        ) : (
          <button
            type="button"
            className="button button--primary"
            aria-describedby={titleId}
            onClick={() => navigate(ENABLE_PATHS[method])}
          >
            Enable
          </button>
        )}
      </div>
    </li>
  );
}
