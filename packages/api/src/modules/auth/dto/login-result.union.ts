import { createUnionType } from 'type-graphql';
import { TwoFactorChallenge } from '../../two-factor/dto/two-factor-challenge.type';
import { AuthPayload } from './auth-payload.type';

export const LoginResult = createUnionType({
  name: 'LoginResult',
  description: 'What a right password gives: a session, or a 2FA challenge when two-factor authentication is on.',
  types: () => [AuthPayload, TwoFactorChallenge] as const,
  resolveType: (value) => (value instanceof TwoFactorChallenge ? TwoFactorChallenge : AuthPayload),
});
