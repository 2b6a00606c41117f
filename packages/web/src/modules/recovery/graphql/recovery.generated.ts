/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../../generated/graphql';

import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AccountRecoveryFieldsFragment = { __typename: 'AccountRecoveryRequest', id: string, status: Types.AccountRecoveryStatus, createdAt: string, effectiveAt: string | null, waitHours: number, requestIp: string | null };

export type OpenAccountRecoveryQueryVariables = Exact<{ [key: string]: never; }>;


export type OpenAccountRecoveryQuery = { __typename: 'Query', openAccountRecovery: { __typename: 'AccountRecoveryRequest', id: string, status: Types.AccountRecoveryStatus, createdAt: string, effectiveAt: string | null, waitHours: number, requestIp: string | null } | null };

export type CancelAccountRecoveryMutationVariables = Exact<{
  token?: string | null | undefined;
  id?: string | number | null | undefined;
}>;


export type CancelAccountRecoveryMutation = { __typename: 'Mutation', cancelAccountRecovery: boolean };

export const AccountRecoveryFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountRecoveryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccountRecoveryRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveAt"}},{"kind":"Field","name":{"kind":"Name","value":"waitHours"}},{"kind":"Field","name":{"kind":"Name","value":"requestIp"}}]}}]} as unknown as DocumentNode<AccountRecoveryFieldsFragment, unknown>;
export const OpenAccountRecoveryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OpenAccountRecovery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openAccountRecovery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountRecoveryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountRecoveryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccountRecoveryRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveAt"}},{"kind":"Field","name":{"kind":"Name","value":"waitHours"}},{"kind":"Field","name":{"kind":"Name","value":"requestIp"}}]}}]} as unknown as DocumentNode<OpenAccountRecoveryQuery, OpenAccountRecoveryQueryVariables>;
export const CancelAccountRecoveryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelAccountRecovery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelAccountRecovery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<CancelAccountRecoveryMutation, CancelAccountRecoveryMutationVariables>;