/**
 * A second-factor method, as the schema and the database name it: the registry's ids. Defined in
 * methods/registry.ts, where the list is; re-exported here for the flows and the DTOs.
 */
export { TwoFactorMethod } from './methods/registry';
