import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { PATHS } from '../../../app/paths';
import { ResendLoginCodeDocument, VerifyLoginChallengeDocument } from '../../auth/graphql/loginChallenge.generated';
import type { LoginChallengeFieldsFragment } from '../../auth/graphql/session.generated';
import { CheckboxField } from '../../../ui/CheckboxField';
import { CodeField } from '../../../ui/CodeField';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { deadlineFrom, formatClock, useSecondsLeft } from '../../../ui/countdown';
import { FormAlert } from '../../../ui/FormAlert';
import { PageHeading } from '../../../ui/PageHeading';
import { ResendCode } from '../../../ui/ResendCode';
import { StatusMessage } from '../../../ui/StatusMessage';
import { LockScreen, type Lock } from './LockScreen';
import { startSession, type SessionUser } from '../../auth/sessionCache';
import { returnPathFrom, type SignInState } from '../../auth/signInState';
import { attempt } from '../../errors/attempt';
import { forCodeSource, type DescribedError } from '../../errors/describeError';
import { SIGN_IN_AGAIN_WORDS, SIGN_IN_ENDING_REASONS, type CodeSource } from '../../errors/errorWords';
import { RecoveryRequest } from '../../recovery/components/RecoveryRequest';
import { SupportContact, SupportContactProvider } from '../../recovery/SupportContact';
import { signWithSecurityKey } from '../securityKey';
import {
  ISSUER_NAME,
  METHODS,
  RECOVERY_CODES_LOW,
  RESEND_WAIT_MS,
  SEND_LIMIT_WINDOW_MS,
  SIGN_IN_CHALLENGE_MS,
  SUPPORT_WORDS,
  recoveryCodesLeftWords,
} from '../methods';
import '../twoFactor.css';

export interface LoginChallengeProps {
  challenge: LoginChallengeFieldsFragment;
  /** When the challenge arrived (Date.now()), to read its timestamps on this browser's clock. */
  receivedAt: number;
  /** The address typed at sign-in; null after a password reset, whose link named no address here. */
  email: string | null;
  /** Back to the password form, to start a new sign-in. */
  onSignInAgain: () => void;
}

type Mode = 'otp' | 'recovery';

const LAST_MINUTE_SECONDS = 60;

/**
 * The second step of signing in: a code of the account's 2FA method, or a recovery code. The
 * sign-in is over when its ten minutes pass or when it was used: then the only way on is to sign
 * in again, and this screen says so instead of offering a box that cannot work. After too many
 * wrong codes (2FA checks locked, or this sign-in's five spent) a lock screen says until when and
 * what to do. When the server allows it, the user may tick "Remember this browser". Who lost their
 * 2FA method altogether asks support to recover the account from here ("Lost access to your 2FA
 * method?"), also from the lock screen; and a sign-in with one of the last recovery codes stops to
 * say so before going on.
 */
export function LoginChallenge(props: LoginChallengeProps) {
  return (
    <SupportContactProvider>
      <ChallengeSteps {...props} />
    </SupportContactProvider>
  );
}

