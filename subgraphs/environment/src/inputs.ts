import { ANALYTES, isLandUseCode, plannedUseByCode } from '@soilgraph/domain';
import { parseBBox, parseDateRange, parseDistrictCode, parseInput } from '@soilgraph/server-kit';
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
