/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../../generated/graphql';

import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type SupportContactQueryVariables = Exact<{ [key: string]: never; }>;


export type SupportContactQuery = { __typename: 'Query', supportContact: string | null };

export type RequestAccountRecoveryMutationVariables = Exact<{
  challengeId: string | number;
  message: string;
}>;


export type RequestAccountRecoveryMutation = { __typename: 'Mutation', requestAccountRecovery: { __typename: 'AccountRecoveryRequest', id: string, status: Types.AccountRecoveryStatus, createdAt: string, effectiveAt: string | null, waitHours: number, requestIp: string | null } };


export const SupportContactDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SupportContact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportContact"}}]}}]} as unknown as DocumentNode<SupportContactQuery, SupportContactQueryVariables>;
export const RequestAccountRecoveryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestAccountRecovery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"challengeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"message"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestAccountRecovery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"challengeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"challengeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"message"},"value":{"kind":"Variable","name":{"kind":"Name","value":"message"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountRecoveryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountRecoveryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccountRecoveryRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveAt"}},{"kind":"Field","name":{"kind":"Name","value":"waitHours"}},{"kind":"Field","name":{"kind":"Name","value":"requestIp"}}]}}]} as unknown as DocumentNode<RequestAccountRecoveryMutation, RequestAccountRecoveryMutationVariables>;