import { useEffect, useRef } from 'react';
import { FormAlert } from '../../../ui/FormAlert';

/** A set-up that ran out of time (or was replaced elsewhere): say so, and offer a fresh start. */
export function SetUpOver({ words, onRestart }: { words: string; onRestart: () => void }) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => buttonRef.current?.focus(), []);
  return (
    <section className="card stack">
      <FormAlert id="set-up-over" message={words} />
      <div className="actions">
        <button ref={buttonRef} type="button" className="button button--primary" onClick={onRestart}>
          Start again
        </button>
      </div>
    </section>
  );
}
