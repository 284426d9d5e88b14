import { ANALYTES, type Analyte } from '@soilgraph/domain';
import { LRUCache } from 'lru-cache';
import { type BandValues, GB_15618_2018, PH_BANDS, type PhBandRow, TABLE_1, TABLE_2, TABLE_3, type Table1Land, type Table1Row } from './gb-15618-2018.ts';
import { GB_36600_2018, GB_36600_ROWS } from './gb-36600-2018.ts';
import { type ApplicableStandard, applicableSoilStandard, type FarmlandColumn } from './standards.ts';

/**
 * The soil assessment engine: one sample's measurements against the standard its land selects
 * (domain.md, "GB 15618-2018" and "GB 36600-2018"). Pure: no database, no GraphQL. It does not
 * validate its input (the resolvers do) but answers every well-typed input without throwing.
 * Every threshold comes from the reviewed tables in gb-15618-2018.ts and gb-36600-2018.ts.
 */

export type RiskLevel = 'NEGLIGIBLE' | 'POSSIBLE' | 'HIGH';
export type FarmlandClass = 'PRIORITY_PROTECTION' | 'SAFE_UTILISATION' | 'STRICT_CONTROL';

export interface MeasurementToAssess {
  analyte: Analyte;
  mgPerKg: number | null;
  belowDetectionLimit: boolean;
  detectionLimitMgPerKg?: number | null;
}

export interface SampleToAssess {
  /** GB/T 21010 code; null when the sample lies on no registered parcel (then nothing can be assessed). */
  landUse: string | null;
  plannedUse?: string | null;
  /** Paddy-dryland rotation: the stricter of the paddy and other-land columns. */
  rotation?: boolean;
  pH: number | null;
  /** The local arsenic background value (geology); GB 36600-2018 only. */
  arsenicBackgroundMgPerKg?: number | null;
  measurements: MeasurementToAssess[];
}

export interface AnalyteAssessment {
  analyte: Analyte;
  /** Null when below the detection limit. */
  mgPerKg: number | null;
  belowDetectionLimit: boolean;
  screeningMgPerKg: number | null;
  /** GB 15618-2018 control value or GB 36600-2018 intervention value. */
  controlMgPerKg: number | null;
  /** mgPerKg / screeningMgPerKg rounded to 3 decimals. */
  ratioToScreening: number | null;
  /** Null when the analyte cannot be assessed. */
  level: RiskLevel | null;
  cannotAssessReason: string | null;
  source: string | null;
  note: string | null;
}

export interface SoilAssessment {
  standard: ApplicableStandard;
  riskLevel: RiskLevel | null;
  suggestedFarmlandClass: FarmlandClass | null;
  worstAnalyte: AnalyteAssessment | null;
  complete: boolean;
  conclusion: string;
  analytes: AnalyteAssessment[];
}

/** The farmland class the soil alone suggests at each risk level (GB 15618-2018 outcome table). */
export const FARMLAND_CLASS_OF: Record<RiskLevel, FarmlandClass> = {
  NEGLIGIBLE: 'PRIORITY_PROTECTION',
  POSSIBLE: 'SAFE_UTILISATION',
  HIGH: 'STRICT_CONTROL',
};

const SEVERITY: Record<RiskLevel, number> = { HIGH: 0, POSSIBLE: 1, NEGLIGIBLE: 2 };

const ANALYTE_INDEX = new Map<Analyte, number>(ANALYTES.map((a, i) => [a, i]));

function analyteOrder(analyte: Analyte): number {
  return ANALYTE_INDEX.get(analyte) ?? ANALYTES.length;
}

/** Orders analyte assessments worst first: level HIGH > POSSIBLE > NEGLIGIBLE > not assessed, then higher ratioToScreening, then analyte enum order. */
export function compareSeverity(a: AnalyteAssessment, b: AnalyteAssessment): number {
  const bySeverity = (a.level === null ? 3 : SEVERITY[a.level]) - (b.level === null ? 3 : SEVERITY[b.level]);
  if (bySeverity !== 0) return bySeverity;
  const ra = a.ratioToScreening ?? Number.NEGATIVE_INFINITY;
  const rb = b.ratioToScreening ?? Number.NEGATIVE_INFINITY;
  if (ra !== rb) return ra > rb ? -1 : 1;
  return analyteOrder(a.analyte) - analyteOrder(b.analyte);
}

