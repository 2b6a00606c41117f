import { getCountries } from 'libphonenumber-js/max';
import { type DataSource, type EntityManager } from 'typeorm';
import { checkInputs, fail, tooManyAttempts } from '../../errors/app-error';
import { isUniqueViolation } from '../../db/unique-violation';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import { SecurityEventType } from '../audit/security-event-type';
import type { SecurityEventsService } from '../audit/security-events.service';
import { UserEntity } from '../auth/entities/user.entity';
import { Role } from '../auth/role';
import type { UserSummary } from '../support/dto/user-summary.type';
import { userSummaries } from '../support/user-summaries';
import type { StaffRules } from '../support/staff-rules';
import { METHOD_IDS } from '../two-factor/methods/registry';
import type { TwoFactorMethod } from '../two-factor/two-factor-method';
import type { Actor } from '../two-factor/two-factor.service';
import { POLICY_ROW_ID, PolicyEntity } from './policy.entity';
import { policyOf, type LivePolicy, type StoredPolicy } from './stored-policy';

export const ADMIN_LIMITS = {
  maxChangesPerHour: 20,
  minDays: 0,
  maxDays: 365,
} as const;
const HOUR_MS = 60 * 60_000;
/** How the command line is named where an admin's e-mail address would be. */
export const CLI_EDITOR = 'CLI';

/** A change of the policy; a field left undefined keeps its value (smsCountries: null is "any country"). */
export interface PolicyChange {
  expectedVersion: number;
  requiredFor?: LivePolicy['requiredFor'] | null;
  graceDays?: number | null;
  offeredMethods?: readonly string[] | null;
  rememberBrowserDays?: number | null;
  smsCountries?: readonly string[] | null;
}

/** Who makes a change: an admin through the API, or the operator at the machine. */
type Editor = { kind: 'admin'; actor: Actor } | { kind: 'cli' };

export interface AdministrationDependencies {
  dataSource: DataSource;
  clock: Clock;
  counters: CounterStore;
  events: SecurityEventsService;
  policy: StoredPolicy;
  /** Admins prove their own 2FA as staff do. */
  staff: Pick<StaffRules, 'requireOwnTwoFactor' | 'prove'>;
  /** The methods this deployment can deliver (SMS needs a provider, security keys their settings). */
  offerable: readonly TwoFactorMethod[];
}

/**
 * What admins change through the API and the operator through the command line, by the same
 * rules: the 2FA policy (one stored row, versioned so that concurrent saves cannot overwrite each
 * other unseen) and the roles of accounts (never leaving the deployment without an ADMIN).
 * Through the API each change needs the admin's own 2FA and a fresh proof of it, and everything
 * that can refuse (the input, the version, the hourly budget) is asked before the proof is spent.
 */
export class AdministrationService {
  constructor(private readonly deps: AdministrationDependencies) {}

  get offerable(): readonly TwoFactorMethod[] {
    return this.deps.offerable;
  }

  /** The policy as stored now (or the defaults), for an admin to edit. */
  async policy(admin: Pick<Actor, 'user'>): Promise<LivePolicy> {
    await this.deps.staff.requireOwnTwoFactor(admin);
    return this.deps.policy.read();
  }

  /** The policy for the operator (no proof: they are at the machine). */
  policyForOperator(): Promise<LivePolicy> {
    return this.deps.policy.read();
  }

  async updatePolicy(admin: Actor, change: PolicyChange, proof: string): Promise<LivePolicy> {
    await this.deps.staff.requireOwnTwoFactor(admin);
    const { current, next } = await this.checkedChange(change);
    const slot = await this.proveAndCount(admin, proof);
    try {
      return await this.save(current, next, { kind: 'admin', actor: admin });
    } catch (error) {
      await slot.giveBack();
      throw error;
    }
  }

  /** The operator's change, from the command line: the same checks, no proof. */
  async updatePolicyAsOperator(change: PolicyChange): Promise<LivePolicy> {
    const { current, next } = await this.checkedChange(change);
    return this.save(current, next, { kind: 'cli' });
  }

  /** Every problem of the input at once, then the version. */
  private async checkedChange(change: PolicyChange): Promise<{ current: LivePolicy; next: LivePolicy }> {
    const current = await this.deps.policy.read();
    const [graceDays, rememberBrowserDays, methods, smsCountries] = await checkInputs(
      () => days(change.graceDays, current.graceDays, 'graceDays'),
      () => days(change.rememberBrowserDays, current.rememberBrowserDays, 'rememberBrowserDays'),
      () => this.methods(change.offeredMethods, current.methods),
      () => countries(change.smsCountries, current.smsCountries),
    );
    if (change.expectedVersion !== current.version) throw fail('POLICY_VERSION_CONFLICT', { currentVersion: current.version });
    const next: LivePolicy = {
      ...current,
      requiredFor: change.requiredFor ?? current.requiredFor,
      graceDays,
      rememberBrowserDays,
      methods,
      smsCountries,
    };
    return { current, next };
  }

