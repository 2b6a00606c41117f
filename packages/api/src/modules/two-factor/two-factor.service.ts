import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { preparedSelect } from '../../db/prepared-statements';
import { isUniqueViolation } from '../../db/unique-violation';
import { fail, failFields, isInputProblem, tooManyAttempts } from '../../errors/app-error';
import type { ReasonOf, ErrorCode } from '../../errors/error-catalogue';
import type { SecurityEventsService } from '../audit/security-events.service';
import { SecurityEventType } from '../audit/security-event-type';
import type { SessionEntity } from '../auth/entities/session.entity';
import type { Metrics } from '../../observability/metrics';
import { UserEntity } from '../auth/entities/user.entity';
import type { AttemptTicket, TwoFactorAttemptLimiter } from './attempt-limiter';
import { codeAlreadyUsed, countChecks, guardedCheck } from './code-guard';
import type { CodeSent, EnableTwoFactorResult } from './dto/enable-two-factor-result';
import type { EnableTwoFactorInput } from './dto/enable-two-factor.input';
import { PendingTwoFactor, TwoFactorMethodCapabilities, TwoFactorSettings } from './dto/two-factor-settings.type';
import { CodePurpose } from './entities/one-time-code.entity';
import { EnrollmentState, TwoFactorEnrollmentEntity } from './entities/two-factor-enrollment.entity';
import type { MethodModules } from './methods/method-modules';
import type { CheckResult, PreparedEnrollment } from './methods/method.types';
import { looksLikeRecoveryCode, type RecoveryCodeService } from './methods/recovery-codes/recovery-codes.service';
import type { TwoFactorMethod } from './two-factor-method';
import { TwoFactorRequirement, type TwoFactorRequirementPolicy } from './two-factor-requirement';

/** A pending set-up (a TOTP secret not yet confirmed, an address or number not yet proven) lives this long. */
export const ENROLLMENT_TTL_MS = 10 * 60_000;
/** How long "Not now" hides the invitation to enable 2FA. */
export const PROMPT_SNOOZE_MS = 30 * 24 * 60 * 60_000;

/** The loser of two set-ups started at once: the winner's set-up stands, and a retry in a moment works. */
const SET_UP_RACE_RETRY_MS = 1_000;
const twoFactorOff = () => fail('NOT_ENABLED');
const setUpRaced = () => tooManyAttempts('SETUP_RACE', SET_UP_RACE_RETRY_MS);

/** How a reset is logged (and told to the user): by support at once, or by an account recovery after its wait. */
export type ResetEvent = SecurityEventType.TWO_FACTOR_RESET | SecurityEventType.ACCOUNT_RECOVERY_COMPLETED;

/** Who asks, and from where. */
export interface Actor {
  user: UserEntity;
  session: SessionEntity;
  ip: string;
}

/** Why 2FA went: turned off by its owner, or reset by support or an operator. */
export type TwoFactorEnd = 'TWO_FACTOR_DISABLED' | 'TWO_FACTOR_RESET';

/**
 * What a change of the second factor ends besides the factor itself, inside the change's
 * transaction: the user's other sessions, and the browsers remembered under the old factor; and
 * when 2FA goes altogether (not at a switch), what only an account with 2FA may hold: API tokens.
 */
export interface TrustAfterChange {
  endOthers(userId: string, keepSessionId: string | null, manager: EntityManager): Promise<void>;
  endWithTwoFactor(userId: string, why: TwoFactorEnd, manager: EntityManager): Promise<void>;
}

export interface TwoFactorPolicy extends TwoFactorRequirementPolicy {
  /** The methods users may enable. Users of a method taken off the list keep it until they change. */
  methods: readonly TwoFactorMethod[];
  /** How long "Remember this browser" skips the code; 0 = the server forbids it. */
  rememberBrowserDays: number;
  /** ISO 3166 codes of the countries SMS codes may go to; null: any. */
  smsCountries: readonly string[] | null;
}

/**
 * Where the flows read the policy: the one an admin saved, or the environment's until then. Read
 * at each use (it answers from a cache that it refreshes when old), so a change takes effect at
 * once in the process that saved it and within seconds in the others.
 */
export interface TwoFactorPolicySource {
  current(): Promise<TwoFactorPolicy>;
}

