import type { ReactNode } from 'react';
import { Brand } from './Brand';

/**
 * A page outside the signed-in shell and the sign-in card: the header bar with the product name
 * and the content centred below. index.html shows the same frame (with "Loading…") before the
 * script runs, so the moment React takes over nothing jumps.
 */
export function BootFrame({ busy = false, children }: { busy?: boolean; children: ReactNode }) {
  return (
    <div className="boot">
      <header className="boot__header">
        <div className="boot__bar">
          <span className="brand">
            <Brand />
          </span>
        </div>
      </header>
      <main className="boot__body" aria-busy={busy || undefined}>
        {children}
      </main>
    </div>
  );
}
