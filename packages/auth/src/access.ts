import {
  defaultFieldResolver,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLFieldResolver,
  GraphQLError,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  valueFromASTUntyped,
} from 'graphql';
import { type Caller, hasScope, type Scope } from './caller.ts';

/**
 * Each subgraph declares this directive in its schema.graphql and places it on types and fields.
 * It is the subgraph's own (not imported from federation, not composed): @apollo/gateway refuses
 * a supergraph that imports federation's authorization directives.
 */
export const ACCESS_DIRECTIVE = 'access';

/** Who may read a field. */
export type AccessRule = { kind: 'published' } | { kind: 'signed-in' } | { kind: 'scopes'; scopes: Scope[] };

interface AccessArguments {
  published?: boolean;
  scopes?: string[];
}

function accessArguments(directives: readonly DirectiveNode[] | undefined): AccessArguments | undefined {
  const node = directives?.find((d) => d.name.value === ACCESS_DIRECTIVE);
  if (node === undefined) return undefined;
  return Object.fromEntries((node.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)])) as AccessArguments;
}

function ruleOf(args: AccessArguments): AccessRule {
  if (args.published && args.scopes?.length) throw new Error('@access: a field is either published or scoped, not both');
  if (args.published) return { kind: 'published' };
  if (args.scopes?.length) return { kind: 'scopes', scopes: args.scopes as Scope[] };
  return { kind: 'signed-in' };
}

const OPERATION_TYPES = new Set(['Query', 'Mutation']);

type ObjectDefinition = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

function objectDefinitions(typeDefs: DocumentNode): ObjectDefinition[] {
  return typeDefs.definitions.filter((d): d is ObjectDefinition => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION);
}

/**
 * The rule of every field of an SDL that needs a check, by type and field. A field's own @access
 * wins over its type's. Without either, Query and Mutation fields (the subgraph's entry points)
 * need a signed-in caller and other fields follow the field that reached their object. Anonymous
 * callers are held to published fields by the gateway before planning: a subgraph cannot tell a
 * field the caller asked for from one the gateway fetches, under the same caller, as @requires
 * input of a published aggregate.
 */
export function accessRules(typeDefs: DocumentNode): Map<string, Map<string, AccessRule>> {
  const definitions = objectDefinitions(typeDefs);
  const typeRules = new Map<string, AccessRule>();
  for (const definition of definitions) {
    const args = accessArguments(definition.directives);
    if (args) typeRules.set(definition.name.value, ruleOf(args));
  }
  const rules = new Map<string, Map<string, AccessRule>>();
  for (const definition of definitions) {
    const typeName = definition.name.value;
    for (const field of definition.fields ?? []) {
      const own = accessArguments(field.directives);
      const rule = own ? ruleOf(own) : (typeRules.get(typeName) ?? (OPERATION_TYPES.has(typeName) ? { kind: 'signed-in' as const } : undefined));
      if (rule === undefined || rule.kind === 'published') continue;
      if (!rules.has(typeName)) rules.set(typeName, new Map());
      rules.get(typeName)!.set(field.name.value, rule);
    }
  }
  return rules;
}

/** Why a caller may not read a field, or undefined when it may. */
export function denial(rule: AccessRule, caller: Caller, coordinate: string): GraphQLError | undefined {
  if (rule.kind === 'published') return undefined;
  if (caller.kind === 'anonymous') {
    return new GraphQLError(`${coordinate} needs a signed-in agency caller: send an Authorization: Bearer token`, {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  if (rule.kind === 'scopes' && !rule.scopes.some((s) => hasScope(caller, s))) {
    return new GraphQLError(`${coordinate} needs scope ${rule.scopes.join(' or ')}; the token for ${caller.agency} (${caller.subject}) does not carry it`, {
      extensions: { code: 'FORBIDDEN', requiredScopes: rule.scopes },
    });
  }
  return undefined;
}

type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * Enforces an SDL's @access field by field on its resolver map: a field the caller may not read
 * resolves to an error at its path (null in the response) and the rest of the response stands.
 * Reads the caller from `context.caller`. Returns a new resolver map.
 */
export function withAccessRules<T extends object>(typeDefs: DocumentNode, resolvers: T): T {
  const wrapped: ResolverMap = { ...(resolvers as ResolverMap) };
  for (const [typeName, fields] of accessRules(typeDefs)) {
    const typeResolvers = { ...(wrapped[typeName] ?? {}) };
    for (const [fieldName, rule] of fields) {
      const coordinate = `${typeName}.${fieldName}`;
      const resolve = (typeResolvers[fieldName] as GraphQLFieldResolver<unknown, { caller: Caller }> | undefined) ?? defaultFieldResolver;
      typeResolvers[fieldName] = ((source, args, context, info) => {
        const error = denial(rule, context.caller, coordinate);
        if (error) throw error;
        return resolve(source, args, context, info);
      }) satisfies GraphQLFieldResolver<unknown, { caller: Caller }>;
    }
    wrapped[typeName] = typeResolvers;
  }
  return wrapped as T;
}

/**
 * The published coordinates of a subgraph's SDL: "Type" when the whole type is published,
 * "Type.field" for single fields. The gateway admits anonymous callers to these only.
 */
export function publishedCoordinates(typeDefs: DocumentNode): string[] {
  const coordinates: string[] = [];
  for (const definition of objectDefinitions(typeDefs)) {
    const typeName = definition.name.value;
    if (accessArguments(definition.directives)?.published) coordinates.push(typeName);
    for (const field of definition.fields ?? []) {
      if (accessArguments(field.directives)?.published) coordinates.push(`${typeName}.${field.name.value}`);
    }
  }
  return coordinates;
}