export interface TwoFactorServiceDependencies {
  dataSource: DataSource;
  clock: Clock;
  methods: MethodModules;
  recoveryCodes: RecoveryCodeService;
  trust: TrustAfterChange;
  limiter: TwoFactorAttemptLimiter;
  events: SecurityEventsService;
  metrics: Metrics;
  policy: TwoFactorPolicySource;
}

/**
 * Enabling, switching and disabling a user's second factor. One method is active at a time; a new
 * one is set up beside it and replaces it in one transaction once its proof is verified. What a
 * method does (send a code, check a key) is asked of the method: this service never names one.
 */
export class TwoFactorService {
  private readonly dataSource: DataSource;
  private readonly clock: Clock;
  private readonly methods: MethodModules;
  private readonly recoveryCodes: RecoveryCodeService;
  private readonly trust: TrustAfterChange;
  private readonly limiter: TwoFactorAttemptLimiter;
  private readonly events: SecurityEventsService;
  private readonly metrics: Metrics;
  private readonly policy: TwoFactorPolicySource;
  readonly requirement: TwoFactorRequirement;

  constructor(deps: TwoFactorServiceDependencies) {
    this.dataSource = deps.dataSource;
    this.clock = deps.clock;
    this.methods = deps.methods;
    this.recoveryCodes = deps.recoveryCodes;
    this.trust = deps.trust;
    this.limiter = deps.limiter;
    this.events = deps.events;
    this.metrics = deps.metrics;
    this.policy = deps.policy;
    this.requirement = new TwoFactorRequirement(
      deps.dataSource,
      deps.clock,
      deps.policy,
      async (userId) => (await this.activeEnrollment(userId)) !== null,
    );
    this.enrollmentsOf = preparedSelect(deps.dataSource, {
      name: 'two_factor_enrollments_of_user',
      select: { enrollment: TwoFactorEnrollmentEntity },
      from: '"two_factor_enrollments" "enrollment"',
      where: 'WHERE "enrollment"."user_id" = ?',
    });
    this.activeEnrollmentOf = preparedSelect(deps.dataSource, {
      name: 'active_two_factor_enrollment_of_user',
      select: { enrollment: TwoFactorEnrollmentEntity },
      from: '"two_factor_enrollments" "enrollment"',
      where: 'WHERE "enrollment"."user_id" = ? AND "enrollment"."state" = ? LIMIT 1',
    });
  }

  /** Read by every settings query and every code check: prepared statements. */
  private readonly enrollmentsOf;
  private readonly activeEnrollmentOf;

  private get enrollments() {
    return this.dataSource.getRepository(TwoFactorEnrollmentEntity);
  }

  async activeEnrollment(userId: string): Promise<TwoFactorEnrollmentEntity | null> {
    return (await this.activeEnrollmentOf.first([userId, EnrollmentState.ACTIVE]))?.enrollment ?? null;
  }

  /**
   * The user's settings. The enrollments, which nearly every field needs, are read first, so those
   * fields answer at once; the rest (recovery codes left, the deadline, the policy) are read only
   * when the query asks for them (see TwoFactorSettings).
   */
  async settings(user: UserEntity): Promise<TwoFactorSettings> {
    const rows = (await this.enrollmentsOf.all([user.id])).map((row) => row.enrollment!);
    const now = this.clock.now().getTime();
    const active = rows.find((r) => r.state === EnrollmentState.ACTIVE) ?? null;
    const pending = rows.find((r) => r.state === EnrollmentState.PENDING && r.expiresAt!.getTime() > now) ?? null;
    const required = () => this.requirement.appliesTo(user);
    return new TwoFactorSettings({
      enabled: () => active !== null,
      method: () => active?.method ?? null,
      maskedDestination: () => (active ? this.methods.get(active.method).mask(active) : null),
      activeSince: () => active?.activatedAt ?? null,
      pending: async () => {
        if (!pending) return null;
        return Object.assign(new PendingTwoFactor(), {
          method: pending.method,
          maskedDestination: await this.methods.get(pending.method).mask(pending),
          expiresAt: pending.expiresAt!,
        });
      },
      recoveryCodesRemaining: () => (active ? this.recoveryCodes.remaining(user.id) : 0),
      promptToEnable: async () => active === null && ((await required()) || !this.promptSnoozed(user)),
      required,
      requiredBy: () => (active === null ? this.requirement.deadline(user) : null),
      availableMethods: async () => [...(await this.policy.current()).methods],
      methods: () =>
        this.methods.all.map(({ definition }) =>
          Object.assign(new TwoFactorMethodCapabilities(), {
            method: definition.id,
            sendsCodes: definition.sendsCodes,
            proof: definition.proof,
          }),
        ),
    });
  }

