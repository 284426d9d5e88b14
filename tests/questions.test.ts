import { type Geometry, geometriesIntersect } from '@soilgraph/geo';
import { describe, expect, it } from 'vitest';
import { demo, gateway } from './support/gateway.ts';

// design.md's "questions it must answer", each one gateway request. Every expectation is
// computed here from the generated demo data and from domain.md's rules written out again,
// independently of the services' engine, SQL and query plans.
const { planning, environment, water, agriculture, geology } = demo;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: { sampledOn: string; id: string }, b: { sampledOn: string; id: string }) => compare(b.sampledOn, a.sampledOn) || compare(b.id, a.id);
const ZONE_LEVELS = ['LEVEL_1', 'LEVEL_2', 'QUASI'];
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** domain.md, GB 15618-2018: pH bands A <= 5.5 < B <= 6.5 < C <= 7.5 < D. */
function band(pH: number): 0 | 1 | 2 | 3 {
  return pH <= 5.5 ? 0 : pH <= 6.5 ? 1 : pH <= 7.5 ? 2 : 3;
}
/** domain.md, GB 15618-2018 Table 1, Cd. */
const CADMIUM_SCREENING = { paddy: [0.3, 0.4, 0.6, 0.8], other: [0.3, 0.3, 0.3, 0.6] };

/** domain.md "Which column", for cadmium (the orchard column exists only for copper). */
function cadmiumScreening(landUse: string, pH: number): number {
  const b = band(pH);
  if (landUse === '0101') return CADMIUM_SCREENING.paddy[b]!;
  if (['0102', '0103'].includes(landUse) || landUse.startsWith('02') || landUse.startsWith('04')) return CADMIUM_SCREENING.other[b]!;
  return Math.min(CADMIUM_SCREENING.paddy[b]!, CADMIUM_SCREENING.other[b]!);
}

const isFarmland = (landUse: string) => ['01', '02', '04'].includes(landUse.slice(0, 2));
const parcelById = new Map(planning.parcels.map((p) => [p.id, p]));

/** The innermost zone of a source that holds the point, or undefined. */
function innermostZone(sourceId: string, location: Geometry) {
  return water.zones
    .filter((z) => z.waterSourceId === sourceId && geometriesIntersect(location, z.geometry))
    .sort((a, b) => ZONE_LEVELS.indexOf(a.level) - ZONE_LEVELS.indexOf(b.level) || compare(a.id, b.id))[0];
}

describe('question 1: farmland inside a drinking-water protection zone above the GB 15618 cadmium screening value', () => {
  it('lists, per water source, every such sample with its parcel, pH, value and how far above screening', async () => {
    const { data, errors } = await gateway(`{ waterSources(first: 100) { edges { node { id
      soilEarlyWarning(analyte: CADMIUM, standard: GB_15618_2018) { exceedingSamples
        exceedances { zoneLevel sample { id sampledOn pH parcel { id landUse } }
          exceeding { analyte mgPerKg screeningMgPerKg ratioToScreening level } } } } } } }`);
    expect(errors).toBeUndefined();
    const expected = water.sources
      .map((source) => {
        const exceedances = environment.samples
          .flatMap((sample) => {
            const zone = innermostZone(source.id, sample.location);
            const parcel = sample.parcelId === null ? undefined : parcelById.get(sample.parcelId);
            const cd = environment.measurements.find((m) => m.sampleId === sample.id && m.analyte === 'CADMIUM');
            if (!zone || !parcel || !isFarmland(parcel.landUse) || sample.ph === null || !cd || cd.qualityFlag === 'REJECTED' || cd.valueMgPerKg === null) return [];
            const screening = cadmiumScreening(parcel.landUse, sample.ph);
            if (cd.valueMgPerKg <= screening) return [];
            return [{ sample, zone, parcel, value: cd.valueMgPerKg, screening }];
          })
          .sort((a, b) => newestFirst(a.sample, b.sample));
        return {
          id: source.id,
          exceedingSamples: exceedances.length,
          exceedances: exceedances.map((e) => ({
            zoneLevel: e.zone.level,
            sample: { id: e.sample.id, sampledOn: e.sample.sampledOn, pH: e.sample.ph, parcel: { id: e.parcel.id, landUse: e.parcel.landUse } },
            exceeding: [{ analyte: 'CADMIUM', mgPerKg: e.value, screeningMgPerKg: e.screening, ratioToScreening: round3(e.value / e.screening), level: expect.stringMatching(/^(POSSIBLE|HIGH)$/) }],
          })),
        };
      })
      .sort((a, b) => compare(a.id, b.id));
    const answered = data!.waterSources.edges.map((e: any) => ({ id: e.node.id, ...e.node.soilEarlyWarning }));
    expect(answered).toEqual(expected);
    // The demo places cadmium hot spots on farmland inside level 1 and 2 zones: the question has answers.
    expect(expected.reduce((n, s) => n + s.exceedingSamples, 0)).toBeGreaterThan(0);
  });
});

