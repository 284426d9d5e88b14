import type { ImportKind, SubmissionKind } from '@soilgraph/server-kit';
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

/** An empty CSV field is "not given"; a number field that is not a number stays NaN, which validation refuses. */
const optional = (v: string | undefined) => (v === undefined || v === '' ? null : v);
const number = (v: string | undefined) => (optional(v) === null ? null : Number(v));
const boolean = (v: string | undefined) => (optional(v) === null ? null : v === 'true' ? true : v === 'false' ? false : v);

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
      pointId: optional(first.pointId),
      parcelId: optional(first.parcelId),
      districtCode: first.districtCode,
      sampledOn: first.sampledOn,
      depthTopCm: number(first.depthTopCm),
      depthBottomCm: number(first.depthBottomCm),
      pH: number(first.pH),
      pHMethod: optional(first.pHMethod),
      lab: first.lab,
      location: { type: 'Point', coordinates: [number(first.lon), number(first.lat)] },
      measurements: records
        .filter((r) => optional(r.analyte) !== null)
        .map((r) => ({
          analyte: r.analyte,
          mgPerKg: number(r.mgPerKg),
          belowDetectionLimit: boolean(r.belowDetectionLimit),
          detectionLimitMgPerKg: number(r.detectionLimitMgPerKg),
          method: r.method,
          analysedOn: optional(r.analysedOn),
          qualityFlag: optional(r.qualityFlag),
        })),
    },
  };
}

export const soilSampleImport: ImportKind<SoilSampleSubmissionRow, SoilSampleEntity> = {
  ...soilSampleSubmissions,
  csvColumns: SOIL_SAMPLE_CSV_COLUMNS,
  fromCsv: soilSampleFromCsv,
};

/** How a flat CSV column becomes an input field. */
type Column = 'text' | 'number' | 'point';

/**
 * The import kind of a flat submission: one CSV line per row, a column per input field (a
 * GeoJSON Point as two columns, lon and lat). Consecutive lines sharing an externalId are a problem.
 */
function flatImport<Row extends { externalId: string }, Entity extends { id: string }>(
  kind: SubmissionKind<Row, Entity>,
  fields: Readonly<Record<string, Column>>,
): ImportKind<Row, Entity> {
  const csvColumns = Object.entries(fields).flatMap(([name, type]) => (type === 'point' ? ['lon', 'lat'] : [name]));
  return {
    ...kind,
    csvColumns,
    fromCsv(records) {
      const record = records[0]!;
      const value = Object.fromEntries(
        Object.entries(fields).map(([name, type]) => [
          name,
          type === 'point' ? { type: 'Point', coordinates: [number(record.lon), number(record.lat)] } : type === 'number' ? number(record[name]) : optional(record[name]),
        ]),
      );
      return { value, problems: records.length > 1 ? [`${records.length} consecutive lines share the externalId ${record.externalId}; give each row once`] : [] };
    },
  };
}

export const monitoringPointImport = flatImport(monitoringPointSubmissions, {
  externalId: 'text',
  id: 'text',
  code: 'text',
  name: 'text',
  level: 'text',
  purpose: 'text',
  districtCode: 'text',
  parcelId: 'text',
  waterSourceId: 'text',
  location: 'point',
  establishedOn: 'text',
});

export const enterpriseImport = flatImport(enterpriseSubmissions, {
  externalId: 'text',
  creditCode: 'text',
  name: 'text',
  industry: 'text',
  districtCode: 'text',
  parcelId: 'text',
  location: 'point',
  supervisedSince: 'number',
});

export const selfMonitoringReportImport = flatImport(selfMonitoringReportSubmissions, {
  externalId: 'text',
  enterpriseCreditCode: 'text',
  year: 'number',
  reportedOn: 'text',
  summary: 'text',
  exceedances: 'number',
});

export const siteStatusChangeImport = flatImport(siteStatusChangeSubmissions, {
  externalId: 'text',
  siteId: 'text',
  status: 'text',
  changedOn: 'text',
  document: 'text',
});
