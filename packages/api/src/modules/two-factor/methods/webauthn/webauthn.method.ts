import { randomUUID } from 'node:crypto';
import type * as SimpleWebAuthn from '@simplewebauthn/server';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { type DataSource, type EntityManager } from 'typeorm';
import type { WebAuthnConfig } from '../../../../config';
import type { Clock } from '../../../../shared/clock';
import { fail } from '../../../../errors/app-error';
import type { UserEntity } from '../../../auth/entities/user.entity';
import type { EnableTwoFactorInput } from '../../dto/enable-two-factor.input';
import { CodePurpose } from '../../entities/one-time-code.entity';
import { EnrollmentState, TwoFactorEnrollmentEntity } from '../../entities/two-factor-enrollment.entity';
import type {
  ChallengeOpening,
  CheckResult,
  MethodContext,
  MethodDefinition,
  MethodDependencies,
  PreparedEnrollment,
  TwoFactorMethodModule,
} from '../method.types';
import { SecurityKey, SecurityKeyRegistration } from './security-key.types';
import { WebAuthnChallengeEntity } from './webauthn-challenge.entity';
import { WebAuthnCredentialEntity } from './webauthn-credential.entity';

/**
 * SimpleWebAuthn loads at the first security-key operation: some 4 MB of heap that a server whose
 * users never add a key does not hold. Later calls find it loaded.
 */
let loadedSimpleWebAuthn: typeof SimpleWebAuthn | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
const simpleWebAuthn = () => (loadedSimpleWebAuthn ??= require('@simplewebauthn/server') as typeof SimpleWebAuthn);

/** Where keys are registered and used: WEBAUTHN_RP_ID, its name, WEBAUTHN_ORIGINS. */
export type WebAuthnSettings = WebAuthnConfig;

/** How long the browser's prompt (and so a challenge) stays open. */
const CHALLENGE_TTL_MS = 5 * 60_000;
const MAX_KEY_NAME_LENGTH = 64;

/**
 * Security keys and passkeys (WebAuthn) as a second factor. A proof is the JSON the browser gives
 * back after the key signed a challenge of ours; the challenge is spent by its first success and
 * the key's signature counter must grow (unless the key keeps none), each by a conditional write.
 * User verification is preferred, not required: the password is the first factor.
 */
export class WebAuthnMethod implements TwoFactorMethodModule {
  private readonly dataSource: DataSource;
  private readonly clock: Clock;
  constructor(
    readonly definition: MethodDefinition,
    deps: MethodDependencies,
    private readonly config: WebAuthnSettings,
  ) {
    this.dataSource = deps.dataSource;
    this.clock = deps.clock;
  }

  private get credentials() {
    return this.dataSource.getRepository(WebAuthnCredentialEntity);
  }

  private get challenges() {
    return this.dataSource.getRepository(WebAuthnChallengeEntity);
  }

  async prepare(user: UserEntity, input: EnableTwoFactorInput): Promise<PreparedEnrollment> {
    const keyName = input.keyName?.trim();
    if (!keyName) throw fail('KEY_NAME_REQUIRED');
    if ([...keyName].length > MAX_KEY_NAME_LENGTH) throw fail('KEY_NAME_TOO_LONG', { maxLength: MAX_KEY_NAME_LENGTH });
    // Keys the user already has (a key is added beside them) are not registered twice.
    const registered = await this.credentialsOfUser(user.id);
    const options = await simpleWebAuthn().generateRegistrationOptions({
      rpName: this.config.rpName,
      rpID: this.config.rpId,
      userName: user.email,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: registered.map(descriptor),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      timeout: CHALLENGE_TTL_MS,
    });
    return {
      store: async (manager, enrollment) => {
        await manager.insert(WebAuthnChallengeEntity, this.challengeRow(enrollment, CodePurpose.ENROLL, options.challenge, { keyName }));
      },
      present: async (enrollment) =>
        Object.assign(new SecurityKeyRegistration(), { optionsJSON: JSON.stringify(options), expiresAt: enrollment.expiresAt! }),
    };
  }

  async check(enrollment: TwoFactorEnrollmentEntity, proof: string, purpose: CodePurpose, context: MethodContext): Promise<CheckResult> {
    const response = parseResponse(proof);
    if (!response) return { ok: false, reason: 'invalid' };
    const challenge = await this.challenges.findOneBy({
      enrollmentId: enrollment.id,
      purpose,
      challenge: response.challenge,
      ...(purpose === CodePurpose.LOGIN ? { loginChallengeId: context.challengeId ?? '' } : {}),
    });
    if (!challenge) return { ok: false, reason: 'invalid' };
    if (challenge.usedAt) return { ok: false, reason: 'used' };
    if (challenge.expiresAt.getTime() <= this.clock.now().getTime()) return { ok: false, reason: 'expired' };
    return purpose === CodePurpose.ENROLL
      ? this.checkRegistration(enrollment, challenge, response.json as unknown as RegistrationResponseJSON)
      : this.checkAssertion(enrollment, challenge, response.json as unknown as AuthenticationResponseJSON);
  }

