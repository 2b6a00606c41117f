import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../db/unique-violation';
import type { Clock } from '../../shared/clock';
import { checkInputs, fail } from '../../errors/app-error';
import { couldBelongToAnAccount, normalizeEmail } from './email-address';
import { UserEntity } from './entities/user.entity';
import type { TwoFactorChallenge } from '../two-factor/dto/two-factor-challenge.type';
import type { LoginThrottle } from './login-throttle';
import type { RegistrationLimit } from './registration-limit';
import { assertPasswordAcceptable, type PasswordHasher } from './password';
import { Role } from './role';
import { SessionSecondFactor } from './session-second-factor';
import type { ClientInfo } from '../../shared/client-info';
import type { IssuedSession, SessionService } from './session.service';

export interface SignedIn extends IssuedSession {
  user: UserEntity;
}

/** A "Remember this browser" cookie to hand (back) to the browser. */
export interface RememberedBrowserCookie {
  value: string;
  expiresAt: Date;
}

/**
 * What a right password leads to: a session, or, with 2FA on, a challenge and no session yet. A
 * remembered browser gets its session at once, with its cookie renewed.
 */
export type LoginOutcome =
  ({ kind: 'session'; rememberedBrowser?: RememberedBrowserCookie } & SignedIn) | { kind: 'challenge'; challenge: TwoFactorChallenge };

/** What 2FA asks of a sign-in whose password was right. */
export type SecondStep =
  | { kind: 'none' }
  | { kind: 'remembered'; rememberedBrowser: RememberedBrowserCookie }
  | { kind: 'challenge'; challenge: TwoFactorChallenge };

/** The part of 2FA a password sign-in needs: is a method active, is this browser remembered, else a challenge. */
export interface SecondFactorGate {
  secondStep(user: UserEntity, client: ClientInfo, rememberedBrowser: string | undefined): Promise<SecondStep>;
}

export interface AccountOptions {
  registrationEnabled: boolean;
  /** Counts registrations per IP address; without it, registration is unlimited. */
  registrationLimit?: RegistrationLimit;
  /** What follows a registration once the account exists (the link that verifies its address); it never fails it. */
  afterRegistration?: (user: UserEntity, client: ClientInfo) => Promise<void>;
}

export interface AccountServiceDependencies {
  dataSource: DataSource;
  clock: Clock;
  passwords: PasswordHasher;
  sessions: SessionService;
  throttle: LoginThrottle;
  options: AccountOptions;
  /** What 2FA asks of a sign-in; without it, a right password is enough. */
  secondFactor?: SecondFactorGate;
}

export class AccountService {
  private readonly dataSource: DataSource;
  private readonly clock: Clock;
  private readonly sessions: SessionService;
  private readonly throttle: LoginThrottle;
  private readonly options: AccountOptions;
  private readonly secondFactor: SecondFactorGate;
  private readonly passwords: PasswordHasher;

  constructor(deps: AccountServiceDependencies) {
    this.passwords = deps.passwords;
    this.dataSource = deps.dataSource;
    this.clock = deps.clock;
    this.sessions = deps.sessions;
    this.throttle = deps.throttle;
    this.options = deps.options;
    this.secondFactor = deps.secondFactor ?? { secondStep: async () => ({ kind: 'none' }) };
  }

  /** Creates a customer account and signs it in, in one transaction: both or neither. */
  async register(rawEmail: string, password: string, client: ClientInfo): Promise<SignedIn> {
    if (!this.options.registrationEnabled) throw fail('REGISTRATION_CLOSED');
    const email = await acceptableCredentials(rawEmail, password);
    // Counted once the input is valid and before any work: a taken address counts too, so probing
    // which addresses have accounts is limited as well.
    await this.options.registrationLimit?.admit(client.ip ?? 'unknown');
    if (await this.dataSource.getRepository(UserEntity).existsBy({ email })) throw emailTaken();
    const passwordHash = await this.passwords.hash(password);
    let signedIn: SignedIn;
    try {
      signedIn = await this.dataSource.transaction(async (manager) => {
        const user = manager.create(UserEntity, {
          id: randomUUID(),
          email,
          passwordHash,
          role: Role.CUSTOMER,
          createdAt: this.clock.now(),
        });
        await manager.insert(UserEntity, user);
        const issued = await this.sessions.issue(user.id, client, { kind: SessionSecondFactor.NONE }, manager);
        return { ...issued, user };
      });
    } catch (error) {
      // Two registrations of one address racing: the unique index decides, the loser hears why.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    await this.options.afterRegistration?.(signedIn.user, client);
    return signedIn;
  }

  /**
   * Checks a password. Unknown e-mail and wrong password give the same error after the same work,
   * so the answer never tells whether an account exists.
   */
  async login(rawEmail: string, password: string, client: ClientInfo, rememberedBrowser?: string): Promise<LoginOutcome> {
    const email = rawEmail.trim().toLowerCase();
    const ip = client.ip ?? 'unknown';
    const attempt = await this.throttle.admit(email, ip);
    let user: UserEntity | null;
    let passwordMatches: boolean;
    try {
      // An address no account can have (control or invisible characters) is not looked up, and gets
      // the answer and the work of a wrong password: login never says whether an address is valid.
      user = couldBelongToAnAccount(email) ? await this.dataSource.getRepository(UserEntity).findOneBy({ email }) : null;
      passwordMatches = user ? await this.passwords.verify(user.passwordHash, password) : await this.passwords.verifyAgainstDecoy(password);
    } catch (error) {
      await attempt.abandoned().catch(() => undefined);
      throw error;
    }
    if (!user || !passwordMatches) {
      attempt.failed();
      throw fail('INVALID_CREDENTIALS');
    }
    await attempt.succeeded();
    return this.passwordAccepted(user, client, rememberedBrowser);
  }

  /**
   * The gate every way in passes once the user proved the password (a sign-in, or a reset link
   * that set it): with 2FA on the password alone opens nothing, only a challenge, or a browser
   * remembered after one; without 2FA, a session.
   */
  async passwordAccepted(user: UserEntity, client: ClientInfo, rememberedBrowser: string | undefined): Promise<LoginOutcome> {
    const step = await this.secondFactor.secondStep(user, client, rememberedBrowser);
    if (step.kind === 'challenge') return { kind: 'challenge', challenge: step.challenge };
    const remembered = step.kind === 'remembered';
    const passage = { kind: remembered ? SessionSecondFactor.REMEMBERED_BROWSER : SessionSecondFactor.NONE };
    const issued = await this.sessions.issue(user.id, client, passage);
    return { kind: 'session', ...issued, user, ...(remembered ? { rememberedBrowser: step.rememberedBrowser } : {}) };
  }

  /** For operators (the CLI): any role, no session. */
  async createUser(rawEmail: string, password: string, role: Role): Promise<UserEntity> {
    const email = await acceptableCredentials(rawEmail, password);
    const user = this.dataSource.getRepository(UserEntity).create({
      id: randomUUID(),
      email,
      passwordHash: await this.passwords.hash(password),
      role,
      createdAt: this.clock.now(),
    });
    try {
      await this.dataSource.getRepository(UserEntity).insert(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    return user;
  }
}

const emailTaken = () => fail('EMAIL_TAKEN');

/** The normalised e-mail of new credentials; every problem of the address and the password at once. */
async function acceptableCredentials(rawEmail: string, password: string): Promise<string> {
  const [email] = await checkInputs(
    () => normalizeEmail(rawEmail),
    () => assertPasswordAcceptable(password),
  );
  return email;
}
