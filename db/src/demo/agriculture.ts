import { isEcoConservationDistrict } from '@soilgraph/domain';
import type { Database } from '../client.ts';
import {
  type Crop,
  districtCoverage,
  type FarmlandClass,
  farmlandClassDecisions,
  fertilizerUse,
  type NewDistrictCoverageRow,
  type NewFarmlandClassDecisionRow,
  type NewFertilizerUseRow,
  type NewPesticideUseRow,
  type NewSafeUtilisationRecordRow,
  pesticideUse,
  SAFE_USE_MEASURES,
  type SafeUseMeasure,
  safeUtilisationRecords,
} from '../agriculture/index.ts';
import { DISTRICT_PROFILES } from './geography.ts';
import { insertInChunks } from './insert.ts';
import type { PlanningDemo } from './planning.ts';
import { createRandom, type Random, round } from './random.ts';

/** A row as generated: every column given, timestamps left to the database. */
type Plain<T> = Required<Omit<T, 'createdAt' | 'updatedAt'>>;

/**
 * Contract tests and other generators rely on: every row carries all its columns (nullable
 * ones as null), so the answer key can be computed from these arrays alone.
 */
export interface AgricultureDemo {
  fertilizerUse: Plain<NewFertilizerUseRow>[];
  pesticideUse: Plain<NewPesticideUseRow>[];
  coverage: Plain<NewDistrictCoverageRow>[];
  decisions: Plain<NewFarmlandClassDecisionRow>[];
  safeUtilisation: Plain<NewSafeUtilisationRecordRow>[];
}

/** Years reported, and the plan's baseline and target years (domain.md, "Plan targets"). */
const FIRST_YEAR = 2015;
const LAST_YEAR = 2024;
const TARGET_YEAR = 2020;

type FarmingProfile = 'inner' | 'plain' | 'mountain';

/** Crops grown by district profile, with the 2015 sown area range in hectares. */
const CROP_AREAS: Readonly<Record<FarmingProfile, readonly (readonly [Crop, number, number])[]>> = {
  inner: [
    ['VEGETABLES', 600, 2500],
    ['FRUIT_TREES', 400, 1800],
  ],
  plain: [
    ['WHEAT', 6000, 16000],
    ['MAIZE', 9000, 22000],
    ['VEGETABLES', 4000, 11000],
  ],
  mountain: [
    ['FRUIT_TREES', 8000, 20000],
    ['MAIZE', 4000, 11000],
  ],
};

/** Fangshan keeps a few paddy fields along the Juma river: the only rice, and tiny. */
const RICE_DISTRICT = '110111';
const RICE_AREA = [40, 120] as const;

/** 2015 application rates: kg of pure nutrient per hectare, and kg of active ingredient per hectare. */
const FERTILIZER_KG_PER_HA: Readonly<Record<Crop, number>> = {
  WHEAT: 360,
  MAIZE: 300,
  RICE: 320,
  VEGETABLES: 520,
  FRUIT_TREES: 460,
  OTHER: 250,
};
const PESTICIDE_KG_PER_HA: Readonly<Record<Crop, number>> = {
  WHEAT: 1.6,
  MAIZE: 1.2,
  RICE: 2.2,
  VEGETABLES: 4.2,
  FRUIT_TREES: 5.0,
  OTHER: 1.0,
};

/** Shares of the fertiliser total: nitrogen, phosphate, potash, compound. */
const NUTRIENT_SHARES = [0.45, 0.15, 0.1, 0.3] as const;

/** Ecological conservation districts (domain package): environment-friendly pesticides only from 2019. */
const ECO_ONLY_FROM = 2019;

function farmingProfile(districtCode: string): FarmingProfile | undefined {
  const profile = DISTRICT_PROFILES[districtCode];
  return profile === 'core' || profile === undefined ? undefined : profile;
}

/** Progress from the baseline year (0) to the target year (1), flat before, beyond 1 after. */
function progress(year: number): number {
  return (year - FIRST_YEAR) / (TARGET_YEAR - FIRST_YEAR);
}

