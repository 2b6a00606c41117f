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
 * The page's h1 and document title. After moving between pages inside the app the heading takes
 * focus, so keyboard and screen-reader users start at the new page instead of a stale control.
 */
export function PageHeading({ children, title, focusOnMount = false }: PageHeadingProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  // react-router names the first address of a visit 'default': nothing to move focus from then.
  const arrivedByNavigation = key !== 'default';

  useEffect(() => {
    if (arrivedByNavigation || focusOnMount) headingRef.current?.focus();
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