function ChallengeSteps({ challenge: initialChallenge, receivedAt, email, onSignInAgain }: LoginChallengeProps) {
  const [challenge, setChallenge] = useState(initialChallenge);
  const [mode, setMode] = useState<Mode>('otp');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const [lock, setLock] = useState<Lock | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [lostAccess, setLostAccess] = useState(false);
  // Signed in with a recovery code, and few are left: said before the panel opens.
  const [fewCodesLeft, setFewCodesLeft] = useState<{ user: SessionUser; remaining: number } | null>(null);
  const [goingOn, setGoingOn] = useState<{ user: SessionUser; toSettings: boolean } | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const [remember, setRemember] = useState(false);
  // The API refused to remember (its setting changed since this challenge was made): stop offering it.
  const [rememberRefused, setRememberRefused] = useState(false);
  // Without a new code a send limit may hold the next one back for up to an hour, not a minute.
  const [resendAt, setResendAt] = useState(() =>
    challenge.resendAvailableAt
      ? deadlineFrom(challenge.resendAvailableAt, receivedAt, challenge.codeSent ? RESEND_WAIT_MS : SEND_LIMIT_WINDOW_MS)
      : null,
  );
  const [expiresAt] = useState(() => deadlineFrom(challenge.expiresAt, receivedAt, SIGN_IN_CHALLENGE_MS));
  const secondsLeft = useSecondsLeft(expiresAt) ?? 0;
  const codeRef = useRef<HTMLInputElement>(null);
  const signInAgainRef = useRef<HTMLButtonElement>(null);
  const alertId = useId();

  const [verify, { loading: verifying, client }] = useMutation(VerifyLoginChallengeDocument);
  const [resend, { loading: resending }] = useMutation(ResendLoginCodeDocument);

  const method = METHODS[challenge.method];
  const { sendsCodes } = challenge;
  const keyOptions = challenge.proof === 'SECURITY_KEY' ? challenge.webAuthnOptionsJSON : null;
  // A security key answers by the browser's prompt, not by a typed code; a recovery code is typed.
  const withKey = keyOptions !== null && mode === 'otp';
  const rememberDays = rememberRefused ? null : (challenge.rememberBrowserDays ?? null);
  const timedOut = secondsLeft === 0;
  const endedWords = ended ?? (timedOut ? SIGN_IN_AGAIN_WORDS.CHALLENGE_EXPIRED : null);

  useEffect(() => {
    if (endedWords) signInAgainRef.current?.focus();
  }, [endedWords]);

  // What a code refused as already used calls for depends on where it came from.
  const codeSource: CodeSource | null = mode === 'recovery' ? 'recovery' : keyOptions ? null : sendsCodes ? 'sent' : 'authenticator';

  function fail(refused: DescribedError) {
    const error = codeSource ? forCodeSource(refused, codeSource) : refused;
    if (error.code === 'TOO_MANY_ATTEMPTS' && (error.reason === 'LOCKED' || error.reason === 'CHALLENGE_SPENT')) {
      const unlockAt = error.retryAfterSeconds === undefined ? null : Date.now() + error.retryAfterSeconds * 1000;
      setLock({ reason: error.reason, message: error.message, unlockAt });
      return;
    }
    if (error.reason && SIGN_IN_ENDING_REASONS.includes(error.reason)) {
      setProblem(null);
      setEnded(error.message);
      return;
    }
    if (error.field === 'rememberBrowser') {
      // Nothing was spent: the same code works again, without remembering.
      setRememberRefused(true);
      setRemember(false);
    }
    // A lockout too keeps the box: its words say how long to wait, and the user can come back.
    setProblem(error);
    codeRef.current?.focus();
    codeRef.current?.select();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (verifying || endedWords) return;
    const toSend = codeToSend(mode, code);
    if (!toSend) {
      fail({ message: CODE_PROBLEMS[mode] });
      return;
    }
    await submit(toSend);
  }

  async function answerWithKey() {
    if (verifying || endedWords || !keyOptions) return;
    setProblem(null);
    const answer = await signWithSecurityKey(keyOptions);
    if (!answer.ok) return setProblem(answer.error);
    await submit(answer.json);
  }

  async function submit(toSend: string) {
    setNotice(null);
    const variables = { challengeId: challenge.challengeId, code: toSend, rememberBrowser: remember && rememberDays !== null };
    const outcome = await attempt(async () => (await verify({ variables })).data, 'loginCode');
    if (!outcome.ok) return fail(outcome.error);
    const { user, recoveryCodesRemaining } = outcome.value.verifyLoginChallenge;
    if (typeof recoveryCodesRemaining === 'number' && recoveryCodesRemaining <= RECOVERY_CODES_LOW) {
      setFewCodesLeft({ user, remaining: recoveryCodesRemaining });
      return;
    }
    // The session guard leaves this page as soon as `me` is in the cache.
    startSession(client, user);
  }

  /**
   * On from the few-codes-left stop, to the page asked for or to Settings for 2FA to make new
   * codes. The guard that leaves the sign-in page on a session goes where the page's address
   * says: the session starts only once that address points to Settings for 2FA (a navigation may
   * land after other updates).
   */
  function goOn(user: SessionUser, toSettings: boolean) {
    if (toSettings) {
      const state: Pick<SignInState, 'from'> = { from: PATHS.twoFactorSettings };
      void navigate(PATHS.signIn, { replace: true, state });
    }
    setGoingOn({ user, toSettings });
  }

  useEffect(() => {
    if (!goingOn) return;
    if (goingOn.toSettings && returnPathFrom(location.state) !== PATHS.twoFactorSettings) return;
    startSession(client, goingOn.user);
  }, [goingOn, location.state, client]);

  async function handleResend() {
    setProblem(null);
    setNotice(null);
    const sentAt = Date.now();
    const outcome = await attempt(async () => (await resend({ variables: { challengeId: challenge.challengeId } })).data, 'sendCode');
    if (!outcome.ok) {
      if (outcome.error.retryAfterSeconds !== undefined) setResendAt(Date.now() + outcome.error.retryAfterSeconds * 1000);
      return fail(outcome.error);
    }
    const next = outcome.value.resendLoginCode;
    setChallenge(next);
    setResendAt(next.resendAvailableAt ? deadlineFrom(next.resendAvailableAt, sentAt, RESEND_WAIT_MS) : null);
    setNotice(`A new code was ${method.codeSource(next.maskedDestination ?? null)}.`);
    codeRef.current?.focus();
  }

  function switchMode() {
    setMode((current) => (current === 'otp' ? 'recovery' : 'otp'));
    setCode('');
    setProblem(null);
    setNotice(null);
    // The field stays mounted with a new label: focus it so the change is heard and typing goes on.
    codeRef.current?.focus();
  }

  const lastMinute = !endedWords && secondsLeft <= LAST_MINUTE_SECONDS;

  if (fewCodesLeft) {
    return (
      <div className="stack">
        <PageHeading title="Few recovery codes left">Two-factor authentication</PageHeading>
        <FewRecoveryCodesLeft remaining={fewCodesLeft.remaining} onGoOn={(toSettings) => goOn(fewCodesLeft.user, toSettings)} />
      </div>
    );
  }

  if (lostAccess) {
    return (
      <div className="stack">
        <PageHeading title="Lost access to 2FA">Two-factor authentication</PageHeading>
        <RecoveryRequest
          challengeId={challenge.challengeId}
          onBack={lock ? null : () => setLostAccess(false)}
          onSignInAgain={onSignInAgain}
        />
      </div>
    );
  }

  if (lock) {
    return (
      <div className="stack">
        <PageHeading title="2FA locked">Two-factor authentication</PageHeading>
        <LockScreen lock={lock} onSignInAgain={onSignInAgain} onLostAccess={() => setLostAccess(true)} />
      </div>
    );
  }

  return (
    <div className="stack">
      <PageHeading title="2FA code" focusOnMount>
        Two-factor authentication
      </PageHeading>
      <p>
        {mode === 'otp' ? (
          withKey ? (
            <>
              Click <strong>Use security key</strong>, then touch your security key or unlock your passkey.
            </>
          ) : !sendsCodes ? (
            <>
              Open your authenticator app and enter the 6-digit code it shows for <strong>{ISSUER_NAME}</strong>.
            </>
          ) : challenge.codeSent ? (
            <>Enter the 6-digit code {method.codeSource(challenge.maskedDestination ?? null)}.</>
          ) : (
            <>
              No new code could be sent just now. Enter the last code you received {method.codeSource(challenge.maskedDestination ?? null)},
              or use a recovery code.
            </>
          )
        ) : (
          <>Enter one of the recovery codes you saved when you turned on 2FA. Each one works once.</>
        )}
      </p>
      <p className="challenge__meta">
        {email && (
          <span>
            Signing in as <strong className="breakable">{email}</strong>
          </span>
        )}
        <span className="challenge__timer">
          Time left: <span className="tabular">{formatClock(secondsLeft)}</span>
        </span>
      </p>
      <StatusMessage message={notice ?? (lastMinute ? 'Less than a minute is left to enter the code.' : null)} />
      <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={verifying}>
        {!endedWords && !withKey && (
          <CodeField
            ref={codeRef}
            kind={mode}
            label={mode === 'otp' ? '2FA code' : 'Recovery code'}
            hint={mode === 'otp' ? '6 digits' : 'Like 7k2m-q9xa-3hfd'}
            value={code}
            onChange={setCode}
            errorId={problem ? alertId : undefined}
          />
        )}
        <FormAlert id={alertId} message={endedWords ?? problem?.message ?? null} />
        {!endedWords && rememberDays !== null && (
          <CheckboxField
            name="rememberBrowser"
            label={`Remember this browser for ${daysWords(rememberDays)}`}
            hint={`No code will be asked for on this browser for ${daysWords(rememberDays)}. Do not tick this on a shared or public computer.`}
            checked={remember}
            onChange={setRemember}
          />
        )}
        {endedWords ? (
          <button ref={signInAgainRef} type="button" className="button button--primary button--wide" onClick={onSignInAgain}>
            Sign in again
          </button>
        ) : withKey ? (
          <button
            type="button"
            className="button button--primary button--wide"
            aria-disabled={verifying}
            onClick={() => void answerWithKey()}
          >
            {verifying ? 'Verifying…' : 'Use security key'}
          </button>
        ) : (
          <button type="submit" className="button button--primary button--wide" aria-disabled={verifying}>
            {verifying ? 'Verifying…' : 'Verify'}
          </button>
        )}
      </form>
      {!endedWords && (
        <div className="challenge__options">
          {sendsCodes && mode === 'otp' && <ResendCode availableAt={resendAt} pending={resending} onResend={() => void handleResend()} />}
          <button type="button" className="link-button" onClick={switchMode}>
            {mode === 'otp' ? 'Use a recovery code' : keyOptions ? 'Use your security key' : `Use the code ${method.codeSource(null)}`}
          </button>
        </div>
      )}
      <p className="muted">
        {SUPPORT_WORDS}
        <SupportContact />
      </p>
      {!endedWords && (
        <p className="challenge__options">
          <button type="button" className="link-button" onClick={() => setLostAccess(true)}>
            Lost access to your 2FA method?
          </button>
          <button type="button" className="link-button" onClick={onSignInAgain}>
            Back to sign in
          </button>
        </p>
      )}
    </div>
  );
}

/**
 * After a sign-in with a recovery code, when few are left: how many, why new ones matter, and a
 * way to make them now. The session exists already; the panel opens when the user goes on.
 */
function FewRecoveryCodesLeft({ remaining, onGoOn }: { remaining: number; onGoOn: (toSettings: boolean) => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        You signed in with a recovery code
      </h2>
      <div className="warning stack stack--tight" role="note" aria-label="Few recovery codes left">
        <p>
          <strong>{recoveryCodesLeftWords(remaining)}</strong>
        </p>
        <p>
          Each one works once. Make a new set now, while you can: without recovery codes, losing your 2FA method means asking support to
          recover your account, which takes days.
        </p>
      </div>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => onGoOn(true)}>
          Get new recovery codes
        </button>
        <button type="button" className="button" onClick={() => onGoOn(false)}>
          Not now
        </button>
      </div>
    </section>
  );
}

function daysWords(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

export default LoginChallenge;
