import { Component, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { PageHeading } from '../ui/PageHeading';
import { PageLoadError } from './pageCode';

export const PAGE_FAILED_WORDS = {
  notLoaded: {
    heading: 'This page could not be loaded',
    text: 'The panel may have been updated while this tab was open, or the connection dropped. Reload to get the current version.',
  },
  broken: {
    heading: 'Something went wrong',
    text: 'This page ran into a problem and could not be shown. Reload to try again.',
  },
  support: 'If this keeps happening, please contact our technical support.',
} as const;

interface PageErrorBoundaryProps {
  children: ReactNode;
  /** Wraps the message, for a boundary with no page frame around it (the app's outermost one). */
  frame?: (message: ReactNode) => ReactNode;
  /** What Reload does; the page itself unless a test says otherwise. */
  onReload?: () => void;
}

/**
 * Instead of a blank page when a screen's script file fails to load (a deploy while the tab was
 * open) or the screen throws while rendering: what happened, Reload, and the support line. Going
 * to another address tries again, so the menu keeps working around a broken page.
 */
export function PageErrorBoundary({ children, frame = (message) => message, onReload = reloadPage }: PageErrorBoundaryProps) {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary resetKey={pathname} fallback={(error) => frame(<PageFailed error={error} onReload={onReload} />)}>
      {children}
    </ErrorBoundary>
  );
}

function reloadPage() {
  window.location.reload();
}

function PageFailed({ error, onReload }: { error: unknown; onReload: () => void }) {
  const words = error instanceof PageLoadError ? PAGE_FAILED_WORDS.notLoaded : PAGE_FAILED_WORDS.broken;
  return (
    <div className="stack page-failed">
      <PageHeading title={words.heading} focusOnMount>
        {words.heading}
      </PageHeading>
      <p>{words.text}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onReload}>
          Reload
        </button>
      </div>
      <p className="muted">{PAGE_FAILED_WORDS.support}</p>
    </div>
  );
}

interface ErrorBoundaryProps {
  children: ReactNode;
  /** A change (the address) clears the error and renders the children again. */
  resetKey: string;
  fallback: (error: unknown) => ReactNode;
}

interface ErrorBoundaryState {
  caught: { error: unknown } | null;
  resetKey: string;
}

/** React catches render errors only in a class component with these methods (and logs them itself). */
class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { caught: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { caught: { error } };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: ErrorBoundaryState): Partial<ErrorBoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { caught: null, resetKey: props.resetKey };
  }

  override render() {
    return this.state.caught ? this.props.fallback(this.state.caught.error) : this.props.children;
  }
}
