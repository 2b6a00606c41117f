import { randomUUID } from 'node:crypto';
import path from 'node:path';

type VonageSenderModule = typeof import('../../../src/delivery/vonage/vonage-sms.sender');

/**
 * Lets this test file load @vonage/server-sdk. Its chain @vonage/auth → @vonage/jwt requires
 * `uuid` 14, which ships only as an ES module: Node 20.19+ loads it through require(esm), Jest's
 * module loader cannot before Node 24.9 ("Must use import to load ES Module"). uuid serves only
 * JWT auth (a `jti`); the SMS API signs in with Basic auth and never calls it. So, for the test
 * runtime only, that one file is swapped for Node's own v4 UUIDs; every Vonage package stays real.
 */
export function allowVonageUnderJest(): void {
  let from = require.resolve('@vonage/server-sdk');
  for (const name of ['@vonage/auth', '@vonage/jwt', 'uuid']) {
    from = require.resolve(name, { paths: [path.dirname(from)] });
  }
  jest.doMock(from, () => ({ v4: () => randomUUID() }));
}

export function loadVonageSender(): VonageSenderModule {
  allowVonageUnderJest();
  return require('../../../src/delivery/vonage/vonage-sms.sender') as VonageSenderModule;
}
