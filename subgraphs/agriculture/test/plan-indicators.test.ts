import type { AgricultureDemo, PlanningDemo } from '@soilgraph/db/demo';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_YEAR, PLAN_TARGETS, type PlanTargetEntry, targetFor, targetStatus } from '../src/plan-targets.ts';
import { agricultureSubgraph } from '../src/server.ts';
import { allParcels, BAD_USER_INPUT, cmp, entities, latestDecisions, round } from './support.ts';

let harness: SubgraphHarness;
let demo: AgricultureDemo;
let planning: PlanningDemo;
beforeAll(async () => {
  harness = await createSubgraphHarness(agricultureSubgraph);
  demo = harness.demo.agriculture;
  planning = harness.demo.planning;
});
afterAll(() => harness.close());

/*
 * The answer key, written from domain.md ("Plan targets") and the brief, independently of src/:
 * each indicator's targets as [percent, year], oldest first, and whether a lower value is better.
 */
const TARGETS: Record<string, { lowerIsBetter: boolean; targets: [number, number][] }> = {
  CHEMICAL_FERTILIZER_USE_CHANGE: { lowerIsBetter: true, targets: [[-20, 2020]] },
  CHEMICAL_PESTICIDE_USE_CHANGE: { lowerIsBetter: true, targets: [[-15, 2020]] },
  FERTILIZER_UTILISATION_RATE: { lowerIsBetter: false, targets: [[40, 2019]] },
  PESTICIDE_UTILISATION_RATE: { lowerIsBetter: false, targets: [[45, 2020]] },
  SOIL_TESTING_COVERAGE: { lowerIsBetter: false, targets: [[98, 2020]] },
  UNIFIED_PEST_CONTROL_COVERAGE: { lowerIsBetter: false, targets: [[40, 2019]] },
  SAFE_UTILISATION_RATE: {
    lowerIsBetter: false,
    targets: [
      [90, 2020],
      [95, 2030],
    ],
  },
  ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE: { lowerIsBetter: false, targets: [[100, 2019]] },
};
const KINDS = Object.keys(TARGETS);
const ECO = new Set(['110109', '110116', '110117', '110118', '110119']);
const MEASURE_ORDER = ['LOW_ACCUMULATION_VARIETY', 'AGRONOMIC_REGULATION', 'SOIL_CONDITIONING', 'PLANTING_STRUCTURE_ADJUSTMENT', 'FALLOW'];

interface Expected {
  indicator: string;
  valuePct: number | null;
  targetPct: number;
  targetYear: number;
  status: string;
  baselineT: number | null;
  currentT: number | null;
}

function expectedStatus(kind: string, year: number, value: number | null): { targetPct: number; targetYear: number; status: string } {
  const { lowerIsBetter, targets } = TARGETS[kind]!;
  const [targetPct, targetYear] = targets.find(([, y]) => y >= year) ?? targets[targets.length - 1]!;
  let status: string;
  if (value === null) status = 'NO_DATA';
  else if (lowerIsBetter ? value <= targetPct : value >= targetPct) status = 'MET';
  else status = year >= targetYear ? 'NOT_MET' : 'NOT_YET_DUE';
  return { targetPct, targetYear, status };
}

function mean(items: { value: number | null; weight: number }[]): number | null {
  const counted = items.filter((i) => i.value !== null && i.weight > 0);
  const weight = counted.reduce((s, i) => s + i.weight, 0);
  return weight > 0 ? counted.reduce((s, i) => s + i.value! * i.weight, 0) / weight : null;
}

