import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareSchemas } from '../scripts/schema-contract';

const API_ROOT = path.join(__dirname, '..');

/** A small published contract in the shape of ours: a union, an enum, arguments, an input. */
const PUBLISHED = /* GraphQL */ `
  type Query {
    me: User
    securityEvents(first: Int = 50): [SecurityEvent!]!
    oldEvents: [OldEvent!]! @deprecated(reason: "Use securityEvents.")
    users(search: String!, limit: Int @deprecated(reason: "Use first."), first: Int): [User!]!
  }
  type Mutation {
    login(email: String!, password: String!): LoginResult!
  }
  union LoginResult = AuthPayload | TwoFactorChallenge
  type AuthPayload {
    token: String!
    user: User!
  }
  type TwoFactorChallenge {
    challengeId: ID!
    method: TwoFactorMethod!
  }
  type User {
    id: ID!
    email: String!
    nickname: String @deprecated(reason: "Never shown anywhere.")
  }
  type SecurityEvent {
    type: String!
  }
  type OldEvent {
    kind: String!
  }
  enum TwoFactorMethod {
    TOTP
    EMAIL
    SMS
    FAX @deprecated(reason: "No longer sent.")
  }
`;

/** PUBLISHED with each [from, to] replaced (each `from` must occur). */
function edited(...edits: Array<[string, string]>): string {
  let sdl = PUBLISHED;
  for (const [from, to] of edits) {
    if (!sdl.includes(from)) throw new Error(`not in the schema: ${from}`);
    sdl = sdl.replace(from, to);
  }
  return sdl;
}

describe('the schema contract', () => {
  it('holds for an unchanged schema', () => {
    expect(compareSchemas(PUBLISHED, PUBLISHED)).toEqual({ violations: [], deprecatedRemovals: [], dangerous: [] });
  });

  it('fails when a field is removed without a deprecation', () => {
    const report = compareSchemas(PUBLISHED, edited(['    email: String!\n', '']));
    expect(report.violations).toEqual(['User.email was removed.']);
  });

  it('passes when a field deprecated in the published schema is removed', () => {
    const report = compareSchemas(PUBLISHED, edited(['    nickname: String @deprecated(reason: "Never shown anywhere.")\n', '']));
    expect(report.violations).toEqual([]);
    expect(report.deprecatedRemovals).toEqual(['User.nickname was removed.']);
  });

  it('passes when a deprecated field goes with the type that only it returned', () => {
    const report = compareSchemas(
      PUBLISHED,
      edited(
        ['    oldEvents: [OldEvent!]! @deprecated(reason: "Use securityEvents.")\n', ''],
        ['  type OldEvent {\n    kind: String!\n  }\n', ''],
      ),
    );
    expect(report.violations).toEqual([]);
    expect(report.deprecatedRemovals.sort()).toEqual(['OldEvent was removed.', 'Query.oldEvents was removed.']);
  });

  it('fails when a type still used by a field that was not deprecated is removed', () => {
    const report = compareSchemas(
      PUBLISHED,
      edited(['    securityEvents(first: Int = 50): [SecurityEvent!]!\n', ''], ['  type SecurityEvent {\n    type: String!\n  }\n', '']),
    );
    expect(report.violations.sort()).toEqual(['Query.securityEvents was removed.', 'SecurityEvent was removed.']);
  });

  it('passes when a field is added, and an optional argument', () => {
    const report = compareSchemas(
      PUBLISHED,
      edited(
        ['    email: String!\n', '    email: String!\n    createdAt: String!\n'],
        ['users(search: String!,', 'users(search: String!, role: String,'],
      ),
    );
    expect(report.violations).toEqual([]);
    expect(report.deprecatedRemovals).toEqual([]);
  });

  it('fails when a non-null argument is added', () => {
    const report = compareSchemas(
      PUBLISHED,
      edited(['login(email: String!, password: String!)', 'login(email: String!, password: String!, otp: String!)']),
    );
    expect(report.violations).toEqual(['A required arg otp on Mutation.login was added.']);
  });

  it('fails when a field changes type in a way a client can notice', () => {
    const report = compareSchemas(
      PUBLISHED,
      edited(['    token: String!\n', '    token: String\n'], ['challengeId: ID!', 'challengeId: Int!']),
    );
    expect(report.violations.sort()).toEqual([
      'AuthPayload.token changed type from String! to String.',
      'TwoFactorChallenge.challengeId changed type from ID! to Int!.',
    ]);
  });

  it('treats enum values and arguments like fields: removed after a deprecation passes, without one fails', () => {
    const report = compareSchemas(
      PUBLISHED,
      edited(
        ['    FAX @deprecated(reason: "No longer sent.")\n', ''],
        ['    SMS\n', ''],
        ['users(search: String!, limit: Int @deprecated(reason: "Use first."), first: Int)', 'users(search: String!)'],
      ),
    );
    expect(report.violations.sort()).toEqual(['Query.users arg first was removed.', 'SMS was removed from enum type TwoFactorMethod.']);
    expect(report.deprecatedRemovals.sort()).toEqual([
      'FAX was removed from enum type TwoFactorMethod.',
      'Query.users arg limit was removed.',
    ]);
  });

  it('fails when a union loses a member, and notes a new member as dangerous only', () => {
    expect(compareSchemas(PUBLISHED, edited(['= AuthPayload | TwoFactorChallenge', '= AuthPayload'])).violations).toEqual([
      'TwoFactorChallenge was removed from union type LoginResult.',
    ]);
    const added = compareSchemas(
      PUBLISHED,
      edited(
        ['= AuthPayload | TwoFactorChallenge', '= AuthPayload | TwoFactorChallenge | Locked'],
        ['  type OldEvent {', '  type Locked {\n    until: String!\n  }\n  type OldEvent {'],
      ),
    );
    expect(added.violations).toEqual([]);
    expect(added.dangerous).toEqual(['Locked was added to union type LoginResult.']);
  });
});

describe('pnpm schema:check', () => {
  const run = (published: string, current: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-schema-'));
    writeFileSync(path.join(dir, 'published.graphql'), published);
    writeFileSync(path.join(dir, 'current.graphql'), current);
    return spawnSync(
      path.join(API_ROOT, 'node_modules/.bin/tsx'),
      [path.join(API_ROOT, 'scripts/schema-check.ts'), path.join(dir, 'published.graphql'), path.join(dir, 'current.graphql')],
      { encoding: 'utf8', timeout: 30_000 },
    );
  };

  it('exits 1 naming each undeprecated breaking change, and 0 for a deprecated removal', () => {
    const broken = run(PUBLISHED, edited(['    email: String!\n', '']));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('  - User.email was removed.');
    expect(broken.stderr).toContain('Deprecate first');

    const kept = run(PUBLISHED, edited(['    nickname: String @deprecated(reason: "Never shown anywhere.")\n', '']));
    expect(kept.status).toBe(0);
    expect(kept.stdout).toContain('ok (was deprecated): User.nickname was removed.');
  });

  it('passes the committed schema against the committed contract', () => {
    const result = spawnSync(path.join(API_ROOT, 'node_modules/.bin/tsx'), [path.join(API_ROOT, 'scripts/schema-check.ts')], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^packages\/api\/schema\.graphql keeps the published contract \(packages\/api\/schema\.published\.graphql\)$/m,
    );
  });
});
