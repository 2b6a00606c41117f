import { PolicyEntity } from './policy.entity';

/** The tables of the administration module. */
export const ADMINISTRATION_ENTITIES = [PolicyEntity];
