import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { fail } from '../errors/app-error';
import type { RequestStep, RequestStepHooks } from './request-steps.plugin';

/**
 * Default deny for API tokens: a request made with one may name only root fields its scopes reach
 * (however it names them: directly, through fragments, under @skip). Anything else refuses the
 * whole request before any field runs (FORBIDDEN, reason TOKEN_SCOPE, HTTP 403), so a field added
 * later stays closed to tokens until a scope lists it. A request let through notes the use.
 */
const hooks: RequestStepHooks = {
  didResolveOperation({ contextValue, operation, document, schema }) {
    const { caller } = contextValue;
    if (caller.kind !== 'api-token') return;
    if (!operation) throw fail('TOKEN_SCOPE');
    const root = schema.getRootType(operation.operation);
    const fragments = new Map(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
    );
    for (const name of rootFieldNames(operation, fragments)) {
      // __typename, and introspection where the server allows it: the schema is no one's data.
      if (name.startsWith('__')) continue;
      if (!root || !caller.apiToken.reaches(`${root.name}.${name}`)) throw fail('TOKEN_SCOPE');
    }
  },
  executionDidStart({ contextValue }) {
    if (contextValue.caller.kind === 'api-token') return contextValue.caller.apiToken.used();
  },
};

export const apiTokenScopeStep: RequestStep = () => hooks;

/** The names of the root fields an operation selects, through fragments and inline fragments. */
function rootFieldNames(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(operation.selectionSet);
  return names;
}
