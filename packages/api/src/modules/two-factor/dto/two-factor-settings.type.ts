import { Field, Int, ObjectType } from 'type-graphql';
import { ProofKind } from '../methods/method.types';
import { TwoFactorMethod } from '../two-factor-method';

@ObjectType({ description: 'A method being set up: it replaces the active one (if any) once its code is verified.' })
export class PendingTwoFactor {
  @Field(() => TwoFactorMethod, { description: 'The method being set up.' })
  method: TwoFactorMethod;

  @Field(() => String, { nullable: true, description: 'Where codes go (masked), for EMAIL and SMS.' })
  maskedDestination: string | null;

  @Field(() => Date, { description: 'When the set-up ends unfinished.' })
  expiresAt: Date;
}

@ObjectType({ description: 'What a method can do, so a client offers the right controls for it.' })
export class TwoFactorMethodCapabilities {
  @Field(() => TwoFactorMethod, { description: 'The method.' })
  method: TwoFactorMethod;

  @Field(() => Boolean, {
    description:
      'Whether the server sends its codes (e-mail, SMS): a code is asked for (sendTwoFactorProofCode) before one can be entered.',
  })
  sendsCodes: boolean;

  @Field(() => ProofKind, { description: 'What a `code` or `proof` argument of this method is (a recovery code always works too).' })
  proof: ProofKind;
}

/** A value now, or once a read finishes. */
type Later<T> = T | Promise<T>;

/** How each field of the settings is worked out, when asked. */
export type TwoFactorSettingsFacts = {
  enabled(): Later<boolean>;
  method(): Later<TwoFactorMethod | null>;
  maskedDestination(): Later<string | null>;
  activeSince(): Later<Date | null>;
  pending(): Later<PendingTwoFactor | null>;
  recoveryCodesRemaining(): Later<number>;
  promptToEnable(): Later<boolean>;
  required(): Later<boolean>;
  requiredBy(): Later<Date | null>;
  availableMethods(): Later<TwoFactorMethod[]>;
  methods(): Later<TwoFactorMethodCapabilities[]>;
};

@ObjectType({ description: "The signed-in user's two-factor authentication." })
export class TwoFactorSettings {
  /**
   * Each field is worked out only when a query asks for it (a settings read that wants `enabled`
   * reads no recovery codes and no deadline); the enrollments behind most fields are read once,
   * before the settings are made.
   */
  constructor(private readonly facts: TwoFactorSettingsFacts) {}

  @Field(() => Boolean, { description: 'Whether a method is active: sign-ins then need a code.' })
  get enabled(): Later<boolean> {
    return this.facts.enabled();
  }

  @Field(() => TwoFactorMethod, { nullable: true, description: 'The active method, if any.' })
  get method(): Later<TwoFactorMethod | null> {
    return this.facts.method();
  }

  @Field(() => String, { nullable: true, description: 'Where codes of the active method go (masked), for EMAIL and SMS.' })
  get maskedDestination(): Later<string | null> {
    return this.facts.maskedDestination();
  }

  @Field(() => Date, {
    nullable: true,
    description: 'When the active method was verified (a switch starts it again); null when 2FA is off.',
  })
  get activeSince(): Later<Date | null> {
    return this.facts.activeSince();
  }

  @Field(() => PendingTwoFactor, { nullable: true, description: 'A method being set up, if any.' })
  get pending(): Later<PendingTwoFactor | null> {
    return this.facts.pending();
  }

  @Field(() => Int, { description: 'Unused recovery codes.' })
  get recoveryCodesRemaining(): Later<number> {
    return this.facts.recoveryCodesRemaining();
  }

  @Field(() => Boolean, {
    description:
      'Whether the panel should invite the user to enable 2FA: while 2FA is off, unless dismissed in the last 30 days (always when required).',
  })
  get promptToEnable(): Later<boolean> {
    return this.facts.promptToEnable();
  }

  @Field(() => Boolean, { description: 'Whether this server requires 2FA for this user (the prompt then cannot be dismissed).' })
  get required(): Later<boolean> {
    return this.facts.required();
  }

  @Field(() => Date, {
    nullable: true,
    description:
      'When required and 2FA is off: the end of the grace period. After it, every other operation answers FORBIDDEN ' +
      '(reason TWO_FACTOR_REQUIRED) until a method is verified.',
  })
  get requiredBy(): Later<Date | null> {
    return this.facts.requiredBy();
  }

  @Field(() => [TwoFactorMethod], { description: 'The methods this server lets users enable, strongest first.' })
  get availableMethods(): Later<TwoFactorMethod[]> {
    return this.facts.availableMethods();
  }

  @Field(() => [TwoFactorMethodCapabilities], {
    description: 'Every method this server knows, strongest first, with what it can do (availableMethods says which may be enabled).',
  })
  get methods(): Later<TwoFactorMethodCapabilities[]> {
    return this.facts.methods();
  }
}
