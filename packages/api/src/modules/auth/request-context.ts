import type { RequestContext as GraphQLRequestContext, SignedInContext as GraphQLSignedInContext } from '../../graphql/context';
import type { SessionEntity } from './entities/session.entity';
import type { UserEntity } from './entities/user.entity';

/** A request's context as the modules see it: the caller is one of our users, with its session. */
export type RequestContext = GraphQLRequestContext<UserEntity, SessionEntity>;

export type SignedInContext = GraphQLSignedInContext<UserEntity, SessionEntity>;
