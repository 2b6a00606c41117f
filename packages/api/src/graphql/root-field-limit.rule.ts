import { Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';
import { fail } from '../errors/app-error';
import { DOCUMENT_LIMITS } from './document-limits';

/**
 * Refuses an operation that asks for more than DOCUMENT_LIMITS.maxRootFields root fields (counted
 * by the names they answer under, fragments expanded): each root field is a resolver of its own,
 * and a mutation's run one after another.
 */
export function rootFieldLimitRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map(
    context
      .getDocument()
      .definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment.selectionSet]),
  );
  const collect = (set: SelectionSetNode, keys: Set<string>, spread: Set<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) keys.add((selection.alias ?? selection.name).value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, keys, spread);
      else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment, keys, spread);
      }
    }
  };
  return {
    OperationDefinition(operation) {
      const keys = new Set<string>();
      collect(operation.selectionSet, keys, new Set());
      if (keys.size <= DOCUMENT_LIMITS.maxRootFields) return;
      context.reportError(
        fail('ROOT_FIELD_LIMIT', { rootFields: keys.size, limit: DOCUMENT_LIMITS.maxRootFields }, { nodes: [operation] }),
      );
    },
  };
}
