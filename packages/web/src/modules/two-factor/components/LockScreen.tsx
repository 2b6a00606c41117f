import { useEffect, useId, useRef } from 'react';
import { formatMoment } from '../../../ui/dateTime';
import { SupportContact } from '../../recovery/SupportContact';
import { SUPPORT_WORDS } from '../methods';

/** Why the sign-in code step cannot go on for now: 2FA checks are locked, or this sign-in took its codes. */
export interface Lock {
  reason: 'LOCKED' | 'CHALLENGE_SPENT';
  /** What the API's refusal means, in the panel's words. */
  message: string;
  /** When a code may be checked again (ms on this browser's clock); null when the API did not say. */
  unlockAt: number | null;
}

const LOCK_WORDS = {
  LOCKED: {
    heading: '2FA checks are locked',
    unlocks: (time: string) => `They unlock at ${time}.`,
    whatToDo: 'Wait until then, then sign in again with your password and a new code. A recovery code works too, once the checks unlock.',
  },
  CHALLENGE_SPENT: {
    heading: 'This sign-in is locked',
    unlocks: (time: string) => `You can sign in again at ${time}.`,
    whatToDo: 'Sign in again with your password to get a new code, or use one of your recovery codes there.',
  },
} as const;

interface LockScreenProps {
  lock: Lock;
  onSignInAgain: () => void;
  /** The support path: ask support to recover the account (the locked sign-in still counts for it). */
  onLostAccess: () => void;
}

/**
 * Instead of a code box that cannot work: what happened, until when, what to do, and the support
 * path. No timer and no "Use a recovery code": nothing is checked until the lock ends.
 */
export function LockScreen({ lock, onSignInAgain, onLostAccess }: LockScreenProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const words = LOCK_WORDS[lock.reason];
  const spent = lock.reason === 'CHALLENGE_SPENT';

  useEffect(() => {
    headingRef.current?.focus();
  }, [lock.reason]);

  return (
    <section className="lock stack" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="lock__heading">
        <svg className="lock__icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
          <rect x="5" y="10.5" width="14" height="10" rx="2" fill="currentColor" />
          <path d="M8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
        {words.heading}
      </h2>
      <p role="alert">{lock.message}</p>
      {lock.unlockAt !== null && (
        <p>
          <strong>{words.unlocks(formatMoment(lock.unlockAt))}</strong>
        </p>
      )}
      <p>{words.whatToDo}</p>
      <p className="muted">
        {SUPPORT_WORDS}
        <SupportContact />
      </p>
      <button type="button" className={`button button--wide ${spent ? 'button--primary' : ''}`} onClick={onSignInAgain}>
        {spent ? 'Sign in again' : 'Back to sign in'}
      </button>
      <p>
        <button type="button" className="link-button" onClick={onLostAccess}>
          Lost access to your 2FA method? Ask support to recover your account
        </button>
      </p>
    </section>
  );
}
