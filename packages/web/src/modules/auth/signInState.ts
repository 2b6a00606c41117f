import { PATHS } from '../../app/paths';

/** Router state the session guard leaves for the sign-in page. */
export interface SignInState {
  /** The page that was asked for, to return to after signing in. */
  from: string;
  /** The API refused the session cookie (expired or revoked), as opposed to there being none. */
  sessionEnded: boolean;
  /**
   * The user signed out here: the sign-in page shows while the panel forgets the session, and a
   * later sign-in starts at home, not at the page signed out from.
   */
  signedOut: boolean;
}

function readState(state: unknown): Partial<Record<keyof SignInState, unknown>> {
  return typeof state === 'object' && state !== null ? state : {};
}

/** Only a path inside the panel is followed, never an absolute or protocol-relative URL. */
export function returnPathFrom(state: unknown): string {
  const { from } = readState(state);
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')) return from;
  return PATHS.home;
}

export function signedOutIn(state: unknown): boolean {
  return readState(state).signedOut === true;
}

export function sessionEndedIn(state: unknown): boolean {
  return readState(state).sessionEnded === true;
}
