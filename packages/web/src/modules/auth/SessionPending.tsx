import type { Session } from './useSession';
import { NETWORK_ERROR_WORDS } from '../errors/errorWords';

/** Shown while `me` is loading, or when the API could not be reached to ask. */
export function SessionPending({ session }: { session: Extract<Session, { status: 'loading' | 'unavailable' }> }) {
  if (session.status === 'loading') {
    return (
      <main className="session-pending" aria-busy="true">
        <p role="status">Loading…</p>
      </main>
    );
  }
  return (
    <main className="session-pending">
      <p role="alert">{NETWORK_ERROR_WORDS}</p>
      <button type="button" className="button" onClick={session.retry}>
        Try again
      </button>
    </main>
  );
}
