import type { AgricultureDemo, PlanningDemo } from '@soilgraph/db/demo';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agricultureSubgraph } from '../src/server.ts';
import { allParcels, BAD_USER_INPUT, cmp, type DecisionRow, entities, latestDecisions, round } from './support.ts';

let harness: SubgraphHarness;
let demo: AgricultureDemo;
let planning: PlanningDemo;
beforeAll(async () => {
  harness = await createSubgraphHarness(agricultureSubgraph);
  demo = harness.demo.agriculture;
  planning = harness.demo.planning;
});
afterAll(() => harness.close());

const CLASSES = ['PRIORITY_PROTECTION', 'SAFE_UTILISATION', 'STRICT_CONTROL'] as const;
type FarmlandClass = (typeof CLASSES)[number];
const AGREEMENTS = ['AGREES', 'DISAGREES', 'NO_OFFICIAL_CLASS', 'NO_SOIL_SUGGESTION'] as const;

interface Suggestion {
  parcel: { id: string };
  farmlandClass: FarmlandClass;
  sampledOn: string;
}

/**
 * Environment's suggestions for a district as the gateway would send them, made up from the demo
 * so that every agreement occurs: cycling through the farmland parcels, a suggestion equal to the
 * official class, one different from it, none, and one for every parcel without a decision; one
 * parcel also carries an older, different suggestion that must lose to its newest.
 */
function suggestionsFor(code: string): Suggestion[] {
  const latest = latestDecisions(demo.decisions);
  const farmland = planning.parcels
    .filter((p) => p.districtCode === code && (p.landUse.startsWith('01') || p.landUse.startsWith('02')))
    .sort((a, b) => cmp(a.id, b.id));
  const out: Suggestion[] = [];
  farmland.forEach((parcel, i) => {
    const official = latest.get(parcel.id)?.farmlandClass;
    const sampledOn = `2023-0${(i % 9) + 1}-15`;
    if (official === undefined) {
      out.push({ parcel: { id: parcel.id }, farmlandClass: CLASSES[i % 3]!, sampledOn });
      return;
    }
    if (i % 3 === 0) out.push({ parcel: { id: parcel.id }, farmlandClass: official, sampledOn });
    if (i % 3 === 1) out.push({ parcel: { id: parcel.id }, farmlandClass: CLASSES[(CLASSES.indexOf(official) + 1) % 3]!, sampledOn });
  });
  // An older survey of the first suggested parcel, suggesting another class: the newest wins.
  const first = out[0];
  if (first) out.push({ parcel: { id: first.parcel.id }, farmlandClass: CLASSES[(CLASSES.indexOf(first.farmlandClass) + 2) % 3]!, sampledOn: '2019-05-01' });
  return out;
}

function newest(suggestions: readonly Suggestion[]): Map<string, Suggestion> {
  const map = new Map<string, Suggestion>();
  for (const s of [...suggestions].sort((a, b) => cmp(a.sampledOn, b.sampledOn))) map.set(s.parcel.id, s);
  return map;
}

function expectedAreas(decisions: readonly DecisionRow[], suggestions: readonly Suggestion[], parcels: { id: string; areaHa: number }[]) {
  const area = new Map(parcels.map((p) => [p.id, p.areaHa]));
  const official = latestDecisions(decisions);
  const suggested = newest(suggestions);
  return CLASSES.map((farmlandClass) => {
    const o = [...official.values()].filter((d) => d.farmlandClass === farmlandClass && area.has(d.parcelId)).map((d) => area.get(d.parcelId)!);
    const s = [...suggested.values()].filter((x) => x.farmlandClass === farmlandClass && area.has(x.parcel.id)).map((x) => area.get(x.parcel.id)!);
    return {
      farmlandClass,
      officialParcels: o.length,
      officialAreaHa: round(o.reduce((a, b) => a + b, 0), 2),
      suggestedParcels: s.length,
      suggestedAreaHa: round(s.reduce((a, b) => a + b, 0), 2),
    };
  });
}