/** How the texts name each analyte (the symbols of domain.md's tables). */
const LABEL: Record<Analyte, string> = {
  CADMIUM: 'Cd',
  MERCURY: 'Hg',
  ARSENIC: 'As',
  LEAD: 'Pb',
  CHROMIUM: 'Cr (total)',
  CHROMIUM_VI: 'Cr(VI)',
  COPPER: 'Cu',
  NICKEL: 'Ni',
  ZINC: 'Zn',
  BENZO_A_PYRENE: 'benzo[a]pyrene',
  PETROLEUM_HYDROCARBONS_C10_C40: 'petroleum hydrocarbons C10-C40',
  HCH: 'HCH',
  DDT: 'DDT',
  BENZENE: 'benzene',
  TRICHLOROETHYLENE: 'trichloroethylene',
  TETRACHLOROETHYLENE: 'tetrachloroethylene',
  VINYL_CHLORIDE: 'vinyl chloride',
  NAPHTHALENE: 'naphthalene',
};

function label(analyte: Analyte): string {
  return LABEL[analyte] ?? String(analyte);
}

/** The values an analyte is held against, or why there are none. */
type Thresholds = { screening: number; control: number | null; source: string } | { cannot: string };

/** The pH band a pH falls in; null when the pH is missing or not a number. */
function phBandOf(pH: number | null | undefined): { row: PhBandRow; index: number } | null {
  if (pH === null || pH === undefined || !Number.isFinite(pH)) return null;
  const index = PH_BANDS.findIndex((b) => (b.above === null || pH > b.above) && (b.atMost === null || pH <= b.atMost));
  const row = PH_BANDS[index];
  return row === undefined ? null : { row, index };
}

const LAND_LABEL: Record<Table1Land, string> = { paddy: 'paddy', other: 'other land', orchard: 'orchard', all: 'all land' };

function bandValue(values: BandValues, index: number): number {
  return values[index] ?? Number.NaN;
}

/** The Table 1 row and value a column selects for one analyte and pH band, with how the source names it. */
function table1Value(rows: readonly Table1Row[], column: FarmlandColumn, index: number): { value: number; row: string } | null {
  const row = (land: Table1Land) => rows.find((r) => r.land === land);
  const symbol = rows[0]?.symbol ?? '';
  const pick = (r: Table1Row | undefined, qualifier = '') => (r === undefined ? null : { value: bandValue(r.screening, index), row: `${symbol}, ${LAND_LABEL[r.land]}${qualifier}` });
  const all = row('all');
  if (all !== undefined) return pick(all);
  const other = row('other');
  if (column === 'OTHER') return pick(other);
  if (column === 'ORCHARD') return pick(row('orchard') ?? other);
  const paddy = row('paddy');
  // An item without a paddy row (Cu) uses its other-land row on paddy land too.
  if (paddy === undefined) return pick(other, ` (${symbol} has no paddy row)`);
  if (column === 'PADDY' || other === undefined) return pick(paddy);
  // STRICTER_OF_PADDY_AND_OTHER: the lower of the two values in this pH band.
  const p = bandValue(paddy.screening, index);
  const o = bandValue(other.screening, index);
  if (p === o) return { value: p, row: `${symbol}, paddy and other land (equal values)` };
  return p < o ? { value: p, row: `${symbol}, paddy (stricter than other land: ${o})` } : { value: o, row: `${symbol}, other land (stricter than paddy: ${p})` };
}

/** Said of items without a Table 3 row. */
const NO_CONTROL = `no control value (Table 3 lists ${TABLE_3.map((r) => r.symbol).join(', ')} only)`;

function gb15618Thresholds(analyte: Analyte, column: FarmlandColumn, pH: number | null): Thresholds {
  const table2 = TABLE_2.find((r) => r.analyte === analyte);
  if (table2 !== undefined) {
    return { screening: table2.screening, control: null, source: `${table2.source}, any pH; ${NO_CONTROL}` };
  }
  const rows = TABLE_1.filter((r) => r.analyte === analyte);
  if (rows.length === 0) return { cannot: `${GB_15618_2018} gives no screening value for ${label(analyte)}.` };
  const band = phBandOf(pH);
  if (band === null) {
    return { cannot: `pH not measured: ${GB_15618_2018} Table 1 gives ${label(analyte)} screening values by pH band, so it cannot be assessed without the pH.` };
  }
  const chosen = table1Value(rows, column, band.index);
  if (chosen === null) return { cannot: `${GB_15618_2018} Table 1 has no ${label(analyte)} row for this land.` };
  const bandText = `pH band ${band.row.band} (${band.row.label})`;
  const table3 = TABLE_3.find((r) => r.analyte === analyte);
  const controlText = table3 === undefined ? NO_CONTROL : `Table 3, ${table3.symbol}, pH band ${band.row.band}`;
  return {
    screening: chosen.value,
    control: table3 === undefined ? null : bandValue(table3.control, band.index),
    source: `${GB_15618_2018} Table 1, ${chosen.row}, ${bandText}; ${controlText}`,
  };
}

