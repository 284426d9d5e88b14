import { ANALYTES, isLandUseCode, plannedUseByCode } from '@soilgraph/domain';
import {
  badUserInput,
  boundedText,
  calendarDay,
  districtCodeField,
  type Page,
  type PageArgs,
  parseBatch,
  parseBBox,
  parseDateRange,
  parseDistrictCode,
  parseInput,
  parsePage,
  pointField,
} from '@soilgraph/server-kit';
import { FIRST_SELF_MONITORING_YEAR, MONITORING_PURPOSES, NETWORK_LEVELS, SELF_MONITORING_SUMMARY_MAX, SITE_STATUSES } from '@soilgraph/db/environment';
import { z } from 'zod';
import type { SampleToAssess } from './assessment/index.ts';
import type { EnterpriseQuery } from './data/enterprises.ts';
import type { ContaminatedSiteQuery } from './data/sites.ts';
import type { MonitoringPointQuery } from './data/monitoring-points.ts';
import { type SoilSampleCursor, soilSampleCursor, type SoilSampleListQuery, type SoilSampleQuery } from './data/soil-samples.ts';
import { creditCodeProblem } from './credit-code.ts';
import type { ContaminatedSiteFilter, EnterpriseFilter, MonitoringPointFilter, SoilSampleFilter, SoilSampleInput, SoilSampleOrder } from './generated/resolvers.ts';

/** Validates a MonitoringPointFilter argument; errors name the offending input path. */
export function parseMonitoringPointFilter(filter: MonitoringPointFilter | null | undefined, at: readonly string[] = ['filter']): MonitoringPointQuery {
  const query: MonitoringPointQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.level != null) query.level = filter.level;
  if (filter.purpose != null) query.purpose = filter.purpose;
  if (filter.bbox != null) query.bbox = parseBBox(filter.bbox, [...at, 'bbox']);
  return query;
}

/** Validates a SoilSampleFilter argument; errors name the offending input path. */
export function parseSoilSampleFilter(filter: SoilSampleFilter | null | undefined, at: readonly string[] = ['filter']): SoilSampleQuery {
  const query: SoilSampleQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.parcelId != null) query.parcelId = filter.parcelId;
  if (filter.pointId != null) query.pointId = filter.pointId;
  if (filter.sampled != null) {
    const { from, to } = parseDateRange(filter.sampled, [...at, 'sampled']);
    if (from !== undefined) query.sampledFrom = from;
    if (to !== undefined) query.sampledTo = to;
  }
  if (filter.analyte != null) query.analyte = filter.analyte;
  // The DateTime scalar has checked and normalised it (UTC, milliseconds).
  if (filter.updatedSince != null) query.updatedSince = filter.updatedSince;
  return query;
}

/** A sample list's arguments: Query.soilSamples, District.soilSamples, Parcel.soilSamples, MonitoringPoint.samples. */
export interface SoilSampleListArgs extends PageArgs {
  filter?: SoilSampleFilter | null;
  orderBy?: SoilSampleOrder | null;
}

/**
 * Validates a sample list's filter, order and page. A cursor names the order it was issued in;
 * one of the other order is refused rather than read as a key of the wrong columns.
 */
export function parseSoilSampleList(args: SoilSampleListArgs): { query: SoilSampleListQuery; page: Page<SoilSampleCursor> } {
  const query = { ...parseSoilSampleFilter(args.filter), order: args.orderBy ?? 'SAMPLED_ON_DESC' };
  const page = parsePage(args, soilSampleCursor);
  if (page.after !== undefined && page.after[0] !== query.order) {
    throw badUserInput(`after is a cursor of orderBy ${page.after[0]}, not of ${query.order}: page on in the order the cursor came from`, ['after']);
  }
  return { query, page };
}

/** Validates an EnterpriseFilter argument; errors name the offending input path. */
export function parseEnterpriseFilter(filter: EnterpriseFilter | null | undefined, at: readonly string[] = ['filter']): EnterpriseQuery {
  const query: EnterpriseQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.industry != null) query.industry = filter.industry;
  return query;
}

/** Validates a ContaminatedSiteFilter argument; errors name the offending input path. */
export function parseContaminatedSiteFilter(filter: ContaminatedSiteFilter | null | undefined, at: readonly string[] = ['filter']): ContaminatedSiteQuery {
  const query: ContaminatedSiteQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.status != null) query.status = filter.status;
  if (filter.listed != null) query.listed = filter.listed;
  return query;
}

const concentration = z.number().finite().nonnegative('must be a concentration in mg/kg, 0 or more');

