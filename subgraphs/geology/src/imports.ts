import { csvNumber, csvOptional, type ImportKind } from '@soilgraph/server-kit';
import type { SurveyPointEntity } from './data/survey-point-writes.ts';
import type { SurveyPointSubmissionRow } from './inputs.ts';
import { surveyPointSubmissions } from './submissions.ts';

/*
 * What geology's data can be imported as (`pnpm import geology <kind> <file>`): each kind is its
 * mutation's validation and write path, plus how a CSV record maps to input. NDJSON lines are
 * the mutation's input objects as they are.
 */

/**
 * CSV columns of a survey-point import: one line per measurement, a point's lines consecutive
 * (a point without measurements is one line with analyte and mgPerKg empty).
 */
export const SURVEY_POINT_CSV_COLUMNS = [
  'externalId',
  'districtCode',
  'lon',
  'lat',
  'sampledOn',
  'depthCm',
  'soilType',
  'parentMaterial',
  'groundwaterDepthM',
  'pH',
  'analyte',
  'mgPerKg',
] as const;

const POINT_COLUMNS = SURVEY_POINT_CSV_COLUMNS.slice(0, 10);


/**
 * Groups consecutive CSV records of one point (same externalId) into a submission. Records of
 * one point must agree on every point column; where they do not, the problem names the column.
 */
export function surveyPointFromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] } {
  const first = records[0]!;
  const problems = records.flatMap((r, i) => POINT_COLUMNS.filter((c) => (r[c] ?? '') !== (first[c] ?? '')).map((c) => `line ${i + 1} of the point disagrees with its first line on ${c}`));
  return {
    problems,
    value: {
      externalId: first.externalId,
      districtCode: first.districtCode,
      location: { type: 'Point', coordinates: [csvNumber(first.lon), csvNumber(first.lat)] },
      sampledOn: csvOptional(first.sampledOn),
      depthCm: csvNumber(first.depthCm),
      soilType: first.soilType,
      parentMaterial: first.parentMaterial,
      groundwaterDepthM: csvNumber(first.groundwaterDepthM),
      pH: csvNumber(first.pH),
      measurements: records
        .filter((r) => csvOptional(r.analyte) !== null || csvOptional(r.mgPerKg) !== null)
        .map((r) => ({ analyte: csvOptional(r.analyte), mgPerKg: csvNumber(r.mgPerKg) })),
    },
  };
}

export const surveyPointImport: ImportKind<SurveyPointSubmissionRow, SurveyPointEntity> = {
  ...surveyPointSubmissions,
  csvColumns: SURVEY_POINT_CSV_COLUMNS,
  fromCsv: surveyPointFromCsv,
};
