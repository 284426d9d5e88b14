import { measurements, soilSamples } from '@soilgraph/db/environment';
import { eq } from 'drizzle-orm';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessSample } from '../src/assessment/index.ts';
import { environmentSubgraph } from '../src/server.ts';

// The assessment fields wire environment's stored samples to the engine (proven on its own in
// test/assessment) with the facts other agencies send through @requires. These tests check the
// wiring: which samples, which context, which order, and the errors when a fact is missing.

let harness: SubgraphHarness;
const PARCEL = 'TEST-P0001';
const DISTRICT = '110105';
const AT: [number, number] = [116.5, 39.95];
/** A square of about 2 km around AT. */
const ZONE: Polygon = { type: 'Polygon', coordinates: [[[116.49, 39.94], [116.51, 39.94], [116.51, 39.96], [116.49, 39.96], [116.49, 39.94]]] };

/** Three samples on one test parcel: an old one with high lead, and this year's survey of two samples. */
const FIXTURE = [
  { id: 'SS-TEST-1', sampledOn: '2021-05-01', values: { LEAD: 1000, ARSENIC: 5 } },
  { id: 'SS-TEST-2', sampledOn: '2023-04-10', values: { ARSENIC: 30, CADMIUM: 0.2 } },
  { id: 'SS-TEST-3', sampledOn: '2023-06-02', values: { ARSENIC: 12, CADMIUM: 0.1 } },
] as const;

beforeAll(async () => {
  harness = await createSubgraphHarness(environmentSubgraph);
  for (const s of FIXTURE) {
    await harness.db.insert(soilSamples).values({
      id: s.id,
      externalId: `test-${s.id}`,
      pointId: null,
      parcelId: PARCEL,
      districtCode: DISTRICT,
      sampledOn: s.sampledOn,
      depthTopCm: 0,
      depthBottomCm: 20,
      ph: 7.1,
      phMethod: 'HJ 962-2018',
      lab: 'test lab',
      location: { type: 'Point', coordinates: AT },
    });
    const rows = Object.entries(s.values).map(([analyte, value]) => ({
      sampleId: s.id,
      analyte: analyte as 'LEAD',
      valueMgPerKg: value as number,
      belowDetectionLimit: false,
      method: 'HJ 491-2019',
      qualityFlag: 'VALID' as const,
    }));
    // A rejected result far above every value: it must never decide a level.
    rows.push({ sampleId: s.id, analyte: 'MERCURY' as 'LEAD', valueMgPerKg: 500, belowDetectionLimit: false, method: 'GB/T 22105-2008', qualityFlag: 'REJECTED' as 'VALID' });
    await harness.db.insert(measurements).values(rows);
  }
});
afterAll(() => harness.close());

