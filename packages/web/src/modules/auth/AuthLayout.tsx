import type { ReactNode } from 'react';
import { Brand } from '../../ui/Brand';
import './auth.css';

/** The frame of the signed-out pages: the product name above one centred card. */
export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="auth-layout">
      <header className="auth-layout__brand">
        <span className="brand">
          <Brand />
        </span>
      </header>
      <main className="auth-layout__card card">{children}</main>
    </div>
  );
}
