import { screen, waitFor } from '@testing-library/react';
import { expectAlertToSay } from '../../../test/expectAlert';
import { graphQLError, meAnswers, registerFails, registerSucceeds, settingsWith } from '../../../test/mocks';
import { renderApp } from '../../../test/renderApp';

const BOB = { __typename: 'User', id: 'user-2', email: 'bob@example.com', role: 'CUSTOMER' } as const;
const BOB_PASSWORD = 'a long enough password';

type User = ReturnType<typeof renderApp>['user'];

async function fillAndSubmit(user: User, email: string, password: string) {
  await user.type(await screen.findByLabelText('E-mail'), email);
  await user.type(screen.getByLabelText(/^Password/), password);
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('registration page', () => {
  it('shows the password rule with the password field', async () => {
    renderApp({ path: '/register', mocks: [meAnswers(null)] });

    const password = await screen.findByLabelText('Password');
    expect(password).toHaveAttribute('autocomplete', 'new-password');
    expect(password).toHaveAccessibleDescription('Use 8 to 256 characters.');
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('autocomplete', 'username');
  });

  it('refuses a short password before sending anything', async () => {
    // No register mock: had the form sent a request, the words would be the network ones.
    const { user, currentPath } = renderApp({ path: '/register', mocks: [meAnswers(null)] });

    await fillAndSubmit(user, BOB.email, 'short');

    await expectAlertToSay('The password must be 8 to 256 characters long.');
    const password = screen.getByLabelText('Password');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveFocus();
    expect(currentPath()).toBe('/register');
  });

  it('refuses an address that is not an e-mail address, saying so under the address', async () => {
    const { user } = renderApp({ path: '/register', mocks: [meAnswers(null)] });

    await fillAndSubmit(user, 'bob.example.com', BOB_PASSWORD);

    await expectAlertToSay('Enter a valid e-mail address.');
    const email = screen.getByLabelText('E-mail');
    expect(email).toHaveFocus();
    expect(email).toHaveAccessibleDescription('Enter a valid e-mail address.');
    expect(fieldOf(email)).toHaveTextContent('Enter a valid e-mail address.');
    expect(fieldOf(screen.getByLabelText('Password'))).not.toHaveTextContent('Enter a valid e-mail address.');
  });

  it('shows every problem at once, each under its own field', async () => {
    const { user } = renderApp({ path: '/register', mocks: [meAnswers(null)] });

    await fillAndSubmit(user, 'bob.example.com', 'short');

    const email = screen.getByLabelText('E-mail');
    const password = screen.getByLabelText('Password');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Enter a valid e-mail address.');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription('Use 8 to 256 characters. The password must be 8 to 256 characters long.');
    // The first field at fault takes the focus; screen readers hear both problems from the alert.
    expect(email).toHaveFocus();
    await expectAlertToSay('Enter a valid e-mail address. The password must be 8 to 256 characters long.');

    // Fixing one leaves the other's words until the next try.
    await user.clear(email);
    await user.type(email, BOB.email);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(email).not.toHaveAttribute('aria-invalid');
    expect(password).toHaveFocus();
    expect(fieldOf(password)).toHaveTextContent('The password must be 8 to 256 characters long.');
  });

  it('explains a refused address without saying whether it is registered', async () => {
    const variables = { email: BOB.email, password: BOB_PASSWORD };
    const { user } = renderApp({
      path: '/register',
      mocks: [meAnswers(null), registerFails(variables, graphQLError('BAD_USER_INPUT', { field: 'email', reason: 'EMAIL_TAKEN' }))],
    });

    await fillAndSubmit(user, BOB.email, BOB_PASSWORD);

    await expectAlertToSay('This e-mail address cannot be used for a new account.');
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('E-mail')).toHaveFocus();
    expect(fieldOf(screen.getByLabelText('E-mail'))).toHaveTextContent('This e-mail address cannot be used for a new account.');
  });

  it('shows every problem the API found at once, each under its own field', async () => {
    // Both pass the panel's loose checks: an invisible character in the address, and five
    // characters that take ten UTF-16 units. The API counts as a person does, and says both.
    const variables = { email: 'bob\u200b@example.com', password: '🔑🔑🔑🔑🔑' };
    const { user } = renderApp({
      path: '/register',
      mocks: [
        meAnswers(null),
        registerFails(
          variables,
          graphQLError('BAD_USER_INPUT', {
            reason: 'EMAIL_INVALID',
            field: 'email',
            fields: [
              { field: 'email', reason: 'EMAIL_INVALID', message: 'server words' },
              { field: 'password', reason: 'PASSWORD_LENGTH', message: 'server words' },
            ],
          }),
        ),
      ],
    });

    await fillAndSubmit(user, variables.email, variables.password);

    await expectAlertToSay('Enter a valid e-mail address. The password must be 8 to 256 characters long.');
    const email = screen.getByLabelText('E-mail');
    const password = screen.getByLabelText('Password');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(fieldOf(email)).toHaveTextContent('Enter a valid e-mail address.');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(fieldOf(password)).toHaveTextContent('The password must be 8 to 256 characters long.');
    expect(email).toHaveFocus();
  });

  it('says so when registration is switched off', async () => {
    const variables = { email: BOB.email, password: BOB_PASSWORD };
    const { user } = renderApp({
      path: '/register',
      mocks: [meAnswers(null), registerFails(variables, graphQLError('FORBIDDEN', { reason: 'REGISTRATION_CLOSED' }))],
    });

    await fillAndSubmit(user, BOB.email, BOB_PASSWORD);

    await expectAlertToSay('New accounts cannot be created here.');
  });

  it('creates the account and opens the shell signed in', async () => {
    const { user, currentPath } = renderApp({
      path: '/register',
      mocks: [meAnswers(null), registerSucceeds(BOB, BOB_PASSWORD)],
    });

    await fillAndSubmit(user, `  ${BOB.email} `, BOB_PASSWORD);

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: BOB.email })).toBeInTheDocument();
    expect(currentPath()).toBe('/');
  });

  it('lands the focus on the 2FA prompt after sign-up, not on the page below it', async () => {
    const { user } = renderApp({
      path: '/register',
      mocks: [meAnswers(null), registerSucceeds(BOB, BOB_PASSWORD)],
      twoFactor: settingsWith({ promptToEnable: true }),
    });

    await fillAndSubmit(user, BOB.email, BOB_PASSWORD);

    const prompt = await screen.findByRole('heading', { level: 2, name: 'Turn on two-factor authentication' });
    await waitFor(() => expect(prompt).toHaveFocus());
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
  });
});

/** The frame of a field: its label, hint, control and the words under it. */
function fieldOf(control: HTMLElement): HTMLElement {
  return control.closest('.field') as HTMLElement;
}
