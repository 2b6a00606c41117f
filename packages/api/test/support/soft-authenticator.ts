import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A security key in software, for tests: an ES256 key from node:crypto, answers built byte by
 * byte as an authenticator and a browser build them (CBOR attestation object with fmt "none",
 * authenticator data, client data JSON), so the server's real WebAuthn library checks them.
 */

type Cbor = number | string | Uint8Array | Cbor[] | Map<Cbor, Cbor> | { [key: string]: Cbor };

/** The CBOR a WebAuthn authenticator writes: integers, byte and text strings, arrays and maps. */
export function cbor(value: Cbor): Buffer {
  const head = (major: number, length: number): Buffer => {
    if (length < 24) return Buffer.from([(major << 5) | length]);
    if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
    if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(length, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_DATA = 0x40;

export interface SoftAuthenticatorOptions {
  /** The origin the "browser" reports (the page's). */
  origin: string;
  /** How much the signature counter grows per use; 0 for a key that keeps no counter (a synced passkey). */
  counterStep?: number;
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /** The signature counter; tests may set it back to play a cloned key. */
  counter = 0;
  private readonly counterStep: number;

  constructor(private readonly options: SoftAuthenticatorOptions) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.counterStep = options.counterStep ?? 1;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  /** The answer of navigator.credentials.create() to registration options, as JSON. */
  register(optionsJSON: string, overrides: { origin?: string } = {}): string {
    const options = JSON.parse(optionsJSON) as { challenge: string; rp: { id: string } };
    const clientDataJSON = this.clientData('webauthn.create', options.challenge, overrides.origin);
    const jwk = this.publicKey.export({ format: 'jwk' });
    const coseKey = new Map<Cbor, Cbor>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16) /* aaguid */, idLength, this.credentialId, cbor(coseKey)]);
    const authData = Buffer.concat([this.authDataHead(options.rp.id, FLAG_ATTESTED_DATA), attested]);
    const attestationObject = cbor({ fmt: 'none', attStmt: {}, authData });
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['usb'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'cross-platform',
    });
  }

  /** The answer of navigator.credentials.get() to authentication options, as JSON. */
  sign(optionsJSON: string, overrides: { origin?: string; tamper?: boolean } = {}): string {
    const options = JSON.parse(optionsJSON) as { challenge: string; rpId: string };
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, overrides.origin);
    const authData = this.authDataHead(options.rpId, 0);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    if (overrides.tamper) signature[signature.length - 1]! ^= 0xff;
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'cross-platform',
    });
  }

  private clientData(type: string, challenge: string, origin = this.options.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
  }

  /** rpIdHash, flags (user present and verified, plus `extraFlags`) and the counter after this use. */
  private authDataHead(rpId: string, extraFlags: number): Buffer {
    this.counter += this.counterStep;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    return Buffer.concat([sha256(rpId), Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED | extraFlags]), counter]);
  }
}