const measurementInput = z
  .object({
    analyte: z.enum(ANALYTES),
    mgPerKg: concentration.nullish(),
    belowDetectionLimit: z.boolean().nullish(),
    detectionLimitMgPerKg: concentration.nullish(),
  })
  .superRefine((m, ctx) => {
    if (m.belowDetectionLimit && m.mgPerKg != null) {
      ctx.addIssue({ code: 'custom', path: ['mgPerKg'], message: 'leave mgPerKg out when belowDetectionLimit is true (a value below the detection limit is not a number)' });
    }
    if (!m.belowDetectionLimit && m.mgPerKg == null) {
      ctx.addIssue({ code: 'custom', path: ['mgPerKg'], message: 'give mgPerKg, or set belowDetectionLimit to true' });
    }
  });

const soilSampleInput = z.object({
  landUse: z.string().refine(isLandUseCode, 'must be a GB/T 21010 land-use code, e.g. 0101 (paddy) or 0701 (urban residential)'),
  plannedUse: z
    .string()
    .refine((code) => plannedUseByCode(code) !== undefined, 'must be a GB 50137 planned-use code, e.g. R2 or A33')
    .nullish(),
  rotation: z.boolean().nullish(),
  pH: z.number().min(0, 'must be a pH from 0 to 14').max(14, 'must be a pH from 0 to 14').nullish(),
  arsenicBackgroundMgPerKg: concentration.nullish(),
  measurements: z
    .array(measurementInput)
    .min(1, 'give at least one measurement')
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((m, i) => {
        if (seen.has(m.analyte)) ctx.addIssue({ code: 'custom', path: [i, 'analyte'], message: `${m.analyte} is given twice; give each analyte once` });
        seen.add(m.analyte);
      });
    }),
});

/** Validates Query.assessSoil's sample; errors name the offending input path, e.g. sample.measurements.1.mgPerKg. */
export function parseSoilSampleInput(sample: SoilSampleInput, at: readonly string[] = ['sample']): SampleToAssess {
  const input = parseInput(soilSampleInput, sample, at);
  return {
    landUse: input.landUse,
    plannedUse: input.plannedUse ?? null,
    rotation: input.rotation ?? false,
    pH: input.pH ?? null,
    arsenicBackgroundMgPerKg: input.arsenicBackgroundMgPerKg ?? null,
    measurements: input.measurements.map((m) => ({
      analyte: m.analyte,
      mgPerKg: m.belowDetectionLimit ? null : (m.mgPerKg ?? null),
      belowDetectionLimit: m.belowDetectionLimit ?? false,
      detectionLimitMgPerKg: m.detectionLimitMgPerKg ?? null,
    })),
  };
}

const QUALITY_FLAGS = ['VALID', 'ESTIMATED', 'REJECTED'] as const;

const measurementSubmission = z
  .object({
    analyte: z.enum(ANALYTES),
    // No soil holds more than all of itself: 1,000,000 mg/kg.
    mgPerKg: z.number().finite().nonnegative('must be a concentration in mg/kg, 0 or more').max(1_000_000, 'must be at most 1,000,000 mg/kg').nullish(),
    belowDetectionLimit: z.boolean().nullish(),
    detectionLimitMgPerKg: z.number().finite().positive('must be a detection limit in mg/kg, more than 0').max(1_000_000).nullish(),
    method: boundedText(200),
    analysedOn: calendarDay.nullish(),
    qualityFlag: z.enum(QUALITY_FLAGS).nullish(),
  })
  .superRefine((m, ctx) => {
    if (m.belowDetectionLimit && m.mgPerKg != null) ctx.addIssue({ code: 'custom', path: ['mgPerKg'], message: 'leave mgPerKg out when belowDetectionLimit is true' });
    if (m.belowDetectionLimit && m.detectionLimitMgPerKg == null) ctx.addIssue({ code: 'custom', path: ['detectionLimitMgPerKg'], message: 'give the detection limit when belowDetectionLimit is true' });
    if (!m.belowDetectionLimit && m.mgPerKg == null) ctx.addIssue({ code: 'custom', path: ['mgPerKg'], message: 'give mgPerKg, or set belowDetectionLimit to true' });
  });

