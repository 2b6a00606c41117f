import { registerEnumType } from 'type-graphql';

export enum ApiTokenScope {
  READ = 'READ',
  SUPPORT_READ = 'SUPPORT_READ',
}

registerEnumType(ApiTokenScope, {
  name: 'ApiTokenScope',
  description: 'What an API token may read. Tokens only ever read: no scope reaches a field that changes anything.',
  valuesConfig: {
    READ: { description: 'Your own account: `me`, `twoFactorSettings`, the security log (`securityLog`) and `apiTokens`.' },
    SUPPORT_READ: {
      description:
        'Staff only (SUPPORT or ADMIN, checked again at every use): `users` and `userSecurityLog`, recorded in the audit log as the same reads by a session are.',
    },
  },
});

/** Every token reaches these whatever its scopes: who it belongs to, and the public error catalogue. */
const EVERY_TOKEN = ['Query.me', 'Query.errorCatalogue'];

/**
 * The root fields each scope reaches; every other field is refused to a token (default deny), so
 * a field added to the schema stays closed to tokens until it is listed here. Only Query fields
 * may ever be listed (a test holds every entry to that).
 */
export const API_TOKEN_SCOPE_FIELDS: Readonly<Record<ApiTokenScope, readonly string[]>> = {
  [ApiTokenScope.READ]: ['Query.twoFactorSettings', 'Query.securityLog', 'Query.securityEvents', 'Query.apiTokens'],
  [ApiTokenScope.SUPPORT_READ]: ['Query.users', 'Query.userSecurityLog', 'Query.searchUsers', 'Query.userSecurityEvents'],
};

/** The scopes only staff may give a token. */
export const STAFF_SCOPES: readonly ApiTokenScope[] = [ApiTokenScope.SUPPORT_READ];

/** The root fields a token of these scopes reaches. */
export function fieldsReached(scopes: readonly ApiTokenScope[]): ReadonlySet<string> {
  return new Set([...EVERY_TOKEN, ...scopes.flatMap((scope) => API_TOKEN_SCOPE_FIELDS[scope] ?? [])]);
}