/** The indicators of an area (its district codes) in a year, from the demo rows alone. */
function expectedIndicators(codes: string[], year: number): Expected[] {
  const inArea = <R extends { districtCode: string }>(rows: R[]) => rows.filter((r) => codes.includes(r.districtCode));
  const fertilizer = inArea(demo.fertilizerUse);
  const pesticide = inArea(demo.pesticideUse);
  const coverage = inArea(demo.coverage).filter((r) => r.year === year);
  const tonnes = <R extends { year: number }>(rows: R[], y: number, t: (r: R) => number) => {
    const inYear = rows.filter((r) => r.year === y);
    return inYear.length === 0 ? null : round(inYear.reduce((s, r) => s + t(r), 0), 3);
  };
  const fertT = (r: (typeof fertilizer)[number]) => r.nitrogenT + r.phosphateT + r.potashT + r.compoundT;
  const change = (base: number | null, now: number | null) => (base === null || now === null ? null : (now / base - 1) * 100);

  const parcelArea = new Map(planning.parcels.filter((p) => codes.includes(p.districtCode)).map((p) => [p.id, p.areaHa]));
  const latest = latestDecisions(demo.decisions.filter((d) => parcelArea.has(d.parcelId)), `${year}-12-31`);
  const contaminated = [...latest.values()].filter((d) => d.farmlandClass !== 'PRIORITY_PROTECTION');
  const safe = new Set(demo.safeUtilisation.filter((r) => r.year === year && r.measures.length > 0 && r.cropsCompliant).map((r) => r.parcelId));
  const contaminatedHa = contaminated.reduce((s, d) => s + parcelArea.get(d.parcelId)!, 0);
  const safeHa = contaminated.filter((d) => safe.has(d.parcelId)).reduce((s, d) => s + parcelArea.get(d.parcelId)!, 0);

  const fertBase = tonnes(fertilizer, BASELINE_YEAR, fertT);
  const fertNow = tonnes(fertilizer, year, fertT);
  const pestBase = tonnes(pesticide, BASELINE_YEAR, (r) => r.activeIngredientT);
  const pestNow = tonnes(pesticide, year, (r) => r.activeIngredientT);
  const pesticideInYear = pesticide.filter((r) => r.year === year);
  const raw: Record<string, [number | null, number | null, number | null]> = {
    CHEMICAL_FERTILIZER_USE_CHANGE: [change(fertBase, fertNow), fertBase, fertNow],
    CHEMICAL_PESTICIDE_USE_CHANGE: [change(pestBase, pestNow), pestBase, pestNow],
    FERTILIZER_UTILISATION_RATE: [mean(fertilizer.filter((r) => r.year === year).map((r) => ({ value: r.utilisationRatePct, weight: r.sownAreaHa }))), null, null],
    PESTICIDE_UTILISATION_RATE: [mean(pesticideInYear.map((r) => ({ value: r.utilisationRatePct, weight: r.activeIngredientT }))), null, null],
    SOIL_TESTING_COVERAGE: [mean(coverage.map((r) => ({ value: r.soilTestingCoveragePct, weight: r.farmlandAreaHa }))), null, null],
    UNIFIED_PEST_CONTROL_COVERAGE: [mean(coverage.map((r) => ({ value: r.unifiedPestControlCoveragePct, weight: r.farmlandAreaHa }))), null, null],
    SAFE_UTILISATION_RATE: [contaminatedHa > 0 ? (safeHa / contaminatedHa) * 100 : null, null, null],
    ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE: [
      mean(pesticideInYear.filter((r) => ECO.has(r.districtCode)).map((r) => ({ value: r.environmentFriendlySharePct, weight: r.activeIngredientT }))),
      null,
      null,
    ],
  };
  const applies = (kind: string) => kind !== 'ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE' || codes.some((c) => ECO.has(c));
  return KINDS.filter(applies).map((indicator) => {
    const [value, baselineT, currentT] = raw[indicator]!;
    const valuePct = value === null ? null : round(value, 1);
    return { indicator, valuePct, ...expectedStatus(indicator, year, valuePct), baselineT, currentT };
  });
}

const INDICATORS = `planIndicators(year: $year) { year baselineYear indicators { indicator valuePct targetPct targetYear target status baselineT currentT } }`;
const query = (selection: string) =>
  `query ($representations: [_Any!]!, $year: Int!) { _entities(representations: $representations) { ${selection} } }`;

function districtRep(code: string, parcelsOf = code) {
  return { __typename: 'District', code, allParcels: allParcels(planning, parcelsOf) };
}

function cityRep() {
  return { __typename: 'City', code: '110000', districts: planning.districts.map((d) => ({ code: d.code, allParcels: allParcels(planning, d.code) })) };
}

const stripTarget = (list: { target: string }[]) => list.map(({ target: _, ...rest }) => rest);

