import { useId, useState } from 'react';
import { describeError, type DescribedError } from '../errors/describeError';
import { formatDateTime } from '../../ui/dateTime';
import { FormAlert } from '../../ui/FormAlert';
import { LoadFailed } from '../../ui/LoadFailed';
import { describeEvent, type SecurityEvent, type SecurityLogPage } from './eventWords';

/** The entries of the pages read so far, newest first, and whether older ones follow. */
export function entriesOf(page: SecurityLogPage | null | undefined): { events: SecurityEvent[]; hasOlder: boolean } | null {
  return page ? { events: page.edges.map((edge) => edge.node), hasOlder: page.pageInfo.hasNextPage } : null;
}

interface SecurityLogProps {
  /** The entries, newest first; null while they load. */
  events: readonly SecurityEvent[] | null;
  error: DescribedError | null;
  onRetry: () => void;
  /** The list's accessible name, e.g. "Security log of bob@example.com". */
  label: string;
  /** Said when there are no entries. */
  emptyWords: string;
  /** Whether older entries follow, and how to fetch the next page of them. */
  older?: { hasOlder: boolean; load: () => Promise<unknown> };
}

/**
 * A security log as a list (one entry per item, readable at 360 px): what happened in plain words,
 * the reason support gave for a reset, when (in the user's locale) and from which IP address.
 */
export function SecurityLog({ events, error, onRetry, label, emptyWords, older }: SecurityLogProps) {
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
    <>
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
      {older?.hasOlder && <OlderEntries load={older.load} />}
    </>
  );
}

/**
 * "Show older entries": the next page joins the list above (the cache appends it), and the
 * button stays where it was, with the focus, until the oldest entry is shown.
 */
function OlderEntries({ load }: { load: () => Promise<unknown> }) {
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const alertId = useId();

  async function showOlder() {
    if (loading) return;
    setLoading(true);
    setProblem(null);
    try {
      await load();
    } catch (error) {
      setProblem(describeError(error));
    }
    setLoading(false);
  }

  return (
    <div className="stack stack--tight">
      {problem && <FormAlert id={alertId} message={problem.message} />}
      <div className="actions">
        <button type="button" className="button" aria-disabled={loading} onClick={() => void showOlder()}>
          {loading ? 'Loading…' : 'Show older entries'}
        </button>
      </div>
    </div>
  );
}
