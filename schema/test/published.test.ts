import { buildSchema, getNamedType, type GraphQLNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readPublished, readSupergraph } from '../src/index.ts';

// Plan item 4: the published soil status is aggregated figures per district that anyone may
// read, with no location finer than the district. Fields and types whose description says
// "Published (plan item 4)" are that surface; this test keeps it free of anything finer.
const schema = buildSchema(readSupergraph());
const PUBLISHED = /Published \(plan item 4\)/;
/** Types that locate something finer than a district, or lead to such a thing. */
const TOO_FINE = new Set(['GeoJSON', 'BBox', 'Parcel', 'SoilSample', 'MonitoringPoint', 'ProtectionZone', 'WaterSource', 'Enterprise', 'ContaminatedSite', 'LandUseChange', 'FarmlandClassDecision']);

/** Every type reachable from a type through its fields. */
function reachable(start: GraphQLNamedType, seen = new Set<string>()): Set<string> {
  if (seen.has(start.name)) return seen;
  seen.add(start.name);
  if (isObjectType(start)) for (const field of Object.values(start.getFields())) reachable(getNamedType(field.type), seen);
  return seen;
}

const publishedFields = Object.values(schema.getTypeMap())
  .filter(isObjectType)
  .flatMap((type) => Object.values(type.getFields()).map((field) => ({ name: `${type.name}.${field.name}`, field })))
  .filter(({ field }) => PUBLISHED.test(field.description ?? ''));

describe('the published status (plan item 4)', () => {
  it('is offered on both City and District for soil risk, the network, early warning, plan indicators and farmland classes', () => {
    expect(publishedFields.map((f) => f.name).sort()).toEqual(
      ['soilRisk', 'monitoringNetwork', 'drinkingWaterEarlyWarning', 'planIndicators', 'farmlandClasses'].flatMap((f) => [`City.${f}`, `District.${f}`]).sort(),
    );
  });

  it('is open to anonymous callers: each field is marked @access(published: true) in its subgraph', () => {
    const open = new Set(readPublished());
    expect(publishedFields.map((f) => f.name).filter((name) => !open.has(name))).toEqual([]);
  });

  it.each(publishedFields.map((f) => [f.name, f.field] as const))('%s reaches nothing finer than a district', (_, field) => {
    const type = getNamedType(field.type);
    expect(PUBLISHED.test(type.description ?? ''), `${type.name} is described as published`).toBe(true);
    const fine = [...reachable(type)].filter((name) => TOO_FINE.has(name));
    expect(fine).toEqual([]);
  });
});
