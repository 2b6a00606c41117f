import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError, invalidInput, tooManyAttempts } from '../../shared/errors';
import type { SecurityEventsService } from '../audit/security-events.service';
import { SecurityEventType } from '../audit/security-event-type';
import type { SessionEntity } from '../auth/entities/session.entity';
import type { CodeCheckOutcome, Metrics } from '../../observability/metrics';
import { UserEntity } from '../auth/entities/user.entity';
import type { AttemptTicket, TwoFactorAttemptLimiter } from './attempt-limiter';
import { codeAlreadyUsed, guardedCheck } from './code-guard';
import type { CodeSent, TotpSetup } from './dto/enable-two-factor-result';
import type { EnableTwoFactorInput } from './dto/enable-two-factor.input';
import { PendingTwoFactor, TwoFactorSettings } from './dto/two-factor-settings.type';
import { CodePurpose } from './entities/one-time-code.entity';
import { EnrollmentState, TwoFactorEnrollmentEntity } from './entities/two-factor-enrollment.entity';
import type { CodeMethod } from './methods/one-time-code/code-method';
import type { SmsNumberPolicy } from './methods/sms-code/sms-code.method';
import type { OneTimeCodeService } from './methods/one-time-code/one-time-code.service';
import type { CodeCheckResult, PreparedEnrollment, TwoFactorMethodModule } from './methods/method.types';
import { looksLikeRecoveryCode, type RecoveryCodeService } from './methods/recovery-codes/recovery-codes.service';
import type { TwoFactorMethod } from './two-factor-method';
import { TwoFactorRequirement, type TwoFactorRequirementPolicy } from './two-factor-requirement';
import { TWO_FACTOR_MESSAGES } from './two-factor.messages';

/** A pending set-up (a TOTP secret not yet confirmed, an address or number not yet proven) lives this long. */
export const ENROLLMENT_TTL_MS = 10 * 60_000;
/** How long "Not now" hides the invitation to enable 2FA. */
export const PROMPT_SNOOZE_MS = 30 * 24 * 60 * 60_000;

/** The loser of two set-ups started at once: the winner's set-up stands, and a retry in a moment works. */
const SET_UP_RACE_RETRY_MS = 1_000;
const setUpRaced = () => tooManyAttempts(TWO_FACTOR_MESSAGES.SETUP_RACE, SET_UP_RACE_RETRY_MS, 'RESEND_WAIT');

/** Who asks, and from where. */
export interface Actor {
  user: UserEntity;
  session: SessionEntity;
  ip: string;
}

/**
 * What a change of the second factor ends besides the factor itself, inside the change's
 * transaction: the user's other sessions, and the browsers remembered under the old factor.
 */
export interface TrustAfterChange {
  endOthers(userId: string, keepSessionId: string | null, manager: EntityManager): Promise<void>;
}

export interface TwoFactorPolicy extends TwoFactorRequirementPolicy {
  /** The methods users may enable. Users of a method taken off the list keep it until they change. */
  methods: readonly TwoFactorMethod[];
  /** How long "Remember this browser" skips the code; 0 = the server forbids it. */
  rememberBrowserDays: number;
  /** The countries SMS codes may go to (ISO 3166); null: any. */
  smsCountries: readonly string[] | null;
  /** `mobile`: SMS codes only to mobile numbers of a country; `any`: to every valid number. */
  smsNumberTypes: SmsNumberPolicy;
}

/**
 * Enabling, switching and disabling a user's second factor. One method is active at a time; a new
 * one is set up beside it and replaces it in one transaction once its code is verified.
 */
