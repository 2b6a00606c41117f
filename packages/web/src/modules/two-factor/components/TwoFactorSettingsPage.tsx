import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../../app/paths';
import { PageHeading } from '../../../ui/PageHeading';
import { Attention } from '../../../ui/Attention';
import type { TwoFactorMethod } from '../../../generated/graphql';
import { activeMethodOf, useTwoFactorSettings, type ActiveMethod, type TwoFactorSettings } from '../hooks/useTwoFactorSettings';
import { CHOOSE_ONE_WORDS, METHODS } from '../methods';
import { MethodCard } from './MethodCard';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { RememberedBrowsers, useRememberedBrowsers, type RememberedBrowsersRead } from './RememberedBrowsers';
import { TwoFactorState } from './TwoFactorState';
import { LoadFailed } from '../../../ui/LoadFailed';

/**
 * "User Name » Settings for 2FA": first the state at a glance (on or off, the method, since when,
 * the recovery codes left, and by when the server wants it on), then the guide's one-method rule
 * and its methods in the guide's order, each with Enable, the active one first and marked, with
 * Disable 2FA; then recovery codes when 2FA is on and the browsers that skip the code ("Remember
 * this browser" at sign-in). Past the deadline of required 2FA the other pages send the user here.
 */
export function TwoFactorSettingsPage() {
  const { settings, error, retry } = useTwoFactorSettings({ fresh: true });
  const browsers = useRememberedBrowsers();
  // What the last change said (e.g. "Your 2FA settings have been successfully deleted."): the
  // control that made it is gone, so the page keeps the words and the focus.
  const [outcome, setOutcome] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  return (
    <div className="stack two-factor">
      <PageHeading title="Settings for 2FA">Settings for 2FA</PageHeading>
      <p>
        Two-factor authentication (2FA) asks for a code after your password, so a stolen password alone cannot open your account.
        {settings?.enabled === false && ' We recommend that you enable it.'}
      </p>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome ? 'notice notice--success' : 'alert--empty'}>
        {outcome}
      </p>
      {settings ? (
        <SettingsBody settings={settings} browsers={browsers} onOutcome={setOutcome} />
      ) : error ? (
        <LoadFailed message={error.message} onRetry={retry} />
      ) : (
        <SettingsPlaceholder />
      )}
      <p>
        <Link to={PATHS.securityLog}>Security log</Link>: when 2FA was turned on, changed or used to sign in.
      </p>
    </div>
  );
}

function SettingsBody({
  settings,
  browsers,
  onOutcome,
}: {
  settings: TwoFactorSettings;
  browsers: RememberedBrowsersRead;
  onOutcome: (words: string) => void;
}) {
  const active = activeMethodOf(settings);
  const [recoveryRequests, setRecoveryRequests] = useState(0);
  return (
    <>
      <TwoFactorState settings={settings} active={active} onGetNewRecoveryCodes={() => setRecoveryRequests((count) => count + 1)} />
      <Attention>{CHOOSE_ONE_WORDS}</Attention>
      <ul className="method-list" aria-label="2FA methods">
        {methodsShown(settings, active).map((method) => (
          <MethodCard key={method} method={method} settings={settings} onOutcome={onOutcome} />
        ))}
      </ul>
      {active && <RecoveryCodesPanel active={active} remaining={settings.recoveryCodesRemaining} openRequests={recoveryRequests} />}
      <RememberedBrowsers settings={settings} read={browsers} />
    </>
  );
}

/**
 * The methods this server offers (TWO_FACTOR_METHODS), and the active one even if it no longer
 * is offered, so that it can still be disabled: the active one first, the others in the server's
 * order (strongest first).
 */
function methodsShown(settings: TwoFactorSettings, active: ActiveMethod | null): TwoFactorMethod[] {
  const shown = settings.methods
    .map((entry) => entry.method)
    .filter((method) => settings.availableMethods.includes(method) || method === active?.method);
  return active ? [active.method, ...shown.filter((method) => method !== active.method)] : shown;
}

/** Three empty cards of the real cards' height while the settings load: nothing jumps after. */
function SettingsPlaceholder() {
  return (
    <div className="stack" aria-busy="true">
      <p role="status" className="muted">
        Loading your 2FA settings…
      </p>
      <ul className="method-list" aria-hidden="true">
        {Object.keys(METHODS).map((method) => (
          <li key={method} className="card method method--placeholder" />
        ))}
      </ul>
    </div>
  );
}