const soilSampleSubmission = z
  .object({
    externalId: boundedText(200),
    pointId: boundedText(64).nullish(),
    parcelId: boundedText(64).nullish(),
    districtCode: districtCodeField,
    sampledOn: calendarDay,
    depthTopCm: z.number().int().min(0, 'must be 0 or more').max(10_000),
    depthBottomCm: z.number().int().max(10_000),
    pH: z.number().finite().min(0, 'must be a pH from 0 to 14').max(14, 'must be a pH from 0 to 14').nullish(),
    pHMethod: boundedText(200).nullish(),
    lab: boundedText(500),
    location: pointField,
    measurements: z.array(measurementSubmission).max(100),
  })
  .superRefine((s, ctx) => {
    if (s.depthBottomCm <= s.depthTopCm) ctx.addIssue({ code: 'custom', path: ['depthBottomCm'], message: 'must be below depthTopCm' });
    if (s.pH != null && s.pHMethod == null) ctx.addIssue({ code: 'custom', path: ['pHMethod'], message: 'give the method of the pH measurement' });
    const seen = new Set<string>();
    s.measurements.forEach((m, i) => {
      if (seen.has(m.analyte)) ctx.addIssue({ code: 'custom', path: ['measurements', i, 'analyte'], message: `${m.analyte} is given twice; give each analyte once` });
      seen.add(m.analyte);
    });
  });

export type SoilSampleSubmissionRow = z.infer<typeof soilSampleSubmission>;

/** Validates a whole batch of submitted samples; one BAD_USER_INPUT error lists every bad row. */
export function parseSoilSampleSubmissions(samples: readonly unknown[]): SoilSampleSubmissionRow[] {
  return parseBatch(samples, soilSampleSubmission, 'samples');
}

// ---------------------------------------------------------------------------------------------
// Monitoring points, enterprises, self-monitoring reports and site status changes (issue 5).
// Checks that need the database (ids and codes taken, enterprises and sites that exist, a
// site's newest change) are in data/*-writes.ts and run under the write lock.
// ---------------------------------------------------------------------------------------------



/** The current year in Beijing (UTC+8), the latest year a submission may name. */
export function currentBeijingYear(now: Date = new Date()): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
}

const upToThisYear = (n: number) => n <= currentBeijingYear();

/** A unified social credit code (GB 32100-2015), lower case read as upper case. */
const creditCode = z.string().transform((value, ctx) => {
  const code = value.length <= 18 ? value.toUpperCase() : value;
  const problem = creditCodeProblem(code);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `not a unified social credit code: ${problem}` });
  return code;
});

/** The station-code prefix of each network level. */
export const LEVEL_CODE_PREFIXES = { NATIONAL: 'GK', MUNICIPAL: 'SK', DISTRICT: 'QK' } as const;

const monitoringPointSubmission = z
  .object({
    externalId: boundedText(200),
    id: z
      .string()
      .max(64, 'must be at most 64 characters')
      .regex(/^MP-\d{6}-\d{3,}$/, 'must be MP-<district code>-<serial of 3 or more digits>, e.g. MP-110108-001'),
    code: z
      .string()
      .max(64, 'must be at most 64 characters')
      .regex(/^(GK|SK|QK)-\d{6}-\d{2,}$/, 'must be GK-, SK- or QK-, the district code and a serial of 2 or more digits, e.g. SK-110108-02'),
    name: boundedText(500),
    level: z.enum(NETWORK_LEVELS),
    purpose: z.enum(MONITORING_PURPOSES),
    districtCode: districtCodeField,
    parcelId: boundedText(64).nullish(),
    waterSourceId: boundedText(64).nullish(),
    location: pointField,
    establishedOn: calendarDay.nullish(),
  })
  .superRefine((p, ctx) => {
    if (p.id.slice(3, 9) !== p.districtCode) ctx.addIssue({ code: 'custom', path: ['id'], message: `must name the district's current code: MP-${p.districtCode}-<serial>` });
    const prefix = LEVEL_CODE_PREFIXES[p.level];
    if (!p.code.startsWith(`${prefix}-`)) ctx.addIssue({ code: 'custom', path: ['code'], message: `a ${p.level} point's code starts with ${prefix}-` });
    if (p.code.slice(3, 9) !== p.districtCode) ctx.addIssue({ code: 'custom', path: ['code'], message: `must name the district's current code: ${prefix}-${p.districtCode}-<serial>` });
    if (p.purpose === 'WATER_SOURCE' && p.waterSourceId == null) ctx.addIssue({ code: 'custom', path: ['waterSourceId'], message: 'give the water source a WATER_SOURCE point watches' });
    if (p.purpose !== 'WATER_SOURCE' && p.waterSourceId != null) ctx.addIssue({ code: 'custom', path: ['waterSourceId'], message: `leave waterSourceId out: only a WATER_SOURCE point watches a water source, this one is ${p.purpose}` });
  });

export type MonitoringPointSubmissionRow = z.infer<typeof monitoringPointSubmission>;