/** Agriculture's official class of each parcel: its latest decision (decision day, then id). */
function officialClasses(): Map<string, string> {
  const latest = new Map<string, { decidedOn: string; id: string; farmlandClass: string }>();
  for (const d of agriculture.decisions) {
    const seen = latest.get(d.parcelId);
    if (!seen || d.decidedOn > seen.decidedOn || (d.decidedOn === seen.decidedOn && d.id > seen.id)) latest.set(d.parcelId, d);
  }
  return new Map([...latest].map(([parcelId, d]) => [parcelId, d.farmlandClass]));
}

/** Percent change of a district's 2020 total against 2015, rounded to 1 decimal; null without a 2015 figure. */
function changeAgainst2015<T extends { districtCode: string; year: number }>(rows: readonly T[], amount: (row: T) => number, districtCode: string): number | null {
  const total = (year: number) => rows.filter((r) => r.year === year && r.districtCode === districtCode).reduce((sum, r) => sum + amount(r), 0);
  return total(2015) === 0 ? null : Math.round((total(2020) / total(2015) - 1) * 1000) / 10;
}

/** A reduction's status: at or below the (negative) target meets it; 2020 is the target year. */
const reductionStatus = (value: number | null, target: number) => (value === null ? 'NO_DATA' : value <= target ? 'MET' : 'NOT_MET');

describe('question 3: per district, farmland per class and fertiliser and pesticide use against the plan targets', () => {
  it('counts official classes with their area and gives the 2020 reductions against 2015 with the target status', async () => {
    const { data, errors } = await gateway(`{ districts(first: 16) { edges { node { code
      farmlandClasses { farmlandClass officialParcels officialAreaHa }
      planIndicators(year: 2020) { baselineYear indicators { indicator valuePct targetPct status } } } } } }`);
    expect(errors).toBeUndefined();
    const official = officialClasses();
    const districts = data!.districts.edges.map((e: any) => e.node);
    // Central districts report no farm inputs (NO_DATA); most report both, and the targets are met in some, missed in others.
    const statuses = districts.map((d: any) => d.planIndicators.indicators.find((i: any) => i.indicator === 'CHEMICAL_FERTILIZER_USE_CHANGE').status);
    expect(statuses.filter((s: string) => s !== 'NO_DATA').length).toBeGreaterThan(10);
    expect(districts.map((d: any) => d.code)).toEqual(planning.districts.map((d) => d.code).sort());
    for (const district of districts) {
      const parcels = planning.parcels.filter((p) => p.districtCode === district.code && official.has(p.id));
      const expectedClasses = ['PRIORITY_PROTECTION', 'SAFE_UTILISATION', 'STRICT_CONTROL'].map((farmlandClass) => {
        const inClass = parcels.filter((p) => official.get(p.id) === farmlandClass);
        return { farmlandClass, officialParcels: inClass.length, officialAreaHa: Math.round(inClass.reduce((sum, p) => sum + p.areaHa, 0) * 100) / 100 };
      });
      expect(district.farmlandClasses, district.code).toEqual(expectedClasses);
      const fertilizer = changeAgainst2015(agriculture.fertilizerUse, (r) => r.nitrogenT + r.phosphateT + r.potashT + r.compoundT, district.code);
      const pesticide = changeAgainst2015(agriculture.pesticideUse, (r) => r.activeIngredientT, district.code);
      const byKind = Object.fromEntries(district.planIndicators.indicators.map((i: any) => [i.indicator, i]));
      expect(district.planIndicators.baselineYear).toBe(2015);
      expect(byKind.CHEMICAL_FERTILIZER_USE_CHANGE).toEqual({ indicator: 'CHEMICAL_FERTILIZER_USE_CHANGE', valuePct: fertilizer, targetPct: -20, status: reductionStatus(fertilizer, -20) });
      expect(byKind.CHEMICAL_PESTICIDE_USE_CHANGE).toEqual({ indicator: 'CHEMICAL_PESTICIDE_USE_CHANGE', valuePct: pesticide, targetPct: -15, status: reductionStatus(pesticide, -15) });
    }
  });
});

