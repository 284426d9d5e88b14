import { YEAR_RANGE } from '@soilgraph/db/agriculture';
import { badUserInput, parseDateRange, parseDistrictCode } from '@soilgraph/server-kit';
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
