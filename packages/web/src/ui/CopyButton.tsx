import { useEffect, useState } from 'react';

const CONFIRMATION_MS = 2_000;

interface CopyButtonProps {
  text: string;
  /** The button's words, e.g. "Copy key"; it says "Copied" for a moment after a copy. */
  label: string;
  className?: string;
}

/**
 * Copies to the clipboard and confirms in place. The confirmation lives in a live region, so a
 * screen reader hears it too; when the browser refuses (no permission, no secure context) the
 * button says so instead of failing silently.
 */
export function CopyButton({ text, label, className = 'button' }: CopyButtonProps) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);

  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  }

  return (
    <span className="copy">
      <button type="button" className={className} onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy__outcome" role="status">
        {outcome === 'copied' && 'Copied'}
        {outcome === 'failed' && 'Could not copy: select the text and copy it instead.'}
      </span>
    </span>
  );
}
