import { useQuery } from '@apollo/client/react';
import { TwoFactorSettingsDocument, type TwoFactorSettingsFieldsFragment } from '../../../generated/graphql';
import { describeError, type DescribedError } from '../../errors/describeError';

export type TwoFactorSettings = TwoFactorSettingsFieldsFragment;

/** The active method as the proof step needs it. */
export type ActiveMethod = Pick<TwoFactorSettings, 'maskedDestination'> & {
  method: NonNullable<TwoFactorSettings['method']>;
};

export interface SettingsState {
  settings: TwoFactorSettings | null;
  error: DescribedError | null;
  retry: () => void;
}

/**
 * The signed-in user's 2FA settings. `fresh` asks the API even when the cache has them (the
 * settings page: another tab or support may have changed them); wizards use what is cached.
 */
export function useTwoFactorSettings({ fresh = false }: { fresh?: boolean } = {}): SettingsState {
  const { data, error, refetch } = useQuery(TwoFactorSettingsDocument, {
    fetchPolicy: fresh ? 'cache-and-network' : 'cache-first',
  });
  return {
    settings: data?.twoFactorSettings ?? null,
    error: error && !data ? describeError(error) : null,
    retry: () => void refetch().catch(() => undefined),
  };
}

export function activeMethodOf(settings: TwoFactorSettings): ActiveMethod | null {
  return settings.enabled && settings.method ? { method: settings.method, maskedDestination: settings.maskedDestination ?? null } : null;
}