function expectedComparison(decisions: readonly DecisionRow[], suggestions: readonly Suggestion[], agreement?: string) {
  const official = latestDecisions(decisions);
  const suggested = newest(suggestions);
  const ids = [...new Set([...official.keys(), ...suggested.keys()])].sort(cmp);
  return ids
    .map((id) => {
      const o = official.get(id);
      const s = suggested.get(id);
      const a = o === undefined ? 'NO_OFFICIAL_CLASS' : s === undefined ? 'NO_SOIL_SUGGESTION' : o.farmlandClass === s.farmlandClass ? 'AGREES' : 'DISAGREES';
      return {
        parcel: { id },
        official: o ? { id: o.id, farmlandClass: o.farmlandClass, decidedOn: o.decidedOn } : null,
        suggested: s?.farmlandClass ?? null,
        suggestedFromSampleOn: s?.sampledOn ?? null,
        agreement: a,
      };
    })
    .filter((c) => agreement === undefined || c.agreement === agreement);
}

const AREAS = `farmlandClasses { farmlandClass officialParcels officialAreaHa suggestedParcels suggestedAreaHa }`;
const COMPARISON = `parcel { id } official { id farmlandClass decidedOn } suggested suggestedFromSampleOn agreement`;
const ALL_COMPARISONS = `all: farmlandClassComparison { ${COMPARISON} } ${AGREEMENTS.map((a) => `${a}: farmlandClassComparison(agreement: ${a}) { ${COMPARISON} }`).join(' ')}`;

