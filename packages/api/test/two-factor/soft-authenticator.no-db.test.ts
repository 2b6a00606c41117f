import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { SoftAuthenticator, cbor } from '../support/soft-authenticator';

const ORIGIN = 'http://localhost:4000';

/** The test authenticator is only useful if the real library accepts what it makes, and refuses what it should. */
describe('the software authenticator of the tests', () => {
  it('encodes CBOR as RFC 8949 says', () => {
    expect(cbor(10).toString('hex')).toBe('0a');
    expect(cbor(-7).toString('hex')).toBe('26');
    expect(cbor(500).toString('hex')).toBe('1901f4');
    expect(cbor('none').toString('hex')).toBe('646e6f6e65');
    expect(cbor({ a: new Uint8Array([1, 2]) }).toString('hex')).toBe('a161614201' + '02');
  });

  it('registers and signs in as SimpleWebAuthn expects, with a growing counter', async () => {
    const key = new SoftAuthenticator({ origin: ORIGIN });
    const creation = await generateRegistrationOptions({
      rpName: 'HostKey',
      rpID: 'localhost',
      userName: 'a@example.com',
      attestationType: 'none',
    });
    const registration = await verifyRegistrationResponse({
      response: JSON.parse(key.register(JSON.stringify(creation))),
      expectedChallenge: creation.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: 'localhost',
    });
    expect(registration.verified).toBe(true);
    const credential = registration.registrationInfo!.credential;
    expect(credential.id).toBe(key.id);
    expect(credential.counter).toBe(1);

    const request = await generateAuthenticationOptions({ rpID: 'localhost', allowCredentials: [{ id: key.id }] });
    const assertion = await verifyAuthenticationResponse({
      response: JSON.parse(key.sign(JSON.stringify(request))),
      expectedChallenge: request.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: 'localhost',
      credential,
    });
    expect(assertion).toMatchObject({ verified: true, authenticationInfo: { newCounter: 2 } });

    // A bad signature, another origin, or a counter that did not grow are all refused.
    const check = (response: string, counter = 2) =>
      verifyAuthenticationResponse({
        response: JSON.parse(response),
        expectedChallenge: request.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: 'localhost',
        credential: { ...credential, counter },
      });
    await expect(check(key.sign(JSON.stringify(request), { tamper: true }))).resolves.toMatchObject({ verified: false });
    await expect(check(key.sign(JSON.stringify(request), { origin: 'https://evil.example' }))).rejects.toThrow(/origin/i);
    key.counter = 0;
    await expect(check(key.sign(JSON.stringify(request)))).rejects.toThrow(/counter/i);
  });
});
