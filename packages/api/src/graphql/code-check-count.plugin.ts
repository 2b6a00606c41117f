import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode, type SelectionSetNode } from 'graphql';
import type { RequestContext } from './context';

/** Mutations that check a 2FA code or recovery code. */
export const CODE_CHECKING_FIELDS = new Set([
  'verifyLoginChallenge',
  'verifyTwoFactor',
  'disableTwoFactor',
  'enableTwoFactor',
  'regenerateRecoveryCodes',
  'resetTwoFactor',
]);

/**
 * Counts the code checks an operation carries, aliases included. A failed check stops a mutation
 * request (the fields are non-null), so the ones that never run are charged with the first
 * failure: a thousand aliased guesses cost a thousand tries, not one.
 */
export const codeCheckCountPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, contextValue }) {
        if (operation?.operation !== OperationTypeNode.MUTATION) return;
        const fragments = new Map(
          document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d.selectionSet]),
        );
        contextValue.codeChecksInRequest = Math.max(1, countChecks(operation.selectionSet, fragments, new Set()));
      },
    };
  },
};

function countChecks(set: SelectionSetNode, fragments: Map<string, SelectionSetNode>, seen: Set<string>): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (CODE_CHECKING_FIELDS.has(selection.name.value)) count++;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countChecks(selection.selectionSet, fragments, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += countChecks(fragment, fragments, seen);
    }
  }
  return count;
}
