import { registerEnumType } from 'type-graphql';
import { EMAIL_CODE } from './email-code/email-code.definition';
import type { MethodDefinition } from './method.types';
import { SMS_CODE } from './sms-code/sms-code.definition';
import { TOTP } from './totp/totp.definition';
import { WEBAUTHN } from './webauthn/webauthn.definition';

/**
 * Every second-factor method this server knows, strongest first: the one place a method is
 * registered. The GraphQL enum, TWO_FACTOR_METHODS, the notices, the tables and the panel's
 * capabilities all come from this list (docs/adding-a-method.md).
 */
export const METHOD_REGISTRY = [TOTP, WEBAUTHN, EMAIL_CODE, SMS_CODE] as const satisfies readonly MethodDefinition[];

/** A method's id: TOTP, WEBAUTHN, EMAIL, SMS. */
export type MethodId = (typeof METHOD_REGISTRY)[number]['id'];

export const METHOD_IDS: readonly MethodId[] = METHOD_REGISTRY.map((definition) => definition.id);

/**
 * The methods as the schema's TwoFactorMethod enum. Modules that this file loads (a method's
 * resolver and its DTOs) name the enum only inside type-graphql's thunks, which run once the
 * schema is built, after this file has finished loading.
 */
export type TwoFactorMethod = MethodId;
export const TwoFactorMethod = Object.freeze(Object.fromEntries(METHOD_IDS.map((id) => [id, id]))) as { readonly [M in MethodId]: M };

registerEnumType(TwoFactorMethod, {
  name: 'TwoFactorMethod',
  description: 'A second-factor method. At most one is active for a user.',
  valuesConfig: Object.fromEntries(METHOD_REGISTRY.map((definition) => [definition.id, { description: definition.description }])),
});

type SettingsOf<D> = D extends MethodDefinition<string, infer _M, infer Settings> ? Settings : never;

/**
 * The settings of each method that has its own (SMS: where codes may go; WEBAUTHN: the relying
 * party), by id. The composition root reads them from the configuration; the core passes them on
 * without looking.
 */
export type MethodSettings = {
  [D in (typeof METHOD_REGISTRY)[number] as [SettingsOf<D>] extends [void] ? never : D['id']]: SettingsOf<D>;
};

/** The tables the methods keep their state in. */
export const METHOD_ENTITIES = [...new Set(METHOD_REGISTRY.flatMap((definition) => definition.entities))];

/** The resolvers of operations only one method has. */
export const METHOD_RESOLVER_CLASSES = METHOD_REGISTRY.flatMap((definition: MethodDefinition) =>
  definition.resolver ? [definition.resolver.type] : [],
);

export function methodDefinition(id: MethodId): MethodDefinition<MethodId> {
  const found = METHOD_REGISTRY.find((definition) => definition.id === id);
  if (!found) throw new Error(`unknown 2FA method ${String(id)}`);
  return found;
}
