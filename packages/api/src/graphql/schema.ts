import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth-checker';
import type { RequestContext, ResolverClass } from './context';

/**
 * The schema of the given resolver classes (the composition root lists them, from the modules).
 * Instances come from each request's context: the app makes one of each with its services.
 */
export function buildLatchkeySchema(resolvers: readonly ResolverClass[]): Promise<GraphQLSchema> {
  const [first, ...rest] = resolvers;
  if (!first) throw new Error('a schema needs at least one resolver class');
  return buildSchema({
    resolvers: [first, ...rest],
    authChecker,
    authMode: 'error',
    validate: false,
    container: ({ context }: { context: RequestContext }) => ({
      get: (resolverClass: ResolverClass) => {
        const instance = context.resolvers.get(resolverClass);
        if (!instance) throw new Error(`No instance wired for resolver ${resolverClass.name}`);
        return instance;
      },
    }),
  });
}
