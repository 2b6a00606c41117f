import type { DescribedError } from '../../errors/describeError';

/** The 2FA settings could not be loaded: the reason, and a way to try again. */
export function SettingsUnavailable({ error, onRetry }: { error: DescribedError; onRetry: () => void }) {
  return (
    <div className="card stack">
      <p role="alert">{error.message}</p>
      <div className="actions">
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}