describe('plan targets (reviewed data) and their status', () => {
  it('lists one entry per indicator in enum order, each with the targets of domain.md and a source row', () => {
    expect(PLAN_TARGETS.map((e) => e.indicator)).toEqual(KINDS);
    for (const entry of PLAN_TARGETS) {
      expect(entry.targets.map((t) => [t.targetPct, t.targetYear])).toEqual(TARGETS[entry.indicator]!.targets);
      expect(entry.direction).toBe(TARGETS[entry.indicator]!.lowerIsBetter ? 'AT_MOST' : 'AT_LEAST');
      expect(entry.source).toMatch(/domain\.md "Plan targets", row ".+"/);
      for (const t of entry.targets) expect(t.target).toContain(String(Math.abs(t.targetPct)));
    }
    expect(BASELINE_YEAR).toBe(2015);
  });

  const entry = (kind: string): PlanTargetEntry => PLAN_TARGETS.find((e) => e.indicator === kind)!;
  const cases: { label: string; kind: string; year: number; value: number | null; targetPct: number; targetYear: number; status: string }[] = [
    { label: 'a cut beyond the target', kind: 'CHEMICAL_FERTILIZER_USE_CHANGE', year: 2020, value: -21, targetPct: -20, targetYear: 2020, status: 'MET' },
    { label: 'a cut exactly at the target', kind: 'CHEMICAL_FERTILIZER_USE_CHANGE', year: 2022, value: -20, targetPct: -20, targetYear: 2020, status: 'MET' },
    { label: 'a cut short of the target in the target year', kind: 'CHEMICAL_FERTILIZER_USE_CHANGE', year: 2020, value: -19.9, targetPct: -20, targetYear: 2020, status: 'NOT_MET' },
    { label: 'a cut short of the target before the target year', kind: 'CHEMICAL_PESTICIDE_USE_CHANGE', year: 2018, value: -10, targetPct: -15, targetYear: 2020, status: 'NOT_YET_DUE' },
    { label: 'a rise in use after the target year', kind: 'CHEMICAL_PESTICIDE_USE_CHANGE', year: 2024, value: 3, targetPct: -15, targetYear: 2020, status: 'NOT_MET' },
    { label: 'a rate at the target', kind: 'FERTILIZER_UTILISATION_RATE', year: 2019, value: 40, targetPct: 40, targetYear: 2019, status: 'MET' },
    { label: 'a rate below the target in its year', kind: 'FERTILIZER_UTILISATION_RATE', year: 2019, value: 39.9, targetPct: 40, targetYear: 2019, status: 'NOT_MET' },
    { label: 'a rate below the target the year before', kind: 'PESTICIDE_UTILISATION_RATE', year: 2019, value: 44, targetPct: 45, targetYear: 2020, status: 'NOT_YET_DUE' },
    { label: 'coverage met early', kind: 'SOIL_TESTING_COVERAGE', year: 2017, value: 98.2, targetPct: 98, targetYear: 2020, status: 'MET' },
    { label: 'no value', kind: 'UNIFIED_PEST_CONTROL_COVERAGE', year: 2020, value: null, targetPct: 40, targetYear: 2019, status: 'NO_DATA' },
    { label: 'safe use before the first target year: the 2020 target', kind: 'SAFE_UTILISATION_RATE', year: 2018, value: 85, targetPct: 90, targetYear: 2020, status: 'NOT_YET_DUE' },
    { label: 'safe use in 2020 below 90', kind: 'SAFE_UTILISATION_RATE', year: 2020, value: 89.9, targetPct: 90, targetYear: 2020, status: 'NOT_MET' },
    { label: 'safe use in 2020 at 92', kind: 'SAFE_UTILISATION_RATE', year: 2020, value: 92, targetPct: 90, targetYear: 2020, status: 'MET' },
    { label: 'safe use after 2020: the 2030 target, not yet due', kind: 'SAFE_UTILISATION_RATE', year: 2021, value: 92, targetPct: 95, targetYear: 2030, status: 'NOT_YET_DUE' },
    { label: 'safe use after 2020 at 95', kind: 'SAFE_UTILISATION_RATE', year: 2024, value: 95, targetPct: 95, targetYear: 2030, status: 'MET' },
    { label: 'safe use in 2030 below 95', kind: 'SAFE_UTILISATION_RATE', year: 2030, value: 94.9, targetPct: 95, targetYear: 2030, status: 'NOT_MET' },
    { label: 'safe use after the last target year: the last target', kind: 'SAFE_UTILISATION_RATE', year: 2035, value: 93, targetPct: 95, targetYear: 2030, status: 'NOT_MET' },
    { label: 'safe use without contaminated farmland', kind: 'SAFE_UTILISATION_RATE', year: 2016, value: null, targetPct: 90, targetYear: 2020, status: 'NO_DATA' },
    { label: 'eco share of 100 from 2019', kind: 'ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE', year: 2019, value: 100, targetPct: 100, targetYear: 2019, status: 'MET' },
    { label: 'eco share short of 100 from 2019', kind: 'ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE', year: 2021, value: 99.9, targetPct: 100, targetYear: 2019, status: 'NOT_MET' },
    { label: 'eco share before 2019', kind: 'ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE', year: 2018, value: 80, targetPct: 100, targetYear: 2019, status: 'NOT_YET_DUE' },
  ];
  for (const c of cases) {
    it(`${c.kind}: ${c.label} -> ${c.status}`, () => {
      const target = targetFor(entry(c.kind), c.year);
      expect([target.targetPct, target.targetYear]).toEqual([c.targetPct, c.targetYear]);
      expect(targetStatus(entry(c.kind).direction, target, c.year, c.value)).toBe(c.status);
      // The answer key's own logic agrees with the table.
      expect(expectedStatus(c.kind, c.year, c.value)).toEqual({ targetPct: c.targetPct, targetYear: c.targetYear, status: c.status });
    });
  }
});

