import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isRequiredArgument,
  isRequiredInputField,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** A field of Query or Mutation, as the schema has it. */
export interface RootField {
  operation: 'query' | 'mutation';
  /** `Query.me`, `Mutation.login`: how tests and rules name it. */
  coordinate: string;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

/** Every root field the schema serves, queries first. */
export function rootFields(schema: GraphQLSchema): RootField[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  return roots.flatMap(([operation, type]) =>
    Object.values(type?.getFields() ?? {}).map((field) => ({
      operation,
      coordinate: `${type!.name}.${field.name}`,
      name: field.name,
      field,
    })),
  );
}

/** A variable may stand where an argument with a default is non-null: it is then optional. */
const variableType = (arg: GraphQLArgument): string =>
  arg.defaultValue !== undefined && isNonNullType(arg.type) ? String(getNullableType(arg.type)) : String(arg.type);

/**
 * A document that calls the field alone, every argument a variable of the same name, and selects
 * `__typename` of whatever object or union it answers (leaf fields select nothing).
 */
export function operationFor(root: RootField): string {
  const args = root.field.args;
  const definitions = args.length ? `(${args.map((a) => `$${a.name}: ${variableType(a)}`).join(', ')})` : '';
  const call = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const selection = isLeafType(getNamedType(root.field.type)) ? '' : ' { __typename }';
  return `${root.operation} Call${definitions} { ${root.name}${call}${selection} }`;
}

/**
 * Values a server accepts for each required argument (and each required field of an input),
 * made from the types alone: `given` names values by argument or input field name (ids, a code).
 */
export function minimalVariables(root: RootField, given: Record<string, unknown> = {}): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const arg of root.field.args) {
    if (arg.name in given) variables[arg.name] = given[arg.name];
    else if (isRequiredArgument(arg)) variables[arg.name] = valueOf(arg.type, given);
  }
  return variables;
}

/** A plain value a scalar accepts: text long enough for the fields that ask a length (a support reason). */
const SCALAR_VALUES: Record<string, unknown> = {
  String: 'a value from the sweep',
  ID: '00000000-0000-4000-8000-000000000000',
  Int: 1,
  Float: 1,
  Boolean: false,
};

function valueOf(type: GraphQLInputType, given: Record<string, unknown>): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [valueOf(inner.ofType, given)];
  if (isEnumType(inner)) return inner.getValues()[0]!.name;
  if (isInputObjectType(inner)) {
    return Object.fromEntries(
      Object.values(inner.getFields())
        .filter((f) => f.name in given || isRequiredInputField(f))
        .map((f) => [f.name, f.name in given ? given[f.name] : valueOf(f.type, given)]),
    );
  }
  if (isScalarType(inner) && inner.name in SCALAR_VALUES) return SCALAR_VALUES[inner.name];
  throw new Error(`no value for the scalar ${String(inner)}: add one to SCALAR_VALUES`);
}

/** The names of the arguments and input fields of type ID (at any depth) a field takes. */
export function idArguments(root: RootField): string[] {
  const found = new Set<string>();
  const visit = (name: string, type: GraphQLInputType, seen: Set<string>) => {
    const named = getNamedType(type);
    if (named.name === 'ID') found.add(name);
    if (isInputObjectType(named) && !seen.has(named.name)) {
      for (const f of Object.values(named.getFields())) visit(f.name, f.type, new Set([...seen, named.name]));
    }
  };
  for (const arg of root.field.args) visit(arg.name, arg.type, new Set());
  return [...found];
}
