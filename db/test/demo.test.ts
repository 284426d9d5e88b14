import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../src/demo/index.ts';

const base = generateDemoData();

/** Every row of every agency's demo data, with the table it belongs to. */
function rows(data: ReturnType<typeof generateDemoData>): [string, Record<string, unknown>][] {
  return (['planning', 'environment', 'agriculture', 'water', 'geology'] as const).flatMap((agency) =>
    Object.entries(data[agency]).flatMap(([table, list]) => (list as Record<string, unknown>[]).map((row) => [`${agency}.${table}`, row] as [string, Record<string, unknown>])),
  );
}

describe('the demo-data generator', () => {
  it('gives the same rows for the same seed and scale', () => {
    expect(generateDemoData()).toEqual(base);
  });

  it('gives other rows for another seed', () => {
    const other = generateDemoData({ seed: 'another seed' });
    expect(other.planning.parcels.map((p) => p.geometry)).not.toEqual(base.planning.parcels.map((p) => p.geometry));
  });

  it('grows with --scale', () => {
    const scaled = generateDemoData({ scale: 3 });
    expect(scaled.planning.parcels.length).toBe(3 * base.planning.parcels.length);
    expect(scaled.environment.samples.length).toBeGreaterThan(2 * base.environment.samples.length);
    expect(scaled.geology.points.length).toBeGreaterThan(2 * base.geology.points.length);
  });

  it.each([0, -1, 1.5])('refuses scale %s', (scale) => {
    expect(() => generateDemoData({ scale })).toThrow(/whole number >= 1/);
  });

  it('labels itself synthetic: every name says so and every externalId starts with demo-', () => {
    const all = rows(base);
    expect(all.length).toBeGreaterThan(1000);
    for (const [table, row] of all) {
      if (typeof row.name === 'string' && table !== 'planning.districts') expect(row.name, table).toMatch(/\(synthetic\)$/);
      if ('externalId' in row) expect(row.externalId, table).toMatch(/^demo-/);
    }
  });

  it('covers all 16 Beijing districts and each agency', () => {
    expect(base.planning.districts).toHaveLength(16);
    for (const [agency, tables] of Object.entries({ planning: base.planning, environment: base.environment, agriculture: base.agriculture, water: base.water, geology: base.geology })) {
      for (const [table, list] of Object.entries(tables)) expect((list as unknown[]).length, `${agency}.${table}`).toBeGreaterThan(0);
    }
  });

  it("gives agriculture's plan indicators the 2015 baseline, and its decisions and safe-use records their parcel's district", () => {
    expect([...new Set(base.agriculture.fertilizerUse.map((r) => r.year))].sort()).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    const districtOf = new Map(base.planning.parcels.map((p) => [p.id, p.districtCode]));
    for (const row of [...base.agriculture.decisions, ...base.agriculture.safeUtilisation]) expect(row.districtCode, row.id).toBe(districtOf.get(row.parcelId));
  });
});