describe('agriculture subgraph: plan indicators', () => {
  it('has demo fertiliser and pesticide use for the 2015 baseline and every year to 2024', () => {
    for (const rows of [demo.fertilizerUse, demo.pesticideUse]) {
      expect([...new Set(rows.map((r) => r.year))].sort()).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    }
  });

  for (const year of [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2024, 2025, 1990, 2100]) {
    it(`computes every district's indicators for ${year} from its rows and the parcels in its representation`, async () => {
      const { data, errors } = await harness.query(query(`... on District { code ${INDICATORS} }`), {
        representations: planning.districts.map((d) => districtRep(d.code)),
        year,
      });
      expect(errors).toBeUndefined();
      const results = data!._entities as { code: string; planIndicators: { year: number; baselineYear: number; indicators: Expected[] & { target: string }[] } }[];
      expect(results.map((r) => r.code)).toEqual(planning.districts.map((d) => d.code));
      for (const result of results) {
        expect(result.planIndicators.year).toBe(year);
        expect(result.planIndicators.baselineYear).toBe(2015);
        expect(stripTarget(result.planIndicators.indicators)).toEqual(expectedIndicators([result.code], year));
        for (const i of result.planIndicators.indicators) expect(i.target.length).toBeGreaterThan(10);
      }
    });
  }

  for (const year of [2015, 2018, 2019, 2020, 2023, 2024, 2031]) {
    it(`computes the city's indicators for ${year} over all its districts (eco share over the eco districts)`, async () => {
      const { data, errors } = await harness.query(query(`... on City { code ${INDICATORS} }`), { representations: [cityRep()], year });
      expect(errors).toBeUndefined();
      const [city] = data!._entities;
      expect(city.code).toBe('110000');
      expect(stripTarget(city.planIndicators.indicators)).toEqual(expectedIndicators(planning.districts.map((d) => d.code), year));
      expect(city.planIndicators.indicators.map((i: Expected) => i.indicator)).toEqual(KINDS);
    });
  }

  it('gives the eco-conservation indicator only to the eco districts (a pre-2015 alias included)', async () => {
    const codes = planning.districts.map((d) => d.code);
    const { data, errors } = await harness.query(query(`... on District { code planIndicators(year: $year) { indicators { indicator valuePct status } } }`), {
      representations: [...codes.map((c) => districtRep(c)), districtRep('110229', '110119')],
      year: 2020,
    });
    expect(errors).toBeUndefined();
    for (const result of data!._entities) {
      const kinds = result.planIndicators.indicators.map((i: { indicator: string }) => i.indicator);
      expect(kinds.includes('ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE'), result.code).toBe(ECO.has(result.code));
      expect(kinds.filter((k: string) => k !== 'ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE')).toEqual(KINDS.slice(0, 7));
    }
    expect(data!._entities.at(-1).code).toBe('110119');
    const eco = data!._entities.filter((r: { code: string }) => ECO.has(r.code));
    expect(eco).toHaveLength(6);
    for (const r of eco) expect(r.planIndicators.indicators.at(-1)).toEqual({ indicator: 'ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE', valuePct: 100, status: 'MET' });
  });

  it('lets the demo rates vary around the targets: some districts meet them and some do not', async () => {
    const statuses = new Map<string, Set<string>>();
    for (const year of [2020, 2023]) {
      const { data, errors } = await harness.query(query(`... on District { planIndicators(year: $year) { indicators { indicator status } } }`), {
        representations: planning.districts.map((d) => districtRep(d.code)),
        year,
      });
      expect(errors).toBeUndefined();
      for (const r of data!._entities) {
        for (const i of r.planIndicators.indicators) statuses.set(i.indicator, (statuses.get(i.indicator) ?? new Set()).add(i.status));
      }
    }
    for (const kind of ['CHEMICAL_FERTILIZER_USE_CHANGE', 'CHEMICAL_PESTICIDE_USE_CHANGE', 'SAFE_UTILISATION_RATE']) {
      expect(statuses.get(kind), kind).toContain('MET');
      expect([...statuses.get(kind)!].some((s) => s === 'NOT_MET' || s === 'NOT_YET_DUE'), kind).toBe(true);
    }
    // The two core districts farm nothing: no data.
    expect(statuses.get('CHEMICAL_FERTILIZER_USE_CHANGE')).toContain('NO_DATA');
  });

  it("counts only the parcels in the representation: a district's safe-utilisation rate follows its allParcels", async () => {
    // The contaminated parcels of the district with the most of them, and a representation lacking all but the first.
    const contaminatedBy2024 = [...latestDecisions(demo.decisions, '2024-12-31').values()].filter((d) => d.farmlandClass !== 'PRIORITY_PROTECTION');
    const byDistrict = new Map<string, string[]>();
    for (const d of contaminatedBy2024) byDistrict.set(d.districtCode, [...(byDistrict.get(d.districtCode) ?? []), d.parcelId]);
    const [code, parcels] = [...byDistrict].sort((a, b) => b[1].length - a[1].length || cmp(a[0], b[0]))[0]!;
    const kept = allParcels(planning, code).filter((p) => !parcels.slice(1).includes(p.id));
    const { data, errors } = await harness.query(query(`... on District { planIndicators(year: $year) { indicators { indicator valuePct } } }`), {
      representations: [{ __typename: 'District', code, allParcels: kept }],
      year: 2024,
    });
    expect(errors).toBeUndefined();
    const first = parcels[0]!;
    const record = demo.safeUtilisation.find((r) => r.parcelId === first && r.year === 2024)!;
    const rate = data!._entities[0].planIndicators.indicators.find((i: { indicator: string }) => i.indicator === 'SAFE_UTILISATION_RATE');
    expect(rate.valuePct).toBe(record.measures.length > 0 && record.cropsCompliant ? 100 : 0);
  });
});

