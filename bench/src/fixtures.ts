/**
 * The bench's accounts, derived from an index so that the seed (SQL, in bulk), the servers and the
 * load generator (another process) agree on ids, e-mails and tokens without passing lists around.
 */

/** The users of each scenario; a digit of every id, so groups never collide. */
export const GROUPS = {
  /** S1: signed in (a session with a bearer token), TOTP on, ten recovery codes. */
  settings: 1,
  /** S2: TOTP on and one open sign-in challenge each; a user serves one success (replay is refused). */
  challenge: 2,
  /** S3: password only (no 2FA), so a right password gives a session. */
  login: 3,
  /** The scale run's resident users: a session and TOTP each, the population the indexes must carry. */
  resident: 4,
} as const;
export type Group = keyof typeof GROUPS;

/** Row kinds: the first digit of an id. */
export const KINDS = { user: 1, session: 2, enrollment: 3, challenge: 4, recoveryCode: 5 } as const;
export type Kind = keyof typeof KINDS;

export const PASSWORD = 'benchmark password';
/** One TOTP secret for every bench user: a code then works for any of them, and each user's replay guard is their own. */
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A UUID-shaped id (what Latchkey stores and checks) from kind, group and index; seed.ts builds the same in SQL. */
function rowId(kind: Kind, group: Group, index: number): string {
  return `${KINDS[kind]}${GROUPS[group]}000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

export const challengeId = (index: number) => rowId('challenge', 'challenge', index);
export const emailOf = (group: Group, index: number) => `${group}-${index}@bench.example`;

/** A bearer token as long as Latchkey's own (43 characters); only its SHA-256 is stored (seed.ts builds the same in SQL). */
export const sessionToken = (group: Group, index: number) => `bench-${group}-token-`.padEnd(43 - String(index).length, '0') + String(index);
