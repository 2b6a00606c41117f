import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  Kind,
  getIntrospectionQuery,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { documentLimitRules } from '../../src/graphql/document-limit-rules';
import { DOCUMENT_LIMITS, DOCUMENT_PARSE_OPTIONS } from '../../src/graphql/document-limits';
import { buildLatchkeySchema } from '../../src/graphql/schema';
import { UserEntity } from '../../src/modules/auth/entities/user.entity';
import { OPS, PASSWORD, enableTotp, loginChallenge, nextTotpStep, registerUser, totpNow, uniqueEmail } from '../support/flows';
import { INTERNALS, send, type RawAnswer } from '../support/raw-http';
import { startTestApp, type TestApp } from '../support/test-app';
import { RESOLVER_CLASSES } from '../../src/composition-root';

const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');

const reasonsOf = (answer: RawAnswer) => (answer.body?.errors ?? []).map((e) => e.extensions?.reason);
const codesOf = (answer: RawAnswer) => (answer.body?.errors ?? []).map((e) => e.extensions?.code);

/** Refused before execution: HTTP 400, GRAPHQL_VALIDATION_FAILED with `reason`, and no `data` at all. */
function expectRefusedBeforeExecution(answer: RawAnswer, reason: string): void {
  expect(answer.status).toBe(400);
  expect(answer.body).toBeDefined();
  expect(answer.body).not.toHaveProperty('data');
  const refusal = answer.body!.errors!.find((e) => e.extensions?.reason === reason);
  expect(refusal?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
}

describe('WSTG-APIT-99, ASVS V13.4.1 (5.0 V4.3.1): the GraphQL edge refuses abusive documents before anything runs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const usersNamed = (email: string) => t.app.dataSource.getRepository(UserEntity).countBy({ email });
  // An introspection document whose fields nest `depth` levels deep (the leaf `name` included).
  const nestedIntrospection = (depth: number) => `{ __schema { types { ${'ofType { '.repeat(depth - 3)}name${' }'.repeat(depth - 3)} } } }`;

  it('DEPTH_LIMIT: a document nested deeper than 15 levels answers HTTP 400; 15 levels still run', async () => {
    const deepest = await send(t, nestedIntrospection(DOCUMENT_LIMITS.maxDepth));
    expect(deepest.status).toBe(200);
    expect(deepest.body?.errors).toBeUndefined();
    expectRefusedBeforeExecution(await send(t, nestedIntrospection(DOCUMENT_LIMITS.maxDepth + 1)), 'DEPTH_LIMIT');
  });

  it('ALIAS_LIMIT: more than 20 aliases answer HTTP 400, and the registration that held them never ran', async () => {
    const email = uniqueEmail('aliases');
    const aliases = Array.from({ length: DOCUMENT_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: id`).join(' ');
    const answer = await send(t, `mutation($e: String!, $p: String!) { register(email: $e, password: $p) { user { ${aliases} } } }`, {
      e: email,
      p: PASSWORD,
    });
    expectRefusedBeforeExecution(answer, 'ALIAS_LIMIT');
    expect(await usersNamed(email)).toBe(0);
  });

  it('ROOT_FIELD_LIMIT: more than 10 root fields answer HTTP 400, and none of the mutations ran', async () => {
    const email = uniqueEmail('roots');
    const logouts = Array.from({ length: DOCUMENT_LIMITS.maxRootFields }, (_, i) => `out${i}: logout`).join(' ');
    const answer = await send(t, `mutation($e: String!, $p: String!) { first: register(email: $e, password: $p) { token } ${logouts} }`, {
      e: email,
      p: PASSWORD,
    });
    expectRefusedBeforeExecution(answer, 'ROOT_FIELD_LIMIT');
    expect(reasonsOf(answer)).not.toContain('ALIAS_LIMIT');
    expect(await usersNamed(email)).toBe(0);
  });

  it('COST_LIMIT: three full 200-entry pages of the security log answer HTTP 400; two pages run', async () => {
    const user = await registerUser(t);
    const page = (name: string) => `${name}: securityEvents(first: 200) { id type method ip detail createdAt }`;
    const two = await send(t, `{ ${page('a')} ${page('b')} }`, {}, { authorization: `Bearer ${user.token}` });
    expect(two.status).toBe(200);
    expect(two.body?.errors).toBeUndefined();
    const three = await send(t, `{ ${page('a')} ${page('b')} ${page('c')} }`, {}, { authorization: `Bearer ${user.token}` });
    expectRefusedBeforeExecution(three, 'COST_LIMIT');
  });

  it('COST_LIMIT sees through fragments and costs a variable `first` as a full page', async () => {
    const user = await registerUser(t);
    const answer = await send(
      t,
      `query($n: Int!) { ...Pages }
       fragment Pages on Query { a: securityEvents(first: $n) { ...Event } b: securityEvents(first: $n) { ...Event } c: securityEvents(first: $n) { ...Event } }
       fragment Event on SecurityEvent { id type method ip detail createdAt }`,
      { n: 1 },
      { authorization: `Bearer ${user.token}` },
    );
    expectRefusedBeforeExecution(answer, 'COST_LIMIT');
  });

  it('the reproduced attack: 1,500 aliased securityEvents(first: 200) in one 75 kB request answer HTTP 400 and run nothing', async () => {
    const user = await registerUser(t);
    const query = `{ ${Array.from({ length: 1500 }, (_, i) => `e${i}: securityEvents(first: 200) { id }`).join(' ')} }`;
    expect(query.length).toBeGreaterThan(45_000);
    const answer = await send(t, query, {}, { authorization: `Bearer ${user.token}` });
    expect(answer.status).toBe(400);
    expect(answer.body).not.toHaveProperty('data');
    // Too many tokens to be parsed at all: refused before it is even measured.
    expect(codesOf(answer)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(answer.text).not.toMatch(INTERNALS);
  });

  it('1,000 aliased code guesses are refused before any is checked: the challenge and the right code still work', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    nextTotpStep(t);
    const { challengeId } = await loginChallenge(t, user.email);
    const guesses = Array.from(
      { length: 1000 },
      (_, i) => `g${i}: verifyLoginChallenge(challengeId: $id, code: "${String(i).padStart(6, '0')}") { token }`,
    ).join(' ');
    const refused = await send(t, `mutation($id: ID!) { ${guesses} }`, { id: challengeId });
    expect(refused.status).toBe(400);
    expect(refused.body).not.toHaveProperty('data');
    const right = await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, secret) });
    expect(right.errors).toBeUndefined();
    expect(right.data!.verifyLoginChallenge.user.email).toBe(user.email);
  });

  it('code guesses in a document refused for its size are still charged to their user, one by one', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    nextTotpStep(t);
    const { challengeId } = await loginChallenge(t, user.email);
    // Twelve root fields: over the root-field limit, so validation refuses the document.
    const guesses = Array.from(
      { length: 12 },
      (_, i) => `g${i}: verifyLoginChallenge(challengeId: $id, code: "${String(i).padStart(6, '0')}") { token }`,
    ).join(' ');
    const refused = await send(t, `mutation($id: ID!) { ${guesses} }`, { id: challengeId });
    expect(refused.status).toBe(400);
    expect(reasonsOf(refused)).toContain('ROOT_FIELD_LIMIT');
    // Nothing was compared, but twelve guesses were named: the user's checks are locked.
    const right = await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, secret) });
    expect(right.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'LOCKED' });
  });

  it('50 aliased registrations in one request are refused and create no account', async () => {
    const emails = Array.from({ length: 50 }, () => uniqueEmail('batch'));
    const fields = emails.map((email, i) => `r${i}: register(email: "${email}", password: "${PASSWORD}") { token }`).join(' ');
    const answer = await send(t, `mutation { ${fields} }`);
    expectRefusedBeforeExecution(answer, 'ROOT_FIELD_LIMIT');
    expect(reasonsOf(answer)).toContain('ALIAS_LIMIT');
    for (const email of emails) expect(await usersNamed(email)).toBe(0);
  });

  it('introspection still answers outside production (development tools and the sandbox use it)', async () => {
    const answer = await send(t, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true }));
    expect(answer.status).toBe(200);
    expect(answer.body?.errors).toBeUndefined();
    expect((answer.body?.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(10);
  });
});

describe('the limits leave room for every real operation', () => {
  /** Every operation of the panel, with the fragments it spreads, as Apollo Client sends it. */
  function panelOperations(): Array<{ name: string; document: string }> {
    const files = readdirSync(path.join(REPOSITORY_ROOT, 'packages/web/src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => path.join(REPOSITORY_ROOT, 'packages/web/src', file));
    const definitions: DefinitionNode[] = files.flatMap((file) => parse(readFileSync(file, 'utf8')).definitions);
    const fragments = new Map(
      definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const spreadIn = (node: OperationDefinitionNode | FragmentDefinitionNode, found: Set<string>): Set<string> => {
      visit(node, {
        FragmentSpread(spread) {
          if (found.has(spread.name.value)) return;
          found.add(spread.name.value);
          spreadIn(fragments.get(spread.name.value)!, found);
        },
      });
      return found;
    };
    return definitions
      .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
      .map((operation) => ({
        name: operation.name?.value ?? 'anonymous',
        document: [operation, ...[...spreadIn(operation, new Set())].map((name) => fragments.get(name)!)].map((d) => print(d)).join('\n'),
      }));
  }

  /** The queries of the README's curl examples. */
  function readmeExamples(): string[] {
    const readme = readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    return [...readme.matchAll(/-d '(\{"query":.*?\})'/g)].map((match) => (JSON.parse(match[1]!) as { query: string }).query);
  }

  it('the panel operations, the README examples and the development tools’ introspection query pass every limit', async () => {
    const schema = await buildLatchkeySchema(RESOLVER_CLASSES);
    const operations = panelOperations();
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const introspection = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    const documents = [
      ...operations.map((o) => [o.name, o.document]),
      ...examples.map((e, i) => [`README example ${i + 1}`, e]),
      ['introspection', introspection],
    ];
    for (const [name, source] of documents) {
      const errors = validate(schema, parse(source!, DOCUMENT_PARSE_OPTIONS), [...specifiedRules, ...documentLimitRules]);
      expect({ name, errors: errors.map((e) => e.message) }).toEqual({ name, errors: [] });
    }
  });
});

describe('deep documents answer 400, not 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const shapes: Array<[string, (depth: number) => string]> = [
    ['nested selections', (depth) => `{ ${'me { '.repeat(depth)}id${' }'.repeat(depth)} }`],
    [
      'nested introspection, valid at any depth',
      (depth) => `{ __schema { types { ${'ofType { '.repeat(depth)}name${' }'.repeat(depth)} } } }`,
    ],
    ['nested lists in a variable default', (depth) => `query($x: [Int] = ${'['.repeat(depth)}${']'.repeat(depth)}) { me { id } }`],
    ['nested objects in an argument', (depth) => `{ securityEvents(first: ${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}) { id } }`],
  ];
  const depths = [4_000, 3_000, 2_000, DOCUMENT_LIMITS.maxTokens - 10, Math.floor(DOCUMENT_LIMITS.maxTokens / 4) - 10];

  it.each(shapes)('%s: 2,000 to 4,000 levels, and as deep as the token limit allows', async (_shape, document) => {
    for (const depth of depths) {
      const answer = await send(t, document(depth));
      expect({ depth, status: answer.status }).toEqual({ depth, status: 400 });
      expect(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']).toContain(codesOf(answer)[0]);
      // Refused on purpose, never by running out of stack somewhere on the way.
      expect(answer.text).not.toMatch(/call stack/i);
      expect(answer.text).not.toMatch(INTERNALS);
    }
  });
});
