import { useMutation } from '@apollo/client/react';
import {
  EnableTwoFactorDocument,
  ResendEnrollmentCodeDocument,
  VerifyTwoFactorDocument,
  type EnableTwoFactorMutation,
} from '../graphql/twoFactor.generated';
import type { EnableTwoFactorInput } from '../../../generated/graphql';
import { attempt } from '../../errors/attempt';
import type { DescribedError } from '../../errors/describeError';

export type SetUpStart = EnableTwoFactorMutation['enableTwoFactor'];

/** The three requests of a set-up: start it, (for e-mail and SMS) resend its code, verify its code. */
export function useSetUp() {
  const [enableMutation, { loading: starting }] = useMutation(EnableTwoFactorDocument);
  const [resendMutation, { loading: resending }] = useMutation(ResendEnrollmentCodeDocument);
  const [verifyMutation, { loading: verifying }] = useMutation(VerifyTwoFactorDocument);

  return {
    start: (input: EnableTwoFactorInput) =>
      attempt(async () => (await enableMutation({ variables: { input } })).data?.enableTwoFactor, 'enable'),
    resend: () => attempt(async () => (await resendMutation()).data?.resendEnrollmentCode, 'sendCode'),
    verify: (code: string) => attempt(async () => (await verifyMutation({ variables: { code } })).data?.verifyTwoFactor, 'checkCode'),
    starting,
    resending,
    verifying,
  };
}

/**
 * Whether a failed code check or resend means the set-up itself is over, so only starting again
 * helps: nothing is being set up any more (BAD_USER_INPUT), the API says so (reason SETUP_EXPIRED),
 * or a bare CODE_EXPIRED arrives after the set-up's ten minutes on this browser's clock.
 */
export function setUpIsOver(error: DescribedError, setUpDeadline: number, now = Date.now()): boolean {
  if (error.code === 'BAD_USER_INPUT' || error.reason === 'SETUP_EXPIRED') return true;
  return error.code === 'CODE_EXPIRED' && error.reason === undefined && now >= setUpDeadline;
}