function gb36600Thresholds(analyte: Analyte, landClass: 1 | 2): Thresholds {
  const row = GB_36600_ROWS.find((r) => r.analyte === analyte);
  if (row === undefined) return { cannot: `${GB_36600_2018} gives no screening value for ${label(analyte)} among the items the platform assesses.` };
  const index = landClass - 1;
  return {
    screening: row.screening[index] ?? Number.NaN,
    control: row.intervention[index] ?? Number.NaN,
    source: `${row.source}, class ${landClass} land (screening and intervention values)`,
  };
}

function computeThresholds(analyte: Analyte, standard: ApplicableStandard, pH: number | null): Thresholds {
  if (standard.standard === 'GB_15618_2018') return gb15618Thresholds(analyte, standard.farmlandColumn ?? 'STRICTER_OF_PADDY_AND_OTHER', pH);
  if (standard.standard === 'GB_36600_2018') return gb36600Thresholds(analyte, standard.constructionLandClass ?? 1);
  return { cannot: standard.reason };
}

/**
 * The thresholds depend on the analyte, the standard and the pH band only: each combination is
 * worked out once per standard (area figures assess a million measurements), kept with the
 * standard object that `standardFor` hands out again for the same land.
 */
const THRESHOLDS = new WeakMap<ApplicableStandard, Map<Analyte, Thresholds[]>>();

