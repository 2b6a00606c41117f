import type { ASTVisitor, FieldNode, ValidationContext } from 'graphql';
import { fail } from '../errors/app-error';
import { DOCUMENT_LIMITS } from './document-limits';

/**
 * Refuses a document with more than DOCUMENT_LIMITS.maxAliases aliases: aliases are how one request
 * asks for the same costly field hundreds of times.
 */
export function aliasLimitRule(context: ValidationContext): ASTVisitor {
  const aliased: FieldNode[] = [];
  return {
    Field(field) {
      if (field.alias) aliased.push(field);
    },
    Document: {
      leave() {
        if (aliased.length <= DOCUMENT_LIMITS.maxAliases) return;
        context.reportError(
          fail(
            'ALIAS_LIMIT',
            { aliases: aliased.length, limit: DOCUMENT_LIMITS.maxAliases },
            { nodes: aliased.slice(DOCUMENT_LIMITS.maxAliases, DOCUMENT_LIMITS.maxAliases + 1) },
          ),
        );
      },
    },
  };
}