const entities = (selection: string, representations: unknown[]) =>
  harness.query(`query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, { representations });

const backgrounds = (arsenic: number) => [{ analyte: 'ARSENIC', p95MgPerKg: arsenic }, { analyte: 'LEAD', p95MgPerKg: 1 }];
const ANALYTE = 'analyte mgPerKg screeningMgPerKg controlMgPerKg ratioToScreening level cannotAssessReason note';

describe('SoilSample.assessment', () => {
  it('assesses a stored sample with its parcel land use and leaves out rejected results', async () => {
    const { data, errors } = await entities(`... on SoilSample { assessment { riskLevel standard { standard constructionLandClass } analytes { ${ANALYTE} } } }`, [
      { __typename: 'SoilSample', id: 'SS-TEST-2', parcel: { landUse: '0701', plannedUse: null }, district: { backgroundValues: backgrounds(10) } },
    ]);
    expect(errors).toBeUndefined();
    const assessment = data!._entities[0].assessment;
    expect(assessment.standard).toEqual({ standard: 'GB_36600_2018', constructionLandClass: 1 });
    expect(assessment.analytes.map((a: any) => a.analyte)).toEqual(['CADMIUM', 'ARSENIC']);
    const oracle = assessSample({ landUse: '0701', pH: 7.1, arsenicBackgroundMgPerKg: 10, measurements: [{ analyte: 'ARSENIC', mgPerKg: 30, belowDetectionLimit: false }, { analyte: 'CADMIUM', mgPerKg: 0.2, belowDetectionLimit: false }] });
    expect(assessment.riskLevel).toBe('POSSIBLE');
    expect(assessment.riskLevel).toBe(oracle.riskLevel);
  });

  it('does not treat arsenic within the district background as contamination (geology through @requires)', async () => {
    const { data } = await entities(`... on SoilSample { assessment { riskLevel analytes { analyte level note } } }`, [
      { __typename: 'SoilSample', id: 'SS-TEST-2', parcel: { landUse: '0701', plannedUse: null }, district: { backgroundValues: backgrounds(35) } },
    ]);
    const arsenic = data!._entities[0].assessment.analytes.find((a: any) => a.analyte === 'ARSENIC');
    expect(arsenic.level).toBe('NEGLIGIBLE');
    expect(arsenic.note).toMatch(/background/);
    expect(data!._entities[0].assessment.riskLevel).toBe('NEGLIGIBLE');
  });

  it('cannot assess a sample on no registered parcel, and says why', async () => {
    const { data } = await entities(`... on SoilSample { assessment { riskLevel complete analytes { level cannotAssessReason } } }`, [
      { __typename: 'SoilSample', id: 'SS-TEST-2', parcel: null, district: { backgroundValues: [] } },
    ]);
    const assessment = data!._entities[0].assessment;
    expect(assessment.riskLevel).toBeNull();
    expect(assessment.complete).toBe(false);
    for (const a of assessment.analytes) expect(a).toEqual({ level: null, cannotAssessReason: expect.stringMatching(/\S/) });
  });

  it('refuses a representation without the required district, naming it', async () => {
    const { errors } = await entities(`... on SoilSample { assessment { riskLevel } }`, [{ __typename: 'SoilSample', id: 'SS-TEST-2', parcel: { landUse: '0701' } }]);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['representations'] });
    expect(errors?.[0]?.message).toMatch(/district/);
  });
});

describe('Parcel.soilAssessment', () => {
  const parcel = (landUse: string, arsenicBackground: number) => ({ __typename: 'Parcel', id: PARCEL, landUse, plannedUse: null, district: { backgroundValues: backgrounds(arsenicBackground) } });
  const SELECTION = `... on Parcel { soilAssessment { standard { standard } surveyYear sampledOn samples { id } riskLevel suggestedFarmlandClass worstSample { id } worstAnalyte { analyte mgPerKg level } complete } }`;

  it('takes the latest survey year only: the old high lead sample no longer counts', async () => {
    const { data, errors } = await entities(SELECTION, [parcel('0701', 10)]);
    expect(errors).toBeUndefined();
    expect(data!._entities[0].soilAssessment).toEqual({
      standard: { standard: 'GB_36600_2018' },
      surveyYear: 2023,
      sampledOn: '2023-06-02',
      samples: [{ id: 'SS-TEST-3' }, { id: 'SS-TEST-2' }],
      riskLevel: 'POSSIBLE',
      suggestedFarmlandClass: null,
      worstSample: { id: 'SS-TEST-2' },
      worstAnalyte: { analyte: 'ARSENIC', mgPerKg: 30, level: 'POSSIBLE' },
      complete: true,
    });
  });

  it('suggests a farmland class on agricultural land', async () => {
    const { data } = await entities(SELECTION, [parcel('0101', 10)]);
    const assessment = data!._entities[0].soilAssessment;
    expect(assessment.standard.standard).toBe('GB_15618_2018');
    // Paddy, pH 7.1 (band C): Cd 0.2 <= 0.6 and As 30 > 25 -> possible risk, safe utilisation.
    expect(assessment.riskLevel).toBe('POSSIBLE');
    expect(assessment.suggestedFarmlandClass).toBe('SAFE_UTILISATION');
    expect(assessment.worstAnalyte).toEqual({ analyte: 'ARSENIC', mgPerKg: 30, level: 'POSSIBLE' });
  });

  it('is null for a parcel never sampled', async () => {
    const { data } = await entities(SELECTION, [{ ...parcel('0701', 10), id: 'TEST-NEVER-SAMPLED' }]);
    expect(data!._entities[0].soilAssessment).toBeNull();
  });
});

describe('District soil risk and farmland suggestions', () => {
  it('counts each sampled parcel once, at the level of its latest survey, consistently with Parcel.soilAssessment', async () => {
    const demo = harness.demo;
    const allParcels = demo.planning.parcels.filter((p) => p.districtCode === DISTRICT).map((p) => ({ id: p.id, landUse: p.landUse, plannedUse: p.plannedUse }));
    allParcels.push({ id: PARCEL, landUse: '0701', plannedUse: null });
    const { data, errors } = await entities(
      `... on District { soilRisk { parcelsSampled counts { standard riskLevel parcels } } farmlandClassSuggestions { parcel { id } farmlandClass } }`,
      [{ __typename: 'District', code: DISTRICT, allParcels, backgroundValues: backgrounds(10) }],
    );
    expect(errors).toBeUndefined();
    const sampled = [...new Set([...demo.environment.samples.filter((s) => s.districtCode === DISTRICT && s.parcelId).map((s) => s.parcelId!), PARCEL])].sort();
    expect(data!._entities[0].soilRisk.parcelsSampled).toBe(sampled.length);
    const perParcel = await entities(`... on Parcel { id soilAssessment { standard { standard } riskLevel suggestedFarmlandClass } }`,
      sampled.map((id) => ({ __typename: 'Parcel', ...allParcels.find((p) => p.id === id), id, district: { backgroundValues: backgrounds(10) } })));
    const tally = new Map<string, number>();
    for (const p of perParcel.data!._entities) {
      const key = `${p.soilAssessment.standard.standard}/${p.soilAssessment.riskLevel}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    const counts = data!._entities[0].soilRisk.counts.map((c: any) => [`${c.standard}/${c.riskLevel}`, c.parcels]);
    expect(new Map(counts)).toEqual(tally);
    expect(data!._entities[0].farmlandClassSuggestions).toEqual(
      perParcel.data!._entities.filter((p: any) => p.soilAssessment.suggestedFarmlandClass).map((p: any) => ({ parcel: { id: p.id }, farmlandClass: p.soilAssessment.suggestedFarmlandClass })),
    );
  });

  it('answers from a new sample at once, though the same figures were asked before (remembered only while the samples are unchanged)', async () => {
    const parcel = 'TEST-P0002';
    const allParcels = [{ id: PARCEL, landUse: '0701', plannedUse: null }, { id: parcel, landUse: '0101', plannedUse: null }];
    const ask = async () => {
      const { data, errors } = await entities(`... on District { soilRisk { parcelsSampled counts { standard riskLevel parcels } } }`, [
        { __typename: 'District', code: DISTRICT, allParcels, backgroundValues: backgrounds(10) },
      ]);
      expect(errors).toBeUndefined();
      return data!._entities[0].soilRisk;
    };
    const before = await ask();
    expect(await ask()).toEqual(before);
    // Written straight into the table, as the importer or an operator would: no service is told.
    await harness.db.insert(soilSamples).values({
      id: 'SS-TEST-4', externalId: 'test-SS-TEST-4', pointId: null, parcelId: parcel, districtCode: DISTRICT, sampledOn: '2024-03-01',
      depthTopCm: 0, depthBottomCm: 20, ph: 7.1, phMethod: 'HJ 962-2018', lab: 'test lab', location: { type: 'Point', coordinates: [116.6, 39.9] },
    });
    await harness.db.insert(measurements).values({ sampleId: 'SS-TEST-4', analyte: 'CADMIUM', valueMgPerKg: 5, belowDetectionLimit: false, method: 'HJ 491-2019', qualityFlag: 'VALID' });
    try {
      const after = await ask();
      expect(after.parcelsSampled).toBe(before.parcelsSampled + 1);
      expect(after.counts).toContainEqual({ standard: 'GB_15618_2018', riskLevel: 'HIGH', parcels: 1 });
      // planning changing the parcel's land use changes the representation, and the answer with it.
      allParcels[1] = { id: parcel, landUse: '0701', plannedUse: null };
      expect((await ask()).counts.find((c: any) => c.standard === 'GB_15618_2018' && c.riskLevel === 'HIGH')).toBeUndefined();
    } finally {
      await harness.db.delete(soilSamples).where(eq(soilSamples.id, 'SS-TEST-4'));
    }
    expect(await ask()).toEqual(before);
  });
});