function thresholdsFor(analyte: Analyte, standard: ApplicableStandard, pH: number | null): Thresholds {
  let ofStandard = THRESHOLDS.get(standard);
  if (ofStandard === undefined) {
    ofStandard = new Map();
    THRESHOLDS.set(standard, ofStandard);
  }
  let byBand = ofStandard.get(analyte);
  if (byBand === undefined) {
    byBand = [];
    ofStandard.set(analyte, byBand);
  }
  // Slot 0: no pH band (pH not measured); slots 1-4: bands A-D.
  const slot = (phBandOf(pH)?.index ?? -1) + 1;
  return (byBand[slot] ??= computeThresholds(analyte, standard, pH));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function assessMeasurement(m: MeasurementToAssess, standard: ApplicableStandard, sample: SampleToAssess): AnalyteAssessment {
  const result: AnalyteAssessment = {
    analyte: m.analyte,
    mgPerKg: m.belowDetectionLimit ? null : (m.mgPerKg ?? null),
    belowDetectionLimit: m.belowDetectionLimit,
    screeningMgPerKg: null,
    controlMgPerKg: null,
    ratioToScreening: null,
    level: null,
    cannotAssessReason: null,
    source: null,
    note: null,
  };
  const thresholds = thresholdsFor(m.analyte, standard, sample.pH);
  if ('cannot' in thresholds) {
    result.cannotAssessReason = thresholds.cannot;
    return result;
  }
  const { screening, control } = thresholds;
  const name = label(m.analyte);
  result.screeningMgPerKg = screening;
  result.controlMgPerKg = control;
  result.source = thresholds.source;

  if (m.belowDetectionLimit) {
    // Not detected is never an exceedance; a detection limit above screening cannot confirm compliance, though.
    const limit = m.detectionLimitMgPerKg;
    result.level = 'NEGLIGIBLE';
    if (typeof limit === 'number' && limit > screening) {
      result.note = `${name} not detected, but the detection limit ${limit} mg/kg is above the screening value ${screening} mg/kg: compliance cannot be confirmed.`;
    }
    return result;
  }
  const value = m.mgPerKg;
  if (value === null || value === undefined) {
    result.cannotAssessReason = `No result for ${name}: neither a value nor below the detection limit.`;
    return result;
  }
  if (!Number.isFinite(value)) {
    result.mgPerKg = null;
    result.cannotAssessReason = `The result for ${name} is not a finite number.`;
    return result;
  }

  result.ratioToScreening = round3(value / screening);
  result.level = value <= screening ? 'NEGLIGIBLE' : control !== null && value > control ? 'HIGH' : 'POSSIBLE';
  const background = sample.arsenicBackgroundMgPerKg;
  if (standard.standard === 'GB_36600_2018' && m.analyte === 'ARSENIC' && result.level !== 'NEGLIGIBLE' && typeof background === 'number' && value <= background) {
    result.level = 'NEGLIGIBLE';
    result.note = `As ${value} mg/kg is above the screening value ${screening} mg/kg but within the local background value ${background} mg/kg: not treated as contamination (${GB_36600_2018}).`;
  }
  return result;
}

/** Why nothing can be assessed on a sample that lies on no registered parcel. */
const NO_PARCEL: ApplicableStandard = {
  standard: 'NONE',
  farmlandColumn: null,
  constructionLandClass: null,
  reason: `No registered parcel holds the sample: without its land use neither ${GB_15618_2018} nor ${GB_36600_2018} can be chosen.`,
};

const COLUMN_LABEL: Record<FarmlandColumn, string> = {
  PADDY: 'paddy column',
  OTHER: 'other-land column',
  ORCHARD: 'orchard column for Cu, other-land column for the rest',
  STRICTER_OF_PADDY_AND_OTHER: 'stricter of the paddy and other-land columns',
};

/** The level as the conclusion names it, and what it requires (domain.md outcome tables). */
const OUTCOME: Record<'GB_15618_2018' | 'GB_36600_2018', Record<RiskLevel, readonly [level: string, requires: string]>> = {
  GB_15618_2018: {
    NEGLIGIBLE: ['risk negligible', 'which suggests priority protection'],
    POSSIBLE: ['possible risk', 'which requires safe-use measures and co-monitoring of crops and suggests safe utilisation'],
    HIGH: ['high risk', 'which requires strict control and suggests the strict-control class'],
  },
  GB_36600_2018: {
    NEGLIGIBLE: ['risk negligible', 'which requires no further survey'],
    POSSIBLE: ['possible risk', 'which requires a detailed survey and risk assessment (HJ 25.1-25.3)'],
    HIGH: ['unacceptable risk', 'which requires control or remediation'],
  },
};

function assessedCount(total: number, unassessed: number): string {
  if (unassessed === 0) return total === 1 ? 'the one analyte assessed' : `all ${total} analytes assessed`;
  if (unassessed === total) return total === 1 ? 'the one analyte could not be assessed' : `none of the ${total} analytes could be assessed`;
  return `${unassessed} of ${total} analytes could not be assessed`;
}

function conclusionOf(standard: ApplicableStandard, worst: AnalyteAssessment | null, analytes: readonly AnalyteAssessment[]): string {
  const total = analytes.length;
  const count = assessedCount(total, analytes.filter((a) => a.level === null).length);
  if (standard.standard === 'NONE') return `${standard.reason.replace(/\.$/, '')}, so ${total === 0 ? 'there is nothing to assess' : count}.`;
  const name =
    standard.standard === 'GB_15618_2018'
      ? `${GB_15618_2018} (${COLUMN_LABEL[standard.farmlandColumn ?? 'STRICTER_OF_PADDY_AND_OTHER']})`
      : `${GB_36600_2018} (class ${standard.constructionLandClass ?? 1} land)`;
  if (total === 0) return `${name}: no measurements to assess, so no risk level.`;
  if (worst === null || worst.level === null) return `${name}: no risk level, as ${count}.`;
  const why = worst.level === 'NEGLIGIBLE' ? '' : ` (worst: ${label(worst.analyte)} at ${worst.ratioToScreening} times its screening value)`;
  const [level, requires] = OUTCOME[standard.standard][worst.level];
  return `${name}: ${level}${why}, ${requires}; ${count}.`;
}

/** The standards of the lands seen lately, one object per land (the thresholds are kept with it). */
const STANDARDS = new LRUCache<string, ApplicableStandard>({ max: 10_000 });

function standardFor(sample: SampleToAssess): ApplicableStandard {
  if (sample.landUse === null || sample.landUse === undefined) return NO_PARCEL;
  const rotation = sample.rotation === true;
  const key = JSON.stringify([sample.landUse, sample.plannedUse ?? null, rotation]);
  let standard = STANDARDS.get(key);
  if (standard === undefined) {
    standard = applicableSoilStandard(sample.landUse, sample.plannedUse ?? null, { rotation });
    STANDARDS.set(key, standard);
  }
  return standard;
}

/** Assesses one sample against the standard its land use (and planned use, rotation) selects. */
export function assessSample(sample: SampleToAssess): SoilAssessment {
  const standard = standardFor(sample);
  const analytes = sample.measurements
    .map((m) => assessMeasurement(m, standard, sample))
    .sort((a, b) => analyteOrder(a.analyte) - analyteOrder(b.analyte));
  const worstAnalyte = analytes.filter((a) => a.level !== null).sort(compareSeverity)[0] ?? null;
  const riskLevel = worstAnalyte?.level ?? null;
  return {
    standard,
    riskLevel,
    suggestedFarmlandClass: standard.standard === 'GB_15618_2018' && riskLevel !== null ? FARMLAND_CLASS_OF[riskLevel] : null,
    worstAnalyte,
    complete: analytes.every((a) => a.level !== null),
    conclusion: conclusionOf(standard, worstAnalyte, analytes),
    analytes,
  };
}
