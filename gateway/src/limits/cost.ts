import { ErrorCode, PAGE_SIZE } from '@soilgraph/server-kit';
import {
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  type GraphQLSchema,
  isCompositeType,
  isListType,
  Kind,
  parse,
  type SelectionSetNode,
  type TypeNode,
  valueFromASTUntyped,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import { perDocument } from '../per-document.ts';

/**
 * The size assumed for a list field that declares no @listSize (e.g. a sample's measurements,
 * a parcel's protection zones): such lists are short by nature (one row per analyte, per zone
 * level), and 10 is larger than any of them in the demo data.
 */
export const DEFAULT_LIST_SIZE = 10;

interface ListSize {
  assumedSize?: number;
  slicingArguments: string[];
  sizedFields: string[];
}

/**
 * What the supergraph says about cost, read from its SDL text: the gateway's API schema drops
 * the @cost and @listSize directives, so they are looked up by "Type.field" here.
 */
export interface CostModel {
  /** @cost(weight) on a field definition, by "Type.field". */
  fieldWeights: ReadonlyMap<string, number>;
  /** @cost(weight) on an object, scalar or enum type: the weight of every field of that type. */
  typeWeights: ReadonlyMap<string, number>;
  listSizes: ReadonlyMap<string, ListSize>;
  /** "Connection.edges" for every sized field: its size comes from the parent's slicing argument. */
  sizedByParent: ReadonlySet<string>;
}

function directive(directives: readonly DirectiveNode[] | undefined, name: string): Record<string, unknown> | undefined {
  const found = directives?.find((d) => d.name.value === name);
  if (found === undefined) return undefined;
  return Object.fromEntries((found.arguments ?? []).map((a: ArgumentNode) => [a.name.value, valueFromASTUntyped(a.value)]));
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** Reads @cost and @listSize from the composed supergraph (schema/supergraph.graphql); once, at start. */
export function readCostModel(supergraphSdl: string): CostModel {
  const fieldWeights = new Map<string, number>();
  const typeWeights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();
  const sizedByParent = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (!('name' in definition) || definition.name === undefined || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    const typeCost = directive(definition.directives, 'cost');
    if (typeCost !== undefined) typeWeights.set(typeName, Number(typeCost.weight));
    if (!('fields' in definition) || definition.fields === undefined) continue;
    for (const field of definition.fields) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      const key = `${typeName}.${field.name.value}`;
      const cost = directive(field.directives, 'cost');
      if (cost !== undefined) fieldWeights.set(key, Number(cost.weight));
      const listSize = directive(field.directives, 'listSize');
      if (listSize === undefined) continue;
      const sized: ListSize = {
        ...(typeof listSize.assumedSize === 'number' ? { assumedSize: listSize.assumedSize } : {}),
        slicingArguments: (listSize.slicingArguments as string[] | undefined) ?? [],
        sizedFields: (listSize.sizedFields as string[] | undefined) ?? [],
      };
      listSizes.set(key, sized);
      for (const child of sized.sizedFields) sizedByParent.add(`${namedTypeOf(field.type)}.${child}`);
    }
  }
  return { fieldWeights, typeWeights, listSizes, sizedByParent };
}

/**
 * How many items a @listSize field returns: the largest slicing argument given (`first`), else
 * its assumedSize, else the page size the subgraphs apply when `first` is absent.
 */
function sizeOf(listSize: ListSize, args: Record<string, unknown>): number {
  const given = listSize.slicingArguments.map((name) => args[name]).filter((v): v is number => typeof v === 'number');
  const size = given.length > 0 ? Math.max(...given) : (listSize.assumedSize ?? PAGE_SIZE.default);
  return Math.max(0, size);
}

/**
 * Estimates an operation's cost as the GraphQL cost directive specification
 * (ibm.github.io/graphql-specs/cost-spec.html) does: every object, interface or union field
 * weighs 1 and every scalar or enum field 0 unless @cost says otherwise, and a list multiplies
 * its items' cost by its size. A connection's `first` sizes its `edges` (@listSize sizedFields),
 * not the connection itself, so `totalCount` and `pageInfo` are counted once.
 * Introspection is answered by the gateway itself and costs nothing.
 */
export function estimateCost(
  model: CostModel,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  // graphql-query-complexity estimates children before their parent: remember each field's
  // cost so a connection can multiply the cost of its sized fields. A field's cost depends
  // only on its own subtree and the variables, so a fragment's field costs the same wherever
  // it is spread.
  const costs = new Map<FieldNode, number>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // The variables with their defaults, for @skip and @include; a value that cannot be coerced throws.
  const definitions = getOperationAST(document, operationName)?.variableDefinitions ?? [];
  const coerced = getVariableValues(schema, definitions, variables ?? {});
  if (coerced.errors) throw coerced.errors[0]!;
  const values = coerced.coerced;

  const included = (node: SelectionSetNode['selections'][number]) =>
    getDirectiveValues(GraphQLSkipDirective, node, values)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, values)?.if !== false;

  /** The summed cost of the fields named `names` selected in `selectionSet`, through fragments. */
  const costOfChildren = (selectionSet: SelectionSetNode | undefined, names: readonly string[]): number => {
    let total = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        if (names.includes(selection.name.value)) total += costs.get(selection) ?? 0;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOfChildren(selection.selectionSet, names);
      } else {
        total += costOfChildren(fragments.get(selection.name.value)?.selectionSet, names);
      }
    }
    return total;
  };

  const estimator: ComplexityEstimator = ({ type, field, node, args, childComplexity }) => {
    if (field.name.startsWith('__')) return 0;
    const key = `${type.name}.${field.name}`;
    const returned = getNamedType(field.type);
    const weight = model.fieldWeights.get(key) ?? model.typeWeights.get(returned.name) ?? (isCompositeType(returned) ? 1 : 0);
    const itemCost = weight + childComplexity;
    const listSize = model.listSizes.get(key);
    let cost: number;
    if (listSize !== undefined && listSize.sizedFields.length > 0) {
      // A connection: its sized fields (edges) were counted once in childComplexity.
      cost = itemCost + (sizeOf(listSize, args) - 1) * costOfChildren(node.selectionSet, listSize.sizedFields);
    } else if (isListType(getNullableType(field.type))) {
      const size = model.sizedByParent.has(key) ? 1 : listSize !== undefined ? sizeOf(listSize, args) : DEFAULT_LIST_SIZE;
      cost = size * itemCost;
    } else {
      cost = itemCost;
    }
    costs.set(node, cost);
    return cost;
  };

  return getComplexity({ schema, query: document, variables: variables ?? {}, estimators: [estimator], ...(operationName ? { operationName } : {}) });
}

