import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ResendLoginCodeDocument, VerifyLoginChallengeDocument, type LoginChallengeFieldsFragment } from '../../../generated/graphql';
import { CheckboxField } from '../../../ui/CheckboxField';
import { CodeField } from '../../../ui/CodeField';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { deadlineFrom, formatClock, useSecondsLeft } from '../../../ui/countdown';
import { FormAlert } from '../../../ui/FormAlert';
import { PageHeading } from '../../../ui/PageHeading';
import { ResendCode } from '../../../ui/ResendCode';
import { StatusMessage } from '../../../ui/StatusMessage';
import { LockScreen, type Lock } from './LockScreen';
import { startSession } from '../../auth/sessionCache';
import { attempt } from '../../errors/attempt';
import type { DescribedError } from '../../errors/describeError';
import { SIGN_IN_AGAIN_WORDS, SIGN_IN_ENDING_REASONS } from '../../errors/errorWords';
import { ISSUER_NAME, METHODS, RESEND_WAIT_MS, SEND_LIMIT_WINDOW_MS, SIGN_IN_CHALLENGE_MS, SUPPORT_WORDS } from '../methods';
import '../twoFactor.css';

export interface LoginChallengeProps {
  challenge: LoginChallengeFieldsFragment;
  /** When the challenge arrived (Date.now()), to read its timestamps on this browser's clock. */
  receivedAt: number;
  email: string;
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
 * what to do. When the server allows it, the user may tick "Remember this browser".
 */
export function LoginChallenge({ challenge: initialChallenge, receivedAt, email, onSignInAgain }: LoginChallengeProps) {
  const [challenge, setChallenge] = useState(initialChallenge);
  const [mode, setMode] = useState<Mode>('otp');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const [lock, setLock] = useState<Lock | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
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
  const { sendsCodes } = method;
  const rememberDays = rememberRefused ? null : (challenge.rememberBrowserDays ?? null);
  const timedOut = secondsLeft === 0;
  const endedWords = ended ?? (timedOut ? SIGN_IN_AGAIN_WORDS.CHALLENGE_EXPIRED : null);

  useEffect(() => {
    if (endedWords) signInAgainRef.current?.focus();
  }, [endedWords]);

  function fail(error: DescribedError) {
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
    setNotice(null);
    const variables = { challengeId: challenge.challengeId, code: toSend, rememberBrowser: remember && rememberDays !== null };
    const outcome = await attempt(async () => (await verify({ variables })).data, 'loginCode');
    if (!outcome.ok) return fail(outcome.error);
    // The session guard leaves this page as soon as `me` is in the cache.
    startSession(client, outcome.value.verifyLoginChallenge.user);
  }

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

  if (lock) {
    return (
      <div className="stack">
        <PageHeading title="2FA locked">Two-factor authentication</PageHeading>
        <LockScreen lock={lock} onSignInAgain={onSignInAgain} />
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
          challenge.method === 'TOTP' ? (
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
        <span>
          Signing in as <strong className="breakable">{email}</strong>
        </span>
        <span className="challenge__timer">
          Time left: <span className="tabular">{formatClock(secondsLeft)}</span>
        </span>
      </p>
      <StatusMessage message={notice ?? (lastMinute ? 'Less than a minute is left to enter the code.' : null)} />
      <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={verifying}>
        {!endedWords && (
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
            {mode === 'otp' ? 'Use a recovery code' : `Use the code ${method.codeSource(null)}`}
          </button>
        </div>
      )}
      <p className="muted">{SUPPORT_WORDS}</p>
      {!endedWords && (
        <p>
          <button type="button" className="link-button" onClick={onSignInAgain}>
            Back to sign in
          </button>
        </p>
      )}
    </div>
  );
}

function daysWords(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

export default LoginChallenge;
