import { ANALYTES, canonicalDistrictCode, isLandUseCode, plannedUseByCode } from '@soilgraph/domain';
import { parseBatch, parseBBox, parseDateRange, parseDistrictCode, parseInput } from '@soilgraph/server-kit';
import { z } from 'zod';
import type { SampleToAssess } from './assessment/index.ts';
import type { EnterpriseQuery } from './data/enterprises.ts';
import type { ContaminatedSiteQuery } from './data/sites.ts';
import type { MonitoringPointQuery } from './data/monitoring-points.ts';
import type { SoilSampleQuery } from './data/soil-samples.ts';
import type { ContaminatedSiteFilter, EnterpriseFilter, MonitoringPointFilter, SoilSampleFilter, SoilSampleInput } from './generated/resolvers.ts';

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
  return query;
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

/** Bounds of submitted text: generous for any real value, and a 10 MB string is refused, not stored. */
const text = (max: number) => z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const QUALITY_FLAGS = ['VALID', 'ESTIMATED', 'REJECTED'] as const;

const measurementSubmission = z
  .object({
    analyte: z.enum(ANALYTES),
    // No soil holds more than all of itself: 1,000,000 mg/kg.
    mgPerKg: z.number().finite().nonnegative('must be a concentration in mg/kg, 0 or more').max(1_000_000, 'must be at most 1,000,000 mg/kg').nullish(),
    belowDetectionLimit: z.boolean().nullish(),
    detectionLimitMgPerKg: z.number().finite().positive('must be a detection limit in mg/kg, more than 0').max(1_000_000).nullish(),
    method: text(200),
    analysedOn: isoDay.nullish(),
    qualityFlag: z.enum(QUALITY_FLAGS).nullish(),
  })
  .superRefine((m, ctx) => {
    if (m.belowDetectionLimit && m.mgPerKg != null) ctx.addIssue({ code: 'custom', path: ['mgPerKg'], message: 'leave mgPerKg out when belowDetectionLimit is true' });
    if (m.belowDetectionLimit && m.detectionLimitMgPerKg == null) ctx.addIssue({ code: 'custom', path: ['detectionLimitMgPerKg'], message: 'give the detection limit when belowDetectionLimit is true' });
    if (!m.belowDetectionLimit && m.mgPerKg == null) ctx.addIssue({ code: 'custom', path: ['mgPerKg'], message: 'give mgPerKg, or set belowDetectionLimit to true' });
  });

const soilSampleSubmission = z
  .object({
    externalId: text(200),
    pointId: text(64).nullish(),
    parcelId: text(64).nullish(),
    districtCode: z.string().transform((code, ctx) => {
      const current = canonicalDistrictCode(code);
      if (current === undefined) ctx.addIssue({ code: 'custom', message: `unknown district code ${JSON.stringify(code.slice(0, 20))}: expected a GB/T 2260 code of a Beijing district` });
      return current ?? code;
    }),
    sampledOn: isoDay,
    depthTopCm: z.number().int().min(0, 'must be 0 or more').max(10_000),
    depthBottomCm: z.number().int().max(10_000),
    pH: z.number().finite().min(0, 'must be a pH from 0 to 14').max(14, 'must be a pH from 0 to 14').nullish(),
    pHMethod: text(200).nullish(),
    lab: text(500),
    location: z.object({
      type: z.literal('Point', 'must be a GeoJSON Point'),
      coordinates: z.tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)], 'must be [longitude, latitude] in WGS84 degrees'),
    }),
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
