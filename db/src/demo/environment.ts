import { type Analyte, BEIJING_DISTRICTS, requiresSoilSurvey } from '@soilgraph/domain';
import { geometriesIntersect } from '@soilgraph/geo';
import type { Point, Polygon } from 'geojson';
import type { Database } from '../client.ts';
import {
  type ContaminatedSiteRow,
  contaminatedSites,
  type EnterpriseRow,
  enterprises,
  type MeasurementRow,
  measurements,
  type MonitoringPointRow,
  type MonitoringPurpose,
  monitoringPoints,
  type NetworkLevel,
  type QualityFlag,
  type SiteStatus,
  type SiteStatusChangeRow,
  siteStatusChanges,
  type SoilSampleRow,
  soilSamples,
  type SoilSurveyRow,
  soilSurveys,
  type SurveyConclusion,
  type SurveyStage,
} from '../environment/index.ts';
import { DISTRICT_PROFILES } from './geography.ts';
import { insertInChunks } from './insert.ts';
import type { PlanningDemo } from './planning.ts';
import { createRandom, type Random, round } from './random.ts';
import type { WaterDemo } from './water.ts';

type Plain<T> = Omit<T, 'createdAt' | 'updatedAt'>;

/** Rows as seeded; tests read them as the answer key (every column present). */
export interface EnvironmentDemo {
  points: Plain<MonitoringPointRow>[];
  samples: Plain<SoilSampleRow>[];
  measurements: Plain<MeasurementRow>[];
  enterprises: Plain<EnterpriseRow>[];
  /** The contaminated-site registry (plan items 16-18). */
  contaminatedSites: Plain<ContaminatedSiteRow>[];
  /** Every registry site's status history, each site's changes oldest first. */
  siteStatusChanges: Plain<SiteStatusChangeRow>[];
  /** Soil surveys of registry sites and of parcels changing to a sensitive use, by parcel, oldest first. */
  soilSurveys: Plain<SoilSurveyRow>[];
}

type PointRow = EnvironmentDemo['points'][number];
type SampleRow = EnvironmentDemo['samples'][number];
type MeasurementDemoRow = EnvironmentDemo['measurements'][number];
type EnterpriseDemoRow = EnvironmentDemo['enterprises'][number];
type ParcelRow = PlanningDemo['parcels'][number];

/** Points per district and network level (times scale): plan item 2's three-level network. */
const POINTS_PER_LEVEL: Readonly<Record<NetworkLevel, number>> = { NATIONAL: 1, MUNICIPAL: 2, DISTRICT: 3 };
const LEVEL_CODES: Readonly<Record<NetworkLevel, string>> = { NATIONAL: 'GK', MUNICIPAL: 'SK', DISTRICT: 'QK' };
const LEVEL_NAMES: Readonly<Record<NetworkLevel, string>> = { NATIONAL: 'national', MUNICIPAL: 'municipal', DISTRICT: 'district' };
const PURPOSE_NAMES: Readonly<Record<MonitoringPurpose, string>> = {
  FARMLAND: 'farmland',
  CONSTRUCTION_LAND: 'construction land',
  WATER_SOURCE: 'water source',
};
/** Years the network was set up, per level. */
const ESTABLISHED: Readonly<Record<NetworkLevel, readonly [number, number]>> = {
  NATIONAL: [2014, 2015],
  MUNICIPAL: [2015, 2016],
  DISTRICT: [2016, 2018],
};
const FIRST_SAMPLING_YEAR = 2016;
const LAST_SAMPLING_YEAR = 2024;
/** Farmland parcels (GB/T 21010 01) with elevated cadmium, times scale. */
const CADMIUM_HOT_SPOTS = 6;
const ENTERPRISES_PER_DISTRICT = 2;

const LABS = [
  'Beijing Municipal Environmental Monitoring Center laboratory (synthetic)',
  'Beijing Soil and Fertiliser Testing Laboratory (synthetic)',
  'North China Environmental Analysis Co. laboratory (synthetic)',
] as const;
const PH_METHOD = 'HJ 962-2018';

interface AnalyteSpec {
  analyte: Analyte;
  /** Beijing-like topsoil background median, mg/kg. */
  median: number;
  /** Geometric standard deviation of the log-normal spread. */
  spread: number;
  /** Decimals the lab reports. */
  decimals: number;
  detectionLimit: number;
  method: string;
}

/** The eight metals every sample is analysed for, with the methods of domain.md. */
const METALS: readonly AnalyteSpec[] = [
  { analyte: 'CADMIUM', median: 0.12, spread: 1.5, decimals: 3, detectionLimit: 0.01, method: 'GB/T 17141-1997' },
  { analyte: 'MERCURY', median: 0.06, spread: 1.8, decimals: 3, detectionLimit: 0.002, method: 'GB/T 22105-2008' },
  { analyte: 'ARSENIC', median: 9, spread: 1.4, decimals: 2, detectionLimit: 0.01, method: 'GB/T 22105-2008' },
  { analyte: 'LEAD', median: 24, spread: 1.4, decimals: 1, detectionLimit: 0.1, method: 'GB/T 17141-1997' },
  { analyte: 'CHROMIUM', median: 60, spread: 1.3, decimals: 1, detectionLimit: 4, method: 'HJ 491-2019' },
  { analyte: 'COPPER', median: 22, spread: 1.4, decimals: 1, detectionLimit: 1, method: 'HJ 491-2019' },
  { analyte: 'NICKEL', median: 27, spread: 1.3, decimals: 1, detectionLimit: 3, method: 'HJ 491-2019' },
  { analyte: 'ZINC', median: 70, spread: 1.4, decimals: 1, detectionLimit: 1, method: 'HJ 491-2019' },
];