describe('question 4: a water source with the samples in its zones, their exceedances, the geology beneath and the land use around', () => {
  // The source with the most samples inside its zones.
  const inZonesOf = (sourceId: string) => environment.samples.filter((s) => innermostZone(sourceId, s.location) !== undefined);
  const source = [...water.sources].sort((a, b) => inZonesOf(b.id).length - inZonesOf(a.id).length || compare(a.id, b.id))[0]!;

  it(`answers for ${source.id} in one request`, async () => {
    const { data, errors } = await gateway(
      `query ($id: ID!) { waterSource(id: $id) { id
        zones { id level parcels { id } landUse { landUse parcels } geology { soilType nearestSurveyPoint { id } } }
        soilEarlyWarning { samplesInZones byZoneLevel { level samples } exceedances { sample { id } zoneLevel exceeding { analyte } } } } }`,
      { id: source.id },
    );
    expect(errors).toBeUndefined();
    const answer = data!.waterSource;
    const zones = water.zones.filter((z) => z.waterSourceId === source.id).sort((a, b) => ZONE_LEVELS.indexOf(a.level) - ZONE_LEVELS.indexOf(b.level) || compare(a.id, b.id));
    expect(answer.zones.map((z: any) => z.id)).toEqual(zones.map((z) => z.id));
    for (const [i, zone] of zones.entries()) {
      const parcels = planning.parcels.filter((p) => geometriesIntersect(p.geometry, zone.geometry)).sort((a, b) => compare(a.id, b.id));
      expect(answer.zones[i].parcels.map((p: any) => p.id), zone.id).toEqual(parcels.map((p) => p.id));
      const classes = [...new Set(parcels.map((p) => p.landUse.slice(0, 2)))].sort();
      expect(answer.zones[i].landUse, zone.id).toEqual(classes.map((c) => ({ landUse: c, parcels: parcels.filter((p) => p.landUse.startsWith(c)).length })));
      expect(answer.zones[i].geology?.nearestSurveyPoint.id ?? null, zone.id).not.toBeNull();
    }
    const inZones = inZonesOf(source.id);
    expect(answer.soilEarlyWarning.samplesInZones).toBe(inZones.length);
    expect(answer.soilEarlyWarning.byZoneLevel).toEqual(
      ZONE_LEVELS.map((level) => ({ level, samples: inZones.filter((s) => innermostZone(source.id, s.location)!.level === level).length })),
    );
    // Every cadmium exceedance on farmland found for question 1 is among this source's exceedances.
    const cadmium = inZones.filter((sample) => {
      const parcel = sample.parcelId === null ? undefined : parcelById.get(sample.parcelId);
      const cd = environment.measurements.find((m) => m.sampleId === sample.id && m.analyte === 'CADMIUM');
      return parcel && isFarmland(parcel.landUse) && sample.ph !== null && cd && cd.qualityFlag !== 'REJECTED' && cd.valueMgPerKg !== null && cd.valueMgPerKg > cadmiumScreening(parcel.landUse, sample.ph);
    });
    const withCadmium = answer.soilEarlyWarning.exceedances.filter((e: any) => e.exceeding.some((a: any) => a.analyte === 'CADMIUM'));
    expect(withCadmium.map((e: any) => e.sample.id).sort()).toEqual(cadmium.map((s) => s.id).sort());
  });
});

