import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuthResolver } from '../modules/auth/auth.resolver';
import { SecurityEventsResolver } from '../modules/audit/security-events.resolver';
import { SupportResolver } from '../modules/support/support.resolver';
import { RememberedBrowsersResolver } from '../modules/two-factor/remembered-browsers/remembered-browsers.resolver';
import { TwoFactorResolver } from '../modules/two-factor/two-factor.resolver';
import { authChecker } from './auth-checker';
import type { RequestContext, ResolverClass } from './context';

/** Every resolver class; the app constructs one instance of each with its services. */
export const RESOLVER_CLASSES = [
  AuthResolver,
  TwoFactorResolver,
  RememberedBrowsersResolver,
  SecurityEventsResolver,
  SupportResolver,
] as const;

export function buildLatchkeySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVER_CLASSES],
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
