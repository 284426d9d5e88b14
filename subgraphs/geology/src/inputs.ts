import { parseBBox, parseDateRange, parseDistrictCode } from '@soilgraph/server-kit';
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