/** Rows repeating a value of an earlier row in the batch, as problems at `path`. */
function onceInBatch<T>(key: (row: T) => string, path: string, what: (row: T) => string) {
  const seen = new Map<string, number>();
  return (row: T, index: number) => {
    const first = seen.get(key(row));
    if (first === undefined) {
      seen.set(key(row), index);
      return [];
    }
    return [{ path: [path], message: `${what(row)} is also row ${first}; give it once per batch` }];
  };
}

/** Validates a whole batch of submitted monitoring points; one BAD_USER_INPUT error lists every bad row. */
export function parseMonitoringPointSubmissions(points: readonly unknown[]): MonitoringPointSubmissionRow[] {
  const ids = onceInBatch<MonitoringPointSubmissionRow>((p) => p.id, 'id', (p) => `id ${p.id}`);
  const codes = onceInBatch<MonitoringPointSubmissionRow>((p) => p.code, 'code', (p) => `code ${p.code}`);
  return parseBatch(points, monitoringPointSubmission, 'points', (row, index) => [...ids(row, index), ...codes(row, index)]);
}

/** The soil pollution action plan (2016) started the key supervision lists. */
const FIRST_SUPERVISION_YEAR = 2016;

const enterpriseSubmission = z.object({
  externalId: boundedText(200),
  creditCode,
  name: boundedText(500),
  industry: boundedText(200),
  districtCode: districtCodeField,
  parcelId: boundedText(64).nullish(),
  location: pointField,
  supervisedSince: z
    .number()
    .int()
    .min(FIRST_SUPERVISION_YEAR, `must be a year from ${FIRST_SUPERVISION_YEAR} (the key supervision lists began with the 2016 soil action plan)`)
    .refine(upToThisYear, 'must not be a future year'),
});

export type EnterpriseSubmissionRow = z.infer<typeof enterpriseSubmission>;

/** Validates a whole batch of submitted enterprises; one BAD_USER_INPUT error lists every bad row. */
export function parseEnterpriseSubmissions(enterprises: readonly unknown[]): EnterpriseSubmissionRow[] {
  const codes = onceInBatch<EnterpriseSubmissionRow>((e) => e.creditCode, 'creditCode', (e) => `credit code ${e.creditCode}`);
  return parseBatch(enterprises, enterpriseSubmission, 'enterprises', codes);
}

const selfMonitoringReportSubmission = z
  .object({
    externalId: boundedText(200),
    enterpriseCreditCode: creditCode,
    year: z
      .number()
      .int()
      .min(FIRST_SELF_MONITORING_YEAR, `must be ${FIRST_SELF_MONITORING_YEAR} or later (self-monitoring disclosure began in ${FIRST_SELF_MONITORING_YEAR})`)
      .refine(upToThisYear, 'must not be a future year'),
    reportedOn: calendarDay,
    summary: boundedText(SELF_MONITORING_SUMMARY_MAX),
    exceedances: z.number().int().min(0, 'must be 0 or more').max(100_000, 'must be at most 100,000'),
  })
  .superRefine((r, ctx) => {
    if (r.reportedOn < `${r.year}-01-01`) ctx.addIssue({ code: 'custom', path: ['reportedOn'], message: `must be on or after ${r.year}-01-01: a report on ${r.year} cannot be disclosed before the year begins` });
  });

export type SelfMonitoringReportSubmissionRow = z.infer<typeof selfMonitoringReportSubmission>;

/** Validates a whole batch of submitted self-monitoring reports; one BAD_USER_INPUT error lists every bad row. */
export function parseSelfMonitoringReportSubmissions(reports: readonly unknown[]): SelfMonitoringReportSubmissionRow[] {
  const years = onceInBatch<SelfMonitoringReportSubmissionRow>(
    (r) => `${r.enterpriseCreditCode}:${r.year}`,
    'year',
    (r) => `the ${r.year} report of ${r.enterpriseCreditCode}`,
  );
  return parseBatch(reports, selfMonitoringReportSubmission, 'reports', years);
}

const siteStatusChangeSubmission = z.object({
  externalId: boundedText(200),
  siteId: boundedText(64),
  status: z.enum(SITE_STATUSES),
  changedOn: calendarDay,
  document: boundedText(500),
});

export type SiteStatusChangeSubmissionRow = z.infer<typeof siteStatusChangeSubmission>;

/** Validates a whole batch of submitted site status changes; one BAD_USER_INPUT error lists every bad row. */
export function parseSiteStatusChangeSubmissions(changes: readonly unknown[]): SiteStatusChangeSubmissionRow[] {
  return parseBatch(changes, siteStatusChangeSubmission, 'changes');
}