/** Organic pollutants analysed on industrial parcels (GB/T 21010 06) only. */
const INDUSTRIAL_ORGANICS: readonly AnalyteSpec[] = [
  { analyte: 'BENZO_A_PYRENE', median: 0.08, spread: 3, decimals: 3, detectionLimit: 0.005, method: 'HJ 784-2016' },
  { analyte: 'PETROLEUM_HYDROCARBONS_C10_C40', median: 90, spread: 2.5, decimals: 0, detectionLimit: 6, method: 'HJ 1021-2019' },
];

/** Key supervised industries for soil pollution, with the word a company name uses. */
const INDUSTRIES = [
  ['nonferrous metal smelting', 'Nonferrous Metals'],
  ['chemical manufacturing', 'Chemical'],
  ['electroplating', 'Electroplating'],
  ['petroleum refining', 'Petrochemical'],
  ['coking', 'Coking'],
  ['pharmaceuticals', 'Pharmaceutical'],
  ['lead-acid batteries', 'Battery'],
  ['hazardous waste disposal', 'Environmental Services'],
] as const;
const COMPANY_WORDS = ['Jinyuan', 'Huaxin', 'Hengtai', 'Beifang', 'Xinghe', 'Dongfang', 'Zhongke', 'Jingxi', 'Yongsheng', 'Ruida'] as const;

/** What a point on a parcel watches, from the parcel's GB/T 21010 land use; undefined for forest, water and other land. */
function purposeOf(landUse: string): MonitoringPurpose | undefined {
  const level1 = Number(landUse.slice(0, 2));
  if (level1 === 1 || level1 === 2 || level1 === 4) return 'FARMLAND';
  if (level1 >= 5 && level1 <= 10) return 'CONSTRUCTION_LAND';
  return undefined;
}

const isIndustrial = (parcel: ParcelRow) => parcel.landUse.startsWith('06');

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The rough centre of a parcel: the mean of its ring's distinct vertices. */
function centreOf(polygon: Polygon): [number, number] {
  const ring = polygon.coordinates[0]!.slice(0, -1);
  const lon = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
  return [round(lon, 6), round(lat, 6)];
}

