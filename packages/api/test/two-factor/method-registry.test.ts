import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { loadConfig } from '../../src/config';
import { LoginChallengeEntity } from '../../src/modules/two-factor/entities/login-challenge.entity';
import { TwoFactorEnrollmentEntity } from '../../src/modules/two-factor/entities/two-factor-enrollment.entity';
import { SecurityEventEntity } from '../../src/modules/audit/entities/security-event.entity';
import { ProofKind } from '../../src/modules/two-factor/methods/method.types';
import { METHOD_ENTITIES, METHOD_IDS, METHOD_REGISTRY } from '../../src/modules/two-factor/methods/registry';
import { startTestApp, type TestApp } from '../support/test-app';
import { ENTITIES } from '../../src/composition-root';

/**
 * The registry is the one list of methods: everything else that lists them is derived from it,
 * and a method says what it can do by what it implements, so the two must agree.
 */
describe('the method registry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives the schema its TwoFactorMethod enum', () => {
    const sdl = readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8');
    const values = (buildSchema(sdl).getType('TwoFactorMethod') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(values.sort()).toEqual([...METHOD_IDS].sort());
  });

  it('gives TWO_FACTOR_METHODS its default and its list of allowed values', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: t.dataDir }).twoFactor.methods).toEqual([...METHOD_IDS]);
    expect(() => loadConfig({ NODE_ENV: 'test', DATA_DIR: t.dataDir, TWO_FACTOR_METHODS: 'FAX' })).toThrow(
      `use a list of ${METHOD_IDS.join(', ')}`,
    );
  });

  it('declares capabilities that the methods implement', () => {
    const modules = t.app.modules.twoFactor.methods.all;
    expect(modules.map((m) => m.definition.id)).toEqual([...METHOD_IDS]);
    for (const module of modules) {
      const { definition } = module;
      expect([definition.id, 'sendCode' in module]).toEqual([definition.id, definition.sendsCodes]);
      expect([definition.id, 'proofOptions' in module]).toEqual([definition.id, definition.proof === ProofKind.SECURITY_KEY]);
    }
  });

  it('answers the capabilities in the settings, for the panel', async () => {
    const { client } = await t.client
      .request(`mutation { register(email: "caps@example.com", password: "correct horse battery") { token } }`)
      .then((res) => ({ client: t.client.withToken(res.data!.register.token) }));
    const res = await client.request(`{ twoFactorSettings { methods { method sendsCodes proof } } }`);
    expect(res.data!.twoFactorSettings.methods).toEqual(
      METHOD_REGISTRY.map((d) => ({ method: d.id, sendsCodes: d.sendsCodes, proof: d.proof })),
    );
  });

  it('keeps each method’s tables among the entities, and each id within the method columns', () => {
    for (const entity of METHOD_ENTITIES) expect(ENTITIES).toContain(entity);
    for (const entity of [TwoFactorEnrollmentEntity, LoginChallengeEntity, SecurityEventEntity]) {
      const column = t.app.dataSource.getMetadata(entity).findColumnWithPropertyName('method')!;
      for (const id of METHOD_IDS) expect([entity.name, id, id.length <= Number(column.length)]).toEqual([entity.name, id, true]);
    }
  });
});
