import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { PATHS } from '../../../app/paths';
import { DismissTwoFactorPromptDocument } from '../graphql/twoFactorSettings.generated';
import { PAGE_START_ATTRIBUTE } from '../../../ui/PageHeading';
import { attempt } from '../../errors/attempt';
import type { DescribedError } from '../../errors/describeError';
import { useTwoFactorSettings } from '../hooks/useTwoFactorSettings';
import { RequiredByWords } from './RequiredByWords';

/**
 * "Upon your initial login, you may receive a prompt to enable two-factor authentication." Shown
 * on every signed-in page but the 2FA ones until 2FA is on or the user dismisses it ("Not now",
 * remembered by the API); when the server requires 2FA it cannot be dismissed, and says by when
 * (after that date the other pages send the user to Settings for 2FA: RequireTwoFactorWhenOverdue).
 */
export function FirstLoginPrompt() {
  const { settings } = useTwoFactorSettings();
  const { pathname } = useLocation();
  const [dismiss, { loading }] = useMutation(DismissTwoFactorPromptDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const onTwoFactorPages = pathname.startsWith(PATHS.twoFactorSettings);
  const shown = settings !== null && !settings.enabled && !onTwoFactorPages && (settings.promptToEnable || settings.required);
  // Until it has been seen once, the prompt is where an arriving page starts (see PageHeading).
  const [seen, setSeen] = useState(false);

  useEffect(() => {
    if (!shown) return;
    // The settings came after the page took the focus (just signed up or in): the prompt is above
    // that heading, so take the focus up to it rather than leave it unheard below.
    if (document.activeElement?.classList.contains('page-heading')) headingRef.current?.focus();
    // Only after this commit: a page arriving with the prompt still finds the mark in its own effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- records that the DOM showed the prompt
    setSeen(true);
  }, [shown]);

  if (!shown) return null;

  async function handleDismiss() {
    if (loading) return;
    const outcome = await attempt(async () => (await dismiss()).data?.dismissTwoFactorPrompt);
    if (!outcome.ok) return setProblem(outcome.error);
    // The prompt goes away with the focus in it: hand the focus to the page's heading.
    document.querySelector<HTMLElement>('h1')?.focus();
  }

  return (
    <section className="prompt card" aria-labelledby={headingId}>
      <div className="prompt__text">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} {...(seen ? {} : { [PAGE_START_ATTRIBUTE]: '' })}>
          Turn on two-factor authentication
        </h2>
        <p>
          {settings.required ? (
            <RequiredByWords settings={settings} />
          ) : (
            'A code from your phone after your password keeps your account safe even if the password leaks. We recommend that you enable it.'
          )}
        </p>
        {problem && <p role="alert">{problem.message}</p>}
      </div>
      <div className="actions prompt__actions">
        <Link className="button button--primary" to={PATHS.twoFactorSettings}>
          Enable 2FA
        </Link>
        {!settings.required && (
          <button type="button" className="button" aria-disabled={loading} onClick={() => void handleDismiss()}>
            Not now
          </button>
        )}
      </div>
    </section>
  );
}
