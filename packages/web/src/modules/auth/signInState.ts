import { PATHS } from '../../app/paths';

/** Router state the session guard leaves for the sign-in page. */
export interface SignInState {
  /** The page that was asked for, to return to after signing in. */
  from: string;
  /** The API refused the session cookie (expired or revoked), as opposed to there being none. */
  sessionEnded: boolean;
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

export function sessionEndedIn(state: unknown): boolean {
  return readState(state).sessionEnded === true;
}
