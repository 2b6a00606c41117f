// Generated migrations, one folder per database, applied in this order.
// Add one with `pnpm --filter @latchkey/api migration:generate <Name>`, then list it here for both.
import { Initial1795839900699 as PostgresInitial } from './postgres/1795839900699-Initial';
import { Initial1795839900699 as SqliteInitial } from './sqlite/1795839900699-Initial';

export const SQLITE_MIGRATIONS = [SqliteInitial];
export const POSTGRES_MIGRATIONS = [PostgresInitial];