/** Variables longer than this as JSON (a submission's rows) are estimated without the memo. */
const MAX_MEMO_KEY = 2_048;

/**
 * Costs already estimated, by document (perDocument), operation and variables: a client that
 * repeats an operation is estimated once per set of variables, not at every request. The cost
 * model comes from the same supergraph as the schema, so a new schema starts afresh.
 */
export class CostMemo {
  private readonly costsOf = perDocument(() => new LRUCache<string, number>({ max: 100 }));

  of(model: CostModel, schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): number {
    const key = JSON.stringify([operationName ?? null, variables ?? {}]);
    if (key.length > MAX_MEMO_KEY) return estimateCost(model, schema, document, variables, operationName);
    const costs = this.costsOf(schema, document);
    let cost = costs.get(key);
    if (cost === undefined) {
      cost = estimateCost(model, schema, document, variables, operationName);
      costs.set(key, cost);
    }
    return cost;
  }
}

/** The refusal of an operation whose estimated cost is over the budget (HTTP 400; Apollo drops `http`). */
export function costTooHigh(cost: number, maxCost: number): GraphQLError {
  return new GraphQLError(
    `The operation's estimated cost is ${cost}, over the limit of ${maxCost}: ask for smaller pages (first) or fewer nested lists`,
    { extensions: { code: ErrorCode.COST_ESTIMATED_TOO_EXPENSIVE, cost, maxCost, http: { status: 400 } } },
  );
}