describe('WaterSource.soilEarlyWarning', () => {
  const source = (level: string, landUse: string) => ({
    __typename: 'WaterSource',
    id: 'WS-TEST',
    zones: [{ id: 'WS-TEST-Z', level, part: 'LAND', geometry: ZONE, parcels: [{ id: PARCEL, landUse, plannedUse: null }], districts: [{ code: DISTRICT, backgroundValues: backgrounds(10) }] }],
  });
  const SELECTION = `... on WaterSource { soilEarlyWarning { samplesInZones exceedingSamples byZoneLevel { level samples exceedingSamples } exceedances { sample { id } zone { id } zoneLevel exceeding { analyte level } } } }`;

  it('lists the samples in the zones above a screening value, newest first, with the zone level', async () => {
    const { data, errors } = await entities(SELECTION, [source('LEVEL_1', '0101')]);
    expect(errors).toBeUndefined();
    const warning = data!._entities[0].soilEarlyWarning;
    // Demo samples may also lie in the test square; the three test samples must be counted among them.
    expect(warning.samplesInZones).toBeGreaterThanOrEqual(3);
    const ours = warning.exceedances.filter((e: any) => e.sample.id.startsWith('SS-TEST-'));
    // Paddy pH 7.1: As 30 > 25 (SS-TEST-2); Pb 1000 > control 700 (SS-TEST-1); SS-TEST-3 is clean.
    expect(ours).toEqual([
      { sample: { id: 'SS-TEST-2' }, zone: { id: 'WS-TEST-Z' }, zoneLevel: 'LEVEL_1', exceeding: [{ analyte: 'ARSENIC', level: 'POSSIBLE' }] },
      { sample: { id: 'SS-TEST-1' }, zone: { id: 'WS-TEST-Z' }, zoneLevel: 'LEVEL_1', exceeding: [{ analyte: 'LEAD', level: 'HIGH' }] },
    ]);
    expect(warning.byZoneLevel[0]).toEqual({ level: 'LEVEL_1', samples: warning.samplesInZones, exceedingSamples: warning.exceedingSamples });
  });

  it('counts only the given analyte and standard', async () => {
    const { data } = await entities(`... on WaterSource { cd: soilEarlyWarning(analyte: CADMIUM) { exceedances { sample { id } } } lead: soilEarlyWarning(analyte: LEAD, standard: GB_36600_2018) { exceedances { sample { id } } } }`, [source('LEVEL_2', '0101')]);
    const ids = (list: any[]) => list.map((e) => e.sample.id).filter((id: string) => id.startsWith('SS-TEST-'));
    expect(ids(data!._entities[0].cd.exceedances)).toEqual([]);
    expect(ids(data!._entities[0].lead.exceedances)).toEqual([]);
  });

  it('counts only samples taken in the given dates, and refuses a reversed range', async () => {
    const { data } = await entities(`... on WaterSource { soilEarlyWarning(sampled: { from: "2023-01-01" }) { exceedances { sample { id } } } }`, [source('LEVEL_1', '0101')]);
    const ids = data!._entities[0].soilEarlyWarning.exceedances.map((e: any) => e.sample.id);
    expect(ids).toContain('SS-TEST-2');
    expect(ids).not.toContain('SS-TEST-1');
    const { errors } = await entities(`... on WaterSource { soilEarlyWarning(sampled: { from: "2024-01-01", to: "2023-01-01" }) { samplesInZones } }`, [source('LEVEL_1', '0101')]);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['sampled'] });
  });

  it('refuses zones sent without their parcels or their districts', async () => {
    const bare = source('LEVEL_1', '0101');
    for (const field of ['parcels', 'districts'] as const) {
      const { errors } = await entities(SELECTION, [{ ...bare, zones: bare.zones.map(({ [field]: _, ...zone }) => zone) }]);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['representations'] });
      expect(errors?.[0]?.message).toContain(field);
    }
  });
});

