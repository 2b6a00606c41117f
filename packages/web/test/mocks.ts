import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GraphQLFormattedError } from 'graphql';
import type { MockLink } from '@apollo/client/testing';
import { OpenAccountRecoveryDocument, type AccountRecoveryFieldsFragment } from '../src/modules/recovery/graphql/recovery.generated';
import { SupportContactDocument } from '../src/modules/recovery/graphql/recoveryRequest.generated';
import {
  LoginDocument,
  LogoutDocument,
  MeDocument,
  RegisterDocument,
  type LoginMutation,
  type SessionUserFragment,
} from '../src/modules/auth/graphql/session.generated';
import {
  RememberedBrowsersDocument,
  type RememberedBrowserFieldsFragment,
} from '../src/modules/two-factor/graphql/rememberedBrowsers.generated';
import {
  TwoFactorSettingsDocument,
  type TwoFactorSettingsFieldsFragment,
} from '../src/modules/two-factor/graphql/twoFactorSettings.generated';
import type { SecurityEventFieldsFragment, SecurityLogPageFieldsFragment } from '../src/modules/security-log/graphql/securityLog.generated';
import { UsersDocument, type UserSummaryFieldsFragment } from '../src/modules/support/graphql/support.generated';

/** Canned API answers for MockedProvider, typed by the generated documents. */

export const ALICE: SessionUserFragment = {
  __typename: 'User',
  id: 'user-1',
  email: 'alice@example.com',
  role: 'CUSTOMER',
};

export const ALICE_PASSWORD = 'correct horse battery';

type Mock = MockLink.MockedResponse;

export function meAnswers(me: SessionUserFragment | null): Mock {
  return { request: { query: MeDocument }, result: { data: { __typename: 'Query', me } } };
}

export function meRefused(error: GraphQLFormattedError): Mock {
  return { request: { query: MeDocument }, result: { data: null, errors: [error] } };
}

export function meFails(): Mock {
  return { request: { query: MeDocument }, error: new TypeError('Failed to fetch') };
}

export function loginAnswers(variables: { email: string; password: string }, login: LoginMutation['login']): Mock {
  return { request: { query: LoginDocument, variables }, result: { data: { __typename: 'Mutation', login } } };
}

export function loginSucceeds(user: SessionUserFragment = ALICE, password = ALICE_PASSWORD): Mock {
  return loginAnswers({ email: user.email, password }, { __typename: 'AuthPayload', user });
}

/** A GraphQL error as the API sends it: the message is for logs, `extensions` for the panel. */
export function graphQLError(code: string, extensions: Record<string, unknown> = {}): GraphQLFormattedError {
  return { message: `server text for ${code}`, extensions: { code, ...extensions } };
}

export function loginFails(variables: { email: string; password: string }, error: GraphQLFormattedError): Mock {
  return { request: { query: LoginDocument, variables }, result: { data: null, errors: [error] } };
}

export function loginNetworkFails(variables: { email: string; password: string }): Mock {
  return { request: { query: LoginDocument, variables }, error: new TypeError('Failed to fetch') };
}

export function registerSucceeds(user: SessionUserFragment, password: string): Mock {
  return {
    request: { query: RegisterDocument, variables: { email: user.email, password } },
    result: { data: { __typename: 'Mutation', register: { __typename: 'AuthPayload', user } } },
  };
}

export function registerFails(variables: { email: string; password: string }, error: GraphQLFormattedError): Mock {
  return { request: { query: RegisterDocument, variables }, result: { data: null, errors: [error] } };
}

export function logoutSucceeds(): Mock {
  return { request: { query: LogoutDocument }, result: { data: { __typename: 'Mutation', logout: true } } };
}

export function logoutNetworkFails(): Mock {
  return { request: { query: LogoutDocument }, error: new TypeError('Failed to fetch') };
}

/* Generic answers, typed by the generated documents: `data` is what the operation selects. */

type Document<TData, TVariables> = TypedDocumentNode<TData, TVariables>;

