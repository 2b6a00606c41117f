import type { InputField } from '../errors/errorWords';
import { EMAIL_FORMAT_PROBLEM, isPasswordLengthValid, looksLikeEmail, PASSWORD_LENGTH_PROBLEM } from './credentialRules';

export interface Credentials {
  email: string;
  password: string;
}

export interface FieldProblem {
  field: InputField;
  message: string;
}

/** Checks done before sending sign-in: both fields filled in. */
export function checkSignIn({ email, password }: Credentials): FieldProblem | null {
  if (email.trim() === '') return { field: 'email', message: 'Enter your e-mail address.' };
  if (password === '') return { field: 'password', message: 'Enter your password.' };
  return null;
}

/** Checks done before creating an account: an e-mail-shaped address and the password length rule. */
export function checkRegistration({ email, password }: Credentials): FieldProblem | null {
  if (!looksLikeEmail(email.trim())) return { field: 'email', message: EMAIL_FORMAT_PROBLEM };
  if (!isPasswordLengthValid(password)) return { field: 'password', message: PASSWORD_LENGTH_PROBLEM };
  return null;
}
