/**
 * The sentences the 2FA flows answer when they succeed, in the exact words customers know from
 * the user guide. What a refusal says lives in the error catalogue (src/errors/error-catalogue.ts).
 */
export const TWO_FACTOR_MESSAGES = {
  CODE_SENT_EMAIL: 'The code was sent to the email address provided',
  CODE_SENT_SMS: 'The code was sent to the phone number provided',
  DISABLED: 'Your 2FA settings have been successfully deleted.',
} as const;
