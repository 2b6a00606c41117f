import type { ASTVisitor, FieldNode, ValidationContext } from 'graphql';
import { DOCUMENT_LIMITS, documentRefusal } from './document-limits';

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
          documentRefusal(
            'ALIAS_LIMIT',
            `The document has ${aliased.length} aliases; at most ${DOCUMENT_LIMITS.maxAliases} are allowed.`,
            aliased.slice(DOCUMENT_LIMITS.maxAliases, DOCUMENT_LIMITS.maxAliases + 1),
          ),
        );
      },
    },
  };
}