/** The districts with decisions, most decisions first: the richest test material. */
function decidedDistricts(): string[] {
  const counts = new Map<string, number>();
  for (const d of demo.decisions) counts.set(d.districtCode, (counts.get(d.districtCode) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([code]) => code);
}

const decisionsOfDistrict = (code: string) => {
  const parcels = new Set(planning.parcels.filter((p) => p.districtCode === code).map((p) => p.id));
  return demo.decisions.filter((d) => parcels.has(d.parcelId));
};

describe('agriculture subgraph: farmland classes, official and suggested', () => {
  it('stores each decision with the district of its parcel', () => {
    const districtOf = new Map(planning.parcels.map((p) => [p.id, p.districtCode]));
    for (const d of demo.decisions) expect(d.districtCode, d.id).toBe(districtOf.get(d.parcelId));
  });

  it("counts a district's parcels and areas per class, official and suggested, in class order", async () => {
    const codes = [...decidedDistricts().slice(0, 4), '110101'];
    const { data, errors } = await entities(
      harness,
      `... on District { code ${AREAS} }`,
      codes.map((code) => ({ __typename: 'District', code, allParcels: allParcels(planning, code), farmlandClassSuggestions: suggestionsFor(code) })),
    );
    expect(errors).toBeUndefined();
    codes.forEach((code, i) => {
      const expected = expectedAreas(decisionsOfDistrict(code), suggestionsFor(code), allParcels(planning, code));
      expect(data!._entities[i]).toEqual({ code, farmlandClasses: expected });
    });
    // The material is not empty: official classes in some district, suggestions too.
    const all = data!._entities.flatMap((e: { farmlandClasses: { officialParcels: number; suggestedParcels: number }[] }) => e.farmlandClasses);
    expect(all.some((c: { officialParcels: number }) => c.officialParcels > 0)).toBe(true);
    expect(all.some((c: { suggestedParcels: number }) => c.suggestedParcels > 0)).toBe(true);
  });

  it('counts only the parcels in the representation', async () => {
    const code = decidedDistricts()[0]!;
    const parcels = allParcels(planning, code).filter((_, i) => i % 2 === 0);
    const { data, errors } = await entities(harness, `... on District { ${AREAS} }`, [
      { __typename: 'District', code, allParcels: parcels, farmlandClassSuggestions: suggestionsFor(code) },
    ]);
    expect(errors).toBeUndefined();
    expect(data!._entities[0].farmlandClasses).toEqual(expectedAreas(decisionsOfDistrict(code), suggestionsFor(code), parcels));
  });

  it("compares a district's official classes with the suggestions, ordered by parcel id, filtered by agreement", async () => {
    const codes = decidedDistricts().slice(0, 5);
    const { data, errors } = await entities(
      harness,
      `... on District { code ${ALL_COMPARISONS} }`,
      codes.map((code) => ({ __typename: 'District', code, farmlandClassSuggestions: suggestionsFor(code) })),
    );
    expect(errors).toBeUndefined();
    const seen = new Set<string>();
    codes.forEach((code, i) => {
      const result = data!._entities[i];
      const decisions = decisionsOfDistrict(code);
      expect(result.all).toEqual(expectedComparison(decisions, suggestionsFor(code)));
      for (const agreement of AGREEMENTS) {
        expect(result[agreement]).toEqual(expectedComparison(decisions, suggestionsFor(code), agreement));
        if (result[agreement].length > 0) seen.add(agreement);
      }
    });
    expect([...seen].sort()).toEqual([...AGREEMENTS].sort());
  });

  it('compares with the newest suggestion of a parcel that has several', async () => {
    const code = decidedDistricts()[0]!;
    const suggestions = suggestionsFor(code);
    const twice = suggestions.at(-1)!.parcel.id;
    const { data, errors } = await entities(harness, `... on District { farmlandClassComparison { ${COMPARISON} } }`, [
      { __typename: 'District', code, farmlandClassSuggestions: suggestions },
    ]);
    expect(errors).toBeUndefined();
    const row = data!._entities[0].farmlandClassComparison.find((c: { parcel: { id: string } }) => c.parcel.id === twice);
    expect(row.suggestedFromSampleOn).not.toBe('2019-05-01');
    expect(row.suggested).toBe(suggestions.find((s) => s.parcel.id === twice && s.sampledOn !== '2019-05-01')!.farmlandClass);
  });

  it('gives the city its districts together, without needing their codes for the areas', async () => {
    const districts = planning.districts.map((d) => ({ allParcels: allParcels(planning, d.code), farmlandClassSuggestions: suggestionsFor(d.code) }));
    const suggestions = planning.districts.flatMap((d) => suggestionsFor(d.code));
    const parcels = planning.districts.flatMap((d) => allParcels(planning, d.code));
    const { data, errors } = await entities(harness, `... on City { code ${AREAS} ${ALL_COMPARISONS} }`, [{ __typename: 'City', code: '110000', districts }]);
    expect(errors).toBeUndefined();
    const [city] = data!._entities;
    expect(city.farmlandClasses).toEqual(expectedAreas(demo.decisions, suggestions, parcels));
    expect(city.all).toEqual(expectedComparison(demo.decisions, suggestions));
    for (const agreement of AGREEMENTS) expect(city[agreement]).toEqual(expectedComparison(demo.decisions, suggestions, agreement));
    // Every decided parcel of the city is in the comparison.
    expect(new Set(city.all.filter((c: { official: unknown }) => c.official !== null).map((c: { parcel: { id: string } }) => c.parcel.id))).toEqual(
      new Set(demo.decisions.map((d) => d.parcelId)),
    );
  });

  const bad: { label: string; selection: string; representation: () => unknown; message: RegExp }[] = [
    {
      label: 'a District without farmlandClassSuggestions',
      selection: `... on District { farmlandClassComparison { agreement } }`,
      representation: () => ({ __typename: 'District', code: '110112' }),
      message: /lacks farmlandClassSuggestions\b/,
    },
    {
      label: 'a District without allParcels',
      selection: `... on District { ${AREAS} }`,
      representation: () => ({ __typename: 'District', code: '110112', farmlandClassSuggestions: [] }),
      message: /lacks allParcels\b/,
    },
    {
      label: 'a suggestion without its class',
      selection: `... on District { farmlandClassComparison { agreement } }`,
      representation: () => ({ __typename: 'District', code: '110112', farmlandClassSuggestions: [{ parcel: { id: 'x' }, sampledOn: '2020-01-01' }] }),
      message: /lacks farmlandClassSuggestions\[0\]\.farmlandClass/,
    },
    {
      label: 'a City without districts',
      selection: `... on City { farmlandClassComparison { agreement } }`,
      representation: () => ({ __typename: 'City', code: '110000' }),
      message: /lacks districts\b/,
    },
    {
      label: "a City whose district lacks its suggestions",
      selection: `... on City { ${AREAS} }`,
      representation: () => ({ __typename: 'City', code: '110000', districts: [{ allParcels: [] }] }),
      message: /lacks districts\[0\]\.farmlandClassSuggestions/,
    },
  ];
  for (const c of bad) {
    it(`rejects ${c.label} with BAD_USER_INPUT naming the missing field`, async () => {
      const { data, errors } = await entities(harness, c.selection, [c.representation()]);
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toEqual({ code: BAD_USER_INPUT, argumentPath: ['representations'] });
      expect(errors![0]!.message).toMatch(c.message);
      expect(data?._entities).toEqual([null]);
    });
  }
});