export function answers<TData, TVariables extends Record<string, unknown>>(
  query: Document<TData, TVariables>,
  variables: TVariables | undefined,
  data: TData,
): Mock {
  return { request: { query, variables }, result: { data: data as Record<string, unknown> } };
}

export function refuses<TData, TVariables extends Record<string, unknown>>(
  query: Document<TData, TVariables>,
  variables: TVariables | undefined,
  error: GraphQLFormattedError,
): Mock {
  return { request: { query, variables }, result: { data: null, errors: [error] } };
}

export function cannotReach<TData, TVariables extends Record<string, unknown>>(
  query: Document<TData, TVariables>,
  variables: TVariables | undefined,
): Mock {
  return { request: { query, variables }, error: new TypeError('Failed to fetch') };
}

/* Two-factor settings */

export type Settings = TwoFactorSettingsFieldsFragment;

/** What each method can do, as the API's registry says it. */
export const METHOD_CAPABILITIES: Settings['methods'] = [
  { __typename: 'TwoFactorMethodCapabilities', method: 'TOTP', sendsCodes: false, proof: 'CODE' },
  { __typename: 'TwoFactorMethodCapabilities', method: 'EMAIL', sendsCodes: true, proof: 'CODE' },
  { __typename: 'TwoFactorMethodCapabilities', method: 'SMS', sendsCodes: true, proof: 'CODE' },
];

export const SETTINGS_OFF: Settings = {
  __typename: 'TwoFactorSettings',
  enabled: false,
  method: null,
  maskedDestination: null,
  activeSince: null,
  pending: null,
  recoveryCodesRemaining: 0,
  promptToEnable: false,
  required: false,
  requiredBy: null,
  availableMethods: ['TOTP', 'EMAIL', 'SMS'],
  methods: METHOD_CAPABILITIES,
  securityKeys: [],
  smsCountries: null,
};

export function settingsWith(changes: Partial<Settings>): Settings {
  return { ...SETTINGS_OFF, ...changes };
}

/** When the active method of the `…_ON` settings was verified. */
export const ACTIVE_SINCE = '2026-03-14T09:26:53.000Z';

export const TOTP_ON = settingsWith({ enabled: true, method: 'TOTP', activeSince: ACTIVE_SINCE, recoveryCodesRemaining: 10 });
export const EMAIL_ON = settingsWith({
  enabled: true,
  method: 'EMAIL',
  maskedDestination: 'a***@example.com',
  activeSince: ACTIVE_SINCE,
  recoveryCodesRemaining: 10,
});
export const SMS_ON = settingsWith({
  enabled: true,
  method: 'SMS',
  maskedDestination: '+44 *** *** 56',
  activeSince: ACTIVE_SINCE,
  recoveryCodesRemaining: 10,
});

/** `twoFactorSettings` answered with `settings` as often as it is asked. */
export function settingsAnswer(settings: Settings, times = Number.POSITIVE_INFINITY): Mock {
  return {
    request: { query: TwoFactorSettingsDocument },
    result: { data: { __typename: 'Query', twoFactorSettings: settings } },
    maxUsageCount: times,
  };
}

/* Remembered browsers */

export type Browser = RememberedBrowserFieldsFragment;

/** A browser that skips the 2FA code, as `rememberedBrowsers` lists it. */
export function rememberedBrowser(changes: Partial<Browser> = {}): Browser {
  return {
    __typename: 'RememberedBrowser',
    id: '0b6f1f57-4d2c-4a41-9d1e-5b1c7d0e2a10',
    label: 'Firefox on Windows',
    ip: '203.0.113.7',
    lastUsedAt: '2026-03-14T09:26:53.000Z',
    expiresAt: '2026-04-13T09:26:53.000Z',
    current: false,
    ...changes,
  };
}

