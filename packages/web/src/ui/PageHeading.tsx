import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

const PRODUCT_NAME = 'HostKey';

interface PageHeadingProps {
  children: ReactNode;
  /** The browser tab's title, before " · HostKey". */
  title: string;
  /** Focus the heading when it appears without a change of address (a step inside one page). */
  focusOnMount?: boolean;
}

/**
 * Marks what should take the focus instead of the h1 when a page is arrived at: something shown
 * above the page that the user must not miss (the first-login prompt, when it first appears).
 */
export const PAGE_START_ATTRIBUTE = 'data-page-start';

/**
 * The page's h1 and document title. After moving between pages inside the app the heading takes
 * focus (or what is marked as the page's start, above it), so keyboard and screen-reader users
 * start at the new page, hearing its name, instead of at a stale control.
 */
export function PageHeading({ children, title, focusOnMount = false }: PageHeadingProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  // react-router names the first address of a visit 'default': nothing to move focus from then.
  const arrivedByNavigation = key !== 'default';

  useEffect(() => {
    if (!arrivedByNavigation && !focusOnMount) return;
    const pageStart = document.querySelector<HTMLElement>(`[${PAGE_START_ATTRIBUTE}]`);
    (pageStart ?? headingRef.current)?.focus();
  }, [key, arrivedByNavigation, focusOnMount]);

  return (
    <>
      <title>{`${title} · ${PRODUCT_NAME}`}</title>
      <h1 className="page-heading" ref={headingRef} tabIndex={-1}>
        {children}
      </h1>
    </>
  );
}
