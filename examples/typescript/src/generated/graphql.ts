/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Which method to set up, and where its codes go. */
export type EnableTwoFactorInput = {
  /** EMAIL: the address to send codes to. */
  email?: string | null | undefined;
  /** The method to set up. */
  method: TwoFactorMethod;
  /** SMS: ISO 3166 country code (e.g. GB) for a number given in national form. */
  phoneCountry?: string | null | undefined;
  /** SMS: the mobile number, in international form (+447911123456) or national form with phoneCountry. Unless the server widens it, fixed lines (reason NOT_MOBILE) and numbers of no country, such as satellite phones (NON_GEOGRAPHIC), are refused. */
  phoneNumber?: string | null | undefined;
  /** When a method is already active: a current code of it, or a recovery code (switching needs a fresh proof). */
  proof?: string | null | undefined;
};

/** A second-factor method. At most one is active for a user. */
export type TwoFactorMethod =
  /** A six-digit code sent by e-mail. */
  | 'EMAIL'
  /** A six-digit code sent by SMS. */
  | 'SMS'
  /** Time-based one-time passwords from an authenticator app (RFC 6238). */
  | 'TOTP';

export type RegisterMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type RegisterMutation = { register: { token: string, user: { id: string, email: string } } };

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login:
    | { __typename: 'AuthPayload', token: string }
    | { __typename: 'TwoFactorChallenge', challengeId: string, method: TwoFactorMethod, expiresAt: string }
   };

export type VerifyLoginChallengeMutationVariables = Exact<{
  challengeId: string | number;
  code: string;
}>;


export type VerifyLoginChallengeMutation = { verifyLoginChallenge: { token: string, user: { email: string } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type TwoFactorSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type TwoFactorSettingsQuery = { twoFactorSettings: { enabled: boolean, method: TwoFactorMethod | null, recoveryCodesRemaining: number, availableMethods: Array<TwoFactorMethod> } };

export type EnableTwoFactorMutationVariables = Exact<{
  input: EnableTwoFactorInput;
}>;


export type EnableTwoFactorMutation = { enableTwoFactor:
    | { __typename: 'CodeSent', message: string, maskedDestination: string }
    | { __typename: 'TotpSetup', secret: string, otpauthUri: string, expiresAt: string }
   };

export type VerifyTwoFactorMutationVariables = Exact<{
  code: string;
}>;


export type VerifyTwoFactorMutation = { verifyTwoFactor: { message: string, recoveryCodes: Array<string> | null, settings: { enabled: boolean, method: TwoFactorMethod | null } } };

export type DisableTwoFactorMutationVariables = Exact<{
  code: string;
}>;


export type DisableTwoFactorMutation = { disableTwoFactor: { message: string, settings: { enabled: boolean } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const RegisterDocument = new TypedDocumentString(`
    mutation Register($email: String!, $password: String!) {
  register(email: $email, password: $password) {
    token
    user {
      id
      email
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterMutation, RegisterMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on AuthPayload {
      token
    }
    ... on TwoFactorChallenge {
      challengeId
      method
      expiresAt
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const VerifyLoginChallengeDocument = new TypedDocumentString(`
    mutation VerifyLoginChallenge($challengeId: ID!, $code: String!) {
  verifyLoginChallenge(challengeId: $challengeId, code: $code) {
    token
    user {
      email
    }
  }
}
    `) as unknown as TypedDocumentString<VerifyLoginChallengeMutation, VerifyLoginChallengeMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const TwoFactorSettingsDocument = new TypedDocumentString(`
    query TwoFactorSettings {
  twoFactorSettings {
    enabled
    method
    recoveryCodesRemaining
    availableMethods
  }
}
    `) as unknown as TypedDocumentString<TwoFactorSettingsQuery, TwoFactorSettingsQueryVariables>;
export const EnableTwoFactorDocument = new TypedDocumentString(`
    mutation EnableTwoFactor($input: EnableTwoFactorInput!) {
  enableTwoFactor(input: $input) {
    __typename
    ... on TotpSetup {
      secret
      otpauthUri
      expiresAt
    }
    ... on CodeSent {
      message
      maskedDestination
    }
  }
}
    `) as unknown as TypedDocumentString<EnableTwoFactorMutation, EnableTwoFactorMutationVariables>;
export const VerifyTwoFactorDocument = new TypedDocumentString(`
    mutation VerifyTwoFactor($code: String!) {
  verifyTwoFactor(code: $code) {
    message
    recoveryCodes
    settings {
      enabled
      method
    }
  }
}
    `) as unknown as TypedDocumentString<VerifyTwoFactorMutation, VerifyTwoFactorMutationVariables>;
export const DisableTwoFactorDocument = new TypedDocumentString(`
    mutation DisableTwoFactor($code: String!) {
  disableTwoFactor(code: $code) {
    message
    settings {
      enabled
    }
  }
}
    `) as unknown as TypedDocumentString<DisableTwoFactorMutation, DisableTwoFactorMutationVariables>;