describe('question 6: the published status, aggregated per district', () => {
  it('gives the monitoring network and the sampled parcels of every district, and the city totals', async () => {
    const { data, errors } = await gateway(`{ city { code monitoringNetwork { pointsByLevel { level points } samples latestSampleYear } soilRisk { parcelsSampled }
      districts { code monitoringNetwork { pointsByLevel { level points } samples } soilRisk { parcelsSampled counts { parcels } } } } }`);
    expect(errors).toBeUndefined();
    const network = (points: typeof environment.points, samples: typeof environment.samples) => ({
      pointsByLevel: ['NATIONAL', 'MUNICIPAL', 'DISTRICT'].map((level) => ({ level, points: points.filter((p) => p.level === level).length })),
      samples: samples.length,
    });
    const sampledParcels = (samples: typeof environment.samples) => new Set(samples.flatMap((s) => (s.parcelId !== null && parcelById.has(s.parcelId) ? [s.parcelId] : []))).size;
    const city = data!.city;
    expect(city.code).toBe('110000');
    expect(city.monitoringNetwork).toEqual({ ...network(environment.points, environment.samples), latestSampleYear: Math.max(...environment.samples.map((s) => Number(s.sampledOn.slice(0, 4)))) });
    expect(city.soilRisk.parcelsSampled).toBe(sampledParcels(environment.samples));
    for (const district of city.districts) {
      const samples = environment.samples.filter((s) => s.districtCode === district.code);
      expect(district.monitoringNetwork, district.code).toEqual(network(environment.points.filter((p) => p.districtCode === district.code), samples));
      expect(district.soilRisk.parcelsSampled, district.code).toBe(sampledParcels(samples));
      expect(district.soilRisk.counts.reduce((n: number, c: any) => n + c.parcels, 0), district.code).toBe(district.soilRisk.parcelsSampled);
    }
  });
});

/** A source's early warning as the tests ask for it. */
interface SourceWarning {
  id: string;
  soilEarlyWarning: { exceedances: { zoneLevel: string; sample: { id: string; sampledOn: string } }[] };
}

/**
 * The summed-up early warning of these sources, from their own warnings (each takes its land uses
 * from the parcels in its zones) and the generated data: each sample in a zone once, at its
 * innermost level.
 */
function summedWarning(sources: readonly SourceWarning[]) {
  const exceeding = new Map<string, { level: string; sampledOn: string }>();
  for (const { zoneLevel, sample } of sources.flatMap((s) => s.soilEarlyWarning.exceedances)) {
    const seen = exceeding.get(sample.id);
    if (seen === undefined || ZONE_LEVELS.indexOf(zoneLevel) < ZONE_LEVELS.indexOf(seen.level)) exceeding.set(sample.id, { level: zoneLevel, sampledOn: sample.sampledOn });
  }
  // Which samples lie in which zones: from the generated data alone.
  const inZones = environment.samples.flatMap((sample) => {
    const levels = sources.flatMap((source) => innermostZone(source.id, sample.location)?.level ?? []);
    return levels.length === 0 ? [] : [{ id: sample.id, level: levels.sort((a, b) => ZONE_LEVELS.indexOf(a) - ZONE_LEVELS.indexOf(b))[0]! }];
  });
  return {
    waterSources: sources.length,
    waterSourcesWithExceedances: sources.filter((s) => s.soilEarlyWarning.exceedances.length > 0).length,
    samplesInZones: inZones.length,
    exceedingSamples: exceeding.size,
    byZoneLevel: ZONE_LEVELS.map((level) => ({
      level,
      samples: inZones.filter((s) => s.level === level).length,
      exceedingSamples: [...exceeding.values()].filter((e) => e.level === level).length,
    })),
    latestExceedanceOn: [...exceeding.values()].map((e) => e.sampledOn).sort().at(-1) ?? null,
  };
}

const SUMMARY = 'waterSources waterSourcesWithExceedances samplesInZones exceedingSamples byZoneLevel { level samples exceedingSamples } latestExceedanceOn';
const SOURCE_WARNING = 'id soilEarlyWarning { exceedances { zoneLevel sample { id sampledOn } } }';

