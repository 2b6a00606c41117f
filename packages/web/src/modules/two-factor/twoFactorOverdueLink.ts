import type { ApolloCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { ErrorReason } from '../../generated/graphql';
import type { TwoFactorSettingsFieldsFragment } from './graphql/twoFactorSettings.generated';
import { describeError } from '../errors/describeError';

/**
 * Any answer with reason TWO_FACTOR_REQUIRED to a user whose cached settings say 2FA is
 * off means the grace period is over by the server's clock, which may be ahead of this browser's
 * (or the settings were fetched before the deadline). The cached settings are made to say so, so
 * the guard and the prompt, which read them, act at once.
 */
export const twoFactorOverdueLink = new ErrorLink(({ error, operation }) => {
  if (describeError(error).reason === ErrorReason.TWO_FACTOR_REQUIRED) markGracePeriodOver(operation.client.cache);
});

/**
 * Required, and due now at the latest. Settings that say 2FA is on are left alone: 2FA set up
 * (in another tab, say) is no longer overdue.
 */
function markGracePeriodOver(cache: ApolloCache): void {
  const now = new Date().toISOString();
  cache.modify<TwoFactorSettingsFieldsFragment>({
    id: cache.identify({ __typename: 'TwoFactorSettings' }),
    fields: {
      required: (required, { readField }) => (readField('enabled') ? required : true),
      requiredBy: (requiredBy, { readField }) => (readField('enabled') ? requiredBy : earlier(requiredBy, now)),
    },
  });
}

function earlier(known: string | null | undefined, now: string): string {
  return known && Date.parse(known) <= Date.parse(now) ? known : now;
}