/** `rememberedBrowsers` answered with `browsers` as often as it is asked (default), or `times` times. */
export function browsersAnswer(browsers: Browser[], times = Number.POSITIVE_INFINITY): Mock {
  return {
    request: { query: RememberedBrowsersDocument },
    result: { data: { __typename: 'Query', rememberedBrowsers: browsers } },
    maxUsageCount: times,
  };
}

export const RECOVERY_CODES = [
  'ab12-cd34-ef56',
  'gh78-jk90-mn12',
  'pq34-rs56-tv78',
  'wx90-yz12-ab34',
  'cd56-ef78-gh90',
  'jk12-mn34-pq56',
  'rs78-tv90-wx12',
  'yz34-ab56-cd78',
  'ef90-gh12-jk34',
  'mn56-pq78-rs90',
];

/** An ISO time `seconds` from now, as the API would stamp it. */
export function inSeconds(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}

/* Security log and support */

export const SUPPORT_STAFF: SessionUserFragment = {
  __typename: 'User',
  id: 'staff-1',
  email: 'sam@hostkey.example',
  role: 'SUPPORT',
};

let eventNumber = 0;

/** One entry of a security log, as the API answers it. */
export function securityEvent(
  type: SecurityEventFieldsFragment['type'],
  changes: Partial<SecurityEventFieldsFragment> = {},
): SecurityEventFieldsFragment {
  eventNumber += 1;
  return {
    __typename: 'SecurityEvent',
    id: `event-${eventNumber}`,
    type,
    method: null,
    ip: '203.0.113.7',
    detail: null,
    count: 1,
    createdAt: '2026-03-14T09:26:53.000Z',
    ...changes,
  };
}

/** A page of a security log as a connection answers it: these entries, and whether older ones follow. */
export function securityLogPage(events: SecurityEventFieldsFragment[], { hasNextPage = false } = {}): SecurityLogPageFieldsFragment {
  return {
    __typename: 'SecurityEventConnection',
    edges: events.map((node) => ({ __typename: 'SecurityEventEdge', cursor: `cursor-${node.id}`, node })),
    pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: events.length ? `cursor-${events.at(-1)!.id}` : null },
  };
}

export function userSummary(changes: Partial<UserSummaryFieldsFragment> = {}): UserSummaryFieldsFragment {
  return {
    __typename: 'UserSummary',
    id: 'user-2',
    email: 'bob@example.com',
    role: 'CUSTOMER',
    twoFactorMethod: 'TOTP',
    ...changes,
  };
}

/** What a staff search of accounts (`users`) answers: these accounts, the newest first, and whether more follow. */
export function searchAnswer(
  search: string,
  users: UserSummaryFieldsFragment[],
  page: { after?: string; hasNextPage?: boolean } = {},
): Mock {
  const variables = { search, first: 20, ...(page.after ? { after: page.after } : {}) };
  return answers(UsersDocument, variables, {
    __typename: 'Query',
    users: {
      __typename: 'UserSummaryConnection',
      edges: users.map((node) => ({ __typename: 'UserSummaryEdge', cursor: `cursor-${node.id}`, node })),
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage: page.hasNextPage ?? false,
        endCursor: users.length ? `cursor-${users.at(-1)!.id}` : null,
      },
    },
  });
}

/* Account recovery and the support contact */

/** What `supportContact` answers (null: the server names none, and the guide's words stand alone). */
export function supportContactAnswer(contact: string | null, times = Number.POSITIVE_INFINITY): Mock {
  return {
    request: { query: SupportContactDocument },
    result: { data: { __typename: 'Query', supportContact: contact } },
    maxUsageCount: times,
  };
}

export type OpenRecovery = AccountRecoveryFieldsFragment;

/** What `openAccountRecovery` answers: the account's open request, or none. */
export function openRecoveryAnswer(request: OpenRecovery | null, times = Number.POSITIVE_INFINITY): Mock {
  return {
    request: { query: OpenAccountRecoveryDocument },
    result: { data: { __typename: 'Query', openAccountRecovery: request } },
    maxUsageCount: times,
  };
}
