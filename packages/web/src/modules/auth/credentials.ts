import { EMAIL_FORMAT_PROBLEM, isPasswordLengthValid, looksLikeEmail, PASSWORD_LENGTH_PROBLEM } from './credentialRules';

export interface Credentials {
  email: string;
  password: string;
}

/** What is wrong with each field, if anything: every problem at once, so none surprises after a fix. */
export type CredentialProblems = Partial<Record<keyof Credentials, string>>;

/** Checks done before sending sign-in: both fields filled in. */
export function checkSignIn({ email, password }: Credentials): CredentialProblems {
  const problems: CredentialProblems = {};
  if (email.trim() === '') problems.email = 'Enter your e-mail address.';
  if (password === '') problems.password = 'Enter your password.';
  return problems;
}

/** Checks done before creating an account: an e-mail-shaped address and the password length rule. */
export function checkRegistration({ email, password }: Credentials): CredentialProblems {
  const problems: CredentialProblems = {};
  if (!looksLikeEmail(email.trim())) problems.email = EMAIL_FORMAT_PROBLEM;
  if (!isPasswordLengthValid(password)) problems.password = PASSWORD_LENGTH_PROBLEM;
  return problems;
}
