/**
 * Every password, code, token, TOTP secret and recovery code the tests send or receive. Each test
 * app checks at close that none of them reached its logs.
 */
const seen = new Set<string>();
const SECRET_KEYS = new Set(['password', 'code', 'proof', 'token', 'secret', 'recoveryCodes', 'otpauthUri']);
// Short values ("1", "true") would match by accident; real secrets are 6 characters or more.
const MIN_LENGTH = 6;

export function rememberSecret(value: unknown): void {
  if (typeof value === 'string' && value.length >= MIN_LENGTH) seen.add(value);
}

/** Walks variables or a response and remembers every value under a secret-bearing key. */
export function rememberSecretsIn(value: unknown, underSecretKey = false): void {
  if (Array.isArray(value)) {
    for (const item of value) rememberSecretsIn(item, underSecretKey);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) rememberSecretsIn(inner, underSecretKey || SECRET_KEYS.has(key));
  } else if (underSecretKey) {
    rememberSecret(value);
  }
}

/**
 * The remembered values that appear in `text`. An all-digit code counts only as a whole word: six
 * digits turn up by chance inside timestamps and inside the hex of request ids and user ids (about
 * once in seven million UUIDs for a given code, but a test file logs thousands of UUIDs and
 * remembers hundreds of codes, and one CI run met it), while a leaked code stands alone
 * (`"code":"675123"`).
 */
export function secretsFoundIn(text: string): string[] {
  return [...seen].filter((secret) =>
    /^\d+$/.test(secret) ? new RegExp(`(?<![0-9A-Za-z])${secret}(?![0-9A-Za-z])`).test(text) : text.includes(secret),
  );
}
