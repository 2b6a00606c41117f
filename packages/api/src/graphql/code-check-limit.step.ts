import type { GraphQLRequestContext } from '@apollo/server';
import {
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fail } from '../errors/app-error';
import type { Logger } from '../shared/logger';
import type { RequestContext } from './context';
import type { RequestStep } from './request-steps.plugin';

/** Fields that check a 2FA code or recovery code (enableTwoFactor and the account changes only when they carry a proof). */
export const CODE_CHECKING_FIELDS = new Set([
  'verifyLoginChallenge',
  'verifyTwoFactor',
  'disableTwoFactor',
  'enableTwoFactor',
  'regenerateRecoveryCodes',
  'resetTwoFactor',
  'changeEmail',
  'changePassword',
  'removeSecurityKey',
  'createWebhook',
  'deleteWebhook',
  'createApiToken',
  'decideAccountRecovery',
  'updatePolicy',
  'setUserRole',
]);

/** Fields whose `proof` argument, when given, is a code check. */
const PROOF_ARGUMENT_FIELDS = new Set(['changeEmail', 'changePassword']);

/** How many code-checking fields one request may name. */
export const MAX_CODE_CHECKS_PER_REQUEST = 1;

/** The rule as the schema's descriptions of code arguments state it. */
export const ONE_CHECK_PER_REQUEST =
  'A request may name one code-checking field only: more are refused before any runs ' +
  '(GRAPHQL_VALIDATION_FAILED, reason CODE_CHECK_LIMIT), each still counted as a wrong code.';

/** A code check a refused request named, and whose check it would have been. */
export interface UnmadeCodeCheck {
  field: string;
  /** verifyLoginChallenge: the challenge it named (its user is charged); the other fields charge the caller. */
  challengeId?: string;
}

/** Charges the code checks of a refused request to their users, and the request once to its IP. */
export interface RefusedCodeChecks {
  charge(checks: UnmadeCodeCheck[], callerUserId: string | null, ip: string): Promise<void>;
}

/**
 * Refuses, before anything runs, a request that names more than one code-checking field (aliases,
 * fragments and several operations' worth of fields alike): GRAPHQL_VALIDATION_FAILED, HTTP 400,
 * reason CODE_CHECK_LIMIT. Each named field is still charged as a failure to the user it would
 * have checked, so a thousand aliased guesses cost a thousand tries, and the request counts once
 * against the IP, so the neighbours behind that address pay for one request, not a thousand.
 */
export function codeCheckLimitStep(refused: RefusedCodeChecks, logger: Logger): RequestStep {
  /** Charges the checks of a refused request; a failure to charge is logged, and the request refused all the same. */
  async function charge(checks: UnmadeCodeCheck[], { caller, client, requestId }: RequestContext): Promise<void> {
    try {
      const callerUserId = caller.kind === 'session' || caller.kind === 'api-token' ? caller.user.id : null;
      await refused.charge(checks, callerUserId, client.ip ?? 'unknown');
    } catch (error) {
      // Nothing was checked, so nothing slips through: the request is refused all the same.
      logger.warn({ requestId, err: error }, 'the code checks of a refused request could not be charged');
    }
  }

  return () => {
    // Decided once per request: while its document is validated (so a document that another
    // rule refuses is still charged), or, when Apollo serves an already-validated document from
    // its cache and skips validation, once its operation is known. Kept in the request's own
    // hooks rather than a WeakMap keyed by the request, which took an entry per request.
    let tooMany: boolean | undefined;
    /** Decides; a promise only while the checks of a request that named too many are charged. */
    const judge = ({ document, contextValue, request }: GraphQLRequestContext<RequestContext> & { document: DocumentNode }) => {
      const checks = namedCodeChecks(document, request.operationName, request.variables ?? {});
      tooMany = checks.length > MAX_CODE_CHECKS_PER_REQUEST;
      return tooMany ? charge(checks, contextValue) : undefined;
    };
    const refuseIfTooMany = () => {
      if (tooMany) throw fail('CODE_CHECK_LIMIT');
    };
    return {
      validationDidStart: judge,
      didResolveOperation(requestContext) {
        const charging = tooMany === undefined ? judge(requestContext) : undefined;
        return charging ? charging.then(refuseIfTooMany) : refuseIfTooMany();
      },
    };
  };
}

/** The code checks the request's operation names (every operation when it names none). */
function namedCodeChecks(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): UnmadeCodeCheck[] {
  return codeCheckingFieldsOf(document, operationName ?? '')
    .map((field) => describeCheck(field, variables))
    .filter((check): check is UnmadeCodeCheck => check !== null);
}

/**
 * The code-checking fields a document's operation selects, worked out once per parsed document:
 * Apollo hands the same document object to every request with the same query text, and a
 * document never changes. Only what the fields' arguments hold depends on the request.
 */
const fieldsByDocument = new WeakMap<DocumentNode, Map<string, FieldNode[]>>();

function codeCheckingFieldsOf(document: DocumentNode, operationName: string): FieldNode[] {
  let byOperation = fieldsByDocument.get(document);
  if (!byOperation) fieldsByDocument.set(document, (byOperation = new Map<string, FieldNode[]>()));
  let fields = byOperation.get(operationName);
  if (!fields) byOperation.set(operationName, (fields = findCodeCheckingFields(document, operationName)));
  return fields;
}

function findCodeCheckingFields(document: DocumentNode, operationName: string): FieldNode[] {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d.selectionSet]),
  );
  // Fields of one response key are merged into one execution, so they are one check.
  const byResponseKey = new Map(
    operations.flatMap((operation, index) =>
      codeChecksIn(operation.selectionSet, fragments, new Set()).map(
        (field) => [`${index}:${field.alias?.value ?? field.name.value}`, field] as const,
      ),
    ),
  );
  return [...byResponseKey.values()];
}

function codeChecksIn(set: SelectionSetNode, fragments: Map<string, SelectionSetNode>, seen: Set<string>): FieldNode[] {
  const found: FieldNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (CODE_CHECKING_FIELDS.has(selection.name.value)) found.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      found.push(...codeChecksIn(selection.selectionSet, fragments, seen));
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) found.push(...codeChecksIn(fragment, fragments, seen));
    }
  }
  return found;
}

/** The check a field would make, or null when it makes none (enableTwoFactor without a proof). */
function describeCheck(field: FieldNode, variables: Record<string, unknown>): UnmadeCodeCheck | null {
  const argument = (name: string) => {
    const node = field.arguments?.find((a) => a.name.value === name)?.value;
    return node === undefined ? undefined : valueFromASTUntyped(node, variables);
  };
  const name = field.name.value;
  if (name === 'enableTwoFactor') {
    const input = argument('input') as { proof?: unknown } | null | undefined;
    return typeof input?.proof === 'string' && input.proof.trim() !== '' ? { field: name } : null;
  }
  if (PROOF_ARGUMENT_FIELDS.has(name)) {
    const proof = argument('proof');
    return typeof proof === 'string' && proof.trim() !== '' ? { field: name } : null;
  }
  if (name === 'verifyLoginChallenge') {
    const challengeId = argument('challengeId');
    return typeof challengeId === 'string' ? { field: name, challengeId } : { field: name };
  }
  return { field: name };
}
