import { CROPS, FARMLAND_CLASSES, SAFE_USE_MEASURES, YEAR_RANGE } from '@soilgraph/db/agriculture';
import { badUserInput, boundedText, districtCodeField, parseBatch, parseDateRange, parseDistrictCode } from '@soilgraph/server-kit';
import { z } from 'zod';
import type { CoverageQuery } from './data/coverage.ts';
import type { CropYearQuery } from './data/crop-year.ts';
import type { DecisionQuery } from './data/farmland-class-decisions.ts';
import type { DateRange, YearRange } from './data/ranges.ts';
import type {
  AgriculturalCoverageFilter,
  DateRangeInput,
  FarmlandClassDecisionFilter,
  FertilizerUseFilter,
  PesticideUseFilter,
  YearRangeInput,
} from './generated/resolvers.ts';

type Path = readonly (string | number)[];

/** Years the plan indicators are computed for. */
export const PLAN_YEAR_RANGE = { min: 1990, max: 2100 } as const;

/** The year of a plan indicator set: 1990 to 2100. */
export function parsePlanYear(year: number, at: Path = ['year']): number {
  if (!Number.isInteger(year) || year < PLAN_YEAR_RANGE.min || year > PLAN_YEAR_RANGE.max) {
    throw badUserInput(`year must be from ${PLAN_YEAR_RANGE.min} to ${PLAN_YEAR_RANGE.max}, got ${year}`, at);
  }
  return year;
}

/** A range of reporting years: each end from 1949 to 2100, and from <= to. */
export function parseYearRange(range: YearRangeInput, at: Path): YearRange {
  const parsed: YearRange = {};
  for (const end of ['from', 'to'] as const) {
    const year = range[end];
    if (year === null || year === undefined) continue;
    if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) {
      throw badUserInput(`years.${end} must be a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}, got ${year}`, [...at, end]);
    }
    parsed[end] = year;
  }
  if (parsed.from !== undefined && parsed.to !== undefined && parsed.from > parsed.to) {
    throw badUserInput(`year range starts (${parsed.from}) after it ends (${parsed.to})`, at);
  }
  return parsed;
}

function parseDates(range: DateRangeInput, at: Path): DateRange {
  const { from, to } = parseDateRange(range, at);
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** Validates a FertilizerUseFilter or PesticideUseFilter; errors name the offending input path. */
export function parseCropYearFilter(filter: FertilizerUseFilter | PesticideUseFilter | null | undefined, at: Path = ['filter']): CropYearQuery {
  const query: CropYearQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.years != null) query.years = parseYearRange(filter.years, [...at, 'years']);
  if (filter.crop != null) query.crop = filter.crop;
  return query;
}

export function parseCoverageFilter(filter: AgriculturalCoverageFilter | null | undefined, at: Path = ['filter']): CoverageQuery {
  const query: CoverageQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.years != null) query.years = parseYearRange(filter.years, [...at, 'years']);
  return query;
}

export function parseDecisionFilter(filter: FarmlandClassDecisionFilter | null | undefined, at: Path = ['filter']): DecisionQuery {
  const query: DecisionQuery = {};
  if (!filter) return query;
  if (filter.farmlandClass != null) query.farmlandClass = filter.farmlandClass;
  if (filter.parcelId != null) query.parcelId = filter.parcelId;
  if (filter.decided != null) query.decided = parseDates(filter.decided, [...at, 'decided']);
  return query;
}



/** Submitted years: the plan years, 1990 to 2100. */
const year = z
  .number()
  .int('must be a whole year')
  .min(PLAN_YEAR_RANGE.min, `must be a year from ${PLAN_YEAR_RANGE.min} to ${PLAN_YEAR_RANGE.max}`)
  .max(PLAN_YEAR_RANGE.max, `must be a year from ${PLAN_YEAR_RANGE.min} to ${PLAN_YEAR_RANGE.max}`);

/** A calendar date YYYY-MM-DD within the plan years. */
const day = z.iso
  .date('must be a calendar date YYYY-MM-DD')
  .refine((d) => d >= `${PLAN_YEAR_RANGE.min}-01-01` && d <= `${PLAN_YEAR_RANGE.max}-12-31`, `must be a date from ${PLAN_YEAR_RANGE.min}-01-01 to ${PLAN_YEAR_RANGE.max}-12-31`);

/** A quantity from 0 to max in the given unit. */
const amount = (max: number, unit: string) =>
  z
    .number()
    .finite()
    .nonnegative(`must be ${unit}, 0 or more`)
    .max(max, `must be at most ${max.toLocaleString('en')} ${unit}`);

