import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Encryption at rest (AES-256-GCM) and keyed hashing (HMAC-SHA-256), both from ENCRYPTION_KEY.
 * Sub-keys are derived with HKDF so one key never serves two purposes.
 */
const FORMAT_VERSION = 'v1';
const IV_BYTES = 12;

export class SecretBox {
  private readonly encryptionKey: Buffer;
  private readonly hashingKey: Buffer;

  constructor(masterKey: Buffer) {
    this.encryptionKey = derive(masterKey, 'latchkey/secret-encryption');
    this.hashingKey = derive(masterKey, 'latchkey/code-hashing');
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url: self-describing, so a key rotation can tell versions apart. */
  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT_VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== FORMAT_VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Unknown sealed secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /**
   * A keyed hash for short codes: a plain SHA-256 of a six-digit code is reversed by trying all
   * million; without the key it cannot be.
   */
  hashCode(code: string): string {
    return createHmac('sha256', this.hashingKey).update(code, 'utf8').digest('hex');
  }

  /** Constant-time comparison of a code with a stored hash. */
  codeMatches(code: string, storedHash: string): boolean {
    const expected = Buffer.from(storedHash, 'hex');
    const actual = Buffer.from(this.hashCode(code), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

function derive(masterKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
}
