import { PARENT_MATERIAL_CODES, type ParentMaterial, SOIL_TYPE_CODES, type SoilType } from '@soilgraph/db/geology';
import { ANALYTES } from '@soilgraph/domain';
import { boundedText, calendarDay, districtCodeField, parseBatch, parseBBox, parseDateRange, parseDistrictCode, pointField } from '@soilgraph/server-kit';
import { z } from 'zod';
import type { BackgroundValueQuery } from './data/background-values.ts';
import type { SurveyPointQuery } from './data/survey-points.ts';
import type { BackgroundValueFilter, SurveyPointFilter } from './generated/resolvers.ts';

/** Validates a SurveyPointFilter argument; errors name the offending input path. */
export function parseSurveyPointFilter(filter: SurveyPointFilter | null | undefined, at: readonly string[] = ['filter']): SurveyPointQuery {
  const query: SurveyPointQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.soilType != null) query.soilType = filter.soilType;
  if (filter.parentMaterial != null) query.parentMaterial = filter.parentMaterial;
  if (filter.bbox != null) query.bbox = parseBBox(filter.bbox, [...at, 'bbox']);
  if (filter.sampledOn != null) query.sampledOn = parseDateRange(filter.sampledOn, [...at, 'sampledOn']);
  return query;
}

/** Validates a BackgroundValueFilter argument; errors name the offending input path. */
export function parseBackgroundValueFilter(
  filter: BackgroundValueFilter | null | undefined,
  at: readonly string[] = ['filter'],
): BackgroundValueQuery {
  const query: BackgroundValueQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCodes = [parseDistrictCode(filter.districtCode, [...at, 'districtCode'])];
  if (filter.analyte != null) query.analyte = filter.analyte;
  return query;
}


const surveyMeasurementSubmission = z.object({
  analyte: z.enum(ANALYTES),
  // No soil holds more than all of itself: 1,000,000 mg/kg.
  mgPerKg: z.number().finite().nonnegative('must be a concentration in mg/kg, 0 or more').max(1_000_000, 'must be at most 1,000,000 mg/kg'),
});

const surveyPointSubmission = z
  .object({
    externalId: boundedText(200),
    districtCode: districtCodeField,
    location: pointField,
    sampledOn: calendarDay.nullish(),
    depthCm: z.number().int().min(1, 'must be 1 cm or more: the bottom of a layer that starts at the surface').max(10_000, 'must be at most 10,000 cm'),
    soilType: z.enum(SOIL_TYPE_CODES as [SoilType, ...SoilType[]]),
    parentMaterial: z.enum(PARENT_MATERIAL_CODES as [ParentMaterial, ...ParentMaterial[]]),
    groundwaterDepthM: z.number().finite().min(0, 'must be a depth in metres, 0 or more').max(2_000, 'must be at most 2,000 m').nullish(),
    pH: z.number().finite().min(0, 'must be a pH from 0 to 14').max(14, 'must be a pH from 0 to 14').nullish(),
    measurements: z.array(surveyMeasurementSubmission).max(100),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.measurements.forEach((m, i) => {
      if (seen.has(m.analyte)) ctx.addIssue({ code: 'custom', path: ['measurements', i, 'analyte'], message: `${m.analyte} is given twice; give each analyte once` });
      seen.add(m.analyte);
    });
  });

export type SurveyPointSubmissionRow = z.infer<typeof surveyPointSubmission>;

/** Validates a whole batch of submitted survey points; one BAD_USER_INPUT error lists every bad row. */
export function parseSurveyPointSubmissions(points: readonly unknown[]): SurveyPointSubmissionRow[] {
  return parseBatch(points, surveyPointSubmission, 'points');
}