/** No district applies a million tonnes of anything; all of Beijing is about 1.64 million hectares. */
const tonnes = amount(1_000_000, 'tonnes');
const hectares = amount(1_700_000, 'hectares');
const percent = z.number().finite().min(0, 'must be a percentage from 0 to 100').max(100, 'must be a percentage from 0 to 100');

const farmlandClassDecisionSubmission = z.object({
  externalId: boundedText(200),
  parcelId: boundedText(64),
  districtCode: districtCodeField,
  farmlandClass: z.enum(FARMLAND_CLASSES),
  decidedOn: day,
  basis: boundedText(4000),
  decisionDocument: boundedText(500).nullish(),
});

const fertilizerUseSubmission = z.object({
  externalId: boundedText(200),
  districtCode: districtCodeField,
  year,
  crop: z.enum(CROPS),
  sownAreaHa: hectares,
  nitrogenT: tonnes,
  phosphateT: tonnes,
  potashT: tonnes,
  compoundT: tonnes,
  utilisationRatePct: percent.nullish(),
});

const pesticideUseSubmission = z.object({
  externalId: boundedText(200),
  districtCode: districtCodeField,
  year,
  crop: z.enum(CROPS),
  activeIngredientT: tonnes,
  environmentFriendlySharePct: percent,
  utilisationRatePct: percent.nullish(),
});

const safeUtilisationRecordSubmission = z.object({
  externalId: boundedText(200),
  parcelId: boundedText(64),
  districtCode: districtCodeField,
  year,
  // Empty is allowed: a contaminated parcel in its first managed year may have no measure in place yet.
  measures: z
    .array(z.enum(SAFE_USE_MEASURES))
    .max(SAFE_USE_MEASURES.length)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((m, i) => {
        if (seen.has(m)) ctx.addIssue({ code: 'custom', path: [i], message: `${m} is given twice; give each measure once` });
        seen.add(m);
      });
    }),
  cropsCompliant: z.boolean(),
});

export type FarmlandClassDecisionSubmissionRow = z.infer<typeof farmlandClassDecisionSubmission>;
export type FertilizerUseSubmissionRow = z.infer<typeof fertilizerUseSubmission>;
export type PesticideUseSubmissionRow = z.infer<typeof pesticideUseSubmission>;
export type SafeUtilisationRecordSubmissionRow = z.infer<typeof safeUtilisationRecordSubmission>;

/**
 * A batch check that each natural key (e.g. district, year and crop) is given once: a second row
 * with the key of an earlier one is reported at `field`. Rows arrive in input order.
 */
function uniqueKey<T>(keyOf: (row: T) => string, field: string, describe: (row: T) => string) {
  const first = new Map<string, number>();
  return (row: T, index: number) => {
    const key = keyOf(row);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return [];
    }
    return [{ path: [field], message: `${describe(row)} is also row ${earlier}; give each once per batch` }];
  };
}

const cropYear = (r: { districtCode: string; year: number; crop: string }) => `district ${r.districtCode}, year ${r.year}, crop ${r.crop}`;

/** Validates a whole batch of submitted decisions; one BAD_USER_INPUT error lists every bad row. */
export function parseFarmlandClassDecisionSubmissions(decisions: readonly unknown[]): FarmlandClassDecisionSubmissionRow[] {
  return parseBatch(decisions, farmlandClassDecisionSubmission, 'decisions');
}

/** Validates a whole batch of fertiliser use: every row, and each district, year and crop once. */
export function parseFertilizerUseSubmissions(records: readonly unknown[]): FertilizerUseSubmissionRow[] {
  return parseBatch(records, fertilizerUseSubmission, 'records', uniqueKey(cropYear, 'crop', cropYear));
}

/** Validates a whole batch of pesticide use: every row, and each district, year and crop once. */
export function parsePesticideUseSubmissions(records: readonly unknown[]): PesticideUseSubmissionRow[] {
  return parseBatch(records, pesticideUseSubmission, 'records', uniqueKey(cropYear, 'crop', cropYear));
}

/** Validates a whole batch of safe-utilisation records: every row, and each parcel and year once. */
export function parseSafeUtilisationRecordSubmissions(records: readonly unknown[]): SafeUtilisationRecordSubmissionRow[] {
  const parcelYear = (r: { parcelId: string; year: number }) => `parcel ${JSON.stringify(r.parcelId)}, year ${r.year}`;
  return parseBatch(records, safeUtilisationRecordSubmission, 'records', uniqueKey(parcelYear, 'year', parcelYear));
}
