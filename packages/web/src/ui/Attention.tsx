import type { ReactNode } from 'react';

/** The user guide's "Attention" boxes: a warning the reader must not miss, labelled as such. */
export function Attention({ children }: { children: ReactNode }) {
  return (
    <div className="attention" role="note" aria-label="Attention">
      <p className="attention__title" aria-hidden="true">
        Attention
      </p>
      <p>{children}</p>
    </div>
  );
}
