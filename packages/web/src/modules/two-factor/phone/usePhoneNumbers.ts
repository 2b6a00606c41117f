import { useEffect, useState } from 'react';
import { loadPageCode } from '../../../app/pageCode';
import type * as phoneNumbersModule from './phoneNumbers';

type PhoneNumbers = typeof phoneNumbersModule;

let loaded: PhoneNumbers | null = null;

/**
 * Loads the phone-number module (its metadata is most of its weight), for the SMS set-up only.
 * The SMS route waits for it with its own code, so the form has it from its first paint.
 */
export function loadPhoneNumbers(): Promise<PhoneNumbers> {
  return loadPageCode(() => import('./phoneNumbers')).then((module) => (loaded = module));
}

/** The phone-number module once loaded (at once when the route loaded it); null until then, or when not `wanted`. */
export function usePhoneNumbers(wanted = true): PhoneNumbers | null {
  const [numbers, setNumbers] = useState(loaded);
  useEffect(() => {
    if (numbers || !wanted) return;
    // A failure leaves the form without examples; the API still checks the number.
    loadPhoneNumbers().then(setNumbers, () => undefined);
  }, [numbers, wanted]);
  return wanted ? numbers : null;
}