describe('question 6: the drinking-water early warning of the city and of each district', () => {
  it("sums up every source of the city as each source's own warning finds it (the city's land uses: all parcels of its districts)", async () => {
    expect(water.sources.length).toBeLessThanOrEqual(100);
    const { data, errors } = await gateway<{ city: { drinkingWaterEarlyWarning: unknown }; waterSources: { edges: { node: SourceWarning }[] } }>(
      `{ city { drinkingWaterEarlyWarning { ${SUMMARY} } } waterSources(first: 100) { edges { node { ${SOURCE_WARNING} } } } }`,
    );
    expect(errors).toBeUndefined();
    const expected = summedWarning(data!.waterSources.edges.map((e) => e.node));
    expect(expected.samplesInZones).toBeGreaterThan(0);
    expect(expected.exceedingSamples).toBeGreaterThan(0);
    expect(data!.city.drinkingWaterEarlyWarning).toEqual(expected);
  });

  it("sums up each district's sources the same way (a district's land uses: the parcels in its sources' zones taken together)", async () => {
    type DistrictWarning = { code: string; drinkingWaterEarlyWarning: unknown; waterSources: { totalCount: number; edges: { node: SourceWarning }[] } };
    const { data, errors } = await gateway<{ districts: { edges: { node: DistrictWarning }[] } }>(
      `{ districts(first: 16) { edges { node { code drinkingWaterEarlyWarning { ${SUMMARY} } waterSources(first: 10) { totalCount edges { node { ${SOURCE_WARNING} } } } } } } }`,
    );
    expect(errors).toBeUndefined();
    let withExceedances = 0;
    for (const { node: district } of data!.districts.edges) {
      const sources = district.waterSources.edges.map((e) => e.node);
      expect(sources.length).toBe(district.waterSources.totalCount);
      const expected = summedWarning(sources);
      if (expected.exceedingSamples > 0) withExceedances++;
      expect(district.drinkingWaterEarlyWarning, district.code).toEqual(expected);
    }
    expect(withExceedances).toBeGreaterThan(0);
  });
});

/** domain.md, plan items 16-17: residential, commercial, school, medical, elderly care, park and playground (GB 50137). */
const NEEDS_SURVEY = new Set(['R', 'R1', 'R2', 'R3', 'B', 'B1', 'B2', 'A33', 'A5', 'A6', 'G1']);

describe('question 2: parcels whose planned use changes to a sensitive use without a completed soil survey', () => {
  it('lists every such change city-wide, newest proposal first, with the survey still in progress if any, a page at a time', async () => {
    const listed: unknown[] = [];
    let after: string | null = null;
    let totalCount = -1;
    do {
      type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: unknown }[] };
      const { data, errors } = await gateway<{ city: { sensitiveUseChangesWithoutSurvey: Page } }>(
        `query($after: String) { city { sensitiveUseChangesWithoutSurvey(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor }
          edges { node { change { id toPlannedUse status proposedOn } parcel { id } surveyInProgress { id } } } } } }`,
        { after },
      );
      expect(errors).toBeUndefined();
      const page: Page = data!.city.sensitiveUseChangesWithoutSurvey;
      listed.push(...page.edges.map((e) => e.node));
      totalCount = page.totalCount;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    const completed = new Set(environment.soilSurveys.filter((s) => s.completedOn !== null).map((s) => s.parcelId));
    const expected = planning.landUseChanges
      .filter((c) => NEEDS_SURVEY.has(c.toPlannedUse) && c.status !== 'REJECTED' && !completed.has(c.parcelId))
      .sort((a, b) => compare(b.proposedOn, a.proposedOn) || compare(b.id, a.id))
      .map((c) => {
        const open = environment.soilSurveys.filter((s) => s.parcelId === c.parcelId && s.completedOn === null).sort((a, b) => compare(b.startedOn, a.startedOn) || compare(b.id, a.id))[0];
        return { change: { id: c.id, toPlannedUse: c.toPlannedUse, status: c.status, proposedOn: c.proposedOn }, parcel: { id: c.parcelId }, surveyInProgress: open ? { id: open.id } : null };
      });
    expect(listed).toEqual(expected);
    expect(totalCount).toBe(expected.length);
    // More than one page, so the cursors were followed through the gateway.
    expect(expected.length).toBeGreaterThan(5);
    // Some sensitive changes do have a completed survey, and they are left out.
    expect(planning.landUseChanges.some((c) => NEEDS_SURVEY.has(c.toPlannedUse) && completed.has(c.parcelId))).toBe(true);
  });
});

