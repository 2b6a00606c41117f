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
import { fail } from '../errors/app-error';
import { DOCUMENT_LIMITS, fragmentMemo } from './document-limits';

type AnyField = GraphQLField<unknown, unknown>;

/** What a connection's selection costs: once whatever the page, and once per entry of it. */
interface ConnectionCost {
  once: number;
  perEntry: number;
}

/**
 * Refuses an operation whose estimated cost is over DOCUMENT_LIMITS.maxCost. Every field costs 1;
 * a list field with a `first` argument costs 1 plus `first` times what it selects (a variable
 * counts as the largest page), and a connection with one `first` times what its `edges` select. Lists without `first` are short by nature (a user's methods,
 * recovery codes, remembered browsers; introspection's types) and count once. Fragments are
 * expanded, so hiding fields in them changes nothing.
 */
export function costLimitRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  const fragmentCost = fragmentMemo(context.getDocument(), 0);
  const connectionFragmentCost = fragmentMemo<ConnectionCost>(context.getDocument(), { once: 0, perEntry: 0 });

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
        const composite = isCompositeType(type) ? type : undefined;
        if (field && selection.selectionSet && isPagedConnection(field)) {
          const { once, perEntry } = connectionCostOf(selection.selectionSet, composite);
          total += 1 + once + entriesAnswered(field, selection) * perEntry;
          continue;
        }
        const children = selection.selectionSet ? costOf(selection.selectionSet, composite) : 0;
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

  /** A connection's selection: `edges` costs its selection once per entry, the rest (pageInfo) once. */
  const connectionCostOf = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): ConnectionCost => {
    const cost = { once: 0, perEntry: 0 };
    const add = (more: ConnectionCost) => {
      cost.once += more.once;
      cost.perEntry += more.perEntry;
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fieldOf(parent, selection.name.value);
        const type = field ? getNamedType(field.type) : undefined;
        const children = selection.selectionSet ? costOf(selection.selectionSet, isCompositeType(type) ? type : undefined) : 0;
        if (selection.name.value === 'edges') add({ once: 1, perEntry: children });
        else add({ once: 1 + children, perEntry: 0 });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(
          connectionCostOf(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent),
        );
      } else {
        add(
          connectionFragmentCost(selection.name.value, (fragment) =>
            connectionCostOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined),
          ),
        );
      }
    }
    return cost;
  };

  return {
    OperationDefinition(operation) {
      const cost = costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
      if (cost <= DOCUMENT_LIMITS.maxCost) return;
      context.reportError(
        fail('COST_LIMIT', { cost: Number.isFinite(cost) ? cost : null, limit: DOCUMENT_LIMITS.maxCost }, { nodes: [operation] }),
      );
    },
  };
}

/** How many entries a list field or a connection may answer: its `first` (at most a page), else 1. */
function entriesAnswered(field: AnyField | undefined, node: FieldNode): number {
  if (!field || (!isListType(getNullableType(field.type)) && !isPagedConnection(field))) return 1;
  const first = field.args.find((arg) => arg.name === 'first');
  if (!first) return 1;
  const given = node.arguments?.find((arg) => arg.name.value === 'first')?.value;
  // A field whose pages are smaller than the common ceiling says so (`@Extensions({ pageCeiling })`).
  const own = field.extensions.pageCeiling;
  const ceiling = typeof own === 'number' ? Math.min(own, DOCUMENT_LIMITS.pageCeiling) : DOCUMENT_LIMITS.pageCeiling;
  let asked: number;
  if (given === undefined) asked = typeof first.defaultValue === 'number' ? first.defaultValue : ceiling;
  else if (given.kind === Kind.INT) asked = Number(given.value);
  else asked = ceiling;
  // The resolvers serve at least one entry and at most a page, whatever is asked.
  return Math.min(Math.max(asked, 1), ceiling);
}

/** A Relay connection (`…Connection`, paged by `first`). */
const isPagedConnection = (field: AnyField): boolean =>
  getNamedType(field.type).name.endsWith('Connection') && field.args.some((arg) => arg.name === 'first');
