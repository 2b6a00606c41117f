import { defineMethod, ProofKind } from '../method.types';
import { SecurityKeyRegistration } from './security-key.types';
import { WebAuthnChallengeEntity } from './webauthn-challenge.entity';
import { WebAuthnCredentialEntity } from './webauthn-credential.entity';
import { WebAuthnMethod, type WebAuthnSettings } from './webauthn.method';
import { WEBAUTHN_MESSAGES } from './webauthn.messages';
import { WebAuthnResolver } from './webauthn.resolver';

export const WEBAUTHN = defineMethod({
  id: 'WEBAUTHN',
  description: 'Security keys and passkeys (WebAuthn): a key registered to the account signs each sign-in. Phishing cannot relay it.',
  sendsCodes: false,
  proof: ProofKind.SECURITY_KEY,
  verifiedMessage: WEBAUTHN_MESSAGES.VERIFIED,
  noticeName: 'a security key or passkey',
  entities: [WebAuthnCredentialEntity, WebAuthnChallengeEntity],
  setupResult: () => SecurityKeyRegistration,
  create: (deps, settings: WebAuthnSettings): WebAuthnMethod => new WebAuthnMethod(WEBAUTHN, deps, settings),
  resolver: {
    type: WebAuthnResolver,
    create: ({ twoFactor, events, module }) => new WebAuthnResolver(twoFactor, events, module),
  },
});