/** How a district's totals move against 2015: the reduction reached by 2020 and the drift after it. */
interface Trend {
  reductionBy2020: number;
  reductionPerYearAfter: number;
}

function trendFactor(trend: Trend, year: number): number {
  if (year <= TARGET_YEAR) return 1 - trend.reductionBy2020 * progress(year);
  return 1 - trend.reductionBy2020 - trend.reductionPerYearAfter * (year - TARGET_YEAR);
}

/** A rate rising from `start` (2015) to `reached` at `byYear`, then creeping on towards `ceiling`. */
function rising(start: number, reached: number, byYear: number, ceiling: number, year: number): number {
  if (year <= byYear) return start + ((reached - start) * (year - FIRST_YEAR)) / (byYear - FIRST_YEAR);
  return Math.min(ceiling, reached + ((ceiling - reached) * (year - byYear)) / (LAST_YEAR - byYear));
}

interface DistrictPlan {
  code: string;
  crops: (readonly [Crop, number])[];
  fertilizer: Trend;
  pesticide: Trend;
  fertilizerUtilisation2019: number;
  pesticideUtilisation2020: number;
  soilTesting2020: number;
  pestControl2019: number;
  /** Inner districts only began reporting utilisation rates in 2017. */
  reportsUtilisationFrom: number;
}

function planDistrict(random: Random, code: string, profile: FarmingProfile, lagsFertilizer: boolean, lagsPesticide: boolean): DistrictPlan {
  const crops: (readonly [Crop, number])[] = CROP_AREAS[profile].map(([crop, min, max]) => [crop, round(random.between(min, max), 1)] as const);
  if (code === RICE_DISTRICT) crops.push(['RICE', round(random.between(...RICE_AREA), 1)]);
  return {
    code,
    crops,
    fertilizer: {
      reductionBy2020: lagsFertilizer ? random.between(0.1, 0.16) : random.between(0.22, 0.3),
      reductionPerYearAfter: random.between(0.004, 0.012),
    },
    pesticide: {
      reductionBy2020: lagsPesticide ? random.between(0.06, 0.12) : random.between(0.17, 0.25),
      reductionPerYearAfter: random.between(0.003, 0.01),
    },
    fertilizerUtilisation2019: lagsFertilizer ? random.between(38, 39.4) : random.between(40.4, 42),
    pesticideUtilisation2020: lagsPesticide ? random.between(43, 44.4) : random.between(45.3, 47),
    soilTesting2020: random.between(95, 99.5),
    pestControl2019: random.between(35, 45),
    reportsUtilisationFrom: profile === 'inner' ? 2017 : FIRST_YEAR,
  };
}

/** Multiplicative noise of about ±`spread`. */
function noise(random: Random, spread: number): number {
  return 1 + random.between(-spread, spread);
}

