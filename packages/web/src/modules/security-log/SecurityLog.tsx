import type { DescribedError } from '../errors/describeError';
import { formatDateTime } from '../../ui/dateTime';
import { LoadFailed } from '../../ui/LoadFailed';
import { describeEvent, type SecurityEvent } from './eventWords';

interface SecurityLogProps {
  /** The entries, newest first; null while they load. */
  events: readonly SecurityEvent[] | null;
  error: DescribedError | null;
  onRetry: () => void;
  /** The list's accessible name, e.g. "Security log of bob@example.com". */
  label: string;
  /** Said when there are no entries. */
  emptyWords: string;
}

/**
 * A security log as a list (one entry per item, readable at 360 px): what happened in plain words,
 * the reason support gave for a reset, when (in the user's locale) and from which IP address.
 */
export function SecurityLog({ events, error, onRetry, label, emptyWords }: SecurityLogProps) {
  if (!events) {
    return error ? (
      <LoadFailed message={error.message} onRetry={onRetry} />
    ) : (
      <p role="status" className="muted" aria-busy="true">
        Loading the security log…
      </p>
    );
  }
  if (events.length === 0) return <p className="card muted security-log__empty">{emptyWords}</p>;
  return (
    <ol className="ruled-list ruled-list--framed security-log" aria-label={label}>
      {events.map((event) => {
        const { what, reason } = describeEvent(event);
        return (
          <li key={event.id} className={`security-log__entry security-log__entry--${event.type.toLowerCase()}`}>
            <p className="security-log__what">{what}</p>
            {reason && <p className="security-log__reason breakable">Reason: {reason}</p>}
            <p className="security-log__meta">
              <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
              {event.ip && <span className="tabular breakable">IP address {event.ip}</span>}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
