import { useQuery } from '@apollo/client/react';
import { TwoFactorSettingsDocument, type TwoFactorSettingsFieldsFragment } from '../graphql/twoFactorSettings.generated';
import { describeError, type DescribedError } from '../../errors/describeError';

export type TwoFactorSettings = TwoFactorSettingsFieldsFragment;

/** What the server says a method can do (whether it sends codes, what a proof of it is). */
export type MethodCapabilities = TwoFactorSettings['methods'][number];

/** The active method as the proof step needs it: where its codes go, and what it can do. */
export type ActiveMethod = Pick<TwoFactorSettings, 'maskedDestination'> &
  Pick<MethodCapabilities, 'sendsCodes' | 'proof'> & {
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
  if (!settings.enabled || !settings.method) return null;
  const capabilities = capabilitiesOf(settings, settings.method);
  return {
    method: settings.method,
    maskedDestination: settings.maskedDestination ?? null,
    sendsCodes: capabilities?.sendsCodes ?? false,
    proof: capabilities?.proof ?? 'CODE',
  };
}

export function capabilitiesOf(settings: TwoFactorSettings, method: MethodCapabilities['method']): MethodCapabilities | undefined {
  return settings.methods.find((entry) => entry.method === method);
}