describe('agriculture subgraph: safe-utilisation records', () => {
  it('keeps a record for every year a parcel stood in safe utilisation or strict control at the year end, to 2024', () => {
    const expected: string[] = [];
    for (const parcelId of new Set(demo.decisions.map((d) => d.parcelId))) {
      const own = demo.decisions.filter((d) => d.parcelId === parcelId);
      for (let year = 2015; year <= 2024; year++) {
        const inForce = latestDecisions(own, `${year}-12-31`).get(parcelId);
        if (inForce !== undefined && inForce.farmlandClass !== 'PRIORITY_PROTECTION') expected.push(`SU-${parcelId}-${year}`);
      }
    }
    expect(demo.safeUtilisation.map((r) => r.id).sort()).toEqual(expected.sort());
    for (const r of demo.safeUtilisation) {
      const inForce = latestDecisions(demo.decisions.filter((d) => d.parcelId === r.parcelId), `${r.year}-12-31`).get(r.parcelId)!;
      const allowed = inForce.farmlandClass === 'STRICT_CONTROL' ? ['PLANTING_STRUCTURE_ADJUSTMENT', 'FALLOW'] : ['LOW_ACCUMULATION_VARIETY', 'AGRONOMIC_REGULATION', 'SOIL_CONDITIONING'];
      for (const m of r.measures) expect(allowed).toContain(m);
      expect(r.districtCode).toBe(inForce.districtCode);
    }
    const compliant = demo.safeUtilisation.filter((r) => r.cropsCompliant).length / demo.safeUtilisation.length;
    expect(compliant).toBeGreaterThan(0.8);
    expect(compliant).toBeLessThan(1);
  });

  it("lists a parcel's records oldest year first, measures in enum order; a parcel without any has none", async () => {
    const withRecords = [...new Set(demo.safeUtilisation.map((r) => r.parcelId))].sort(cmp).slice(0, 6);
    const without = planning.parcels.find((p) => !demo.safeUtilisation.some((r) => r.parcelId === p.id))!.id;
    const ids = [...withRecords, without];
    const { data, errors } = await entities(
      harness,
      `... on Parcel { id safeUtilisation { parcel { id } year measures cropsCompliant } }`,
      ids.map((id) => ({ __typename: 'Parcel', id })),
    );
    expect(errors).toBeUndefined();
    ids.forEach((id, i) => {
      const expected = demo.safeUtilisation
        .filter((r) => r.parcelId === id)
        .sort((a, b) => a.year - b.year)
        .map((r) => ({
          parcel: { id },
          year: r.year,
          measures: [...r.measures].sort((a, b) => MEASURE_ORDER.indexOf(a) - MEASURE_ORDER.indexOf(b)),
          cropsCompliant: r.cropsCompliant,
        }));
      expect(data!._entities[i]).toEqual({ id, safeUtilisation: expected });
    });
    expect(data!._entities.at(-1).safeUtilisation).toEqual([]);
  });
});

