import { csvBoolean, csvNumber, csvOptional, flatImportKind, type ImportKind } from '@soilgraph/server-kit';
import type { SoilSampleEntity } from './data/soil-sample-writes.ts';
import type { SoilSampleSubmissionRow } from './inputs.ts';
import { enterpriseSubmissions, monitoringPointSubmissions, selfMonitoringReportSubmissions, siteStatusChangeSubmissions, soilSampleSubmissions } from './submissions.ts';

/*
 * What environment's data can be imported as (`pnpm import environment <kind> <file>`): each
 * kind is its mutation's validation and write path, plus how a CSV record maps to input.
 */

/** CSV columns of a soil-sample import: one line per measurement, a sample's lines consecutive. */
export const SOIL_SAMPLE_CSV_COLUMNS = [
  'externalId',
  'pointId',
  'parcelId',
  'districtCode',
  'sampledOn',
  'depthTopCm',
  'depthBottomCm',
  'pH',
  'pHMethod',
  'lab',
  'lon',
  'lat',
  'analyte',
  'mgPerKg',
  'belowDetectionLimit',
  'detectionLimitMgPerKg',
  'method',
  'analysedOn',
  'qualityFlag',
] as const;

const SAMPLE_COLUMNS = SOIL_SAMPLE_CSV_COLUMNS.slice(0, 12);


/**
 * Groups consecutive CSV records of one sample (same externalId) into a submission. Records of
 * one sample must agree on every sample column; where they do not, the problem names the column.
 */
export function soilSampleFromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] } {
  const first = records[0]!;
  const problems = records.flatMap((r, i) => SAMPLE_COLUMNS.filter((c) => (r[c] ?? '') !== (first[c] ?? '')).map((c) => `line ${i + 1} of the sample disagrees with its first line on ${c}`));
  return {
    problems,
    value: {
      externalId: first.externalId,
      pointId: csvOptional(first.pointId),
      parcelId: csvOptional(first.parcelId),
      districtCode: first.districtCode,
      sampledOn: first.sampledOn,
      depthTopCm: csvNumber(first.depthTopCm),
      depthBottomCm: csvNumber(first.depthBottomCm),
      pH: csvNumber(first.pH),
      pHMethod: csvOptional(first.pHMethod),
      lab: first.lab,
      location: { type: 'Point', coordinates: [csvNumber(first.lon), csvNumber(first.lat)] },
      measurements: records
        .filter((r) => csvOptional(r.analyte) !== null)
        .map((r) => ({
          analyte: r.analyte,
          mgPerKg: csvNumber(r.mgPerKg),
          belowDetectionLimit: csvBoolean(r.belowDetectionLimit),
          detectionLimitMgPerKg: csvNumber(r.detectionLimitMgPerKg),
          method: r.method,
          analysedOn: csvOptional(r.analysedOn),
          qualityFlag: csvOptional(r.qualityFlag),
        })),
    },
  };
}

export const soilSampleImport: ImportKind<SoilSampleSubmissionRow, SoilSampleEntity> = {
  ...soilSampleSubmissions,
  csvColumns: SOIL_SAMPLE_CSV_COLUMNS,
  fromCsv: soilSampleFromCsv,
};

export const monitoringPointImport = flatImportKind(monitoringPointSubmissions, 'monitoring point', {
  externalId: 'text',
  id: 'text',
  code: 'text',
  name: 'text',
  level: 'text',
  purpose: 'text',
  districtCode: 'text',
  parcelId: 'optional',
  waterSourceId: 'optional',
  location: 'point',
  establishedOn: 'optional',
});

export const enterpriseImport = flatImportKind(enterpriseSubmissions, 'enterprise', {
  externalId: 'text',
  creditCode: 'text',
  name: 'text',
  industry: 'text',
  districtCode: 'text',
  parcelId: 'optional',
  location: 'point',
  supervisedSince: 'number',
});

export const selfMonitoringReportImport = flatImportKind(selfMonitoringReportSubmissions, 'self-monitoring report', {
  externalId: 'text',
  enterpriseCreditCode: 'text',
  year: 'number',
  reportedOn: 'text',
  summary: 'text',
  exceedances: 'number',
});

export const siteStatusChangeImport = flatImportKind(siteStatusChangeSubmissions, 'site status change', {
  externalId: 'text',
  siteId: 'text',
  status: 'text',
  changedOn: 'text',
  document: 'text',
});