/** domain.md, GB 36600-2018: screening and intervention values, class 1 and class 2, for the analytes the demo surveys measure. */
const GB_36600: Record<string, { screening: [number, number]; intervention: [number, number] }> = {
  ARSENIC: { screening: [20, 60], intervention: [120, 140] },
  CADMIUM: { screening: [20, 65], intervention: [47, 172] },
  COPPER: { screening: [2000, 18000], intervention: [8000, 36000] },
  LEAD: { screening: [400, 800], intervention: [800, 2500] },
  MERCURY: { screening: [8, 38], intervention: [33, 82] },
  NICKEL: { screening: [150, 900], intervention: [600, 2000] },
  BENZO_A_PYRENE: { screening: [0.55, 1.5], intervention: [5.5, 15] },
  PETROLEUM_HYDROCARBONS_C10_C40: { screening: [826, 4500], intervention: [5000, 9000] },
};
/** domain.md: class 1 for residential, schools, medical, social welfare and community parks; class 2 for the rest of construction land. */
const constructionClass = (plannedUse: string | null) => (plannedUse !== null && (plannedUse.startsWith('R') || ['A33', 'A5', 'A6', 'G1'].includes(plannedUse)) ? 0 : 1);
const LEVELS = ['NEGLIGIBLE', 'POSSIBLE', 'HIGH'];

describe('question 5: a contaminated site, its assessment, the negative list and its remediation status', () => {
  it('answers for every site of the registry', async () => {
    const { data, errors } = await gateway(`{ contaminatedSites(first: 100) { edges { node { id status statusSince listed history { status changedOn }
      restrictions { forbiddenPlannedUses violatedByPlannedUse } assessment { surveyYear riskLevel } } } } }`);
    expect(errors).toBeUndefined();
    const sites = data!.contaminatedSites.edges.map((e: any) => e.node);
    expect(sites.map((s: any) => s.id)).toEqual(environment.contaminatedSites.map((s) => s.id).sort());
    for (const answer of sites) {
      const site = environment.contaminatedSites.find((s) => s.id === answer.id)!;
      const parcel = parcelById.get(site.parcelId)!;
      const plannedUse = parcel.plannedUse ?? null;
      const history = environment.siteStatusChanges.filter((c) => c.siteId === site.id).sort((a, b) => compare(a.changedOn, b.changedOn));
      expect(answer.history, site.id).toEqual(history.map((c) => ({ status: c.status, changedOn: c.changedOn })));
      expect([answer.status, answer.statusSince], site.id).toEqual([history.at(-1)!.status, history.at(-1)!.changedOn]);
      const listed = ['LISTED', 'UNDER_CONTROL', 'UNDER_REMEDIATION', 'REMEDIATED'].includes(site.status);
      expect(answer.listed, site.id).toBe(listed);
      // The negative list: no residential (R) or public administration and services (A) use while listed.
      const barred = answer.restrictions.find((r: any) => r.forbiddenPlannedUses.includes('R'));
      expect(barred?.violatedByPlannedUse ?? false, site.id).toBe(listed && plannedUse !== null && /^[RA]/.test(plannedUse));
      if (!listed) expect(answer.restrictions).toEqual([]);
      // The assessment: the latest year a survey sampled the parcel, GB 36600 with the class from the planned use.
      const surveyed = environment.samples.filter((s) => s.parcelId === site.parcelId && s.pointId === null);
      if (surveyed.length === 0) {
        expect(answer.assessment, site.id).toBeNull();
        continue;
      }
      const year = Math.max(...surveyed.map((s) => Number(s.sampledOn.slice(0, 4))));
      const landClass = constructionClass(plannedUse);
      const background = geology.backgroundValues.find((b) => b.districtCode === site.districtCode && b.analyte === 'ARSENIC')?.p95MgPerKg ?? 0;
      let worst = 0;
      for (const sample of surveyed.filter((s) => s.sampledOn.startsWith(String(year)))) {
        for (const m of environment.measurements.filter((m) => m.sampleId === sample.id && m.valueMgPerKg !== null && m.qualityFlag !== 'REJECTED')) {
          const row = GB_36600[m.analyte];
          if (!row || (m.analyte === 'ARSENIC' && m.valueMgPerKg! <= background)) continue;
          const level = m.valueMgPerKg! > row.intervention[landClass]! ? 2 : m.valueMgPerKg! > row.screening[landClass]! ? 1 : 0;
          worst = Math.max(worst, level);
        }
      }
      expect(answer.assessment, site.id).toEqual({ surveyYear: year, riskLevel: LEVELS[worst] });
    }
    // The demo holds listed sites that break the negative list, and sites found at high risk.
    expect(sites.some((s: any) => s.restrictions.some((r: any) => r.violatedByPlannedUse))).toBe(true);
    expect(sites.some((s: any) => s.assessment?.riskLevel === 'HIGH')).toBe(true);
  });
});