function cropYearRows(random: Random, plan: DistrictPlan, year: number): { fertilizer: AgricultureDemo['fertilizerUse']; pesticide: AgricultureDemo['pesticideUse'] } {
  const fertilizer: AgricultureDemo['fertilizerUse'] = [];
  const pesticide: AgricultureDemo['pesticideUse'] = [];
  const reportsUtilisation = year >= plan.reportsUtilisationFrom;
  const fertilizerRate = rising(35, plan.fertilizerUtilisation2019, 2019, plan.fertilizerUtilisation2019 + 1.5, year);
  const pesticideRate = rising(38, plan.pesticideUtilisation2020, 2020, plan.pesticideUtilisation2020 + 1.5, year);
  const ecoOnly = isEcoConservationDistrict(plan.code) && year >= ECO_ONLY_FROM;
  const friendlyShare = ecoOnly ? 100 : Math.min(95, rising(40, 72, 2020, 90, year) * noise(random, 0.06));
  for (const [crop, area2015] of plan.crops) {
    // Farmland shrinks slowly as the city grows: about 1% of sown area a year.
    const sownAreaHa = round(area2015 * (1 - 0.01 * (year - FIRST_YEAR)) * noise(random, 0.02), 1);
    const fertilizerT = ((area2015 * FERTILIZER_KG_PER_HA[crop]) / 1000) * trendFactor(plan.fertilizer, year) * noise(random, 0.02);
    const [n, p, k, c] = NUTRIENT_SHARES.map((share) => round(fertilizerT * share * noise(random, 0.03), 2)) as [number, number, number, number];
    const pesticideT = ((area2015 * PESTICIDE_KG_PER_HA[crop]) / 1000) * trendFactor(plan.pesticide, year) * noise(random, 0.02);
    const key = `${plan.code}-${year}-${crop}`;
    fertilizer.push({
      id: `FU-${key}`,
      externalId: `demo-agriculture-FU-${key}`,
      districtCode: plan.code,
      year,
      crop,
      sownAreaHa,
      nitrogenT: n,
      phosphateT: p,
      potashT: k,
      compoundT: c,
      utilisationRatePct: reportsUtilisation ? round(fertilizerRate + random.between(-0.4, 0.4), 1) : null,
    });
    pesticide.push({
      id: `PU-${key}`,
      externalId: `demo-agriculture-PU-${key}`,
      districtCode: plan.code,
      year,
      crop,
      activeIngredientT: round(pesticideT, 2),
      environmentFriendlySharePct: round(friendlyShare, 1),
      utilisationRatePct: reportsUtilisation ? round(pesticideRate + random.between(-0.4, 0.4), 1) : null,
    });
  }
  return { fertilizer, pesticide };
}

function coverageRow(random: Random, plan: DistrictPlan, year: number): AgricultureDemo['coverage'][number] {
  const farmland2015 = plan.crops.reduce((sum, [, area]) => sum + area, 0) * 0.8;
  const soilTesting = rising(random.between(84, 90), plan.soilTesting2020, 2020, 99.6, year);
  const pestControl = rising(random.between(18, 26), plan.pestControl2019, 2019, plan.pestControl2019 + 8, year);
  return {
    districtCode: plan.code,
    year,
    externalId: `demo-agriculture-COV-${plan.code}-${year}`,
    soilTestingCoveragePct: round(Math.min(99.9, soilTesting + random.between(-0.3, 0.3)), 1),
    unifiedPestControlCoveragePct: round(pestControl + random.between(-0.5, 0.5), 1),
    farmlandAreaHa: round(farmland2015 * (1 - 0.01 * (year - FIRST_YEAR)), 1),
  };
}

const BASIS: Readonly<Record<FarmlandClass, readonly string[]>> = {
  PRIORITY_PROTECTION: [
    'All analytes at or below the GB 15618-2018 screening values in the detailed farmland survey (synthetic)',
    'Soil below screening values; grain sampled within GB 2762 limits (synthetic)',
  ],
  SAFE_UTILISATION: [
    'Cadmium between the GB 15618-2018 screening and control values; crops within GB 2762 limits with safe-use measures (synthetic)',
    'Lead above the screening value at the field edge; co-monitoring of crops required (synthetic)',
  ],
  STRICT_CONTROL: ['Cadmium above the GB 15618-2018 control value and grain exceeding GB 2762 limits (synthetic)'],
};

const CLASS_WEIGHTS: readonly (readonly [FarmlandClass, number])[] = [
  ['PRIORITY_PROTECTION', 85],
  ['SAFE_UTILISATION', 12],
  ['STRICT_CONTROL', 3],
];

/** What a parcel is reclassified to when it is decided again: remediation or new monitoring. */
const RECLASSIFIED: Readonly<Record<FarmlandClass, FarmlandClass>> = {
  PRIORITY_PROTECTION: 'SAFE_UTILISATION',
  SAFE_UTILISATION: 'PRIORITY_PROTECTION',
  STRICT_CONTROL: 'SAFE_UTILISATION',
};

