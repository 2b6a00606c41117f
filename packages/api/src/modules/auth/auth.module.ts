import { PasswordHasher, type PasswordHashCost } from './password';
import type { DataSource } from 'typeorm';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import type { ClientInfo } from '../../shared/client-info';
import type { Logger } from '../../shared/logger';
import type { SecretBox } from '../../shared/secret-box';
import type { SecurityEventsService } from '../audit/security-events.service';
import { AccountService, type SecondFactorGate } from './account.service';
import { AuthResolver } from './auth.resolver';
import { KnownDevices } from './devices/known-devices.service';
import type { UserEntity } from './entities/user.entity';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle } from './login-throttle';
import { RegistrationLimit } from './registration-limit';
import { SessionHandOff } from './session-hand-off';
import { SessionService, type SessionPolicy } from './session.service';

export interface AuthDependencies {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  counters: CounterStore;
  sessionPolicy: SessionPolicy;
  /** How hard password hashes are to compute (PASSWORD_HASH_COST). */
  passwordHashCost: PasswordHashCost;
  /** Failed password sign-ins one IP address may make in a window (SIGN_IN_FAILURES_PER_IP). */
  signInFailuresPerIp: { maxFailures: number; windowMs: number };
  registration: {
    enabled: boolean;
    /** Registrations an IP address may make in an hour (0 = no limit). */
    perIpPerHour: number;
    /** What follows a registration once the account exists; it never fails it. */
    after?: (user: UserEntity, client: ClientInfo) => Promise<void>;
  };
  /** The security log (a sign-in from a new device is recorded and told). */
  events: SecurityEventsService;
  /** What 2FA asks of a sign-in whose password was right. */
  secondFactor: SecondFactorGate;
  /** Makes the device cookie of a client that came without one. */
  secrets: SecretBox;
}

/** The resolver classes of the auth module, for the schema. */
export const AUTH_RESOLVERS = [AuthResolver];

/** Accounts, passwords and sessions: registration, sign-in and sign-out. */
export function createAuthModule(deps: AuthDependencies) {
  const { dataSource, clock } = deps;
  const passwords = new PasswordHasher(deps.passwordHashCost);
  const sessions = new SessionService(dataSource, clock, deps.sessionPolicy);
  const throttle = new LoginThrottle(deps.counters, clock, {
    ...DEFAULT_LOGIN_THROTTLE,
    maxFailuresPerIp: deps.signInFailuresPerIp.maxFailures,
    ipWindowMs: deps.signInFailuresPerIp.windowMs,
  });
  const handOff = new SessionHandOff(new KnownDevices(dataSource, clock, deps.events, deps.secrets), deps.logger);
  const accounts = new AccountService({
    dataSource,
    clock,
    sessions,
    throttle,
    passwords,
    options: {
      registrationEnabled: deps.registration.enabled,
      registrationLimit: new RegistrationLimit(deps.counters, clock, deps.registration.perIpPerHour),
      afterRegistration: deps.registration.after,
    },
    secondFactor: deps.secondFactor,
  });
  return { sessions, throttle, handOff, accounts, passwords, resolvers: [new AuthResolver(accounts, sessions, handOff)] };
}
