/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../../generated/graphql';

import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type RememberedBrowserFieldsFragment = { __typename: 'RememberedBrowser', id: string, label: string, ip: string | null, lastUsedAt: string, expiresAt: string, current: boolean };

export type RememberedBrowsersQueryVariables = Exact<{ [key: string]: never; }>;


export type RememberedBrowsersQuery = { __typename: 'Query', rememberedBrowsers: Array<{ __typename: 'RememberedBrowser', id: string, label: string, ip: string | null, lastUsedAt: string, expiresAt: string, current: boolean }> };

export type ForgetRememberedBrowserMutationVariables = Exact<{
  id: string | number;
}>;


export type ForgetRememberedBrowserMutation = { __typename: 'Mutation', forgetRememberedBrowser: boolean };

export type ForgetRememberedBrowsersMutationVariables = Exact<{ [key: string]: never; }>;


export type ForgetRememberedBrowsersMutation = { __typename: 'Mutation', forgetRememberedBrowsers: number };

export const RememberedBrowserFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RememberedBrowserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RememberedBrowser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"current"}}]}}]} as unknown as DocumentNode<RememberedBrowserFieldsFragment, unknown>;
export const RememberedBrowsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RememberedBrowsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rememberedBrowsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RememberedBrowserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RememberedBrowserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RememberedBrowser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"current"}}]}}]} as unknown as DocumentNode<RememberedBrowsersQuery, RememberedBrowsersQueryVariables>;
export const ForgetRememberedBrowserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ForgetRememberedBrowser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forgetRememberedBrowser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<ForgetRememberedBrowserMutation, ForgetRememberedBrowserMutationVariables>;
export const ForgetRememberedBrowsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ForgetRememberedBrowsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forgetRememberedBrowsers"}}]}}]} as unknown as DocumentNode<ForgetRememberedBrowsersMutation, ForgetRememberedBrowsersMutationVariables>;