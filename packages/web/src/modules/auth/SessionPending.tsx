import { BootFrame } from '../../ui/BootFrame';
import { NETWORK_ERROR_WORDS } from '../errors/errorWords';
import type { Session } from './useSession';

/** Shown while `me` is loading, or when the API could not be reached to ask. */
export function SessionPending({ session }: { session: Extract<Session, { status: 'loading' | 'unavailable' }> }) {
  if (session.status === 'loading') {
    return (
      <BootFrame busy>
        <p role="status" className="muted">
          Loading…
        </p>
      </BootFrame>
    );
  }
  return (
    <BootFrame>
      <p role="alert">{NETWORK_ERROR_WORDS}</p>
      <button type="button" className="button" onClick={session.retry}>
        Try again
      </button>
    </BootFrame>
  );
}
