import { registerEnumType } from 'type-graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { ResolverClass } from '../../../graphql/context';
import type { Clock } from '../../../shared/clock';
import type { AppError } from '../../../errors/app-error';
import type { SecretBox } from '../../../shared/secret-box';
import type { UserEntity } from '../../auth/entities/user.entity';
import type { CodeSent, EnableTwoFactorResult } from '../dto/enable-two-factor-result';
import type { EnableTwoFactorInput } from '../dto/enable-two-factor.input';
import type { CodePurpose } from '../entities/one-time-code.entity';
import type { TwoFactorEnrollmentEntity } from '../entities/two-factor-enrollment.entity';
import type { OneTimeCodeService } from './one-time-code/one-time-code.service';
import type { SecurityEventsService } from '../../audit/security-events.service';
import type { TwoFactorService } from '../two-factor.service';

/**
 * What a proof of a method is, as a client sends it in a `code` or `proof` argument: a code the
 * user types (six digits), or the JSON a security key signed in the browser.
 */
export enum ProofKind {
  CODE = 'CODE',
  SECURITY_KEY = 'SECURITY_KEY',
}

registerEnumType(ProofKind, {
  name: 'TwoFactorProof',
  description: 'What a proof of a method is, as `code` and `proof` arguments take it.',
  valuesConfig: {
    CODE: { description: 'A code the user types: six digits from an app, an e-mail or an SMS.' },
    SECURITY_KEY: { description: "The JSON of a security key's (or passkey's) signed answer, as the browser gives it." },
  },
});

/**
 * The outcome of one check of a proof. A right proof is spent by the check itself, or by
 * `activate` inside the transaction that makes a set-up the active method.
 */
export type CheckResult =
  | { ok: true; activate?: (manager: EntityManager) => Promise<void> }
  /**
   * `used`: the proof was right but is spent (used before, or by a racing request). `error`: the
   * method's own words for a refusal (a phone clock that is off), instead of the plain ones.
   */
  | { ok: false; reason: 'invalid' | 'expired' | 'used'; error?: AppError };

/** Who asks (their address counts against per-IP budgets), and for which sign-in. */
export interface MethodContext {
  ip: string;
  challengeId?: string;
}

/** How a sign-in challenge began: a code sent (or not, and when one may be), or a request for a security key. */
export interface ChallengeOpening {
  codeSent: boolean;
  resendAvailableAt: Date | null;
  /** For a security key: the options the browser passes to navigator.credentials.get(). */
  webAuthnOptionsJSON?: string | null;
}

export interface PreparedEnrollment {
  /** Writes the method's own state for a new set-up, inside the transaction that stores it. */
  store(manager: EntityManager, enrollment: TwoFactorEnrollmentEntity): Promise<void>;
  /** What enableTwoFactor answers once the set-up is stored (a code method sends its code here). */
  present(enrollment: TwoFactorEnrollmentEntity): Promise<typeof EnableTwoFactorResult>;
  /** Gives back what `prepare` held (a code method's send slots) when the set-up goes no further. */
  release?(): Promise<void>;
}

/**
 * One second factor, as the flows ask it to act. Everything a method knows about its own state
 * (a secret, a destination, keys) stays behind this shape: the flows never ask which method it is.
 */
export interface TwoFactorMethodModule {
  readonly definition: MethodDefinition;
  /**
   * Validates the client's input and makes what a set-up stores. A method that sends codes also
   * takes its send slots here, so a full cap refuses before anything else is spent.
   */
  prepare(user: UserEntity, input: EnableTwoFactorInput, context: MethodContext): Promise<PreparedEnrollment>;
  /** Checks a proof (a code, or a security key's response) of this method for an enrollment and a purpose. */
  check(enrollment: TwoFactorEnrollmentEntity, proof: string, purpose: CodePurpose, context: MethodContext): Promise<CheckResult>;
  /** Begins a sign-in challenge: sends a code, or asks for a security key. Throwing fails the sign-in. */
  openChallenge(enrollment: TwoFactorEnrollmentEntity, context: MethodContext & { challengeId: string }): Promise<ChallengeOpening>;
  /** Methods that send codes (definition.sendsCodes) send one here; the others have none. */
  sendCode?(enrollment: TwoFactorEnrollmentEntity, purpose: CodePurpose, context: MethodContext): Promise<CodeSent>;
  /** Methods proven by a security key: the options for a fresh proof (navigator.credentials.get()). */
  proofOptions?(enrollment: TwoFactorEnrollmentEntity, context: MethodContext): Promise<string>;
  /** What settings and challenges show of an enrollment: where its codes go, masked; null when nothing. */
  mask(enrollment: TwoFactorEnrollmentEntity): Promise<string | null>;
  /**
   * For a method that holds several credentials: a set-up of it while it is active adds its
   * credential to the active enrollment (inside the activation's transaction) instead of replacing
   * it. Answers the name of what was added, for the security log.
   */
  mergeInto?(manager: EntityManager, pending: TwoFactorEnrollmentEntity, active: TwoFactorEnrollmentEntity): Promise<string | null>;
  /** Ends whatever this method left open for a user and purpose (codes sent, challenges issued). */
  discardOpen?(userId: string, purpose: CodePurpose): Promise<void>;
}

/**
 * What every method is given to do its work; each takes what it needs. Settings that belong to
 * one method alone come as the second argument of its `create` (see `MethodSettings`).
 */
export interface MethodDependencies {
  dataSource: DataSource;
  clock: Clock;
  secrets: SecretBox;
  issuerName: string;
  /** Codes sent by e-mail or SMS: sending, send limits, checks. */
  codes: OneTimeCodeService;
}

/** Operations only one method has (a list of keys, removing one), in a resolver of its own folder. */
export interface MethodResolver<M extends TwoFactorMethodModule> {
  readonly type: ResolverClass;
  create(deps: { twoFactor: TwoFactorService; events: SecurityEventsService; module: M }): object;
}

/**
 * A method as the registry lists it: what it can do, the words that belong to it, and how to make
 * it. The GraphQL enum, the configuration, the notices and the panel's capabilities come from here.
 */
export interface MethodDefinition<Id extends string = string, M extends TwoFactorMethodModule = TwoFactorMethodModule, Settings = never> {
  readonly id: Id;
  /** The enum value's description in the schema. */
  readonly description: string;
  /** Whether the server sends this method's codes (so a client offers to send and resend them). */
  readonly sendsCodes: boolean;
  /** What a proof of this method is. */
  readonly proof: ProofKind;
  /** verifyTwoFactor's message when this method becomes the active one. */
  readonly verifiedMessage: string;
  /** How the security notices name the method: "…, using <noticeName>". */
  readonly noticeName: string;
  /** The tables the method keeps its state in (each row belongs to an enrollment, and goes with it). */
  readonly entities: readonly (new () => object)[];
  /** The object type enableTwoFactor answers for it (a member of the EnableTwoFactorResult union). */
  readonly setupResult: () => new () => object;
  /** Makes the method; `settings` are its own (the registry's `MethodSettings`), if it has any. */
  create(deps: MethodDependencies, settings: Settings): M;
  readonly resolver?: MethodResolver<M>;
}

/** Keeps a definition's id (and its settings' type) literal, so the registry can name them as types. */
export const defineMethod = <Id extends string, M extends TwoFactorMethodModule, Settings = void>(
  definition: MethodDefinition<Id, M, Settings>,
): MethodDefinition<Id, M, Settings> => definition;
