import {
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  type ASTVisitor,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { DOCUMENT_LIMITS, documentRefusal, fragmentMemo } from './document-limits';

type AnyField = GraphQLField<unknown, unknown>;

/**
 * Refuses an operation whose estimated cost is over DOCUMENT_LIMITS.maxCost. Every field costs 1;
 * a list field with a `first` argument costs 1 plus `first` times what it selects (a variable
 * counts as the largest page). Lists without `first` are short by nature (a user's methods,
 * recovery codes, remembered browsers; introspection's types) and count once. Fragments are
 * expanded, so hiding fields in them changes nothing.
 */
export function costLimitRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  const fragmentCost = fragmentMemo(context.getDocument(), 0);

  const fieldOf = (parent: GraphQLNamedType | undefined, name: string): AnyField | undefined => {
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef as AnyField;
    if (parent && parent === schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef as AnyField;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef as AnyField;
    }
    return parent && (isObjectType(parent) || isInterfaceType(parent)) ? (parent.getFields()[name] as AnyField | undefined) : undefined;
  };

  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fieldOf(parent, selection.name.value);
        const type = field ? getNamedType(field.type) : undefined;
        const children = selection.selectionSet ? costOf(selection.selectionSet, isCompositeType(type) ? type : undefined) : 0;
        total += 1 + entriesAnswered(field, selection) * children;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent);
      } else {
        total += fragmentCost(selection.name.value, (fragment) =>
          costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined),
        );
      }
    }
    return total;
  };

  return {
    OperationDefinition(operation) {
      const cost = costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
      if (cost <= DOCUMENT_LIMITS.maxCost) return;
      const shown = Number.isFinite(cost) ? cost.toLocaleString('en') : 'more than can be counted';
      context.reportError(
        documentRefusal(
          'COST_LIMIT',
          `The operation would cost ${shown}; at most ${DOCUMENT_LIMITS.maxCost.toLocaleString('en')} is allowed. ` +
            'Ask for fewer entries (first) or fewer fields.',
          [operation],
        ),
      );
    },
  };
}

/** How many entries a list field may answer: its `first` (at most a page), else 1. */
function entriesAnswered(field: AnyField | undefined, node: FieldNode): number {
  if (!field || !isListType(getNullableType(field.type))) return 1;
  const first = field.args.find((arg) => arg.name === 'first');
  if (!first) return 1;
  const given = node.arguments?.find((arg) => arg.name.value === 'first')?.value;
  let asked: number;
  if (given === undefined) asked = typeof first.defaultValue === 'number' ? first.defaultValue : DOCUMENT_LIMITS.pageCeiling;
  else if (given.kind === Kind.INT) asked = Number(given.value);
  else asked = DOCUMENT_LIMITS.pageCeiling;
  // The resolvers serve at least one entry and at most a page, whatever is asked.
  return Math.min(Math.max(asked, 1), DOCUMENT_LIMITS.pageCeiling);
}