  /**
   * Starts setting up a method. With a method already active this is a switch, and needs a fresh
   * proof; the active method keeps working until the new one is verified. Everything that can
   * refuse without cost comes first: the input, and a code method's send caps (its slots are
   * taken in `prepare`), so a full cap never burns the proof.
   */
  async enable(actor: Actor, input: EnableTwoFactorInput): Promise<typeof EnableTwoFactorResult> {
    // A method taken off the list stays with those who have it, but nobody new sets it up.
    if (!(await this.policy.current()).methods.includes(input.method)) throw fail('METHOD_NOT_OFFERED');
    const module = this.methods.get(input.method);
    const active = await this.activeEnrollment(actor.user.id);
    // A switch without its proof is told together with any problem of the new destination.
    const proofMissing = active && !input.proof?.trim() ? fail('PROOF_REQUIRED') : null;
    const prepared = await module.prepare(actor.user, input, { ip: actor.ip }).catch((error: unknown) => {
      throw proofMissing && isInputProblem(error) ? failFields([error, proofMissing]) : error;
    });
    let pending: TwoFactorEnrollmentEntity | null = null;
    try {
      if (proofMissing) throw proofMissing;
      if (active) await this.prove(actor, active, input.proof ?? '');
      pending = await this.replacePending(actor.user.id, input.method, prepared);
      await this.discardOpen(actor.user.id, CodePurpose.ENROLL);
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
        await prepared.store(manager, pending);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw setUpRaced();
      throw error;
    }
    return pending;
  }

  async resendEnrollmentCode(actor: Actor): Promise<CodeSent> {
    const pending = await this.livePending(actor.user.id);
    const module = this.methods.get(pending.method);
    if (!module.sendCode) throw fail('NO_CODE_METHOD');
    return module.sendCode(pending, CodePurpose.ENROLL, { ip: actor.ip });
  }

