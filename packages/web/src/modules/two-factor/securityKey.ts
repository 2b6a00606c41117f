import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { DescribedError } from '../errors/describeError';

/** What the browser's prompt answers: the key's JSON to send as a code or proof, or why there is none. */
export type KeyAnswer = { ok: true; json: string } | { ok: false; error: DescribedError };

const PROMPT_CLOSED_WORDS = 'The security key prompt was closed or timed out. Try again, and touch your key when it blinks.';
const NOT_SUPPORTED_WORDS = 'This browser cannot use security keys here. Use another browser, or a recovery code.';

/** Asks the browser to register a new key with the API's options (navigator.credentials.create()). */
export function registerSecurityKey(optionsJSON: string): Promise<KeyAnswer> {
  return ask(() => startRegistration({ optionsJSON: JSON.parse(optionsJSON) as PublicKeyCredentialCreationOptionsJSON }));
}

/** Asks the browser to sign the API's challenge with a registered key (navigator.credentials.get()). */
export function signWithSecurityKey(optionsJSON: string): Promise<KeyAnswer> {
  return ask(() => startAuthentication({ optionsJSON: JSON.parse(optionsJSON) as PublicKeyCredentialRequestOptionsJSON }));
}

async function ask(prompt: () => Promise<object>): Promise<KeyAnswer> {
  try {
    return { ok: true, json: JSON.stringify(await prompt()) };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    // The user closed the prompt, it timed out, or the key is not one of this account's.
    if (name === 'NotAllowedError' || name === 'AbortError' || name === 'InvalidStateError') {
      return { ok: false, error: { message: PROMPT_CLOSED_WORDS } };
    }
    return { ok: false, error: { message: NOT_SUPPORTED_WORDS } };
  }
}
