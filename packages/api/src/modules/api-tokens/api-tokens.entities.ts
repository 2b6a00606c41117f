import { ApiTokenEntity } from './api-token.entity';

/** The tables of the API tokens module. */
export const API_TOKEN_ENTITIES = [ApiTokenEntity];
