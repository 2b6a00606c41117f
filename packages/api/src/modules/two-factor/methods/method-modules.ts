import { fail } from '../../../errors/app-error';
import type { TwoFactorMethod } from '../two-factor-method';
import { METHOD_REGISTRY, type MethodId, type MethodSettings } from './registry';
import type { MethodDefinition, MethodDependencies, TwoFactorMethodModule } from './method.types';

/** The methods of the registry, made once with their dependencies, looked up by id. */
export class MethodModules {
  private readonly byId: ReadonlyMap<string, TwoFactorMethodModule>;

  constructor(readonly all: readonly TwoFactorMethodModule[]) {
    this.byId = new Map(all.map((module) => [module.definition.id, module]));
  }

  static fromRegistry(deps: MethodDependencies, settings: MethodSettings): MethodModules {
    return new MethodModules(
      METHOD_REGISTRY.map((definition) => {
        // MethodSettings pairs each id with its definition's settings; over the union of
        // definitions the compiler cannot follow that pairing, so the settings go in untyped here.
        const untyped = definition as MethodDefinition<MethodId, TwoFactorMethodModule, unknown>;
        return untyped.create(deps, (settings as Partial<Record<MethodId, unknown>>)[definition.id]);
      }),
    );
  }

  get(method: TwoFactorMethod): TwoFactorMethodModule {
    const module = this.byId.get(method);
    if (!module) throw fail('METHOD_NOT_OFFERED');
    return module;
  }
}
