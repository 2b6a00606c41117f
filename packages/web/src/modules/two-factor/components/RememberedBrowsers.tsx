import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import {
  ForgetRememberedBrowserDocument,
  ForgetRememberedBrowsersDocument,
  RememberedBrowsersDocument,
  type RememberedBrowserFieldsFragment,
} from '../graphql/rememberedBrowsers.generated';
import { formatDateTime } from '../../../ui/dateTime';
import { FormAlert } from '../../../ui/FormAlert';
import { LoadFailed } from '../../../ui/LoadFailed';
import { StatusMessage } from '../../../ui/StatusMessage';
import { attempt } from '../../errors/attempt';
import { describeError, type DescribedError } from '../../errors/describeError';
import type { TwoFactorSettings } from '../hooks/useTwoFactorSettings';

type Browser = RememberedBrowserFieldsFragment;

/** Which browser is being forgotten: one (its id) or all of them. */
type Forgetting = { id: string } | 'all' | null;

/**
 * The list of remembered browsers, always asked of the API. The settings page asks for it when it
 * opens, beside the settings: asked by the section, which shows once the settings have arrived, it
 * would wait for them, one round trip after the other.
 */
export function useRememberedBrowsers() {
  return useQuery(RememberedBrowsersDocument, { fetchPolicy: 'cache-and-network' });
}

export type RememberedBrowsersRead = ReturnType<typeof useRememberedBrowsers>;

/**
 * "Remembered browsers" on Settings for 2FA: the browsers where the user ticked "Remember this
 * browser" at a sign-in, which skip the 2FA code, each with Forget, and Forget all browsers. Shown
 * when 2FA is on, or while a browser is still listed (so it can be forgotten whatever happened).
 */
export function RememberedBrowsers({ settings, read }: { settings: TwoFactorSettings; read: RememberedBrowsersRead }) {
  const { data, error, refetch } = read;
  const [forgetOne] = useMutation(ForgetRememberedBrowserDocument);
  const [forgetAll] = useMutation(ForgetRememberedBrowsersDocument);
  const [forgetting, setForgetting] = useState<Forgetting>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const alertId = useId();
  const refresh = () => void refetch().catch(() => undefined);

  // Any 2FA change (turned off here, switched in a wizard, reset by support and seen by the
  // settings refetch) makes the API forget every browser: ask for the list again when it happens.
  const twoFactorState = settings.enabled ? settings.method : 'off';
  const seenState = useRef(twoFactorState);
  useEffect(() => {
    if (seenState.current === twoFactorState) return;
    seenState.current = twoFactorState;
    void refetch().catch(() => undefined);
  }, [twoFactorState, refetch]);

  const browsers = data?.rememberedBrowsers ?? null;

  /** Asks the API to forget; answers what to say once it has (undefined: no answer). */
  async function request(which: NonNullable<Forgetting>): Promise<string | undefined> {
    if (which === 'all') {
      const count = (await forgetAll()).data?.forgetRememberedBrowsers;
      return count === undefined ? undefined : forgottenAllWords(count);
    }
    const forgotten = (await forgetOne({ variables: { id: which.id } })).data?.forgetRememberedBrowser;
    return forgotten ? forgottenOneWords(browsers, which.id) : undefined;
  }

  async function forget(which: NonNullable<Forgetting>) {
    if (forgetting) return;
    setForgetting(which);
    setProblem(null);
    setOutcome(null);
    const result = await attempt(() => request(which), 'forgetBrowser');
    setForgetting(null);
    if (result.ok) setOutcome(result.value);
    else setProblem(result.error);
    // Forgotten, or already gone (BAD_USER_INPUT): either way the list changed on the server, and
    // the button the focus was on goes with it, so the focus starts again at the heading.
    if (result.ok || result.error.code === 'BAD_USER_INPUT') {
      refresh();
      headingRef.current?.focus();
    }
  }

  // Kept while it has words to say, so forgetting the last browser with 2FA off is still heard.
  if (!settings.enabled && !browsers?.length && !outcome && !problem) return null;

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Remembered browsers
      </h2>
      <p>
        These browsers sign in with your password alone, without a 2FA code, until the date shown. Forget any you do not use any more or do
        not recognise.
      </p>
      <StatusMessage message={outcome} />
      {/* Mounted with the buttons whose failures it tells (or with words), so a page has one alert at rest. */}
      {(browsers?.length || problem) && <FormAlert id={alertId} message={problem?.message ?? null} />}
      {browsers ? (
        browsers.length > 0 ? (
          <>
            <ul className="ruled-list" aria-label="Remembered browsers">
              {browsers.map((browser) => (
                <BrowserItem
                  key={browser.id}
                  browser={browser}
                  busy={forgetting !== null}
                  onForget={() => void forget({ id: browser.id })}
                />
              ))}
            </ul>
            <div className="actions">
              <button type="button" className="button" aria-disabled={forgetting !== null} onClick={() => void forget('all')}>
                {forgetting === 'all' ? 'Forgetting…' : 'Forget all browsers'}
              </button>
            </div>
          </>
        ) : (
          <p className="muted">
            No browser is remembered. When you sign in on a computer of your own, tick “Remember this browser” to skip the code there for a
            while.
          </p>
        )
      ) : error ? (
        <LoadFailed message={describeError(error).message} onRetry={refresh} card={false} />
      ) : (
        <p role="status" className="muted" aria-busy="true">
          Loading your remembered browsers…
        </p>
      )}
    </section>
  );
}

function BrowserItem({ browser, busy, onForget }: { browser: Browser; busy: boolean; onForget: () => void }) {
  const labelId = useId();
  return (
    <li className="browser">
      <p className="browser__head">
        <strong id={labelId} className="breakable">
          {browser.label}
        </strong>
        {browser.current && <span className="badge badge--on">This browser</span>}
      </p>
      <p className="browser__meta">
        <span>
          Last used <time dateTime={browser.lastUsedAt}>{formatDateTime(browser.lastUsedAt)}</time>
        </span>
        <span>
          Remembered until <time dateTime={browser.expiresAt}>{formatDateTime(browser.expiresAt)}</time>
        </span>
        {browser.ip && <span className="tabular breakable">IP address {browser.ip}</span>}
      </p>
      {/* "Forget" is read with the browser's name, as there is one per browser. */}
      <button type="button" className="button button--quiet" aria-describedby={labelId} aria-disabled={busy} onClick={onForget}>
        Forget
      </button>
    </li>
  );
}

function forgottenOneWords(browsers: readonly Browser[] | null, id: string): string {
  const browser = browsers?.find((candidate) => candidate.id === id);
  const which = browser ? (browser.current ? 'This browser' : browser.label) : 'The browser';
  return `${which} will need a 2FA code at its next sign-in.`;
}

function forgottenAllWords(count: number): string {
  if (count === 0) return 'No browser was remembered any more.';
  return count === 1
    ? 'The browser will need a 2FA code at its next sign-in.'
    : `All ${count} browsers will need a 2FA code at their next sign-in.`;
}
