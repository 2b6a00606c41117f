import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: far beyond guessing over a network, so a plain SHA-256 suffices at rest. */
const TOKEN_BYTES = 32;

/** The base64url text of 32 random bytes: always 43 characters of A–Z, a–z, 0–9, `-` and `_`. */
export const OPAQUE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A new bearer secret (a session, a link in an e-mail, a device cookie). Only its hash is stored,
 * so a copy of the database opens nothing.
 */
export const newOpaqueToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

/** How a token is stored and looked up: its SHA-256, hex. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
