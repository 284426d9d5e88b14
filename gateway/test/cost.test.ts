import { ApolloGateway } from '@apollo/gateway';
import { readSupergraph } from '@soilgraph/schema';
import { createLogger, PAGE_SIZE } from '@soilgraph/server-kit';
import { buildSchema, type GraphQLSchema, Kind, parse, specifiedRules, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { readmeExamples } from '../../tests/support/readme.ts';
import { DEFAULT_LIMITS } from '../src/config.ts';
import { DEFAULT_LIST_SIZE, limitOptions, readCostModel } from '../src/limits/index.ts';
import { CostMemo, estimateCost } from '../src/limits/cost.ts';

const SDL = `
directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
type Query {
  items(first: Int, last: Int): ItemConnection! @listSize(slicingArguments: ["first", "last"], sizedFields: ["edges"], requireOneSlicingArgument: false)
  top: [Item!]! @listSize(assumedSize: 7)
  search: [Item!]!
  tags: [String!]!
  expensive: Item @cost(weight: 50)
}
type ItemConnection { totalCount: Int! pageInfo: PageInfo! edges: [ItemEdge!]! }
type PageInfo { hasNextPage: Boolean! }
type ItemEdge { node: Item! }
type Item { id: ID! parts: [Part!]! heavy: Heavy }
type Part { name: String }
type Heavy @cost(weight: 3) { name: String }
`;

describe('the cost of an operation (cost directive specification)', () => {
  const schema = buildSchema(SDL);
  const model = readCostModel(SDL);
  const cost = (query: string, variables?: Record<string, unknown>) => estimateCost(model, schema, parse(query), variables, undefined);

  it.each([
    ['an object field weighs 1, a scalar 0', '{ items(first: 1) { totalCount pageInfo { hasNextPage } } }', 1 + 1],
    ['`first` sizes the edges; totalCount and pageInfo count once', '{ items(first: 3) { totalCount pageInfo { hasNextPage } edges { node { id } } } }', 1 + 1 + 3 * 2],
    ['no `first`: the page size the subgraphs apply', '{ items { edges { node { id } } } }', 1 + PAGE_SIZE.default * 2],
    ['the largest slicing argument', '{ items(first: 2, last: 5) { edges { node { id } } } }', 1 + 5 * 2],
    ['a negative `first` sizes nothing', '{ items(first: -5) { edges { node { id } } } }', 1],
    ['@listSize(assumedSize)', '{ top { id } }', 7],
    ['a list without @listSize: the default size', '{ search { parts { name } } }', DEFAULT_LIST_SIZE * (1 + DEFAULT_LIST_SIZE)],
    ['a list of scalars', '{ tags }', 0],
    ['@cost on a field and on a type', '{ expensive { heavy { name } } }', 53],
    ['a fragment costs what its fields cost', '{ items(first: 4) { ...E } } fragment E on ItemConnection { edges { node { id } } }', 1 + 4 * 2],
    ['introspection costs nothing', '{ __schema { types { name fields { name } } } }', 0],
  ])('%s', (_name, query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it('takes variables, their defaults and @skip / @include into account', () => {
    expect(cost('query ($n: Int) { items(first: $n) { edges { node { id } } } }', { n: 50 })).toBe(1 + 50 * 2);
    expect(cost('query ($n: Int = 9) { items(first: $n) { edges { node { id } } } }')).toBe(1 + 9 * 2);
    const skipped = 'query ($skip: Boolean!) { items(first: 10) { totalCount edges @skip(if: $skip) { node { id } } } }';
    expect(cost(skipped, { skip: true })).toBe(1);
    expect(cost(skipped, { skip: false })).toBe(1 + 10 * 2);
    expect(cost(skipped.replace('$skip: Boolean!', '$skip: Boolean = true'))).toBe(1);
  });

  it('remembers a cost per document, operation and variables, and starts afresh for a new schema', () => {
    const memo = new CostMemo();
    const document = parse('query Page($n: Int) { items(first: $n) { edges { node { id } } } } query Top { top { id } }');
    expect(memo.of(model, schema, document, { n: 50 }, 'Page')).toBe(1 + 50 * 2);
    // The same document with other variables, or its other operation, is estimated for them.
    expect(memo.of(model, schema, document, { n: 3 }, 'Page')).toBe(1 + 3 * 2);
    expect(memo.of(model, schema, document, { n: 50 }, 'Page')).toBe(1 + 50 * 2);
    expect(memo.of(model, schema, document, {}, 'Top')).toBe(7);
    // A reloaded supergraph where `top` is sized otherwise: the remembered 7 is not served.
    const reloaded = SDL.replace('@listSize(assumedSize: 7)', '@listSize(assumedSize: 11)');
    expect(memo.of(readCostModel(reloaded), buildSchema(reloaded), document, {}, 'Top')).toBe(11);
    // Variables that cannot be coerced still throw, every time.
    expect(() => memo.of(model, schema, document, { n: 'x' }, 'Page')).toThrow(/got invalid value "x"/);
    expect(() => memo.of(model, schema, document, { n: 'x' }, 'Page')).toThrow(/got invalid value "x"/);
  });

  it('throws on variables that cannot be coerced', () => {
    expect(() => cost('query ($n: Int) { items(first: $n) { totalCount } }', { n: 'x' })).toThrow(/Variable "\$n" got invalid value "x"/);
  });
});

describe('the cost model of the supergraph', () => {
  const supergraphSdl = readSupergraph();
  const model = readCostModel(supergraphSdl);
  let schema: GraphQLSchema;
  beforeAll(async () => {
    ({ schema } = await new ApolloGateway({ supergraphSdl, logger: createLogger('gateway', 'silent') }).load());
  });

  it('has a @listSize on every field that returns a connection, sizing its edges', () => {
    const connections: string[] = [];
    for (const definition of parse(supergraphSdl).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      for (const field of definition.fields ?? []) {
        let type = field.type;
        while (type.kind !== Kind.NAMED_TYPE) type = type.type;
        if (type.name.value.endsWith('Connection')) connections.push(`${definition.name.value}.${field.name.value}`);
      }
    }
    expect(connections.length).toBeGreaterThan(20);
    const unsized = connections.filter((c) => !model.listSizes.get(c)?.sizedFields.includes('edges'));
    expect(unsized).toEqual([]);
    expect(model.sizedByParent.has('ParcelConnection.edges')).toBe(true);
  });

  it('lets every README example through the default limits, with a third of the budget to spare', () => {
    const rules = [...specifiedRules, ...limitOptions(DEFAULT_LIMITS, model).validationRules!];
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThan(5);
    for (const { line, query } of examples) {
      const document = parse(query, { maxTokens: DEFAULT_LIMITS.maxTokens });
      expect(validate(schema, document, rules).map((e) => e.message), `README line ${line}`).toEqual([]);
      expect(estimateCost(model, schema, document, {}, undefined), `README line ${line}`).toBeLessThanOrEqual((DEFAULT_LIMITS.maxCost * 2) / 3);
    }
  });
});