function pointAt(lon: number, lat: number): Point {
  return { type: 'Point', coordinates: [lon, lat] };
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Farmland parcels (GB/T 21010 01) that get cadmium between 0.3 and 1.2 mg/kg: first those
 * intersecting a level 1 or level 2 drinking-water protection zone, then any farmland.
 */
function cadmiumHotSpots(random: Random, planning: PlanningDemo, water: WaterDemo, count: number): ParcelRow[] {
  const farmland = planning.parcels.filter((p) => p.landUse.startsWith('01'));
  const innerZones = water.zones.filter((z) => z.level === 'LEVEL_1' || z.level === 'LEVEL_2');
  const inZone = (p: ParcelRow) =>
    innerZones.some(
      (z) =>
        z.minLon <= p.maxLon && z.maxLon >= p.minLon && z.minLat <= p.maxLat && z.maxLat >= p.minLat && geometriesIntersect(z.geometry, p.geometry),
    );
  const protectedFarmland = farmland.filter(inZone);
  const otherFarmland = farmland.filter((p) => !protectedFarmland.includes(p));
  return [...shuffled(random, protectedFarmland), ...shuffled(random, otherFarmland)].slice(0, count);
}

/** Builds the rows of one agency's network: serials per district, codes per district and level. */
class NetworkBuilder {
  readonly points: PointRow[] = [];
  private readonly serials = new Map<string, number>();

  constructor(private readonly random: Random) {}

  private next(key: string): number {
    const n = (this.serials.get(key) ?? 0) + 1;
    this.serials.set(key, n);
    return n;
  }

  add(spec: {
    level: NetworkLevel;
    purpose: MonitoringPurpose;
    districtCode: string;
    parcelId: string | null;
    waterSourceId: string | null;
    at: readonly [number, number];
  }): PointRow {
    const serial = String(this.next(spec.districtCode)).padStart(3, '0');
    const levelSerial = String(this.next(`${spec.districtCode}:${spec.level}`)).padStart(2, '0');
    const id = `MP-${spec.districtCode}-${serial}`;
    const district = BEIJING_DISTRICTS.find((d) => d.code === spec.districtCode)!;
    const [fromYear, toYear] = ESTABLISHED[spec.level];
    const [lon, lat] = spec.at;
    const point: PointRow = {
      id,
      externalId: `demo-environment-${id}`,
      code: `${LEVEL_CODES[spec.level]}-${spec.districtCode}-${levelSerial}`,
      name: `${district.name} ${LEVEL_NAMES[spec.level]} ${PURPOSE_NAMES[spec.purpose]} monitoring point ${levelSerial} (synthetic)`,
      level: spec.level,
      purpose: spec.purpose,
      districtCode: spec.districtCode,
      parcelId: spec.parcelId,
      waterSourceId: spec.waterSourceId,
      location: pointAt(lon, lat),
      lon,
      lat,
      establishedOn: isoDate(this.random.int(fromYear, toYear), this.random.int(1, 12), this.random.int(1, 28)),
    };
    this.points.push(point);
    return point;
  }
}

/** The network on planning's parcels: 1 national, 2 municipal and 3 district points per district (times scale). */
function parcelPoints(random: Random, network: NetworkBuilder, planning: PlanningDemo, scale: number): void {
  for (const district of BEIJING_DISTRICTS) {
    const candidates = shuffled(
      random,
      planning.parcels.filter((p) => p.districtCode === district.code && purposeOf(p.landUse) !== undefined),
    );
    if (candidates.length === 0) continue;
    let used = 0;
    for (let pass = 0; pass < scale; pass++) {
      for (const level of ['NATIONAL', 'MUNICIPAL', 'DISTRICT'] as const) {
        for (let k = 0; k < POINTS_PER_LEVEL[level]; k++) {
          const parcel = candidates[used % candidates.length]!;
          // A parcel hosting a second point gets it a little off its centre.
          const offset = Math.floor(used / candidates.length) * 0.0004;
          used++;
          const [lon, lat] = centreOf(parcel.geometry);
          network.add({
            level,
            purpose: purposeOf(parcel.landUse)!,
            districtCode: district.code,
            parcelId: parcel.id,
            waterSourceId: null,
            at: [round(lon + offset, 6), lat],
          });
        }
      }
    }
  }
}

/** One municipal point per drinking-water source, at its location, on the parcel it falls in (if any). */
function waterSourcePoints(network: NetworkBuilder, planning: PlanningDemo, water: WaterDemo): void {
  for (const source of water.sources) {
    const [lon, lat] = source.location.coordinates as [number, number];
    const parcel = planning.parcels.find(
      (p) => p.minLon <= lon && p.maxLon >= lon && p.minLat <= lat && p.maxLat >= lat && geometriesIntersect(source.location, p.geometry),
    );
    network.add({
      level: 'MUNICIPAL',
      purpose: 'WATER_SOURCE',
      districtCode: source.districtCode,
      parcelId: parcel?.id ?? null,
      waterSourceId: source.id,
      at: [lon, lat],
    });
  }
}

/** Sampling years for a point: 2-4 distinct years after it was established, oldest first. */
function samplingYears(random: Random, establishedOn: string | null): number[] {
  const established = establishedOn === null ? FIRST_SAMPLING_YEAR - 1 : Number(establishedOn.slice(0, 4));
  const years: number[] = [];
  for (let y = Math.max(FIRST_SAMPLING_YEAR, established + 1); y <= LAST_SAMPLING_YEAR; y++) years.push(y);
  return shuffled(random, years)
    .slice(0, random.int(2, 4))
    .sort((a, b) => a - b);
}

function qualityFlag(random: Random): QualityFlag {
  return random.weighted<QualityFlag>([
    ['VALID', 97.5],
    ['ESTIMATED', 2],
    ['REJECTED', 0.5],
  ]);
}

/** Multipliers of the background median on a parcel: industrial parcels carry lead, cadmium and chromium. */
type Elevation = Partial<Record<Analyte, number>>;

function measurement(random: Random, sample: SampleRow, analysedOn: string, spec: AnalyteSpec, value: number | null): MeasurementDemoRow {
  const reported = value === null ? null : round(value, spec.decimals);
  const below = reported === null || reported < spec.detectionLimit;
  return {
    sampleId: sample.id,
    analyte: spec.analyte,
    valueMgPerKg: below ? null : reported,
    belowDetectionLimit: below,
    detectionLimitMgPerKg: spec.detectionLimit,
    method: spec.method,
    analysedOn,
    qualityFlag: below ? 'VALID' : qualityFlag(random),
  };
}

function sampleMeasurements(
  random: Random,
  sample: SampleRow,
  elevation: Elevation,
  hotCadmium: number | undefined,
  industrial: boolean,
): MeasurementDemoRow[] {
  const rows: MeasurementDemoRow[] = [];
  // The lab analyses a sample's batch together, one to six weeks after sampling.
  const analysedOn = addDays(sample.sampledOn, random.int(7, 40));
  for (const spec of [...METALS, ...(industrial ? INDUSTRIAL_ORGANICS : [])]) {
    if (spec.analyte === 'CADMIUM' && hotCadmium !== undefined) {
      const cd = Math.min(1.2, Math.max(0.3, random.logNormal(hotCadmium, 1.15)));
      rows.push(measurement(random, sample, analysedOn, spec, cd));
      continue;
    }
    // About 3% of results come back below the detection limit.
    const value = random.chance(0.03) ? null : random.logNormal(spec.median * (elevation[spec.analyte] ?? 1), spec.spread);
    rows.push(measurement(random, sample, analysedOn, spec, value));
  }
  return rows;
}

function samplePh(random: Random): number | null {
  if (random.chance(0.05)) return null;
  // Beijing soils are mostly alkaline; a few are neutral to slightly acidic.
  return random.chance(0.85) ? round(random.between(7.0, 8.5), 2) : round(random.between(5.8, 7.0), 2);
}

function samplesAt(
  random: Random,
  point: PointRow,
  elevation: Elevation,
  hotCadmium: number | undefined,
  industrial: boolean,
): { samples: SampleRow[]; measurements: MeasurementDemoRow[] } {
  const samples: SampleRow[] = [];
  const rows: MeasurementDemoRow[] = [];
  samplingYears(random, point.establishedOn).forEach((year, i) => {
    const id = `${point.id.replace(/^MP-/, 'SS-')}-${String(i + 1).padStart(2, '0')}`;
    const ph = samplePh(random);
    const sample: SampleRow = {
      id,
      externalId: `demo-environment-${id}`,
      pointId: point.id,
      parcelId: point.parcelId,
      districtCode: point.districtCode,
      sampledOn: isoDate(year, random.int(4, 10), random.int(1, 28)),
      depthTopCm: 0,
      depthBottomCm: 20,
      ph,
      phMethod: ph === null ? null : PH_METHOD,
      lab: random.pick(LABS),
      // Samples are taken within a few metres of the point.
      location: pointAt(round(point.lon + random.between(-0.0002, 0.0002), 6), round(point.lat + random.between(-0.0002, 0.0002), 6)),
    };
    samples.push(sample);
    rows.push(...sampleMeasurements(random, sample, elevation, hotCadmium, industrial));
  });
  return { samples, measurements: rows };
}

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORGANISATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714-1997 organisation code: eight characters and a check character. */
function organisationCode(random: Random): string {
  const body = Array.from({ length: 8 }, () => String(random.int(0, 9))).join('');
  const sum = [...body].reduce((s, c, i) => s + Number(c) * ORGANISATION_CODE_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

/** GB 32100-2015 unified social credit code: 9 (industry and commerce), 1 (enterprise), district, organisation code, check. */
function creditCode(random: Random, districtCode: string): string {
  const body = `91${districtCode}${organisationCode(random)}`;
  const sum = [...body].reduce((s, c, i) => s + CREDIT_CODE_CHARS.indexOf(c) * CREDIT_CODE_WEIGHTS[i]!, 0);
  return body + CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
}

/** About two key supervised enterprises per non-core district (times scale), on its industrial parcels. */
function supervisedEnterprises(random: Random, planning: PlanningDemo, scale: number): EnterpriseDemoRow[] {
  const rows: EnterpriseDemoRow[] = [];
  const codes = new Set<string>();
  for (const district of BEIJING_DISTRICTS) {
    if (DISTRICT_PROFILES[district.code] === 'core') continue;
    const sites = shuffled(random, planning.parcels.filter((p) => p.districtCode === district.code && isIndustrial(p)));
    if (sites.length === 0) continue;
    for (let n = 0; n < ENTERPRISES_PER_DISTRICT * scale; n++) {
      const parcel = sites[n % sites.length]!;
      const offset = Math.floor(n / sites.length) * 0.0005;
      let code = creditCode(random, district.code);
      while (codes.has(code)) code = creditCode(random, district.code);
      codes.add(code);
      const [industry, noun] = parcel.landUse === '0602' ? (['nonferrous metal mining', 'Mining'] as const) : random.pick(INDUSTRIES);
      const [lon, lat] = centreOf(parcel.geometry);
      const at: [number, number] = [round(lon, 6), round(lat + offset, 6)];
      rows.push({
        creditCode: code,
        externalId: `demo-environment-${code}`,
        name: `${district.name} ${random.pick(COMPANY_WORDS)} ${noun} Co., Ltd. (synthetic)`,
        industry,
        districtCode: district.code,
        parcelId: parcel.id,
        location: pointAt(...at),
        lon: at[0],
        lat: at[1],
        supervisedSince: random.int(2017, 2021),
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The contaminated-site registry and soil surveys (plan items 16-18). Their own random stream,
// so the network, samples and enterprises above stay as they were.
// ---------------------------------------------------------------------------------------------

type SiteDemoRow = EnvironmentDemo['contaminatedSites'][number];
type StatusChangeDemoRow = EnvironmentDemo['siteStatusChanges'][number];
type SurveyDemoRow = EnvironmentDemo['soilSurveys'][number];
type LandUseChangeDemoRow = PlanningDemo['landUseChanges'][number];

/** Registry sites per three districts (times scale). */
const SITES_PER_THREE_DISTRICTS = 1.5;
/** The registry's demo period: from Beijing's 2016 work plan to the demo's last day. */
const REGISTRY_FROM = '2016-06-01';
const REGISTRY_TO = '2025-06-30';
/**
 * The status each site ends in, dealt in this order. Listed statuses come first and the parcels
 * planned for residential (R) or public administration and services (A) use are dealt first,
 * so those sites end on the list and break the negative list (plan item 18).
 */
const FINAL_STATUSES: readonly SiteStatus[] = ['LISTED', 'UNDER_REMEDIATION', 'UNDER_CONTROL', 'SUSPECTED', 'SURVEYED', 'REMEDIATED', 'REASSESSED'];
/** Planned-use classes (GB 50137 first letter) a listed site may not be used for. */
const USES_BARRED_WHILE_LISTED = ['R', 'A'] as const;
/** What the registry records for an industrial parcel without a supervised enterprise, by GB/T 21010 code. */
const FORMER_ACTIVITIES: Readonly<Record<string, readonly string[]>> = {
  '0601': ['chemical manufacturing', 'electroplating', 'coking', 'pharmaceuticals', 'lead-acid batteries'],
  '0602': ['nonferrous metal mining'],
  '0604': ['chemical warehousing', 'petroleum storage'],
};
const SURVEY_REPORTS: Readonly<Record<SurveyStage, string>> = {
  PRELIMINARY: 'Preliminary soil survey report',
  DETAILED: 'Detailed soil survey report',
  RISK_ASSESSMENT: 'Soil risk assessment report',
  EFFECT_EVALUATION: 'Effect evaluation report',
};
const STATUS_DOCUMENTS: Readonly<Record<SiteStatus, string>> = {
  SUSPECTED: 'Suspected-site screening notice',
  SURVEYED: 'Survey report review opinion (no listing needed)',
  LISTED: 'Contaminated-site list update, entry',
  UNDER_CONTROL: 'Risk control plan filing',
  UNDER_REMEDIATION: 'Remediation plan filing',
  REMEDIATED: 'Remediation completion report',
  REASSESSED: 'Effect evaluation review opinion (removed from the list)',
};

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** A site's path relative to its first day (day 0): status changes and surveys. */
interface Timeline {
  changes: { status: SiteStatus; day: number }[];
  surveys: { stage: SurveyStage; startDay: number; completeDay: number | null; conclusion: SurveyConclusion | null }[];
}

/**
 * A plausible path to `status`: SUSPECTED, then the surveys (preliminary, detailed, risk
 * assessment) and either SURVEYED (below screening, or risk acceptable) or LISTED, then control
 * or remediation, REMEDIATED, and after an effect evaluation that met its targets REASSESSED.
 */
function timelineTo(random: Random, status: SiteStatus): Timeline {
  const timeline: Timeline = { changes: [{ status: 'SUSPECTED', day: 0 }], surveys: [] };
  let day = 0;
  const change = (next: SiteStatus, [min, max]: readonly [number, number]) => {
    day += random.int(min, max);
    timeline.changes.push({ status: next, day });
  };
  const survey = (stage: SurveyStage, conclusion: SurveyConclusion | null, [min, max]: readonly [number, number]) => {
    const startDay = day + random.int(10, 90);
    const completeDay = conclusion === null ? null : startDay + random.int(min, max);
    timeline.surveys.push({ stage, startDay, completeDay, conclusion });
    day = completeDay ?? startDay;
  };
  const listed = () => {
    survey('PRELIMINARY', 'ABOVE_SCREENING', [60, 150]);
    survey('DETAILED', 'ABOVE_SCREENING', [90, 200]);
    survey('RISK_ASSESSMENT', 'RISK_UNACCEPTABLE', [60, 120]);
    change('LISTED', [20, 60]);
  };
  switch (status) {
    case 'SUSPECTED':
      if (random.chance(0.7)) survey('PRELIMINARY', null, [0, 0]);
      break;
    case 'SURVEYED':
      if (random.chance(0.5)) {
        survey('PRELIMINARY', 'BELOW_SCREENING', [60, 150]);
      } else {
        survey('PRELIMINARY', 'ABOVE_SCREENING', [60, 150]);
        survey('DETAILED', 'ABOVE_SCREENING', [90, 200]);
        survey('RISK_ASSESSMENT', 'RISK_ACCEPTABLE', [60, 120]);
      }
      change('SURVEYED', [15, 60]);
      break;
    case 'LISTED':
      listed();
      break;
    case 'UNDER_CONTROL':
    case 'UNDER_REMEDIATION':
      listed();
      change(status, [60, 200]);
      break;
    case 'REMEDIATED':
      listed();
      change('UNDER_REMEDIATION', [60, 200]);
      change('REMEDIATED', [300, 700]);
      if (random.chance(0.6)) survey('EFFECT_EVALUATION', null, [0, 0]);
      break;
    case 'REASSESSED':
      listed();
      if (random.chance(0.5)) {
        change('UNDER_CONTROL', [60, 200]);
        day += random.int(300, 600);
      } else {
        change('UNDER_REMEDIATION', [60, 200]);
        change('REMEDIATED', [300, 700]);
      }
      survey('EFFECT_EVALUATION', 'TARGETS_MET', [60, 150]);
      change('REASSESSED', [15, 60]);
      break;
  }
  return timeline;
}

/** Industrial parcels (GB/T 21010 06) and parcels of supervised enterprises, those planned for a use barred while listed first. */
function siteParcels(random: Random, planning: PlanningDemo, enterpriseRows: readonly EnterpriseDemoRow[], count: number): ParcelRow[] {
  const enterpriseParcels = new Set(enterpriseRows.map((e) => e.parcelId));
  const candidates = planning.parcels.filter((p) => isIndustrial(p) || enterpriseParcels.has(p.id));
  const barred = (p: ParcelRow) => p.plannedUse != null && USES_BARRED_WHILE_LISTED.some((c) => p.plannedUse!.startsWith(c));
  return [...shuffled(random, candidates.filter(barred)), ...shuffled(random, candidates.filter((p) => !barred(p)))].slice(0, count);
}

/** Numbers a document or report: its year and a running number. */
class DocumentNumbers {
  private n = 0;
  constructor(private readonly random: Random) {}
  next(date: string): string {
    this.n += this.random.int(1, 40);
    return `${date.slice(0, 4)}-${String(this.n).padStart(4, '0')}`;
  }
}

/**
 * About one or two registry sites per three districts (times scale) on industrial parcels and
 * parcels of supervised enterprises, spread over every status with matching status histories
 * and surveys; the site's status and statusSince are its newest change.
 */
function registrySites(
  random: Random,
  planning: PlanningDemo,
  enterpriseRows: readonly EnterpriseDemoRow[],
  scale: number,
  numbers: DocumentNumbers,
): { sites: SiteDemoRow[]; changes: StatusChangeDemoRow[]; surveys: Omit<SurveyDemoRow, 'id' | 'externalId'>[] } {
  const count = Math.round((BEIJING_DISTRICTS.length * scale * SITES_PER_THREE_DISTRICTS) / 3);
  const parcels = siteParcels(random, planning, enterpriseRows, count);
  const drafts = parcels.map((parcel, i) => {
    const status = FINAL_STATUSES[i % FINAL_STATUSES.length]!;
    const timeline = timelineTo(random, status);
    const span = Math.max(...timeline.changes.map((c) => c.day), ...timeline.surveys.map((s) => s.completeDay ?? s.startDay));
    // A site still suspected, or with a survey under way, saw its last step in the period's final year and a half.
    const latest = dayNumber(REGISTRY_TO) - dayNumber(REGISTRY_FROM) - span;
    const recent = status === 'SUSPECTED' || timeline.surveys.some((s) => s.completeDay === null);
    const firstDay = addDays(REGISTRY_FROM, random.int(recent ? Math.max(0, latest - 540) : 0, latest));
    const onsite = enterpriseRows.filter((e) => e.parcelId === parcel.id);
    const enterprise = onsite.length === 0 ? null : random.pick(onsite);
    const formerActivity = enterprise?.industry ?? random.pick(FORMER_ACTIVITIES[parcel.landUse] ?? FORMER_ACTIVITIES['0601']!);
    return { parcel, timeline, firstDay, enterprise, formerActivity };
  });
  drafts.sort((a, b) => (a.parcel.id < b.parcel.id ? -1 : a.parcel.id > b.parcel.id ? 1 : 0));

  const sites: SiteDemoRow[] = [];
  const changes: StatusChangeDemoRow[] = [];
  const surveys: Omit<SurveyDemoRow, 'id' | 'externalId'>[] = [];
  const serials = new Map<string, number>();
  for (const { parcel, timeline, firstDay, enterprise, formerActivity } of drafts) {
    const serial = (serials.get(parcel.districtCode) ?? 0) + 1;
    serials.set(parcel.districtCode, serial);
    const id = `CS-${parcel.districtCode}-${String(serial).padStart(2, '0')}`;
    const district = BEIJING_DISTRICTS.find((d) => d.code === parcel.districtCode)!;
    const history = timeline.changes.map((c, i) => {
      const changedOn = addDays(firstDay, c.day);
      const changeId = `${id}-${String(i + 1).padStart(2, '0')}`;
      return {
        id: changeId,
        externalId: `demo-environment-${changeId}`,
        siteId: id,
        status: c.status,
        changedOn,
        document: `${STATUS_DOCUMENTS[c.status]} ${numbers.next(changedOn)} (synthetic)`,
      };
    });
    const newest = history.at(-1)!;
    sites.push({
      id,
      externalId: `demo-environment-${id}`,
      name: `${district.name} ${formerActivity} site on parcel ${parcel.id.slice(-4)} (synthetic)`,
      districtCode: parcel.districtCode,
      parcelId: parcel.id,
      enterpriseCreditCode: enterprise?.creditCode ?? null,
      formerActivity,
      status: newest.status,
      statusSince: newest.changedOn,
    });
    changes.push(...history);
    for (const s of timeline.surveys) {
      const startedOn = addDays(firstDay, s.startDay);
      const completedOn = s.completeDay === null ? null : addDays(firstDay, s.completeDay);
      surveys.push({
        parcelId: parcel.id,
        districtCode: parcel.districtCode,
        stage: s.stage,
        startedOn,
        completedOn,
        conclusion: s.conclusion,
        report: `${SURVEY_REPORTS[s.stage]} ${numbers.next(completedOn ?? startedOn)} (synthetic)`,
      });
    }
  }
  return { sites, changes, surveys };
}

/**
 * Preliminary surveys for planning's changes to a sensitive use (requiresSoilSurvey, not
 * rejected) on parcels outside the registry: about half completed (below screening) before the
 * change was proposed, about a quarter still in progress, none for the rest (plan item 17's gaps).
 */
function changeSurveys(random: Random, changes: readonly LandUseChangeDemoRow[], registryParcels: ReadonlySet<string>, numbers: DocumentNumbers) {
  const seen = new Set<string>();
  const sensitive = changes.filter((c) => {
    if (!requiresSoilSurvey(c.toPlannedUse) || c.status === 'REJECTED' || registryParcels.has(c.parcelId) || seen.has(c.parcelId)) return false;
    seen.add(c.parcelId);
    return true;
  });
  const order = shuffled(random, sensitive);
  const completed = Math.round(order.length / 2);
  const inProgress = Math.round(order.length / 4);
  const surveys: Omit<SurveyDemoRow, 'id' | 'externalId'>[] = [];
  for (const [i, change] of order.slice(0, completed + inProgress).entries()) {
    const base = { parcelId: change.parcelId, districtCode: change.districtCode, stage: 'PRELIMINARY' as const };
    if (i < completed) {
      const completedOn = addDays(change.proposedOn, -random.int(15, 120));
      const startedOn = addDays(completedOn, -random.int(45, 150));
      surveys.push({ ...base, startedOn, completedOn, conclusion: 'BELOW_SCREENING', report: `${SURVEY_REPORTS.PRELIMINARY} ${numbers.next(completedOn)} (synthetic)` });
    } else {
      const from = Math.max(dayNumber(change.proposedOn) - 90, dayNumber('2024-01-01'));
      const startedOn = addDays(REGISTRY_TO, -random.int(0, Math.max(0, dayNumber(REGISTRY_TO) - from)));
      surveys.push({ ...base, startedOn, completedOn: null, conclusion: null, report: `${SURVEY_REPORTS.PRELIMINARY} ${numbers.next(startedOn)} (synthetic)` });
    }
  }
  return surveys;
}

/** Survey ids SV-<parcel id>-<serial>, the serial counting each parcel's surveys by start day. */
function numberSurveys(drafts: readonly Omit<SurveyDemoRow, 'id' | 'externalId'>[]): SurveyDemoRow[] {
  const sorted = [...drafts].sort((a, b) => (a.parcelId < b.parcelId ? -1 : a.parcelId > b.parcelId ? 1 : a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0));
  const serials = new Map<string, number>();
  return sorted.map((draft) => {
    const serial = (serials.get(draft.parcelId) ?? 0) + 1;
    serials.set(draft.parcelId, serial);
    const id = `SV-${draft.parcelId}-${String(serial).padStart(2, '0')}`;
    return { id, externalId: `demo-environment-${id}`, ...draft };
  });
}

/** The registry and the soil surveys, from planning's parcels and change cases and the supervised enterprises. */
function generateSitesAndSurveys(
  seed: string,
  scale: number,
  planning: PlanningDemo,
  enterpriseRows: readonly EnterpriseDemoRow[],
): Pick<EnvironmentDemo, 'contaminatedSites' | 'siteStatusChanges' | 'soilSurveys'> {
  const random = createRandom(`${seed}:environment:sites`);
  const numbers = new DocumentNumbers(random);
  const registry = registrySites(random, planning, enterpriseRows, scale, numbers);
  const registryParcels = new Set(registry.sites.map((s) => s.parcelId));
  const forChanges = changeSurveys(random, planning.landUseChanges, registryParcels, numbers);
  return { contaminatedSites: registry.sites, siteStatusChanges: registry.changes, soilSurveys: numberSurveys([...registry.surveys, ...forChanges]) };
}

/** What a completed survey found, as multipliers of the background median of the analytes it raised. */
const SURVEY_FINDINGS: readonly Elevation[] = [
  { LEAD: 30, CADMIUM: 220, ARSENIC: 4 },
  { BENZO_A_PYRENE: 40, PETROLEUM_HYDROCARBONS_C10_C40: 30 },
  { CADMIUM: 300, CHROMIUM: 4, NICKEL: 5 },
  { PETROLEUM_HYDROCARBONS_C10_C40: 50, BENZO_A_PYRENE: 15, LEAD: 20 },
];
/** Samples per survey stage: a preliminary survey screens, a detailed one maps the extent. */
const SURVEY_SAMPLES: Readonly<Record<SurveyStage, number>> = { PRELIMINARY: 3, DETAILED: 5, RISK_ASSESSMENT: 0, EFFECT_EVALUATION: 3 };

/**
 * The soil samples behind each completed survey (pointId null: taken in the survey, not at a
 * network point), 0-50 cm, metals and organics: raised well above the screening values where
 * the survey concluded ABOVE_SCREENING (one finding per parcel, the same in its preliminary and
 * detailed surveys), around the background otherwise (below screening, or after remediation).
 * Their own random stream, so every other row stays as it was.
 */
function surveySamples(seed: string, planning: PlanningDemo, surveys: readonly SurveyDemoRow[]): { samples: SampleRow[]; measurements: MeasurementDemoRow[] } {
  const random = createRandom(`${seed}:environment:survey-samples`);
  const parcelsById = new Map(planning.parcels.map((p) => [p.id, p]));
  const findings = new Map<string, Elevation>();
  const samples: SampleRow[] = [];
  const rows: MeasurementDemoRow[] = [];
  for (const survey of surveys) {
    const parcel = parcelsById.get(survey.parcelId);
    if (survey.completedOn === null || parcel === undefined) continue;
    let elevation: Elevation = {};
    if (survey.conclusion === 'ABOVE_SCREENING') {
      elevation = findings.get(parcel.id) ?? random.pick(SURVEY_FINDINGS);
      findings.set(parcel.id, elevation);
    }
    const [lon, lat] = centreOf(parcel.geometry);
    for (let i = 1; i <= SURVEY_SAMPLES[survey.stage]; i++) {
      const id = `${survey.id.replace(/^SV-/, 'SS-')}-${String(i).padStart(2, '0')}`;
      const ph = round(random.between(7.2, 8.4), 2);
      const sample: SampleRow = {
        id,
        externalId: `demo-environment-${id}`,
        pointId: null,
        parcelId: parcel.id,
        districtCode: parcel.districtCode,
        // Sampled in the survey's first weeks.
        sampledOn: addDays(survey.startedOn, random.int(5, 30)),
        depthTopCm: 0,
        depthBottomCm: 50,
        ph,
        phMethod: PH_METHOD,
        lab: random.pick(LABS),
        location: pointAt(round(lon + random.between(-0.0005, 0.0005), 6), round(lat + random.between(-0.0005, 0.0005), 6)),
      };
      samples.push(sample);
      const analysedOn = addDays(sample.sampledOn, random.int(7, 30));
      for (const spec of [...METALS, ...INDUSTRIAL_ORGANICS]) {
        const value = random.logNormal(spec.median * (elevation[spec.analyte] ?? 1), spec.spread);
        rows.push({ ...measurement(random, sample, analysedOn, spec, value), qualityFlag: 'VALID' });
      }
    }
  }
  return { samples, measurements: rows };
}

/**
 * Beijing's soil monitoring, synthetic: the three-level network on planning's parcels, one
 * point per drinking-water source, 2-4 samples per point (2016-2024, 0-20 cm) with eight
 * metals around Beijing's background, organics and elevated Pb/Cd/Cr on industrial parcels,
 * a handful of farmland parcels (preferably in level 1 or 2 protection zones) with Cd of
 * 0.3-1.2 mg/kg, key supervised enterprises on industrial parcels, the contaminated-site
 * registry with its histories and surveys, surveys for planning's sensitive-use changes, and
 * the samples each completed survey took.
 */
export function generateEnvironment(seed: string, scale: number, planning: PlanningDemo, water: WaterDemo): EnvironmentDemo {
  const random = createRandom(`${seed}:environment`);
  const network = new NetworkBuilder(random);
  parcelPoints(random, network, planning, scale);

  const hotSpots = new Map(cadmiumHotSpots(random, planning, water, CADMIUM_HOT_SPOTS * scale).map((p) => [p.id, round(random.between(0.45, 0.95), 3)]));
  const pointed = new Set(network.points.map((p) => p.parcelId));
  for (const parcel of planning.parcels.filter((p) => hotSpots.has(p.id) && !pointed.has(p.id))) {
    network.add({ level: 'DISTRICT', purpose: 'FARMLAND', districtCode: parcel.districtCode, parcelId: parcel.id, waterSourceId: null, at: centreOf(parcel.geometry) });
  }
  waterSourcePoints(network, planning, water);

  const parcelsById = new Map(planning.parcels.map((p) => [p.id, p]));
  const elevations = new Map<string, Elevation>();
  const elevationOf = (parcel: ParcelRow | undefined): Elevation => {
    if (parcel === undefined || !isIndustrial(parcel)) return {};
    let elevation = elevations.get(parcel.id);
    if (elevation === undefined) {
      elevation = { LEAD: random.between(2.5, 8), CADMIUM: random.between(3, 10), CHROMIUM: random.between(1.5, 3) };
      elevations.set(parcel.id, elevation);
    }
    return elevation;
  };

  const samples: SampleRow[] = [];
  const rows: MeasurementDemoRow[] = [];
  for (const point of network.points) {
    const parcel = point.parcelId === null ? undefined : parcelsById.get(point.parcelId);
    const hotCadmium = point.parcelId === null ? undefined : hotSpots.get(point.parcelId);
    const built = samplesAt(random, point, elevationOf(parcel), hotCadmium, parcel !== undefined && isIndustrial(parcel));
    samples.push(...built.samples);
    rows.push(...built.measurements);
  }
  const enterpriseRows = supervisedEnterprises(random, planning, scale);
  const registry = generateSitesAndSurveys(seed, scale, planning, enterpriseRows);
  const surveyed = surveySamples(seed, planning, registry.soilSurveys);
  return {
    points: network.points,
    samples: [...samples, ...surveyed.samples],
    measurements: [...rows, ...surveyed.measurements],
    enterprises: enterpriseRows,
    ...registry,
  };
}

export async function seedEnvironment(db: Database, data: EnvironmentDemo): Promise<void> {
  await insertInChunks(db, monitoringPoints, data.points);
  await insertInChunks(db, soilSamples, data.samples);
  await insertInChunks(db, measurements, data.measurements);
  await insertInChunks(db, enterprises, data.enterprises);
  await insertInChunks(db, contaminatedSites, data.contaminatedSites);
  await insertInChunks(db, siteStatusChanges, data.siteStatusChanges);
  await insertInChunks(db, soilSurveys, data.soilSurveys);
}

export async function environmentIsSeeded(db: Database): Promise<boolean> {
  const rows = await db.select({ id: monitoringPoints.id }).from(monitoringPoints).limit(1);
  return rows.length > 0;
}
