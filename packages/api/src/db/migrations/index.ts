// Generated migrations, one folder per database, applied in this order.
// Add one with `pnpm --filter @latchkey/api migration:generate <Name>`, then list it here for both.
import { Initial1795839900699 as PostgresInitial } from './postgres/1795839900699-Initial';
import { Initial1795839900699 as SqliteInitial } from './sqlite/1795839900699-Initial';
import { SecurityEvents1795840380525 as PostgresSecurityEvents } from './postgres/1795840380525-SecurityEvents';
import { SecurityEvents1795840380525 as SqliteSecurityEvents } from './sqlite/1795840380525-SecurityEvents';
import { SupportResets1795841666337 as PostgresSupportResets } from './postgres/1795841666337-SupportResets';
import { SupportResets1795841666337 as SqliteSupportResets } from './sqlite/1795841666337-SupportResets';
import { RememberedBrowsers1795861366547 as PostgresRememberedBrowsers } from './postgres/1795861366547-RememberedBrowsers';
import { RememberedBrowsers1795861366547 as SqliteRememberedBrowsers } from './sqlite/1795861366547-RememberedBrowsers';
import { TwoFactorGrace1795861807527 as PostgresTwoFactorGrace } from './postgres/1795861807527-TwoFactorGrace';
import { TwoFactorGrace1795861807527 as SqliteTwoFactorGrace } from './sqlite/1795861807527-TwoFactorGrace';
import { SecurityEventCount1795924446274 as PostgresSecurityEventCount } from './postgres/1795924446274-SecurityEventCount';
import { SecurityEventCount1795924446274 as SqliteSecurityEventCount } from './sqlite/1795924446274-SecurityEventCount';

export const SQLITE_MIGRATIONS = [
  SqliteInitial,
  SqliteSecurityEvents,
  SqliteSupportResets,
  SqliteRememberedBrowsers,
  SqliteTwoFactorGrace,
  SqliteSecurityEventCount,
];
export const POSTGRES_MIGRATIONS = [
  PostgresInitial,
  PostgresSecurityEvents,
  PostgresSupportResets,
  PostgresRememberedBrowsers,
  PostgresTwoFactorGrace,
  PostgresSecurityEventCount,
];
