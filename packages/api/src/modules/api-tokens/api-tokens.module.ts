import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { FreshProof } from '../account/fresh-proof';
import type { SecurityEventsService } from '../audit/security-events.service';
import type { TwoFactorService } from '../two-factor/two-factor.service';
import { ApiTokensResolver } from './api-token.resolver';
import { ApiTokenService } from './api-token.service';

export interface ApiTokensDependencies {
  dataSource: DataSource;
  clock: Clock;
  events: SecurityEventsService;
  twoFactor: TwoFactorService;
}

/** The resolver classes of the API tokens module, for the schema. */
export const API_TOKEN_RESOLVERS = [ApiTokensResolver];

/** API tokens for integrators' scripts: made with 2FA and a fresh proof, read-only, ended with 2FA or the password. */
export function createApiTokensModule(deps: ApiTokensDependencies) {
  const tokens = new ApiTokenService({
    dataSource: deps.dataSource,
    clock: deps.clock,
    events: deps.events,
    twoFactor: deps.twoFactor,
    proof: new FreshProof(deps.twoFactor),
  });
  return {
    tokens,
    /** Ends every live token of an account in the caller's transaction: for every change that must end them. */
    endAll: tokens.endAll.bind(tokens),
    resolvers: [new ApiTokensResolver(tokens)],
  };
}