describe('Query.assessSoil input errors', () => {
  const ask = (sample: Record<string, unknown>) => harness.query(`query($sample: SoilSampleInput!) { assessSoil(sample: $sample) { riskLevel } }`, { sample });
  const cd = { analyte: 'CADMIUM', mgPerKg: 0.2 };
  it.each([
    ['an unknown land use', { landUse: '9999', measurements: [cd] }, ['sample', 'landUse']],
    ['an unknown planned use', { landUse: '0701', plannedUse: 'X9', measurements: [cd] }, ['sample', 'plannedUse']],
    ['a pH above 14', { landUse: '0101', pH: 14.5, measurements: [cd] }, ['sample', 'pH']],
    ['no measurement', { landUse: '0101', measurements: [] }, ['sample', 'measurements']],
    ['an analyte twice', { landUse: '0101', measurements: [cd, cd] }, ['sample', 'measurements', 1, 'analyte']],
    ['a value below detection limit with a number', { landUse: '0101', measurements: [{ analyte: 'CADMIUM', mgPerKg: 0.01, belowDetectionLimit: true }] }, ['sample', 'measurements', 0, 'mgPerKg']],
    ['a detected value without a number', { landUse: '0101', measurements: [{ analyte: 'CADMIUM' }] }, ['sample', 'measurements', 0, 'mgPerKg']],
    ['a negative concentration', { landUse: '0101', measurements: [{ analyte: 'CADMIUM', mgPerKg: -0.1 }] }, ['sample', 'measurements', 0, 'mgPerKg']],
    ['a negative background', { landUse: '0701', arsenicBackgroundMgPerKg: -1, measurements: [cd] }, ['sample', 'arsenicBackgroundMgPerKg']],
  ])('refuses %s with BAD_USER_INPUT at the offending input', async (_, sample, argumentPath) => {
    const { data, errors } = await ask(sample);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath });
    expect(errors?.[0]?.message).toMatch(new RegExp(`^${argumentPath.join('\\.')}: `));
  });
});
