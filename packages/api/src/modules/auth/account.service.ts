import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../db/unique-violation';
import type { Clock } from '../../shared/clock';
import { AUTH_MESSAGES, AppError, invalidInput } from '../../shared/errors';
import { couldBelongToAnAccount, normalizeEmail } from './email-address';
import { UserEntity } from './entities/user.entity';
import type { TwoFactorChallenge } from '../two-factor/dto/two-factor-challenge.type';
import type { LoginThrottle } from './login-throttle';
import type { RegistrationLimit } from './registration-limit';
import { assertPasswordAcceptable, hashPassword, verifyAgainstDecoy, verifyPassword } from './password';
import { Role } from './role';
import type { ClientInfo, IssuedSession, SessionService } from './session.service';

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
}

export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly options: AccountOptions,
    private readonly secondFactor: SecondFactorGate = { secondStep: async () => ({ kind: 'none' }) },
  ) {}

  /** Creates a customer account and signs it in, in one transaction: both or neither. */
  async register(rawEmail: string, password: string, client: ClientInfo): Promise<SignedIn> {
    if (!this.options.registrationEnabled) throw new AppError('FORBIDDEN', AUTH_MESSAGES.REGISTRATION_CLOSED);
    const email = normalizeEmail(rawEmail);
    assertPasswordAcceptable(password);
    // Counted once the input is valid and before any work: a taken address counts too, so probing
    // which addresses have accounts is limited as well.
    await this.options.registrationLimit?.admit(client.ip ?? 'unknown');
    if (await this.dataSource.getRepository(UserEntity).existsBy({ email })) throw emailTaken();
    const passwordHash = await hashPassword(password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const user = manager.create(UserEntity, {
          id: randomUUID(),
          email,
          passwordHash,
          role: Role.CUSTOMER,
          createdAt: this.clock.now(),
        });
        await manager.insert(UserEntity, user);
        const issued = await this.sessions.issue(user.id, client, manager);
        return { ...issued, user };
      });
    } catch (error) {
      // Two registrations of one address racing: the unique index decides, the loser hears why.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  /**
   * Checks a password. Unknown e-mail and wrong password give the same error after the same work,
   * so the answer never tells whether an account exists.
   */
  async login(rawEmail: string, password: string, client: ClientInfo, rememberedBrowser?: string): Promise<LoginOutcome> {
    const email = rawEmail.trim().toLowerCase();
    const ip = client.ip ?? 'unknown';
    await this.throttle.admit(email, ip);
    // An address no account can have (control or invisible characters) is not looked up, and gets
    // the answer and the work of a wrong password: login never says whether an address is valid.
    const user = couldBelongToAnAccount(email) ? await this.dataSource.getRepository(UserEntity).findOneBy({ email }) : null;
    const passwordMatches = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
    if (!user || !passwordMatches) {
      await this.throttle.failed(ip);
      throw new AppError('UNAUTHENTICATED', AUTH_MESSAGES.INVALID_CREDENTIALS);
    }
    await this.throttle.succeeded(email);
    // With 2FA on, the password alone opens nothing: a challenge, or a browser remembered after one.
    const step = await this.secondFactor.secondStep(user, client, rememberedBrowser);
    if (step.kind === 'challenge') return { kind: 'challenge', challenge: step.challenge };
    const issued = await this.sessions.issue(user.id, client);
    return { kind: 'session', ...issued, user, ...(step.kind === 'remembered' ? { rememberedBrowser: step.rememberedBrowser } : {}) };
  }

  /** For operators (the CLI): any role, no session. */
  async createUser(rawEmail: string, password: string, role: Role): Promise<UserEntity> {
    const email = normalizeEmail(rawEmail);
    assertPasswordAcceptable(password);
    const user = this.dataSource.getRepository(UserEntity).create({
      id: randomUUID(),
      email,
      passwordHash: await hashPassword(password),
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

const emailTaken = () => invalidInput('email', AUTH_MESSAGES.EMAIL_TAKEN);
