import { Kind, TypeInfo, isNonNullType, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { fail } from '../errors/app-error';
import type { RequestStep, RequestStepHooks } from './request-steps.plugin';

/**
 * Refuses, before anything runs, a null given through a variable to an argument that cannot be
 * null. Validation lets a nullable variable stand where such an argument has a default (`first`,
 * `rememberBrowser`); graphql-js then meets the null only while executing and raises an error
 * without a code, which clients would hear as an unexpected error.
 */
const hooks: RequestStepHooks = {
  didResolveOperation({ request, document, schema }) {
    const field = nullInNonNullPosition(schema, document, request.variables ?? {});
    if (field === undefined) return;
    throw fail('NULL_ARGUMENT', { field });
  },
};

export const nullArgumentStep: RequestStep = () => hooks;

function nullInNonNullPosition(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): string | undefined {
  // Most requests give no variable a null: nothing to look for in the document.
  if (!Object.values(variables).includes(null)) return undefined;
  const isNull = (name: string) => Object.hasOwn(variables, name) && variables[name] === null;
  const typeInfo = new TypeInfo(schema);
  let found: string | undefined;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (
          found === undefined &&
          argument &&
          isNonNullType(argument.type) &&
          node.value.kind === Kind.VARIABLE &&
          isNull(node.value.name.value)
        ) {
          found = node.name.value;
        }
      },
      ObjectField(node) {
        const type = typeInfo.getInputType();
        if (found === undefined && type && isNonNullType(type) && node.value.kind === Kind.VARIABLE && isNull(node.value.name.value)) {
          found = node.name.value;
        }
      },
    }),
  );
  return found;
}
