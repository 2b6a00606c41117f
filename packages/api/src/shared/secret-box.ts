import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Encryption at rest (AES-256-GCM) and keyed hashing (HMAC-SHA-256), from ENCRYPTION_KEY.
 * Sub-keys are derived with HKDF so one key never serves two purposes. Sealed values name the key
 * that sealed them, so a rotation can go on reading with the previous keys while new values are
 * sealed with the current one (see `latchkey reencrypt-secrets`).
 */
const FORMAT_VERSION = 'v1';
const IV_BYTES = 12;

interface DerivedKeys {
  id: string;
  encryption: Buffer;
  hashing: Buffer;
  devices: Buffer;
}

export class SecretBox {
  private readonly current: DerivedKeys;
  private readonly readable: ReadonlyMap<string, DerivedKeys>;

  constructor(currentKey: Buffer, previousKeys: readonly Buffer[] = []) {
    this.current = deriveKeys(currentKey);
    this.readable = new Map([this.current, ...previousKeys.map(deriveKeys)].map((keys) => [keys.id, keys]));
  }

  /** `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts. */
  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.encryption, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT_VERSION, this.current.id, ...[iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'))].join('.');
  }

  decrypt(sealed: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    if (version !== FORMAT_VERSION || !keyId || !iv || !tag || ciphertext === undefined) throw new Error('Unknown sealed secret format');
    const keys = this.readable.get(keyId);
    if (!keys) throw new Error(`Secret sealed with an unknown key (${keyId}): is ENCRYPTION_KEY_PREVIOUS missing a key?`);
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Whether a sealed value should be sealed again with the current key. */
  isSealedWithPreviousKey(sealed: string): boolean {
    return sealed.split('.')[1] !== this.current.id;
  }

  /**
   * A keyed hash for short codes: a plain SHA-256 of a six-digit code is reversed by trying all
   * million; without the key it cannot be.
   */
  hashCode(code: string): string {
    return hmac(this.current.hashing, code).toString('hex');
  }

  /**
   * The device cookie of a client that came without one, from its user agent and address: the
   * same at each of its sign-ins, so that it is one known device, not one more each time; and
   * unguessable without the key, so that nobody elsewhere can make it and pass for that device.
   * 43 base64url characters, the shape of every opaque token.
   */
  deviceToken(identity: string): string {
    return hmac(this.current.devices, identity).toString('base64url');
  }

  /** Constant-time comparison of a code with a stored hash (made with the current or a previous key). */
  codeMatches(code: string, storedHash: string): boolean {
    const expected = Buffer.from(storedHash, 'hex');
    let matches = false;
    for (const keys of this.readable.values()) {
      const actual = hmac(keys.hashing, code);
      matches = (expected.length === actual.length && timingSafeEqual(expected, actual)) || matches;
    }
    return matches;
  }
}

function deriveKeys(masterKey: Buffer): DerivedKeys {
  return {
    // A short, non-secret fingerprint: enough to pick the key, useless to an attacker.
    id: createHash('sha256').update(masterKey).digest('base64url').slice(0, 8),
    encryption: derive(masterKey, 'latchkey/secret-encryption'),
    hashing: derive(masterKey, 'latchkey/code-hashing'),
    devices: derive(masterKey, 'latchkey/device-cookies'),
  };
}

const hmac = (key: Buffer, value: string) => createHmac('sha256', key).update(value, 'utf8').digest();

function derive(masterKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
}
