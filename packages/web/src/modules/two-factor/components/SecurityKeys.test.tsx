import { screen, within } from '@testing-library/react';
import { RemoveSecurityKeyDocument } from '../graphql/twoFactor.generated';
import { ACTIVE_SINCE, ALICE, METHOD_CAPABILITIES, RECOVERY_CODES, answers, meAnswers, settingsWith } from '../../../../test/mocks';
import { renderApp } from '../../../../test/renderApp';

const KEY = (id: string, name: string) => ({ __typename: 'SecurityKey' as const, id, name, createdAt: ACTIVE_SINCE, lastUsedAt: null });
const KEYS_ON = settingsWith({
  enabled: true,
  method: 'WEBAUTHN',
  activeSince: ACTIVE_SINCE,
  recoveryCodesRemaining: 10,
  availableMethods: ['TOTP', 'WEBAUTHN', 'EMAIL', 'SMS'],
  methods: [
    ...METHOD_CAPABILITIES,
    { __typename: 'TwoFactorMethodCapabilities', method: 'WEBAUTHN', sendsCodes: false, proof: 'SECURITY_KEY' },
  ],
  securityKeys: [KEY('key-1', 'YubiKey'), KEY('key-2', 'Laptop')],
});

async function keyCard() {
  const heading = await screen.findByRole('heading', { level: 2, name: 'Security key or passkey' });
  return heading.closest('li')!;
}

describe('security keys on Settings for 2FA', () => {
  it('lists the keys, and removes one with a recovery code as proof', async () => {
    const proof = RECOVERY_CODES[0]!;
    const { user } = renderApp({
      path: '/settings/2fa',
      twoFactor: KEYS_ON,
      mocks: [
        meAnswers(ALICE),
        answers(
          RemoveSecurityKeyDocument,
          { id: 'key-1', proof },
          { __typename: 'Mutation', removeSecurityKey: { ...KEYS_ON, securityKeys: [KEY('key-2', 'Laptop')] } },
        ),
      ],
    });

    const card = await keyCard();
    const keys = within(card).getByRole('list', { name: 'Security keys' });
    expect(
      within(keys)
        .getAllByRole('listitem')
        .map((item) => item.firstChild?.textContent),
    ).toEqual(['YubiKey', 'Laptop']);
    await user.click(within(card).getByRole('button', { name: 'Remove YubiKey' }));
    // A key user proves with the key (the browser's prompt) or types a recovery code.
    expect(within(card).getByRole('button', { name: 'Use security key' })).toBeInTheDocument();
    await user.type(within(card).getByLabelText(/^Or a recovery code/), proof);
    await user.click(within(card).getByRole('button', { name: 'Remove the key' }));

    expect(await screen.findByText('The security key YubiKey was removed.')).toHaveAttribute('role', 'status');
    expect(within(await keyCard()).queryByRole('button', { name: /^Remove/ })).not.toBeInTheDocument();
  });
});
