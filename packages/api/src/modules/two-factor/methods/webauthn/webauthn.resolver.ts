import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver } from 'type-graphql';
import { ONE_CHECK_PER_REQUEST } from '../../../../graphql/code-check-limit.step';
import { requireUser } from '../../../../graphql/auth-checker';
import type { RequestContext } from '../../../auth/request-context';
import { fail } from '../../../../errors/app-error';
import { TwoFactorSettings } from '../../dto/two-factor-settings.type';
import { actorOf } from '../../two-factor.resolver';
import type { SecurityEventsService } from '../../../audit/security-events.service';
import { SecurityEventType } from '../../../audit/security-event-type';
import type { TwoFactorService } from '../../two-factor.service';
import { SecurityKey } from './security-key.types';
import type { WebAuthnMethod } from './webauthn.method';

/** What only security keys have: the list of keys, a fresh proof's options, removing a key. */
@Resolver(() => TwoFactorSettings)
export class WebAuthnResolver {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly events: SecurityEventsService,
    private readonly method: WebAuthnMethod,
  ) {}

  @FieldResolver(() => [SecurityKey], { description: 'The security keys and passkeys of the account (WEBAUTHN), oldest first.' })
  securityKeys(@Ctx() context: RequestContext): Promise<SecurityKey[]> {
    return this.method.keysOf(requireUser(context).user.id);
  }

  @Authorized()
  @Mutation(() => String, {
    description:
      'For a fresh proof with a security key (switching, Disable 2FA, new recovery codes, adding or removing a key): the ' +
      "options for the browser's navigator.credentials.get() (PublicKeyCredentialRequestOptionsJSON). Send the JSON the " +
      'browser answers as the `code` or `proof` argument. BAD_USER_INPUT when the active method is not WEBAUTHN.',
  })
  async startSecurityKeyProof(@Ctx() context: RequestContext): Promise<string> {
    return this.method.proofOptions(await this.activeKeys(context));
  }

  @Authorized()
  @Mutation(() => TwoFactorSettings, {
    description: `Removes one security key after a fresh proof (another key's answer, or a recovery code); the last one stays. ${ONE_CHECK_PER_REQUEST}`,
  })
  async removeSecurityKey(
    @Arg('id', () => ID, { description: 'From securityKeys.' }) id: string,
    @Arg('proof', () => String, { description: "A security key's answer to startSecurityKeyProof's options, or a recovery code." })
    proof: string,
    @Ctx() context: RequestContext,
  ): Promise<TwoFactorSettings> {
    const actor = actorOf(context);
    const active = await this.activeKeys(context);
    // Refused before the proof is spent: an unknown key, or the last one.
    const keys = await this.method.keysOf(actor.user.id);
    if (!keys.some((key) => key.id === id)) throw fail('NO_SUCH_SECURITY_KEY');
    if (keys.length <= 1) throw fail('LAST_SECURITY_KEY');
    // 2FA is on (WEBAUTHN, checked above), so the refusal for an account without it cannot come.
    await this.twoFactor.proveOwnFactor(actor, proof, 'OWN_2FA_REQUIRED');
    const name = await this.method.removeKey(active, id);
    await this.events.record({
      userId: actor.user.id,
      type: SecurityEventType.TWO_FACTOR_CREDENTIAL_REMOVED,
      method: active.method,
      ip: actor.ip,
      detail: name,
    });
    return this.twoFactor.settings(actor.user);
  }

  private async activeKeys(context: RequestContext) {
    const active = await this.twoFactor.activeEnrollment(actorOf(context).user.id);
    if (active?.method !== this.method.definition.id) throw fail('NOT_SECURITY_KEY');
    return active;
  }
}