describe('agriculture subgraph: plan indicators, bad input', () => {
  const cases: { label: string; selection: string; representation: () => unknown; year: number; argumentPath: string[]; message?: RegExp }[] = [
    { label: 'a year before 1990 on a District', selection: `... on District { ${INDICATORS} }`, representation: () => districtRep('110112'), year: 1989, argumentPath: ['year'] },
    { label: 'a year after 2100 on a District', selection: `... on District { ${INDICATORS} }`, representation: () => districtRep('110112'), year: 2101, argumentPath: ['year'] },
    { label: 'a year before 1990 on the City', selection: `... on City { ${INDICATORS} }`, representation: () => cityRep(), year: 1900, argumentPath: ['year'] },
    {
      label: 'a District without allParcels',
      selection: `... on District { ${INDICATORS} }`,
      representation: () => ({ __typename: 'District', code: '110112' }),
      year: 2020,
      argumentPath: ['representations'],
      message: /lacks allParcels\b/,
    },
    {
      label: 'a parcel without areaHa',
      selection: `... on District { ${INDICATORS} }`,
      representation: () => ({ __typename: 'District', code: '110112', allParcels: [{ id: allParcels(planning, '110112')[0]!.id }] }),
      year: 2020,
      argumentPath: ['representations'],
      message: /lacks allParcels\[0\]\.areaHa/,
    },
    {
      label: 'a City without districts',
      selection: `... on City { ${INDICATORS} }`,
      representation: () => ({ __typename: 'City', code: '110000' }),
      year: 2020,
      argumentPath: ['representations'],
      message: /lacks districts\b/,
    },
    {
      label: "a City whose district lacks its code",
      selection: `... on City { ${INDICATORS} }`,
      representation: () => ({ __typename: 'City', code: '110000', districts: [{ allParcels: allParcels(planning, '110112') }] }),
      year: 2020,
      argumentPath: ['representations'],
      message: /lacks districts\[0\]\.code/,
    },
  ];
  for (const c of cases) {
    it(`rejects ${c.label} with BAD_USER_INPUT`, async () => {
      const { data, errors } = await harness.query(query(c.selection), { representations: [c.representation()], year: c.year });
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toEqual({ code: BAD_USER_INPUT, argumentPath: c.argumentPath });
      if (c.message) expect(errors![0]!.message).toMatch(c.message);
      expect(data?._entities).toEqual([null]);
    });
  }

  it('resolves the City only for 110000', async () => {
    const { data, errors } = await entities(harness, `... on City { code }`, [
      { __typename: 'City', code: '110000' },
      { __typename: 'City', code: '120000' },
    ]);
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ code: '110000' }, null]);
  });
});