  /**
   * Verifies the set-up's proof and makes it the active method, in one transaction. A set-up of a
   * method that holds several credentials, made while that method is active, adds its credential
   * to the active enrollment instead.
   */
  async verify(actor: Actor, code: string): Promise<{ method: TwoFactorMethod; recoveryCodes: string[] | null }> {
    const pending = await this.livePending(actor.user.id);
    const module = this.methods.get(pending.method);
    const result = await guardedCheck(
      this.limiter,
      this.ticket(actor),
      () => module.check(pending, code, CodePurpose.ENROLL, { ip: actor.ip }),
      countChecks(this.metrics, pending.method),
    );
    // Recovery codes come with the first enabling only; a switch keeps the ones the user holds. They
    // are hashed here, outside the transaction (argon2 is slow), and stored only by the winner.
    const active = await this.activeEnrollment(actor.user.id);
    const firstEnabling = active === null;
    const fresh = firstEnabling && (await this.recoveryCodes.remaining(actor.user.id)) === 0 ? await this.recoveryCodes.generate() : null;
    const adding = active?.method === pending.method && module.mergeInto ? { into: active, merge: module.mergeInto.bind(module) } : null;

    let switching = false;
    // The event goes into the change's own transaction: a change that rolls back is never announced.
    const recorded = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await this.claimPending(manager, pending, now);
      await result.activate?.(manager);
      if (adding) {
        const added = await adding.merge(manager, pending, adding.into);
        await manager.delete(TwoFactorEnrollmentEntity, { id: pending.id });
        return this.events.recordIn(manager, {
          userId: actor.user.id,
          type: SecurityEventType.TWO_FACTOR_CREDENTIAL_ADDED,
          method: pending.method,
          ip: actor.ip,
          detail: added,
        });
      }
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
        { state: EnrollmentState.ACTIVE, activatedAt: now, expiresAt: null },
      );
      if (fresh && !switching) await this.recoveryCodes.replace(manager, actor.user.id, fresh.rows);
      await this.trust.endOthers(actor.user.id, actor.session.id, manager);
      return this.events.recordIn(manager, {
        userId: actor.user.id,
        type: switching ? SecurityEventType.TWO_FACTOR_SWITCHED : SecurityEventType.TWO_FACTOR_ENABLED,
        method: pending.method,
        ip: actor.ip,
      });
    });
    await recorded.announce();
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
    if (!current) throw fail('NOTHING_PENDING');
    throw fail('SETUP_EXPIRED');
  }

  /** Turns 2FA off, after a fresh proof. Removes the method, any set-up and the recovery codes. */
  async disable(actor: Actor, code: string): Promise<void> {
    if (await this.requirement.appliesTo(actor.user)) throw fail('REQUIRED_CANNOT_DISABLE');
    const active = await this.requireActive(actor.user.id);
    await this.prove(actor, active, code);
    const recorded = await this.dataSource.transaction(async (manager) => {
      await this.holdActive(manager, active);
      await manager.delete(TwoFactorEnrollmentEntity, { userId: actor.user.id });
      await this.recoveryCodes.replace(manager, actor.user.id, []);
      await this.trust.endOthers(actor.user.id, actor.session.id, manager);
      await this.trust.endWithTwoFactor(actor.user.id, 'TWO_FACTOR_DISABLED', manager);
      // "Not now" was said while 2FA was on: with it off again, the invitation comes back.
      await manager.update(UserEntity, { id: actor.user.id }, { twoFactorPromptDismissedAt: null });
      return this.events.recordIn(manager, {
        userId: actor.user.id,
        type: SecurityEventType.TWO_FACTOR_DISABLED,
        method: active.method,
        ip: actor.ip,
      });
    });
    actor.user.twoFactorPromptDismissedAt = null;
    await this.discardOpen(actor.user.id, CodePurpose.PROOF);
    await recorded.announce();
  }

  /** Sends a proof code to the active e-mail or SMS method, for switching, disabling or new recovery codes. */
  async sendProofCode(actor: Actor): Promise<CodeSent> {
    const active = await this.requireActive(actor.user.id);
    const module = this.methods.get(active.method);
    if (!module.sendCode) throw fail('NO_CODE_METHOD');
    return module.sendCode(active, CodePurpose.PROOF, { ip: actor.ip });
  }

  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<string[]> {
    const active = await this.requireActive(actor.user.id);
    const replacing = await this.recoveryCodes.current(actor.user.id);
    await this.prove(actor, active, code);
    const fresh = await this.recoveryCodes.generate();
    const recorded = await this.dataSource.transaction(async (manager) => {
      await this.holdActive(manager, active);
      await this.recoveryCodes.replaceExpected(manager, actor.user.id, replacing, fresh.rows);
      return this.events.recordIn(manager, { userId: actor.user.id, type: SecurityEventType.RECOVERY_CODES_REGENERATED, ip: actor.ip });
    });
    await recorded.announce();
    return fresh.codes;
  }

  /**
   * The first write of a change made on a proof of the active method (new recovery codes, turning
   * 2FA off): it names the method proved against, still active, so a change that raced it (a
   * switch, a disable, a support reset) makes this one lose instead of writing over the result.
   * On PostgreSQL it also takes that row's lock: racing changes of one user's factor go one at a time.
   */
  private async holdActive(manager: EntityManager, active: TwoFactorEnrollmentEntity): Promise<void> {
    const held = await manager
      .createQueryBuilder()
      .update(TwoFactorEnrollmentEntity)
      .set({ state: EnrollmentState.ACTIVE })
      .where('id = :id AND state = :active', { id: active.id, active: EnrollmentState.ACTIVE })
      .execute();
    if (held.affected === 1) return;
    if (await manager.existsBy(TwoFactorEnrollmentEntity, { userId: active.userId, state: EnrollmentState.ACTIVE })) {
      throw codeAlreadyUsed();
    }
    throw twoFactorOff();
  }

  /**
   * Runs `work` in one transaction with the user's 2FA held on: the first write names the active
   * method, so `work` runs only while 2FA is on, and (on PostgreSQL, which locks that row until
   * the commit) turning 2FA off or a support reset racing it waits for it and then ends what it
   * made. Without 2FA on, nothing runs and `off` is thrown.
   */
  async whileOn<T>(userId: string, off: () => Error, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const held = await manager
        .createQueryBuilder()
        .update(TwoFactorEnrollmentEntity)
        .set({ state: EnrollmentState.ACTIVE })
        .where('user_id = :userId AND state = :active', { userId, active: EnrollmentState.ACTIVE })
        .execute();
      if (held.affected !== 1) throw off();
      return work(manager);
    });
  }

  /**
   * A fresh proof of the caller's own active method (a current code or a recovery code), for
   * actions elsewhere that need one (support resets). FORBIDDEN without 2FA on.
   */
  async proveOwnFactor(actor: Actor, code: string, withoutTwoFactor: ReasonOf<ErrorCode.FORBIDDEN>): Promise<void> {
    const active = await this.activeEnrollment(actor.user.id);
    if (!active) throw fail(withoutTwoFactor);
    await this.prove(actor, active, code);
  }

  /** A fresh proof of the caller's active method, when 2FA is on (account changes ask for one); nothing to prove without it. */
  async proveIfOn(actor: Actor, code: string): Promise<void> {
    const active = await this.activeEnrollment(actor.user.id);
    if (active) await this.prove(actor, active, code);
  }

  /**
   * Support or an operator removes a user's 2FA (lost phone, mailbox or number), or an approved
   * account recovery does once its wait is over: the method, any set-up, the recovery codes, every
   * session and every API token of the user go, in one transaction. Each names the state it
   * expects, so of racing callers exactly one resets: `claim`, when given (a recovery), is the
   * first write and the reset happens only when it answers true; without one (support, the CLI) the
   * reset expects 2FA on, and a second reset finds none and is refused (NOTHING_TO_RESET). Answers
   * whether it reset.
   */
  async reset(
    userId: string,
    by: { actorUserId: string | null; reason: string; ip: string | null },
    options: { claim?: (manager: EntityManager) => Promise<boolean>; event?: ResetEvent } = {},
  ): Promise<boolean> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      if (options.claim && !(await options.claim(manager))) return null;
      const removed = await manager.delete(TwoFactorEnrollmentEntity, { userId, state: EnrollmentState.ACTIVE });
      if (!options.claim && !removed.affected) throw fail('NOTHING_TO_RESET');
      // A set-up in progress goes too: it would otherwise become the method once its code came.
      await manager.delete(TwoFactorEnrollmentEntity, { userId });
      await this.recoveryCodes.replace(manager, userId, []);
      await this.trust.endOthers(userId, null, manager);
      await this.trust.endWithTwoFactor(userId, 'TWO_FACTOR_RESET', manager);
      // In the reset's own transaction: a reset that rolls back is never announced (nor sent to webhooks).
      return this.events.recordIn(manager, {
        userId,
        type: options.event ?? SecurityEventType.TWO_FACTOR_RESET,
        ip: by.ip,
        actorUserId: by.actorUserId,
        detail: by.reason,
      });
    });
    if (!recorded) return false;
    await this.discardOpen(userId, CodePurpose.PROOF);
    await this.discardOpen(userId, CodePurpose.ENROLL);
    await this.limiter.clear(userId);
    await recorded.announce();
    return true;
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
      async (): Promise<CheckResult> => {
        if (recovery) return this.recoveryCodes.use(actor.user.id, code);
        return this.methods.get(active.method).check(active, code, CodePurpose.PROOF, { ip: actor.ip });
      },
      countChecks(this.metrics, recovery ? 'RECOVERY' : active.method),
    );
  }

  /** Ends what every method left open for a user and purpose (codes sent, requests made). */
  private async discardOpen(userId: string, purpose: CodePurpose): Promise<void> {
    for (const module of this.methods.all) await module.discardOpen?.(userId, purpose);
  }

  private async requireActive(userId: string): Promise<TwoFactorEnrollmentEntity> {
    const active = await this.activeEnrollment(userId);
    if (!active) throw twoFactorOff();
    return active;
  }

  private async livePending(userId: string): Promise<TwoFactorEnrollmentEntity> {
    const pending = await this.enrollments.findOneBy({ userId, state: EnrollmentState.PENDING });
    if (!pending) throw fail('NOTHING_PENDING');
    if (pending.expiresAt!.getTime() <= this.clock.now().getTime()) throw fail('SETUP_EXPIRED');
    return pending;
  }

  private ticket(actor: Actor): AttemptTicket {
    return { userId: actor.user.id, ip: actor.ip };
  }
}