function dateBetween(random: Random, fromYear: number, toYear: number): string {
  const year = random.int(fromYear, toYear);
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

function decisionRow(
  random: Random,
  parcel: { id: string; districtCode: string },
  serial: number,
  farmlandClass: FarmlandClass,
  decidedOn: string,
): AgricultureDemo['decisions'][number] {
  const id = `FCD-${parcel.id}-${serial}`;
  const year = decidedOn.slice(0, 4);
  return {
    id,
    externalId: `demo-agriculture-${id}`,
    parcelId: parcel.id,
    districtCode: parcel.districtCode,
    farmlandClass,
    decidedOn,
    basis: random.pick(BASIS[farmlandClass]),
    decisionDocument: random.chance(0.85) ? `Beijing Municipal Bureau of Agriculture decision ${year} No. ${random.int(5, 160)} (synthetic)` : null,
  };
}

/**
 * Decisions for about nine in ten farmland parcels (GB/T 21010 01 cultivated, 02 garden),
 * decided 2018-2021, mostly priority protection; some parcels are decided again in 2022-2023
 * with another class, so they have a history. Every class occurs at least once.
 */
function generateDecisions(random: Random, planning: PlanningDemo): AgricultureDemo['decisions'] {
  const farmland = planning.parcels.filter((p) => p.landUse.startsWith('01') || p.landUse.startsWith('02'));
  const decided = farmland.filter(() => random.chance(0.9));
  const classes = decided.map(() => random.weighted(CLASS_WEIGHTS));
  // Guarantee each class: the rarest ones take the places of the last priority-protection parcels.
  for (const wanted of ['STRICT_CONTROL', 'SAFE_UTILISATION'] as const) {
    if (!classes.includes(wanted)) {
      const at = classes.lastIndexOf('PRIORITY_PROTECTION');
      if (at >= 0) classes[at] = wanted;
    }
  }
  const rows: AgricultureDemo['decisions'] = [];
  decided.forEach((parcel, i) => {
    const first = classes[i]!;
    rows.push(decisionRow(random, parcel, 1, first, dateBetween(random, 2018, 2021)));
    // Every tenth decided parcel (and a few more by chance) is decided again later.
    if (i % 10 === 3 || random.chance(0.03)) {
      rows.push(decisionRow(random, parcel, 2, RECLASSIFIED[first], dateBetween(random, 2022, 2023)));
    }
  });
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

const SAFE_USE_OPTIONS: readonly SafeUseMeasure[] = ['LOW_ACCUMULATION_VARIETY', 'AGRONOMIC_REGULATION', 'SOIL_CONDITIONING'];
const STRICT_CONTROL_OPTIONS: readonly SafeUseMeasure[] = ['PLANTING_STRUCTURE_ADJUSTMENT', 'FALLOW'];

/** One or more of the options (each kept with probability `p`, at least one), in enum order. */
function someOf(random: Random, options: readonly SafeUseMeasure[], p: number): SafeUseMeasure[] {
  const chosen = new Set(options.filter(() => random.chance(p)));
  if (chosen.size === 0) chosen.add(random.pick(options));
  return SAFE_USE_MEASURES.filter((m) => chosen.has(m));
}

/**
 * A safe-utilisation record for every year from a parcel's first safe-utilisation or
 * strict-control decision to 2024 in which the class in force at the year's end (its latest
 * decision on or before 31 December) is one of the two. Strict control: planting structure
 * adjusted and/or fallow; safe use: one to three of varieties, agronomic regulation and soil
 * conditioning. A few first years have no measure in place yet. Crops comply about nine times in
 * ten in the first year a parcel is managed and a little more often later, so the district and
 * city rates vary around the plan's 90% and 95%.
 */
function generateSafeUtilisation(random: Random, decisions: AgricultureDemo['decisions']): AgricultureDemo['safeUtilisation'] {
  const byParcel = new Map<string, AgricultureDemo['decisions']>();
  for (const d of decisions) byParcel.set(d.parcelId, [...(byParcel.get(d.parcelId) ?? []), d]);
  const rows: AgricultureDemo['safeUtilisation'] = [];
  for (const [parcelId, history] of [...byParcel].sort(([a], [b]) => a.localeCompare(b))) {
    history.sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.id.localeCompare(b.id));
    const contaminated = history.find((d) => d.farmlandClass !== 'PRIORITY_PROTECTION');
    if (contaminated === undefined) continue;
    let managedYears = 0;
    for (let year = Number(contaminated.decidedOn.slice(0, 4)); year <= LAST_YEAR; year++) {
      const inForce = history.filter((d) => d.decidedOn <= `${year}-12-31`).at(-1);
      if (inForce === undefined || inForce.farmlandClass === 'PRIORITY_PROTECTION') continue;
      const strict = inForce.farmlandClass === 'STRICT_CONTROL';
      const firstYear = managedYears === 0;
      managedYears++;
      const measures = firstYear && random.chance(0.08) ? [] : strict ? someOf(random, STRICT_CONTROL_OPTIONS, 0.4) : someOf(random, SAFE_USE_OPTIONS, 0.45);
      const compliance = strict ? 0.96 : firstYear ? 0.88 : 0.93;
      const id = `SU-${parcelId}-${year}`;
      rows.push({
        id,
        externalId: `demo-agriculture-${id}`,
        parcelId,
        districtCode: inForce.districtCode,
        year,
        measures,
        cropsCompliant: random.chance(compliance),
      });
    }
  }
  return rows;
}

/**
 * Beijing's farming, synthetic: fertiliser and pesticide use per district, year (2015-2024)
 * and crop for every district but the two core ones, falling from the 2015 baseline (two
 * districts miss each reduction target), utilisation rates and coverage rising towards the
 * plan's targets, farmland class decisions for the farmland parcels and safe-utilisation records
 * for the contaminated ones. District-year-crop
 * figures do not grow with `scale`; decisions follow the parcels, which do.
 */
export function generateAgriculture(seed: string, _scale: number, planning: PlanningDemo): AgricultureDemo {
  const random = createRandom(`${seed}:agriculture`);
  const farming = planning.districts
    .map((d) => ({ code: d.code, profile: farmingProfile(d.code) }))
    .filter((d): d is { code: string; profile: FarmingProfile } => d.profile !== undefined)
    .sort((a, b) => a.code.localeCompare(b.code));
  const codes = farming.map((d) => d.code);
  const fertilizerLaggards = new Set(pickDistinct(random, codes, 2));
  const pesticideLaggards = new Set(pickDistinct(random, codes, 2));
  const data: AgricultureDemo = { fertilizerUse: [], pesticideUse: [], coverage: [], decisions: [], safeUtilisation: [] };
  for (const { code, profile } of farming) {
    const plan = planDistrict(random, code, profile, fertilizerLaggards.has(code), pesticideLaggards.has(code));
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      const { fertilizer, pesticide } = cropYearRows(random, plan, year);
      data.fertilizerUse.push(...fertilizer);
      data.pesticideUse.push(...pesticide);
      data.coverage.push(coverageRow(random, plan, year));
    }
  }
  data.decisions = generateDecisions(random, planning);
  data.safeUtilisation = generateSafeUtilisation(createRandom(`${seed}:agriculture:safe-use`), data.decisions);
  return data;
}

function pickDistinct<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) {
    picked.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!);
  }
  return picked;
}

export async function seedAgriculture(db: Database, data: AgricultureDemo): Promise<void> {
  await insertInChunks(db, fertilizerUse, data.fertilizerUse);
  await insertInChunks(db, pesticideUse, data.pesticideUse);
  await insertInChunks(db, districtCoverage, data.coverage);
  await insertInChunks(db, farmlandClassDecisions, data.decisions);
  await insertInChunks(db, safeUtilisationRecords, data.safeUtilisation);
}

export async function agricultureIsSeeded(db: Database): Promise<boolean> {
  const rows = await db.select({ id: fertilizerUse.id }).from(fertilizerUse).limit(1);
  return rows.length > 0;
}