  private methods(given: readonly string[] | null | undefined, current: readonly TwoFactorMethod[]): TwoFactorMethod[] {
    if (given === undefined || given === null) return [...current];
    if (given.length === 0) throw fail('POLICY_NO_METHODS');
    const missing = given.filter((m) => !this.deps.offerable.includes(m as TwoFactorMethod));
    if (missing.length > 0) throw fail('METHOD_NOT_SET_UP', { methods: [...new Set(missing)] });
    return METHOD_IDS.filter((id) => given.includes(id));
  }

  /**
   * Saves `next` over `current` if it is still the stored version: an insert of the one row for
   * the first save, a conditional update after it. Of two saves from one version, the database
   * lets exactly one through (the row's key, or the version in the WHERE); the other is told.
   */
  private async save(current: LivePolicy, next: LivePolicy, editor: Editor): Promise<LivePolicy> {
    const now = this.deps.clock.now();
    const row: PolicyEntity = {
      id: POLICY_ROW_ID,
      version: current.version + 1,
      requiredFor: next.requiredFor,
      graceDays: next.graceDays,
      offeredMethods: next.methods.join(','),
      rememberBrowserDays: next.rememberBrowserDays,
      smsCountries: next.smsCountries ? next.smsCountries.join(',') : null,
      updatedAt: now,
      updatedByUserId: editor.kind === 'admin' ? editor.actor.user.id : null,
      updatedBy: editor.kind === 'admin' ? editor.actor.user.email : CLI_EDITOR,
    };
    const conflict = async () => fail('POLICY_VERSION_CONFLICT', { currentVersion: (await this.deps.policy.read()).version });
    try {
      const saved = await this.deps.dataSource.transaction(async (manager) => {
        if (current.version === 0) {
          await manager.insert(PolicyEntity, row);
        } else {
          const { id: _id, ...values } = row;
          const updated = await manager.update(PolicyEntity, { id: POLICY_ROW_ID, version: current.version }, values);
          if (updated.affected !== 1) return null;
        }
        if (editor.kind === 'admin') {
          await this.deps.events.recordWithin(manager, {
            userId: editor.actor.user.id,
            type: SecurityEventType.POLICY_UPDATED,
            actorUserId: editor.actor.user.id,
            ip: editor.actor.ip,
            detail: describeChange(current, next, row.version),
          });
        }
        return policyOf(row);
      });
      if (!saved) throw await conflict();
      this.deps.policy.remember(saved);
      return saved;
    } catch (error) {
      if (isUniqueViolation(error)) throw await conflict();
      throw error;
    }
  }

