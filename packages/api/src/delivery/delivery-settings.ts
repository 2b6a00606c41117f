/**
 * The variables delivery-config.ts reads, for config.ts's SETTINGS, the README and `.env.example`.
 * A module of its own, importing nothing, so config.ts can list them without an import cycle.
 */
export const DELIVERY_SETTINGS = [
  'EMAIL_PROVIDER',
  'SMS_PROVIDER',
  'OUTBOX_PATH',
  'EMAIL_FROM',
  'SENDGRID_API_KEY',
  'SENDGRID_API_BASE_URL',
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_TLS',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'SMTP_CA_FILE',
  'VONAGE_API_KEY',
  'VONAGE_API_SECRET',
  'VONAGE_FROM',
  'VONAGE_API_BASE_URL',
  'DELIVERY_TIMEOUT_MS',
] as const;
