/**
 * The schema contract: what `pnpm schema:check` holds the current schema.graphql against. A change
 * that graphql-js calls breaking passes only when what it breaks was already deprecated in the
 * published schema (clients were told to move away); docs/versioning.md explains the policy.
 */
import path from 'node:path';
import {
  BreakingChangeType,
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLSchema,
} from 'graphql';
import type { Maybe } from 'graphql/jsutils/Maybe';

export const API_ROOT = path.join(__dirname, '..');
export const CURRENT_SCHEMA = path.join(API_ROOT, 'schema.graphql');
export const PUBLISHED_SCHEMA = path.join(API_ROOT, 'schema.published.graphql');

export interface ContractReport {
  /** Breaking changes to something that was not deprecated: the check fails on any. */
  violations: string[];
  /** Breaking changes to deprecated fields, arguments or enum values (or types only they reached). */
  deprecatedRemovals: string[];
  /** Changes that break no valid query but may surprise a client (a new enum value, a new default). */
  dangerous: string[];
}

/** Compares two SDL texts: the published contract and the schema about to replace it. */
export function compareSchemas(publishedSdl: string, currentSdl: string): ContractReport {
  const published = buildSchema(publishedSdl);
  const current = buildSchema(currentSdl);
  const retired = retiredTypes(published, current);
  const report: ContractReport = { violations: [], deprecatedRemovals: [], dangerous: [] };
  for (const change of findBreakingChanges(published, current)) {
    const coordinate = coordinateOf(change.type, change.description);
    const allowed =
      coordinate !== undefined && (coordinate.kind === 'type' ? retired.has(coordinate.name) : isDeprecated(published, coordinate));
    (allowed ? report.deprecatedRemovals : report.violations).push(change.description);
  }
  report.dangerous = findDangerousChanges(published, current).map((change) => change.description);
  return report;
}

type Coordinate =
  | { kind: 'type'; name: string }
  | { kind: 'field'; type: string; field: string }
  | { kind: 'argument'; type: string; field: string; argument: string }
  | { kind: 'enumValue'; type: string; value: string };

/**
 * Where a breaking change lands, read from graphql-js's description. Changes that can never be
 * excused by a deprecation (a type changing kind, a union losing a member, a required input
 * field, a directive) answer undefined, and so does wording this code does not know: it fails
 * closed.
 */
function coordinateOf(type: BreakingChangeType, description: string): Coordinate | undefined {
  let match: RegExpExecArray | null;
  switch (type) {
    case BreakingChangeType.TYPE_REMOVED:
      match = /^(\w+) was removed\.$/.exec(description);
      return match ? { kind: 'type', name: match[1]! } : undefined;
    case BreakingChangeType.FIELD_REMOVED:
      match = /^(\w+)\.(\w+) was removed\.$/.exec(description);
      return match ? { kind: 'field', type: match[1]!, field: match[2]! } : undefined;
    case BreakingChangeType.FIELD_CHANGED_KIND:
      match = /^(\w+)\.(\w+) changed type from /.exec(description);
      return match ? { kind: 'field', type: match[1]!, field: match[2]! } : undefined;
    case BreakingChangeType.REQUIRED_ARG_ADDED:
      match = /^A required arg \w+ on (\w+)\.(\w+) was added\.$/.exec(description);
      return match ? { kind: 'field', type: match[1]!, field: match[2]! } : undefined;
    case BreakingChangeType.ARG_REMOVED:
      match = /^(\w+)\.(\w+) arg (\w+) was removed\.$/.exec(description);
      return match ? { kind: 'argument', type: match[1]!, field: match[2]!, argument: match[3]! } : undefined;
    case BreakingChangeType.ARG_CHANGED_KIND:
      match = /^(\w+)\.(\w+) arg (\w+) has changed type from /.exec(description);
      return match ? { kind: 'argument', type: match[1]!, field: match[2]!, argument: match[3]! } : undefined;
    case BreakingChangeType.VALUE_REMOVED_FROM_ENUM:
      match = /^(\w+) was removed from enum type (\w+)\.$/.exec(description);
      return match ? { kind: 'enumValue', type: match[2]!, value: match[1]! } : undefined;
    default:
      return undefined;
  }
}

/** Whether the published schema deprecated the element (or, for an argument, its whole field). */
function isDeprecated(schema: GraphQLSchema, coordinate: Exclude<Coordinate, { kind: 'type' }>): boolean {
  const type = schema.getType(coordinate.type);
  if (coordinate.kind === 'enumValue') {
    return isEnumType(type) && isMarkedDeprecated(type.getValue(coordinate.value));
  }
  if (!type || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) return false;
  const field = type.getFields()[coordinate.field];
  if (!field) return false;
  if (isMarkedDeprecated(field)) return true;
  if (coordinate.kind === 'field' || !('args' in field)) return false;
  return isMarkedDeprecated(field.args.find((arg) => arg.name === coordinate.argument));
}

function isMarkedDeprecated(element: Maybe<{ deprecationReason?: Maybe<string> }>): boolean {
  return typeof element?.deprecationReason === 'string';
}

/**
 * Removed types that only deprecated fields and arguments led to (directly, or through other such
 * types): types themselves cannot carry @deprecated, so they retire with the last field using them.
 */
function retiredTypes(published: GraphQLSchema, current: GraphQLSchema): Set<string> {
  const removed = Object.keys(published.getTypeMap()).filter((name) => !name.startsWith('__') && !current.getType(name));
  const references = referencesByType(published);
  const retired = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const name of removed) {
      if (retired.has(name)) continue;
      const uses = references.get(name) ?? [];
      if (uses.every((use) => use.deprecated || retired.has(use.from))) {
        retired.add(name);
        changed = true;
      }
    }
  }
  return retired;
}

/** For each named type, every place the schema uses it: from which type, and whether that use is deprecated. */
function referencesByType(schema: GraphQLSchema): Map<string, Array<{ from: string; deprecated: boolean }>> {
  const references = new Map<string, Array<{ from: string; deprecated: boolean }>>();
  const add = (target: string, from: string, deprecated: boolean) => {
    const list = references.get(target) ?? [];
    list.push({ from, deprecated });
    references.set(target, list);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isUnionType(type)) for (const member of type.getTypes()) add(member.name, type.name, false);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const implemented of type.getInterfaces()) add(implemented.name, type.name, false);
    }
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const fieldDeprecated = isMarkedDeprecated(field);
        add(getNamedType(field.type).name, type.name, fieldDeprecated);
        for (const arg of field.args) add(getNamedType(arg.type).name, type.name, fieldDeprecated || isMarkedDeprecated(arg));
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) add(getNamedType(field.type).name, type.name, isMarkedDeprecated(field));
    }
  }
  return references;
}
