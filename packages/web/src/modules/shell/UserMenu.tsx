import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import type { Role } from '../../generated/graphql';
import { isAdmin, isStaff } from '../auth/roles';
import { useSignOut } from '../auth/useSignOut';

/**
 * "User Name » Settings for 2FA" from the user guide, then the account (address, password,
 * sessions), the security log, for staff the support pages (resets, recovery requests) and, for
 * admins, the Webhooks and Administration pages. Built as a disclosure (a button that shows a
 * list of a link and a button) rather than an ARIA menu: it holds navigation, and plain links and
 * Tab order work for everyone without the menu keyboard model.
 */
export function UserMenu({ userName, role }: { userName: string; role: Role }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const { signOut, pending, error } = useSignOut();

  useCloseOnOutsidePointer(open, rootRef, () => setOpen(false));

  function handleKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && open) {
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  // Tabbing out of the menu closes it, so it never hides content behind the keyboard focus.
  function handleBlur(event: FocusEvent) {
    if (!rootRef.current?.contains(event.relatedTarget)) setOpen(false);
  }

  return (
    <div className="user-menu" ref={rootRef} onKeyDown={handleKeyDown} onBlur={handleBlur}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        <span className="user-menu__name">{userName}</span>
        <svg className="user-menu__chevron" aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.75" />
        </svg>
      </button>
      <nav id={panelId} className="user-menu__panel" aria-label="User menu" hidden={!open}>
        <ul className="user-menu__items">
          <li>
            <Link className="user-menu__item" to={PATHS.twoFactorSettings} onClick={() => setOpen(false)}>
              Settings for 2FA
            </Link>
          </li>
          <li>
            <Link className="user-menu__item" to={PATHS.account} onClick={() => setOpen(false)}>
              Account
            </Link>
          </li>
          <li>
            <Link className="user-menu__item" to={PATHS.securityLog} onClick={() => setOpen(false)}>
              Security log
            </Link>
          </li>
          {isStaff(role) && (
            <>
              <li>
                <Link className="user-menu__item" to={PATHS.supportReset} onClick={() => setOpen(false)}>
                  Support: reset 2FA
                </Link>
              </li>
              <li>
                <Link className="user-menu__item" to={PATHS.supportRecovery} onClick={() => setOpen(false)}>
                  Support: recovery requests
                </Link>
              </li>
            </>
          )}
          {isAdmin(role) && (
            <>
              <li>
                <Link className="user-menu__item" to={PATHS.webhooks} onClick={() => setOpen(false)}>
                  Webhooks
                </Link>
              </li>
              <li>
                <Link className="user-menu__item" to={PATHS.administration} onClick={() => setOpen(false)}>
                  Administration
                </Link>
              </li>
            </>
          )}
          <li>
            <button
              type="button"
              className="user-menu__item"
              aria-disabled={pending}
              onClick={() => {
                if (!pending) void signOut();
              }}
            >
              {pending ? 'Signing out…' : 'Sign out'}
            </button>
          </li>
        </ul>
        <p role="alert" className={error ? 'alert alert--error user-menu__alert' : 'alert alert--empty'}>
          {error?.message}
        </p>
      </nav>
    </div>
  );
}

function useCloseOnOutsidePointer(open: boolean, rootRef: RefObject<HTMLElement | null>, close: () => void) {
  useEffect(() => {
    if (!open) return;
    function handlePointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) close();
    }
    document.addEventListener('pointerdown', handlePointerDown);
    return () => document.removeEventListener('pointerdown', handlePointerDown);
  }, [open, rootRef, close]);
}
