/**
 * Something a page needs could not be loaded: why (announced), and a way to try again. `card`
 * frames it on its own; without, it sits inside a section that already has one.
 */
export function LoadFailed({ message, onRetry, card = true }: { message: string; onRetry: () => void; card?: boolean }) {
  return (
    <div className={card ? 'card stack' : 'stack'}>
      <p role="alert">{message}</p>
      <div className="actions">
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}
