import { PageHeading } from '../../ui/PageHeading';

/**
 * Where the 2FA settings (TOTP, Mail verification, SMS, Disable 2FA) will load. They arrive in a
 * later issue; until then this page says so instead of showing controls that do nothing.
 */
export function TwoFactorSettingsPage() {
  return (
    <div className="stack">
      <PageHeading title="Settings for 2FA">Settings for 2FA</PageHeading>
      <p>
        Your two-factor authentication settings load here: the TOTP, Mail verification and SMS methods, and Disable
        2FA.
      </p>
      <p className="notice" role="note">
        Managing 2FA is not available in this version of the panel yet.
      </p>
    </div>
  );
}
