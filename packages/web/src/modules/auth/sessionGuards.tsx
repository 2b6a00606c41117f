import { createContext, useContext, useDeferredValue } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { PATHS } from '../../app/paths';
import { returnPathFrom, signedOutIn, type SignInState } from './signInState';
import type { SessionUser } from './sessionCache';
import { SessionPending } from './SessionPending';
import { useSession } from './useSession';

const SignedInUserContext = createContext<SessionUser | null>(null);

/** The signed-in user, for components rendered inside `RequireSession`. */
export function useSignedInUser(): SessionUser {
  const user = useContext(SignedInUserContext);
  if (!user) throw new Error('useSignedInUser is only available inside <RequireSession>');
  return user;
}

/** Protected routes: signed-out visitors go to the sign-in page, which brings them back here. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  // Once the API says who is signed in, the frame and the page render in the background, in slices
  // between which the browser paints and answers input, while the pending frame stays: rendered at
  // once, the whole page was one task of 30 ms and more (four times that on a slow phone). Only
  // this step waits: a change of user data renders at once, and signing out leaves at once.
  const shownStatus = useDeferredValue(session.status);
  if (session.status === 'signed-in' && shownStatus !== 'signed-in') return <SessionPending session={{ status: 'loading' }} />;
  switch (session.status) {
    case 'loading':
    case 'unavailable':
      return <SessionPending session={session} />;
    case 'signed-out': {
      const state: SignInState = {
        from: location.pathname + location.search + location.hash,
        sessionEnded: session.sessionEnded,
        signedOut: false,
      };
      return <Navigate to={PATHS.signIn} replace state={state} />;
    }
    case 'signed-in':
      return (
        <SignedInUserContext value={session.user}>
          <Outlet />
        </SignedInUserContext>
      );
  }
}

/** Sign-in and registration: once a session exists (also right after signing in), move on. */
export function RequireSignedOut() {
  const session = useSession();
  const location = useLocation();
  switch (session.status) {
    case 'loading':
    case 'unavailable':
      return <SessionPending session={session} />;
    case 'signed-in':
      // Right after Sign out, the session is still cached for a moment: the sign-in page shows.
      return signedOutIn(location.state) ? <Outlet /> : <Navigate to={returnPathFrom(location.state)} replace />;
    case 'signed-out':
      return <Outlet />;
  }
}
