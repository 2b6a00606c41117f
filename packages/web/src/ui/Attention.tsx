import type { ReactNode } from 'react';

/**
 * The user guide's "Attention" boxes: a warning the reader must not miss, labelled as such.
 * `quiet`: one of several on a page (each method's), set as a labelled line rather than a box, so
 * the page keeps one box for what matters most.
 */
export function Attention({ children, quiet = false }: { children: ReactNode; quiet?: boolean }) {
  return (
    <div className={quiet ? 'attention attention--quiet' : 'attention'} role="note" aria-label="Attention">
      <p className="attention__title" aria-hidden="true">
        Attention
      </p>
      <p>{children}</p>
    </div>
  );
}
