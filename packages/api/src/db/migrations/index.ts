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
import { MethodStateTables1795936133639 as PostgresMethodStateTables } from './postgres/1795936133639-MethodStateTables';
import { MethodStateTables1795936133639 as SqliteMethodStateTables } from './sqlite/1795936133639-MethodStateTables';
import { MoveMethodState1795936133640 as PostgresMoveMethodState } from './postgres/1795936133640-MoveMethodState';
import { MoveMethodState1795936133640 as SqliteMoveMethodState } from './sqlite/1795936133640-MoveMethodState';
import { EnrollmentWithoutMethodColumns1795936163141 as PostgresEnrollmentWithoutMethodColumns } from './postgres/1795936163141-EnrollmentWithoutMethodColumns';
import { EnrollmentWithoutMethodColumns1795936163141 as SqliteEnrollmentWithoutMethodColumns } from './sqlite/1795936163141-EnrollmentWithoutMethodColumns';
import { WebAuthnKeys1795938423900 as PostgresWebAuthnKeys } from './postgres/1795938423900-WebAuthnKeys';
import { WebAuthnKeys1795938423900 as SqliteWebAuthnKeys } from './sqlite/1795938423900-WebAuthnKeys';
import { EmailVerification1795935216649 as PostgresEmailVerification } from './postgres/1795935216649-EmailVerification';
import { EmailVerification1795935216649 as SqliteEmailVerification } from './sqlite/1795935216649-EmailVerification';
import { SessionDevices1795937464518 as PostgresSessionDevices } from './postgres/1795937464518-SessionDevices';
import { SessionDevices1795937464518 as SqliteSessionDevices } from './sqlite/1795937464518-SessionDevices';
import { Webhooks1795946819017 as PostgresWebhooks } from './postgres/1795946819017-Webhooks';
import { Webhooks1795946819017 as SqliteWebhooks } from './sqlite/1795946819017-Webhooks';
import { AccountRecovery1795946811998 as PostgresAccountRecovery } from './postgres/1795946811998-AccountRecovery';
import { AccountRecovery1795946811998 as SqliteAccountRecovery } from './sqlite/1795946811998-AccountRecovery';
import { ApiTokens1795946857635 as PostgresApiTokens } from './postgres/1795946857635-ApiTokens';
import { ApiTokens1795946857635 as SqliteApiTokens } from './sqlite/1795946857635-ApiTokens';
import { AdministrationPolicy1795959886103 as PostgresAdministrationPolicy } from './postgres/1795959886103-AdministrationPolicy';
import { AdministrationPolicy1795959886103 as SqliteAdministrationPolicy } from './sqlite/1795959886103-AdministrationPolicy';

export const SQLITE_MIGRATIONS = [
  SqliteInitial,
  SqliteSecurityEvents,
  SqliteSupportResets,
  SqliteRememberedBrowsers,
  SqliteTwoFactorGrace,
  SqliteSecurityEventCount,
  SqliteEmailVerification,
  SqliteMethodStateTables,
  SqliteMoveMethodState,
  SqliteEnrollmentWithoutMethodColumns,
  SqliteSessionDevices,
  SqliteWebAuthnKeys,
  SqliteWebhooks,
  SqliteAccountRecovery,
  SqliteApiTokens,
  SqliteAdministrationPolicy,
];
export const POSTGRES_MIGRATIONS = [
  PostgresInitial,
  PostgresSecurityEvents,
  PostgresSupportResets,
  PostgresRememberedBrowsers,
  PostgresTwoFactorGrace,
  PostgresSecurityEventCount,
  PostgresEmailVerification,
  PostgresMethodStateTables,
  PostgresMoveMethodState,
  PostgresEnrollmentWithoutMethodColumns,
  PostgresSessionDevices,
  PostgresWebAuthnKeys,
  PostgresWebhooks,
  PostgresAccountRecovery,
  PostgresApiTokens,
  PostgresAdministrationPolicy,
];
