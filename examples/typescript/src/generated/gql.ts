/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation Register($email: String!, $password: String!) {\n  register(email: $email, password: $password) {\n    token\n    user {\n      id\n      email\n    }\n  }\n}\n\nmutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    __typename\n    ... on AuthPayload {\n      token\n    }\n    ... on TwoFactorChallenge {\n      challengeId\n      method\n      expiresAt\n    }\n  }\n}\n\nmutation VerifyLoginChallenge($challengeId: ID!, $code: String!) {\n  verifyLoginChallenge(challengeId: $challengeId, code: $code) {\n    token\n    user {\n      email\n    }\n  }\n}\n\nmutation Logout {\n  logout\n}\n\nquery TwoFactorSettings {\n  twoFactorSettings {\n    enabled\n    method\n    recoveryCodesRemaining\n    availableMethods\n  }\n}\n\nmutation EnableTwoFactor($input: EnableTwoFactorInput!) {\n  enableTwoFactor(input: $input) {\n    __typename\n    ... on TotpSetup {\n      secret\n      otpauthUri\n      expiresAt\n    }\n    ... on CodeSent {\n      message\n      maskedDestination\n    }\n  }\n}\n\nmutation VerifyTwoFactor($code: String!) {\n  verifyTwoFactor(code: $code) {\n    message\n    recoveryCodes\n    settings {\n      enabled\n      method\n    }\n  }\n}\n\nmutation DisableTwoFactor($code: String!) {\n  disableTwoFactor(code: $code) {\n    message\n    settings {\n      enabled\n    }\n  }\n}": typeof types.RegisterDocument,
};
const documents: Documents = {
    "mutation Register($email: String!, $password: String!) {\n  register(email: $email, password: $password) {\n    token\n    user {\n      id\n      email\n    }\n  }\n}\n\nmutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    __typename\n    ... on AuthPayload {\n      token\n    }\n    ... on TwoFactorChallenge {\n      challengeId\n      method\n      expiresAt\n    }\n  }\n}\n\nmutation VerifyLoginChallenge($challengeId: ID!, $code: String!) {\n  verifyLoginChallenge(challengeId: $challengeId, code: $code) {\n    token\n    user {\n      email\n    }\n  }\n}\n\nmutation Logout {\n  logout\n}\n\nquery TwoFactorSettings {\n  twoFactorSettings {\n    enabled\n    method\n    recoveryCodesRemaining\n    availableMethods\n  }\n}\n\nmutation EnableTwoFactor($input: EnableTwoFactorInput!) {\n  enableTwoFactor(input: $input) {\n    __typename\n    ... on TotpSetup {\n      secret\n      otpauthUri\n      expiresAt\n    }\n    ... on CodeSent {\n      message\n      maskedDestination\n    }\n  }\n}\n\nmutation VerifyTwoFactor($code: String!) {\n  verifyTwoFactor(code: $code) {\n    message\n    recoveryCodes\n    settings {\n      enabled\n      method\n    }\n  }\n}\n\nmutation DisableTwoFactor($code: String!) {\n  disableTwoFactor(code: $code) {\n    message\n    settings {\n      enabled\n    }\n  }\n}": types.RegisterDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Register($email: String!, $password: String!) {\n  register(email: $email, password: $password) {\n    token\n    user {\n      id\n      email\n    }\n  }\n}\n\nmutation Login($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    __typename\n    ... on AuthPayload {\n      token\n    }\n    ... on TwoFactorChallenge {\n      challengeId\n      method\n      expiresAt\n    }\n  }\n}\n\nmutation VerifyLoginChallenge($challengeId: ID!, $code: String!) {\n  verifyLoginChallenge(challengeId: $challengeId, code: $code) {\n    token\n    user {\n      email\n    }\n  }\n}\n\nmutation Logout {\n  logout\n}\n\nquery TwoFactorSettings {\n  twoFactorSettings {\n    enabled\n    method\n    recoveryCodesRemaining\n    availableMethods\n  }\n}\n\nmutation EnableTwoFactor($input: EnableTwoFactorInput!) {\n  enableTwoFactor(input: $input) {\n    __typename\n    ... on TotpSetup {\n      secret\n      otpauthUri\n      expiresAt\n    }\n    ... on CodeSent {\n      message\n      maskedDestination\n    }\n  }\n}\n\nmutation VerifyTwoFactor($code: String!) {\n  verifyTwoFactor(code: $code) {\n    message\n    recoveryCodes\n    settings {\n      enabled\n      method\n    }\n  }\n}\n\nmutation DisableTwoFactor($code: String!) {\n  disableTwoFactor(code: $code) {\n    message\n    settings {\n      enabled\n    }\n  }\n}"): typeof import('./graphql').RegisterDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
