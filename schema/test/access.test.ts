import { readFileSync } from 'node:fs';
import { accessRules } from '@soilgraph/auth';
import { ApolloGateway } from '@apollo/gateway';
import { buildSchema, getNamedType, isNonNullType, isObjectType, Kind, parse, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readPublished, readSupergraph, SUBGRAPHS } from '../src/index.ts';

// The subgraphs declare access with their own @access directive (packages/auth), which is not
// composed: these checks keep the declarations coherent across the five and with the supergraph.

const supergraph = buildSchema(readSupergraph());
const published = new Set(readPublished());
const sdl = (name: string): DocumentNode => parse(readFileSync(new URL(`../../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8'));
const isPublished = (type: string, field: string) => published.has(type) || published.has(`${type}.${field}`);

describe('@access', () => {
  it('is declared identically in all five subgraphs', () => {
    const declarations = SUBGRAPHS.map(({ name }) => {
      const definition = sdl(name).definitions.find((d) => d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value === 'access');
      return definition && JSON.stringify({ ...definition, loc: undefined }, (k, v) => (k === 'loc' ? undefined : v));
    });
    expect(declarations[0]).toBeDefined();
    expect(new Set(declarations).size).toBe(1);
  });

  it('is not composed, and the gateway loads the composed supergraph', async () => {
    expect(readSupergraph()).not.toMatch(/@access\b/);
    const gateway = new ApolloGateway({ supergraphSdl: readSupergraph() });
    const { schema } = await gateway.load();
    expect(schema.getQueryType()?.getFields().city).toBeDefined();
    await gateway.stop();
  });

  it('publishes only types whose every field an anonymous caller may follow: what a published field reaches is published too', () => {
    const unpublished: string[] = [];
    for (const coordinate of published) {
      const [typeName, fieldName] = coordinate.split('.');
      const type = supergraph.getType(typeName!);
      if (!isObjectType(type)) throw new Error(`published.json names ${coordinate}, which is not an object type of the supergraph`);
      const fields = fieldName === undefined ? Object.values(type.getFields()) : [type.getFields()[fieldName]!];
      for (const field of fields) {
        const target = getNamedType(field.type);
        if (isObjectType(target) && !Object.keys(target.getFields()).some((f) => isPublished(target.name, f))) unpublished.push(`${coordinate} -> ${target.name}`);
      }
    }
    expect(unpublished).toEqual([]);
  });

  it('restricts only nullable fields, so that a denied field is null and its parent stands', () => {
    const nonNull = SUBGRAPHS.flatMap(({ name }) =>
      [...accessRules(sdl(name))]
        .filter(([type]) => type !== 'Query' && type !== 'Mutation')
        .flatMap(([type, fields]) => [...fields].filter(([, rule]) => rule.kind === 'scopes').map(([field]) => `${type}.${field}`)),
    ).filter((coordinate) => {
      const [type, field] = coordinate.split('.');
      const definition = supergraph.getType(type!);
      return isObjectType(definition) && isNonNullType(definition.getFields()[field!]!.type);
    });
    expect(nonNull).toEqual([]);
  });

  it('never restricts a field another agency @requires: the gateway fetches those under the caller', () => {
    const restricted = new Set(
      SUBGRAPHS.flatMap(({ name }) => [...accessRules(sdl(name))].flatMap(([type, fields]) => [...fields].filter(([, r]) => r.kind === 'scopes').map(([f]) => f))),
    );
    const required = SUBGRAPHS.flatMap(({ name }) => [...readFileSync(new URL(`../../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8').matchAll(/@requires\(fields: "([^"]*)"\)/g)].flatMap((m) => m[1]!.split(/[\s{}]+/).filter(Boolean)));
    expect(required.filter((f) => restricted.has(f))).toEqual([]);
  });
});
