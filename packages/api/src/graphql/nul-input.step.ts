import {
  Kind,
  visit,
  type ASTNode,
  type ArgumentNode,
  type DocumentNode,
  type ObjectFieldNode,
  type VariableDefinitionNode,
} from 'graphql';
import { fail } from '../errors/app-error';
import type { RequestStep, RequestStepHooks } from './request-steps.plugin';

const NUL = '\u0000';

/**
 * Refuses a request whose variables or arguments hold a NUL character anywhere, before anything
 * runs: PostgreSQL text cannot hold one (the query would fail with an unexpected error), and no
 * field has a use for it. BAD_USER_INPUT (reason NUL_CHARACTER) with HTTP 400; `field` names the innermost input field
 * (`email` in `input: { email }`), argument or variable that holds it.
 */
const hooks: RequestStepHooks = {
  didResolveOperation({ request, document }) {
    const field = fieldHoldingNulInVariables(request.variables ?? {}) ?? fieldHoldingNulInLiterals(document);
    if (field === undefined) return;
    throw fail('NUL_CHARACTER', { field });
  },
};

export const nulInputStep: RequestStep = () => hooks;

/** Walks the JSON without recursion: a variable may nest as deep as the body limit allows. */
function fieldHoldingNulInVariables(variables: Record<string, unknown>): string | undefined {
  const pending: Array<[unknown, string]> = Object.entries(variables).map(([name, value]) => [value, name]);
  while (pending.length > 0) {
    const [value, field] = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return field;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push([item, field]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key.includes(NUL)) return field;
        pending.push([inner, key]);
      }
    }
  }
  return undefined;
}

/** The answer for each parsed document: Apollo keeps one document per query text, so most requests find it here. */
const literalsChecked = new WeakMap<DocumentNode, string | null>();

function fieldHoldingNulInLiterals(document: DocumentNode): string | undefined {
  let found = literalsChecked.get(document);
  if (found === undefined) {
    found = firstFieldHoldingNul(document) ?? null;
    literalsChecked.set(document, found);
  }
  return found ?? undefined;
}

function firstFieldHoldingNul(document: ASTNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    StringValue(string, _key, parent, _path, ancestors) {
      if (found !== undefined || !string.value.includes(NUL)) return;
      // The nearest input field, argument or variable (a default value) around the string.
      const around = [...ancestors, parent ?? []].reverse();
      for (const node of around) {
        if (Array.isArray(node)) continue;
        const { kind } = node as ASTNode;
        if (kind === Kind.OBJECT_FIELD || kind === Kind.ARGUMENT) found = (node as ObjectFieldNode | ArgumentNode).name.value;
        else if (kind === Kind.VARIABLE_DEFINITION) found = (node as VariableDefinitionNode).variable.name.value;
        if (found !== undefined) return;
      }
    },
  });
  return found;
}
