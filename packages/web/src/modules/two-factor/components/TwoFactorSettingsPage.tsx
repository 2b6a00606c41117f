import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../../app/paths';
import { PageHeading } from '../../../ui/PageHeading';
import { Attention } from '../../../ui/Attention';
import { activeMethodOf, useTwoFactorSettings, type TwoFactorSettings } from '../hooks/useTwoFactorSettings';
import { CHOOSE_ONE_WORDS, METHOD_ORDER, METHODS } from '../methods';
import { MethodCard } from './MethodCard';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { RememberedBrowsers } from './RememberedBrowsers';
import { RequiredByWords } from './RequiredByWords';
import { LoadFailed } from '../../../ui/LoadFailed';

/**
 * "User Name » Settings for 2FA": the three methods of the guide, TOTP first, each with Enable;
 * the active one marked with where its codes go, with Disable 2FA; recovery codes when 2FA is on;
 * the browsers that skip the code ("Remember this browser" at sign-in). When the server requires
 * 2FA and it is off, by when it must be on: the other pages send the user here once that is over.
 */
export function TwoFactorSettingsPage() {
  const { settings, error, retry } = useTwoFactorSettings({ fresh: true });
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
        Two-factor authentication (2FA) asks for a code after your password, so a stolen password alone cannot open your account. We
        recommend that you enable it.
      </p>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome ? 'notice notice--success' : 'alert--empty'}>
        {outcome}
      </p>
      {settings ? (
        <SettingsBody settings={settings} onOutcome={setOutcome} />
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

function SettingsBody({ settings, onOutcome }: { settings: TwoFactorSettings; onOutcome: (words: string) => void }) {
  const active = activeMethodOf(settings);
  // The methods this server offers (TWO_FACTOR_METHODS), and the active one even if it no longer
  // is offered, so that it can still be disabled.
  const shown = METHOD_ORDER.filter((method) => settings.availableMethods.includes(method) || method === active?.method);
  return (
    <>
      <p className="two-factor__summary">
        {active ? (
          <>
            <span className="badge badge--on">On</span>
            <span>
              2FA is on with <strong>{METHODS[active.method].name}</strong>.
            </span>
          </>
        ) : (
          <>
            <span className="badge badge--off">Off</span>
            <span>2FA is off: your password alone opens your account.</span>
          </>
        )}
      </p>
      {settings.required && !settings.enabled && (
        <p className="notice">
          <RequiredByWords settings={settings} />
        </p>
      )}
      <Attention>{CHOOSE_ONE_WORDS}</Attention>
      <ul className="method-list" aria-label="2FA methods">
        {shown.map((method) => (
          <MethodCard key={method} method={method} settings={settings} onOutcome={onOutcome} />
        ))}
      </ul>
      {active && <RecoveryCodesPanel active={active} remaining={settings.recoveryCodesRemaining} />}
      <RememberedBrowsers settings={settings} />
    </>
  );
}

/** Three empty cards of the real cards' height while the settings load: nothing jumps after. */
function SettingsPlaceholder() {
  return (
    <div className="stack" aria-busy="true">
      <p role="status" className="muted">
        Loading your 2FA settings…
      </p>
      <ul className="method-list" aria-hidden="true">
        {METHOD_ORDER.map((method) => (
          <li key={method} className="card method method--placeholder" />
        ))}
      </ul>
    </div>
  );
}