export class TwoFactorService {
  private readonly modules: ReadonlyMap<TwoFactorMethod, TwoFactorMethodModule>;
  readonly requirement: TwoFactorRequirement;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    methodModules: TwoFactorMethodModule[],
    private readonly recoveryCodes: RecoveryCodeService,
    private readonly codes: OneTimeCodeService,
    private readonly trust: TrustAfterChange,
    private readonly limiter: TwoFactorAttemptLimiter,
    private readonly events: SecurityEventsService,
    private readonly metrics: Metrics,
    private readonly policy: TwoFactorPolicy,
  ) {
    this.modules = new Map(methodModules.map((m) => [m.method, m]));
    this.requirement = new TwoFactorRequirement(
      dataSource,
      clock,
      policy,
      async (userId) => (await this.activeEnrollment(userId)) !== null,
    );
  }

  module(method: TwoFactorMethod): TwoFactorMethodModule {
    const module = this.modules.get(method);
    if (!module) throw invalidInput('method', `The ${method} method is not available on this server.`);
    return module;
  }

  private get enrollments() {
    return this.dataSource.getRepository(TwoFactorEnrollmentEntity);
  }

  activeEnrollment(userId: string): Promise<TwoFactorEnrollmentEntity | null> {
    return this.enrollments.findOneBy({ userId, state: EnrollmentState.ACTIVE });
  }

  async settings(user: UserEntity): Promise<TwoFactorSettings> {
    const rows = await this.enrollments.findBy({ userId: user.id });
    const active = rows.find((r) => r.state === EnrollmentState.ACTIVE) ?? null;
    const pending = rows.find((r) => r.state === EnrollmentState.PENDING && r.expiresAt!.getTime() > this.clock.now().getTime());
    const required = this.requirement.appliesTo(user);
    return Object.assign(new TwoFactorSettings(), {
      enabled: active !== null,
      method: active?.method ?? null,
      maskedDestination: active ? this.module(active.method).mask(active) : null,
      activeSince: active?.activatedAt ?? null,
      pending: pending
        ? Object.assign(new PendingTwoFactor(), {
            method: pending.method,
            maskedDestination: this.module(pending.method).mask(pending),
            expiresAt: pending.expiresAt!,
          })
        : null,
      recoveryCodesRemaining: active ? await this.recoveryCodes.remaining(user.id) : 0,
      promptToEnable: active === null && (required || !this.promptSnoozed(user)),
      required,
      requiredBy: active === null ? await this.requirement.deadline(user) : null,
      availableMethods: [...this.policy.methods],
      smsCountries: this.policy.smsCountries ? [...this.policy.smsCountries] : null,
    });
  }

  /**
   * Starts setting up a method. With a method already active this is a switch, and needs a fresh
   * proof; the active method keeps working until the new one is verified. Everything that can
   * refuse without cost comes first: the input, and a code method's send caps (its slots are
   * taken in `prepare`), so a full cap never burns the proof.
   */
  async enable(actor: Actor, input: EnableTwoFactorInput): Promise<TotpSetup | CodeSent> {
    if (!this.policy.methods.includes(input.method)) throw invalidInput('method', TWO_FACTOR_MESSAGES.METHOD_NOT_OFFERED);
    const module = this.module(input.method);
    const active = await this.activeEnrollment(actor.user.id);
    const prepared = await module.prepare(actor.user, input, { ip: actor.ip });
    let pending: TwoFactorEnrollmentEntity | null = null;
    try {
      if (active) {
        if (!input.proof?.trim()) throw invalidInput('proof', TWO_FACTOR_MESSAGES.PROOF_REQUIRED);
        await this.prove(actor, active, input.proof);
      }
      pending = await this.replacePending(actor.user.id, input.method, prepared);
      await this.codes.spendAll(actor.user.id, CodePurpose.ENROLL);
      return await prepared.present(pending);
    } catch (error) {
      // The first error is the one to answer; a limit store that fails again here changes nothing.
      await prepared.release?.().catch(() => undefined);
      // A code that could not be sent leaves no half-made set-up behind.
      if (pending) await this.enrollments.delete({ id: pending.id });
      throw error;
    }
  }

  /**
   * Puts a new set-up in place of the user's pending one, as a state change with one winner: it
   * deletes exactly the set-up it saw (still pending) and inserts its own, in one transaction. A
   * request that raced it finds nothing to delete, or meets the one-pending-per-user index, and is
   * refused cleanly: never two set-ups, never a 500.
   */
  private async replacePending(userId: string, method: TwoFactorMethod, prepared: PreparedEnrollment): Promise<TwoFactorEnrollmentEntity> {
    const now = this.clock.now();
    const pending = this.enrollments.create({
      id: randomUUID(),
      userId,
      method,
      state: EnrollmentState.PENDING,
      secretCiphertext: prepared.secretCiphertext,
      destination: prepared.destination,
      lastTotpStep: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ENROLLMENT_TTL_MS),
      activatedAt: null,
    });
    const seen = await this.enrollments.findOneBy({ userId, state: EnrollmentState.PENDING });
    try {
      await this.dataSource.transaction(async (manager) => {
        if (seen) {
          const removed = await manager.delete(TwoFactorEnrollmentEntity, { id: seen.id, state: EnrollmentState.PENDING });
          if (removed.affected !== 1) throw setUpRaced();
        }
        await manager.insert(TwoFactorEnrollmentEntity, pending);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw setUpRaced();
      throw error;
    }
    return pending;
  }

  async resendEnrollmentCode(actor: Actor): Promise<CodeSent> {
    const pending = await this.livePending(actor.user.id);
    const module = this.module(pending.method) as CodeMethod;
    if (!module.sendCode) throw invalidInput('method', TWO_FACTOR_MESSAGES.NO_CODE_METHOD);
    return module.codeSent(await module.sendCode(pending, CodePurpose.ENROLL, { ip: actor.ip }), pending.destination!);
  }

  /** Verifies the pending method's code and makes it the active one, in one transaction. */
  async verify(actor: Actor, code: string): Promise<{ method: TwoFactorMethod; recoveryCodes: string[] | null }> {
    const pending = await this.livePending(actor.user.id);
    const module = this.module(pending.method);
    const result = await guardedCheck(
      this.limiter,
      this.ticket(actor),
      () => module.check(pending, code, CodePurpose.ENROLL),
      this.observer(pending.method),
    );
    // Recovery codes come with the first enabling only; a switch keeps the ones the user holds. They
    // are hashed here, outside the transaction (argon2 is slow), and stored only by the winner.
    const firstEnabling = (await this.activeEnrollment(actor.user.id)) === null;
    const fresh = firstEnabling && (await this.recoveryCodes.remaining(actor.user.id)) === 0 ? await this.recoveryCodes.generate() : null;

    let switching = false;
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await this.claimPending(manager, pending, now);
      const replaced = await manager
        .createQueryBuilder()
        .delete()
        .from(TwoFactorEnrollmentEntity)
        .where('user_id = :userId AND state = :active AND id <> :pendingId', {
          userId: actor.user.id,
          active: EnrollmentState.ACTIVE,
          pendingId: pending.id,
        })
        .execute();
      switching = (replaced.affected ?? 0) > 0;
      await manager.update(
        TwoFactorEnrollmentEntity,
        { id: pending.id, state: EnrollmentState.PENDING },
        { state: EnrollmentState.ACTIVE, activatedAt: now, expiresAt: null, lastTotpStep: result.totpStep ?? null },
      );
      if (fresh && !switching) await this.recoveryCodes.replace(manager, actor.user.id, fresh.rows);
      await this.trust.endOthers(actor.user.id, actor.session.id, manager);
    });
    await this.events.record({
      userId: actor.user.id,
      type: switching ? SecurityEventType.TWO_FACTOR_SWITCHED : SecurityEventType.TWO_FACTOR_ENABLED,
      method: pending.method,
      ip: actor.ip,
    });
    return { method: pending.method, recoveryCodes: switching ? null : (fresh?.codes ?? null) };
  }

  /**
   * The first write of an activation: it names the state it expects (this set-up, still pending and
   * live), so of two requests verifying one set-up at once exactly one goes on. On PostgreSQL the
   * second waits for the first's row lock, then finds the row no longer pending. The loser learns
   * why: its code was just used, the set-up was replaced or cancelled, or it ran out of time.
   */
  private async claimPending(manager: EntityManager, pending: TwoFactorEnrollmentEntity, now: Date): Promise<void> {
    const claimed = await manager
      .createQueryBuilder()
      .update(TwoFactorEnrollmentEntity)
      .set({ activatedAt: now })
      .where('id = :id AND state = :pending AND expires_at > :now', {
        id: pending.id,
        pending: EnrollmentState.PENDING,
        now: now.getTime(),
      })
      .execute();
    if (claimed.affected === 1) return;
    const current = await manager.findOneBy(TwoFactorEnrollmentEntity, { id: pending.id });
    if (current?.state === EnrollmentState.ACTIVE) throw codeAlreadyUsed();
    if (!current) throw new AppError('BAD_USER_INPUT', TWO_FACTOR_MESSAGES.NOTHING_PENDING, { reason: 'NOTHING_PENDING' });
    throw new AppError('CODE_EXPIRED', TWO_FACTOR_MESSAGES.SETUP_EXPIRED, { reason: 'SETUP_EXPIRED' });
  }

  /** Turns 2FA off, after a fresh proof. Removes the method, any set-up and the recovery codes. */
  async disable(actor: Actor, code: string): Promise<void> {
    if (this.requirement.appliesTo(actor.user)) {
      throw new AppError('FORBIDDEN', TWO_FACTOR_MESSAGES.REQUIRED_CANNOT_DISABLE, { reason: 'TWO_FACTOR_REQUIRED' });
    }
    const active = await this.requireActive(actor.user.id);
    await this.prove(actor, active, code);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(TwoFactorEnrollmentEntity, { userId: actor.user.id });
      await this.recoveryCodes.replace(manager, actor.user.id, []);
      await this.trust.endOthers(actor.user.id, actor.session.id, manager);
      // "Not now" was said while 2FA was on: with it off again, the invitation comes back.
      await manager.update(UserEntity, { id: actor.user.id }, { twoFactorPromptDismissedAt: null });
    });
    actor.user.twoFactorPromptDismissedAt = null;
    await this.codes.spendAll(actor.user.id, CodePurpose.PROOF);
    await this.events.record({ userId: actor.user.id, type: SecurityEventType.TWO_FACTOR_DISABLED, method: active.method, ip: actor.ip });
  }

  /** Sends a proof code to the active e-mail or SMS method, for switching, disabling or new recovery codes. */
  async sendProofCode(actor: Actor): Promise<CodeSent> {
    const active = await this.requireActive(actor.user.id);
    const module = this.module(active.method) as Partial<CodeMethod>;
    if (!module.sendCode || !module.codeSent) throw invalidInput('method', TWO_FACTOR_MESSAGES.NO_CODE_METHOD);
    return module.codeSent(await module.sendCode(active, CodePurpose.PROOF, { ip: actor.ip }), active.destination!);
  }

  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<string[]> {
    const active = await this.requireActive(actor.user.id);
    await this.prove(actor, active, code);
    const fresh = await this.recoveryCodes.generate();
    await this.dataSource.transaction((manager) => this.recoveryCodes.replace(manager, actor.user.id, fresh.rows));
    await this.events.record({ userId: actor.user.id, type: SecurityEventType.RECOVERY_CODES_REGENERATED, ip: actor.ip });
    return fresh.codes;
  }

  /**
   * A fresh proof of the caller's own active method (a current code or a recovery code), for
   * actions elsewhere that need one (support resets). FORBIDDEN without 2FA on.
   */
  async proveOwnFactor(actor: Actor, code: string, withoutTwoFactor: string, reason: string): Promise<void> {
    const active = await this.activeEnrollment(actor.user.id);
    if (!active) throw new AppError('FORBIDDEN', withoutTwoFactor, { reason });
    await this.prove(actor, active, code);
  }

  /**
   * Support or an operator removes a user's 2FA (lost phone, mailbox or number): the method, any
   * set-up, the recovery codes and every session of the user go, in one transaction.
   */
  async reset(userId: string, by: { actorUserId: string | null; reason: string; ip: string | null }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(TwoFactorEnrollmentEntity, { userId });
      await this.recoveryCodes.replace(manager, userId, []);
      await this.trust.endOthers(userId, null, manager);
    });
    await this.codes.spendAll(userId, CodePurpose.PROOF);
    await this.codes.spendAll(userId, CodePurpose.ENROLL);
    await this.limiter.clear(userId);
    await this.events.record({
      userId,
      type: SecurityEventType.TWO_FACTOR_RESET,
      ip: by.ip,
      actorUserId: by.actorUserId,
      detail: by.reason,
    });
  }

  /** "Not now" silences the invitation to enable 2FA for a while, not for ever. */
  private promptSnoozed(user: UserEntity): boolean {
    const dismissedAt = user.twoFactorPromptDismissedAt;
    return dismissedAt !== null && this.clock.now().getTime() - dismissedAt.getTime() < PROMPT_SNOOZE_MS;
  }

  async dismissPrompt(user: UserEntity): Promise<UserEntity> {
    const now = this.clock.now();
    await this.dataSource.getRepository(UserEntity).update({ id: user.id }, { twoFactorPromptDismissedAt: now });
    return Object.assign(user, { twoFactorPromptDismissedAt: now });
  }

  /** A fresh proof: a current code of the active method, or an unused recovery code. */
  private async prove(actor: Actor, active: TwoFactorEnrollmentEntity, code: string): Promise<void> {
    const recovery = looksLikeRecoveryCode(code);
    await guardedCheck(
      this.limiter,
      this.ticket(actor),
      async (): Promise<CodeCheckResult> => {
        if (recovery) return this.recoveryCodes.use(actor.user.id, code);
        return this.module(active.method).check(active, code, CodePurpose.PROOF);
      },
      this.observer(recovery ? 'RECOVERY' : active.method),
    );
  }

  /** Counts a check's outcome under the method (or RECOVERY) it used. */
  observer(method: TwoFactorMethod | 'RECOVERY'): (outcome: CodeCheckOutcome) => void {
    return (outcome) => this.metrics.codeChecks.inc({ method, outcome });
  }

  private async requireActive(userId: string): Promise<TwoFactorEnrollmentEntity> {
    const active = await this.activeEnrollment(userId);
    if (!active) throw new AppError('BAD_USER_INPUT', TWO_FACTOR_MESSAGES.NOT_ENABLED);
    return active;
  }

  private async livePending(userId: string): Promise<TwoFactorEnrollmentEntity> {
    const pending = await this.enrollments.findOneBy({ userId, state: EnrollmentState.PENDING });
    if (!pending) throw new AppError('BAD_USER_INPUT', TWO_FACTOR_MESSAGES.NOTHING_PENDING, { reason: 'NOTHING_PENDING' });
    if (pending.expiresAt!.getTime() <= this.clock.now().getTime()) {
      throw new AppError('CODE_EXPIRED', TWO_FACTOR_MESSAGES.SETUP_EXPIRED, { reason: 'SETUP_EXPIRED' });
    }
    return pending;
  }

  private ticket(actor: Actor): AttemptTicket {
    return { userId: actor.user.id, ip: actor.ip };
  }
}
