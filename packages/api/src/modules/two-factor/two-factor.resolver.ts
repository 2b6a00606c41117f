import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireSession, requireUser } from '../../graphql/auth-checker';
import { ONE_CHECK_PER_REQUEST } from '../../graphql/code-check-limit.step';
import type { RequestContext } from '../auth/request-context';
import { AuthPayload } from '../auth/dto/auth-payload.type';
import type { SessionHandOff } from '../auth/session-hand-off';
import { CodeSent, EnableTwoFactorResult } from './dto/enable-two-factor-result';
import { EnableTwoFactorInput } from './dto/enable-two-factor.input';
import { TwoFactorChallenge } from './dto/two-factor-challenge.type';
import { DisableTwoFactorPayload, RecoveryCodesPayload, VerifyTwoFactorPayload } from './dto/two-factor-payloads.type';
import { TwoFactorSettings } from './dto/two-factor-settings.type';
import type { LoginChallengeService } from './login-challenge.service';
import type { Actor, TwoFactorService } from './two-factor.service';
import { TWO_FACTOR_MESSAGES } from './two-factor.messages';
import { methodDefinition } from './methods/registry';

const CODE_DESCRIPTION = `A six-digit code of the method, a security key's answer (JSON, see startSecurityKeyProof), or a recovery code. ${ONE_CHECK_PER_REQUEST}`;

