import { TwoFactorMethod } from './two-factor-method';

/** Every sentence the 2FA flows show. The seed guide's messages are word for word (SPEC §4). */
export const TWO_FACTOR_MESSAGES = {
  CODE_SENT_EMAIL: 'The code was sent to the email address provided',
  CODE_SENT_SMS: 'The code was sent to the phone number provided',
  VERIFIED: {
    [TwoFactorMethod.TOTP]: 'Code successfully verified. 2FA method will be set to TOTP',
    [TwoFactorMethod.EMAIL]: 'Code successfully verified. 2FA method will be set to mail',
    [TwoFactorMethod.SMS]: 'Code successfully verified, 2FA method set to SMS',
  },
  DISABLED: 'Your 2FA settings have been successfully deleted.',

  INVALID_CODE: 'The code is not correct. Check it and try again.',
  CODE_ALREADY_USED: 'This code was already used. Wait for the next code of your authenticator app, or ask for a new one.',
  CODE_EXPIRED: 'The code has expired. Ask for a new one.',
  CLOCK_OFF: (minutes: number) =>
    `The code does not match the current time: your phone's clock seems to be off by about ${minutes} minute${minutes === 1 ? '' : 's'}. Set it to automatic time and try again.`,
  LOCKED: 'Too many wrong codes. 2FA checks are locked for a while.',
  IP_LIMIT: 'Too many wrong codes came from your network. Try again later.',
  CHALLENGE_SPENT: 'Too many wrong codes for this sign-in. Sign in again to get a new code.',
  CHALLENGE_ENDED: 'This sign-in has ended. Sign in again.',
  CHALLENGE_EXPIRED: 'This sign-in has expired. Sign in again.',
  RESEND_WAIT: 'Wait a moment before asking for a new code.',
  HOURLY_CAP: 'Too many codes were sent in the last hour. Try again later.',
  IP_SEND_LIMIT: 'Too many codes were sent for requests from your network in the last hour. Try again later.',
  CHANNEL_BUDGET: {
    EMAIL: 'This server has sent as many e-mail codes as it may this hour. Try again later.',
    SMS: 'This server has sent as many SMS codes as it may this hour. Try again later.',
  },
  SETUP_RACE: 'Another set-up was started at the same moment. Wait a moment and try again.',
  DELIVERY_FAILED: 'The code could not be sent. Nothing was changed; please try again.',
  NOTHING_PENDING: 'There is no 2FA method being set up. Click Enable next to a method first.',
  SETUP_EXPIRED: 'The set-up has expired. Click Enable to start again.',
  NOT_ENABLED: 'Two-factor authentication is not enabled.',
  REQUIRED_CANNOT_DISABLE: 'This server requires 2FA for your account: you can switch to another method, but not turn it off.',
  REQUIRED_OVERDUE: 'This server requires 2FA for your account: turn it on under Settings for 2FA to go on.',
  METHOD_NOT_OFFERED: 'This 2FA method is not offered on this server. Choose another one.',
  PROOF_REQUIRED: 'Enter a current code of your 2FA method, or a recovery code, to change it.',
  NO_CODE_METHOD: 'Your 2FA method does not send codes: use your authenticator app.',
  EMAIL_REQUIRED: 'Enter the e-mail address to send the code to.',
  PHONE_REQUIRED: 'Enter the phone number to send the code to.',
  PHONE_INVALID: 'Enter a valid mobile phone number with its country code, e.g. +44 7911 123456.',
  SMS_COUNTRY_NOT_OFFERED: 'This server does not send SMS codes to numbers of that country. Choose another number or method.',
  SMS_NOT_MOBILE: 'SMS codes go to mobile numbers only, and this is not one. Enter a mobile number or choose another method.',
  SMS_NON_GEOGRAPHIC:
    'This server does not send SMS codes to satellite or other numbers without a country. Enter a mobile number or choose another method.',
} as const;

/** The words of "Remember this browser". */
export const REMEMBER_MESSAGES = {
  FORBIDDEN: 'This server does not remember browsers: a 2FA code is needed at every sign-in.',
  NO_SUCH_BROWSER: 'This browser is not remembered (any more).',
} as const;
