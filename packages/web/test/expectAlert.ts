import { screen, waitFor } from '@testing-library/react';

/**
 * Waits until the page's alert region says `words`. The region is always mounted (so screen
 * readers announce changes), which is why finding it is not enough.
 */
export async function expectAlertToSay(words: string): Promise<HTMLElement> {
  await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(words));
  return screen.getByRole('alert');
}