  private async checkRegistration(
    enrollment: TwoFactorEnrollmentEntity,
    challenge: WebAuthnChallengeEntity,
    response: RegistrationResponseJSON,
  ): Promise<CheckResult> {
    let verified;
    try {
      verified = await simpleWebAuthn().verifyRegistrationResponse({
        response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: this.config.origins,
        expectedRPID: this.config.rpId,
        requireUserVerification: false,
      });
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (!verified.verified) return { ok: false, reason: 'invalid' };
    const { credential } = verified.registrationInfo;
    if (await this.credentials.existsBy({ credentialId: credential.id })) {
      return { ok: false, reason: 'invalid', error: fail('SECURITY_KEY_ALREADY_REGISTERED') };
    }
    if (!(await this.spend(this.dataSource.manager, challenge))) return { ok: false, reason: 'used' };
    return {
      ok: true,
      activate: async (manager) => {
        await manager.insert(WebAuthnCredentialEntity, {
          id: randomUUID(),
          enrollmentId: enrollment.id,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: (credential.transports ?? []).join(','),
          name: challenge.keyName ?? 'Security key',
          createdAt: this.clock.now(),
          lastUsedAt: null,
        });
      },
    };
  }

  private async checkAssertion(
    enrollment: TwoFactorEnrollmentEntity,
    challenge: WebAuthnChallengeEntity,
    response: AuthenticationResponseJSON,
  ): Promise<CheckResult> {
    const stored = await this.credentials.findOneBy({ enrollmentId: enrollment.id, credentialId: response.id });
    if (!stored) return { ok: false, reason: 'invalid' };
    let newCounter: number;
    try {
      const verified = await simpleWebAuthn().verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: this.config.origins,
        expectedRPID: this.config.rpId,
        credential: {
          id: stored.credentialId,
          publicKey: Buffer.from(stored.publicKey, 'base64url'),
          counter: stored.counter,
          transports: transportsOf(stored),
        },
        requireUserVerification: false,
      });
      if (!verified.verified) return { ok: false, reason: 'invalid' };
      newCounter = verified.authenticationInfo.newCounter;
    } catch {
      // A bad signature, another origin, or a counter that did not grow (a cloned key).
      return { ok: false, reason: 'invalid' };
    }
    const spent = await this.dataSource
      .transaction(async (manager) => {
        if (!(await this.spend(manager, challenge))) return false;
        // The counter only moves forward, and of two answers carrying one counter value one wins.
        const counted = await manager
          .createQueryBuilder()
          .update(WebAuthnCredentialEntity)
          .set({ counter: newCounter, lastUsedAt: this.clock.now() })
          .where('id = :id AND (counter < :counter OR (counter = 0 AND :counter = 0))', { id: stored.id, counter: newCounter })
          .execute();
        if (counted.affected !== 1) throw new CounterDidNotGrow();
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof CounterDidNotGrow) return false;
        throw error;
      });
    return spent ? { ok: true } : { ok: false, reason: 'used' };
  }

  /** Marks a challenge used, if it still is not: of racing answers exactly one gets true. */
  private async spend(manager: EntityManager, challenge: WebAuthnChallengeEntity): Promise<boolean> {
    const now = this.clock.now();
    const spent = await manager
      .createQueryBuilder()
      .update(WebAuthnChallengeEntity)
      .set({ usedAt: now })
      .where('id = :id AND used_at IS NULL AND expires_at > :now', { id: challenge.id, now: now.getTime() })
      .execute();
    return spent.affected === 1;
  }

  async openChallenge(enrollment: TwoFactorEnrollmentEntity, context: MethodContext & { challengeId: string }): Promise<ChallengeOpening> {
    const options = await this.authenticationOptions(enrollment, CodePurpose.LOGIN, context.challengeId);
    return { codeSent: false, resendAvailableAt: null, webAuthnOptionsJSON: options };
  }

  proofOptions(enrollment: TwoFactorEnrollmentEntity): Promise<string> {
    return this.authenticationOptions(enrollment, CodePurpose.PROOF, null);
  }

  private async authenticationOptions(enrollment: TwoFactorEnrollmentEntity, purpose: CodePurpose, loginChallengeId: string | null) {
    const keys = await this.credentials.findBy({ enrollmentId: enrollment.id });
    const options = await simpleWebAuthn().generateAuthenticationOptions({
      rpID: this.config.rpId,
      allowCredentials: keys.map(descriptor),
      userVerification: 'preferred',
      timeout: CHALLENGE_TTL_MS,
    });
    await this.challenges.insert(this.challengeRow(enrollment, purpose, options.challenge, { loginChallengeId }));
    return JSON.stringify(options);
  }

  async mask(): Promise<null> {
    return null;
  }

  async mergeInto(manager: EntityManager, pending: TwoFactorEnrollmentEntity, active: TwoFactorEnrollmentEntity): Promise<string | null> {
    const added = await manager.findBy(WebAuthnCredentialEntity, { enrollmentId: pending.id });
    await manager.update(WebAuthnCredentialEntity, { enrollmentId: pending.id }, { enrollmentId: active.id });
    return added.map((key) => key.name).join(', ') || null;
  }

  async discardOpen(userId: string, purpose: CodePurpose): Promise<void> {
    // Set-up challenges go with their set-up, sign-in ones with their sign-in: only proofs are left.
    if (purpose !== CodePurpose.PROOF) return;
    await this.challenges
      .createQueryBuilder()
      .update()
      .set({ usedAt: this.clock.now() })
      .where('purpose = :purpose AND used_at IS NULL', { purpose })
      .andWhere('enrollment_id IN (SELECT id FROM two_factor_enrollments WHERE user_id = :userId)', { userId })
      .execute();
  }

  /** The keys of the user's active WEBAUTHN enrollment, oldest first. */
  async keysOf(userId: string): Promise<SecurityKey[]> {
    const keys = await this.credentialsOfUser(userId, EnrollmentState.ACTIVE);
    return keys.map(({ id, name, createdAt, lastUsedAt }) => Object.assign(new SecurityKey(), { id, name, createdAt, lastUsedAt }));
  }

  /**
   * Removes one key of the active enrollment, never the last one. The enrollment's row is locked
   * first (a write that changes nothing), so two removals at once cannot both see two keys left.
   */
  async removeKey(active: TwoFactorEnrollmentEntity, keyId: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.update(TwoFactorEnrollmentEntity, { id: active.id }, { activatedAt: active.activatedAt });
      const keys = await manager.findBy(WebAuthnCredentialEntity, { enrollmentId: active.id });
      if (!keys.some((key) => key.id === keyId)) throw fail('NO_SUCH_SECURITY_KEY');
      if (keys.length <= 1) throw fail('LAST_SECURITY_KEY');
      await manager.delete(WebAuthnCredentialEntity, { id: keyId, enrollmentId: active.id });
      return keys.find((key) => key.id === keyId)!.name;
    });
  }

  private async credentialsOfUser(userId: string, state?: EnrollmentState): Promise<WebAuthnCredentialEntity[]> {
    return this.credentials
      .createQueryBuilder('key')
      .innerJoin(TwoFactorEnrollmentEntity, 'enrollment', 'enrollment.id = key.enrollment_id')
      .where('enrollment.user_id = :userId', { userId })
      .andWhere(state ? 'enrollment.state = :state' : '1 = 1', { state })
      .orderBy('key.created_at', 'ASC')
      .getMany();
  }

  private challengeRow(
    enrollment: TwoFactorEnrollmentEntity,
    purpose: CodePurpose,
    challenge: string,
    extra: { keyName?: string; loginChallengeId?: string | null },
  ): WebAuthnChallengeEntity {
    const now = this.clock.now();
    return this.challenges.create({
      id: randomUUID(),
      enrollmentId: enrollment.id,
      purpose,
      challenge,
      keyName: extra.keyName ?? null,
      loginChallengeId: extra.loginChallengeId ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
      usedAt: null,
    });
  }
}

class CounterDidNotGrow extends Error {}

const transportsOf = (key: WebAuthnCredentialEntity) => (key.transports ? key.transports.split(',') : undefined);
const descriptor = (key: WebAuthnCredentialEntity) => ({ id: key.credentialId, transports: transportsOf(key) });

/**
 * The browser's answer, and the challenge it signed (from its clientDataJSON), or null when the
 * proof is not such an answer (a six-digit code typed by mistake, say).
 */
function parseResponse(proof: string): { json: Record<string, unknown>; challenge: string } | null {
  try {
    const json = JSON.parse(proof) as { response?: { clientDataJSON?: unknown } };
    const clientDataJSON = json?.response?.clientDataJSON;
    if (typeof clientDataJSON !== 'string') return null;
    const clientData = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    if (typeof clientData.challenge !== 'string' || clientData.challenge.length > 128) return null;
    return { json: json, challenge: clientData.challenge };
  } catch {
    return null;
  }
}