@Resolver()
export class TwoFactorResolver {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly challenges: LoginChallengeService,
    private readonly handOff: SessionHandOff,
  ) {}

  @Authorized()
  @Query(() => TwoFactorSettings, {
    description: "The signed-in user's 2FA: the active method, a set-up in progress, recovery codes left.",
  })
  twoFactorSettings(@Ctx() context: RequestContext): Promise<TwoFactorSettings> {
    return this.twoFactor.settings(requireUser(context).user);
  }

  @Authorized()
  @Mutation(() => EnableTwoFactorResult, {
    description:
      'Starts setting up a method (TOTP: a QR code and key; WEBAUTHN: options to register a security key, or to add one more; EMAIL and SMS: a code is sent, within the limits of ' +
      'resendEnrollmentCode, checked before the proof is used). With a method already active, `proof` must be a current code ' +
      "of it (a security key's answer for WEBAUTHN) or a recovery code; the active method works until the new one is verified.",
  })
  enableTwoFactor(
    @Arg('input', () => EnableTwoFactorInput, { description: 'The method and where its codes go.' }) input: EnableTwoFactorInput,
    @Ctx() context: RequestContext,
  ): Promise<typeof EnableTwoFactorResult> {
    return this.twoFactor.enable(actorOf(context), input);
  }

  @Authorized()
  @Mutation(() => CodeSent, {
    description:
      'Sends a new code for the e-mail or SMS set-up in progress: 60 s apart, and set-up and proof codes together at most 5 an hour ' +
      'per user and per destination (besides the per-IP and server-wide budgets). TOO_MANY_ATTEMPTS says which limit and when.',
  })
  resendEnrollmentCode(@Ctx() context: RequestContext): Promise<CodeSent> {
    return this.twoFactor.resendEnrollmentCode(actorOf(context));
  }

  @Authorized()
  @Mutation(() => VerifyTwoFactorPayload, {
    description: 'Verifies the code of the method being set up and makes it the active one. Ends your other sessions.',
  })
  async verifyTwoFactor(
    @Arg('code', () => String, {
      description: `The code from the authenticator app, e-mail or SMS, or the security key's registration answer (JSON). ${ONE_CHECK_PER_REQUEST}`,
    })
    code: string,
    @Ctx() context: RequestContext,
  ): Promise<VerifyTwoFactorPayload> {
    const caller = actorOf(context);
    const { method, recoveryCodes } = await this.twoFactor.verify(caller, code);
    return Object.assign(new VerifyTwoFactorPayload(), {
      message: methodDefinition(method).verifiedMessage,
      settings: await this.twoFactor.settings(caller.user),
      recoveryCodes,
    });
  }

  @Authorized()
  @Mutation(() => DisableTwoFactorPayload, {
    description:
      'Turns 2FA off after a fresh proof. Ends your other sessions. Refused (FORBIDDEN, reason REQUIRED_CANNOT_DISABLE) ' +
      'while the server requires 2FA of you: switch methods instead.',
  })
  async disableTwoFactor(
    @Arg('code', () => String, { description: CODE_DESCRIPTION }) code: string,
    @Ctx() context: RequestContext,
  ): Promise<DisableTwoFactorPayload> {
    const caller = actorOf(context);
    await this.twoFactor.disable(caller, code);
    return Object.assign(new DisableTwoFactorPayload(), {
      message: TWO_FACTOR_MESSAGES.DISABLED,
      settings: await this.twoFactor.settings(caller.user),
    });
  }

  @Authorized()
  @Mutation(() => CodeSent, {
    description:
      'Sends a code to the active e-mail or SMS method, to prove control before switching, disabling or new recovery codes. ' +
      'Counted with set-up codes (5 an hour per user and per destination), never against sign-in codes.',
  })
  sendTwoFactorProofCode(@Ctx() context: RequestContext): Promise<CodeSent> {
    return this.twoFactor.sendProofCode(actorOf(context));
  }

  @Authorized()
  @Mutation(() => RecoveryCodesPayload, { description: 'Replaces the recovery codes with ten new ones, after a fresh proof.' })
  async regenerateRecoveryCodes(
    @Arg('code', () => String, { description: CODE_DESCRIPTION }) code: string,
    @Ctx() context: RequestContext,
  ): Promise<RecoveryCodesPayload> {
    const caller = actorOf(context);
    const recoveryCodes = await this.twoFactor.regenerateRecoveryCodes(caller, code);
    return Object.assign(new RecoveryCodesPayload(), { recoveryCodes, settings: await this.twoFactor.settings(caller.user) });
  }

  @Authorized()
  @Mutation(() => TwoFactorSettings, { description: 'Stops the panel from inviting this user to enable 2FA.' })
  async dismissTwoFactorPrompt(@Ctx() context: RequestContext): Promise<TwoFactorSettings> {
    return this.twoFactor.settings(await this.twoFactor.dismissPrompt(actorOf(context).user));
  }

  @Mutation(() => AuthPayload, {
    description:
      'The second step of a sign-in: a code of the active method, or a recovery code, for the challenge that login answered. ' +
      'Gives a new session; the challenge is then spent.',
  })
  async verifyLoginChallenge(
    @Arg('challengeId', () => ID, { description: 'From the TwoFactorChallenge that login answered.' }) challengeId: string,
    @Arg('code', () => String, { description: CODE_DESCRIPTION }) code: string,
    @Arg('rememberBrowser', () => Boolean, {
      defaultValue: false,
      description:
        'Remember this browser (a cookie): its next password sign-ins skip the code for rememberBrowserDays. ' +
        'BAD_USER_INPUT (field rememberBrowser) when the server forbids it.',
    })
    rememberBrowser: boolean,
    @Ctx() context: RequestContext,
  ): Promise<AuthPayload> {
    const verified = await this.challenges.verify(challengeId, code, context.client, rememberBrowser);
    if (verified.rememberedBrowser)
      context.setRememberedBrowserCookie(verified.rememberedBrowser.value, verified.rememberedBrowser.expiresAt);
    const payload = await this.handOff.start(verified, context);
    return Object.assign(payload, { recoveryCodesRemaining: verified.recoveryCodesRemaining });
  }

  @Mutation(() => TwoFactorChallenge, {
    description:
      'Sends a new e-mail or SMS code for a sign-in challenge: 60 s apart, and sign-in codes at most 5 an hour per user and per ' +
      'destination, counted apart from set-up codes (besides the per-IP and server-wide budgets). Until a full limit frees up it ' +
      'answers TOO_MANY_ATTEMPTS with that limit as reason and retryAfterSeconds; the challenge stays open meanwhile.',
  })
  resendLoginCode(
    @Arg('challengeId', () => ID, { description: 'From the TwoFactorChallenge that login answered.' }) challengeId: string,
    @Ctx() context: RequestContext,
  ): Promise<TwoFactorChallenge> {
    return this.challenges.resend(challengeId, context.client.ip ?? 'unknown');
  }
}

/** The signed-in caller as the 2FA services see them. */
export function actorOf(context: RequestContext): Actor {
  const signedIn = requireSession(context);
  return {
    user: signedIn.caller.user,
    session: signedIn.caller.session,
    ip: context.client.ip ?? 'unknown',
  };
}
