import { useEffect, useState } from 'react';

const TICK_MS = 1_000;
/** Slack for the time between the server writing a timestamp and the answer arriving here. */
const TRANSIT_SLACK_MS = 5_000;

/**
 * When something the server timed (a sign-in that ends, a resend that becomes possible) happens,
 * on this browser's clock. The server's timestamp is used when it is plausible; a browser clock
 * that is far off would otherwise show a sign-in as already over, so then the wait is counted
 * from now, `longestMs` being how long the server gives at most.
 */
export function deadlineFrom(isoTimestamp: string, receivedAtMs: number, longestMs: number): number {
  const remaining = Date.parse(isoTimestamp) - receivedAtMs;
  const plausible = Number.isFinite(remaining) && remaining >= 0 && remaining <= longestMs + TRANSIT_SLACK_MS;
  return receivedAtMs + (plausible ? remaining : longestMs);
}

/** Whole seconds until `deadlineMs` (0 once it has passed), updated every second; null without one. */
export function useSecondsLeft(deadlineMs: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  const done = deadlineMs === null || now >= deadlineMs;

  useEffect(() => {
    // The clock is outside React: read it again as soon as the deadline changes, then every second.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- synchronising with that outside clock
    setNow(Date.now());
    if (deadlineMs === null) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= deadlineMs) clearInterval(timer);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [deadlineMs]);

  if (deadlineMs === null) return null;
  return done ? 0 : Math.ceil((deadlineMs - now) / 1000);
}

/** 542 → "9:02": how a running clock reads. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
