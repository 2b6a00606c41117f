import { Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';
import { fail } from '../errors/app-error';
import { DOCUMENT_LIMITS, fragmentMemo } from './document-limits';

/** Refuses an operation whose fields nest deeper than DOCUMENT_LIMITS.maxDepth (fragments expanded). */
export function depthLimitRule(context: ValidationContext): ASTVisitor {
  const fragmentDepth = fragmentMemo(context.getDocument(), 0);
  const depthOf = (set: SelectionSetNode): number => {
    let deepest = 0;
    for (const selection of set.selections) {
      const depth =
        selection.kind === Kind.FIELD
          ? 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0)
          : selection.kind === Kind.INLINE_FRAGMENT
            ? depthOf(selection.selectionSet)
            : fragmentDepth(selection.name.value, (fragment) => depthOf(fragment.selectionSet));
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  };
  return {
    OperationDefinition(operation) {
      const depth = depthOf(operation.selectionSet);
      if (depth > DOCUMENT_LIMITS.maxDepth) {
        context.reportError(fail('DEPTH_LIMIT', { depth, limit: DOCUMENT_LIMITS.maxDepth }, { nodes: [operation] }));
      }
    },
  };
}
