import { useId } from 'react';
import { formatClock, useSecondsLeft } from './countdown';

interface ResendCodeProps {
  /** When the API allows another code (ms on this browser's clock); null: now. */
  availableAt: number | null;
  pending: boolean;
  onResend: () => void;
}

/**
 * "Send a new code" with the wait before it counts down beside it. The button stays focusable
 * while it waits (aria-disabled, not disabled), so pressing it never throws the keyboard focus
 * away; the countdown is its description, read when the button is reached, never shouted.
 */
export function ResendCode({ availableAt, pending, onResend }: ResendCodeProps) {
  const secondsLeft = useSecondsLeft(availableAt) ?? 0;
  const waitId = useId();
  const waiting = secondsLeft > 0;
  const unavailable = waiting || pending;
  return (
    <div className="resend">
      <button
        type="button"
        className="button button--quiet"
        aria-disabled={unavailable}
        aria-describedby={waitId}
        onClick={() => {
          if (!unavailable) onResend();
        }}
      >
        {pending ? 'Sending…' : 'Send a new code'}
      </button>
      <span id={waitId} className="resend__wait">
        {waiting ? `You can ask for a new code in ${formatClock(secondsLeft)}.` : 'Did not get it? You can ask for a new code.'}
      </span>
    </div>
  );
}