  /** Changes an account's role, after the admin's fresh proof. */
  async setUserRole(admin: Actor, userId: string, role: Role, proof: string): Promise<UserSummary> {
    await this.deps.staff.requireOwnTwoFactor(admin);
    const target = await this.deps.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!target) throw fail('NO_SUCH_USER');
    // Refused at once when plainly the last admin, so the proof is kept; checked again under lock.
    if (target.role === Role.ADMIN && role !== Role.ADMIN && (await this.adminCount(this.deps.dataSource.manager)) <= 1) {
      throw fail('LAST_ADMIN');
    }
    const slot = await this.proveAndCount(admin, proof);
    try {
      return await this.changeRole(target.id, role, { kind: 'admin', actor: admin });
    } catch (error) {
      await slot.giveBack();
      throw error;
    }
  }

  /** The operator's change of a role, from the command line: the same guard, no proof. */
  async setUserRoleAsOperator(email: string, role: Role): Promise<UserSummary> {
    const target = await this.deps.dataSource.getRepository(UserEntity).findOneBy({ email: email.trim().toLowerCase() });
    if (!target) throw fail('NO_SUCH_USER');
    return this.changeRole(target.id, role, { kind: 'cli' });
  }

  /**
   * Changes the role in a transaction that holds every ADMIN row (PostgreSQL: FOR UPDATE; SQLite
   * runs one transaction at a time), so two admins demoting each other at once are counted one
   * after the other: the second finds a single admin left and is refused.
   */
  private async changeRole(userId: string, role: Role, editor: Editor): Promise<UserSummary> {
    const postgres = this.deps.dataSource.options.type === 'postgres';
    const target = await this.deps.dataSource.transaction(async (manager) => {
      const query = manager
        .createQueryBuilder(UserEntity, 'user')
        .where('user.role = :role', { role: Role.ADMIN })
        .orderBy('user.id', 'ASC');
      const admins = await (postgres ? query.setLock('pessimistic_write') : query).getMany();
      const user = await manager.findOneBy(UserEntity, { id: userId });
      if (!user) throw fail('NO_SUCH_USER');
      const before = user.role;
      if (before === role) return user;
      if (before === Role.ADMIN && admins.filter((a) => a.id !== user.id).length === 0) throw fail('LAST_ADMIN');
      await manager.update(UserEntity, { id: user.id, role: before }, { role });
      user.role = role;
      const actorUserId = editor.kind === 'admin' ? editor.actor.user.id : null;
      const ip = editor.kind === 'admin' ? editor.actor.ip : null;
      const by = editor.kind === 'admin' ? '' : ' (by the operator, from the command line)';
      await this.deps.events.recordWithin(manager, {
        userId: user.id,
        type: SecurityEventType.ROLE_CHANGED,
        actorUserId,
        ip,
        detail: `${before} → ${role}${by}`,
      });
      if (editor.kind === 'admin' && editor.actor.user.id !== user.id) {
        await this.deps.events.recordWithin(manager, {
          userId: editor.actor.user.id,
          type: SecurityEventType.ROLE_CHANGE_MADE,
          actorUserId,
          ip,
          detail: `${user.email}: ${before} → ${role}`,
        });
      }
      return user;
    });
    return (await userSummaries(this.deps.dataSource, [target]))[0]!;
  }

  private adminCount(manager: EntityManager): Promise<number> {
    return manager.countBy(UserEntity, { role: Role.ADMIN });
  }

  /**
   * The admin's hourly budget of changes is looked at before the proof and counted after it, so a
   * full budget spends no code; the count is given back when the change then does not happen.
   */
  private async proveAndCount(admin: Actor, proof: string): Promise<{ giveBack(): Promise<void> }> {
    const { counters, clock, staff } = this.deps;
    const key = `admin:changes:${admin.user.id}`;
    const now = clock.now().getTime();
    const done = await counters.peek(key, now);
    if (done && done.count >= ADMIN_LIMITS.maxChangesPerHour) throw tooManyChanges(done.resetAtMs - now);
    await staff.prove(admin, proof);
    const changes = await counters.increment(key, HOUR_MS, now);
    if (changes.count > ADMIN_LIMITS.maxChangesPerHour) throw tooManyChanges(changes.resetAtMs - now);
    return { giveBack: () => counters.decrement(key, changes.resetAtMs).catch(() => undefined) };
  }
}

const tooManyChanges = (retryAfterMs: number) =>
  tooManyAttempts('ADMIN_CHANGE_LIMIT', retryAfterMs, { limit: ADMIN_LIMITS.maxChangesPerHour });

function days(given: number | null | undefined, current: number, field: 'graceDays' | 'rememberBrowserDays'): number {
  if (given === undefined || given === null) return current;
  if (!Number.isInteger(given) || given < ADMIN_LIMITS.minDays || given > ADMIN_LIMITS.maxDays) {
    throw fail('DAYS_OUT_OF_RANGE', { field, min: ADMIN_LIMITS.minDays, max: ADMIN_LIMITS.maxDays });
  }
  return given;
}

const KNOWN_COUNTRIES: ReadonlySet<string> = new Set(getCountries());

/** Upper-cased ISO 3166 codes, without repeats, as SMS_COUNTRIES takes them; undefined keeps the current list. */
function countries(given: readonly string[] | null | undefined, current: readonly string[] | null): string[] | null {
  if (given === undefined) return current ? [...current] : null;
  if (given === null) return null;
  const codes = given.map((c) => c.trim().toUpperCase());
  if (codes.length === 0) throw fail('NO_COUNTRIES');
  const unknown = codes.filter((c) => !KNOWN_COUNTRIES.has(c));
  if (unknown.length > 0) throw fail('UNKNOWN_COUNTRIES', { countries: [...new Set(unknown)].map((c) => c.slice(0, 8)).slice(0, 20) });
  return [...new Set(codes)];
}

/** What a save changed, for the admin's log. */
function describeChange(current: LivePolicy, next: LivePolicy, version: number): string {
  const show = (value: string | number | readonly string[] | null) =>
    value === null ? 'any' : Array.isArray(value) ? value.join(',') : String(value);
  const fields = ['requiredFor', 'graceDays', 'methods', 'rememberBrowserDays', 'smsCountries'] as const;
  const changed = fields.filter((f) => show(current[f]) !== show(next[f])).map((f) => `${f} ${show(current[f])} → ${show(next[f])}`);
  return `version ${version}: ${changed.length ? changed.join('; ') : 'no change'}`;
}
