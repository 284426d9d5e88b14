import type { ImportKind } from '@soilgraph/server-kit';
import type { LandUseChangeEntity } from './data/land-use-change-writes.ts';
import type { ParcelEntity } from './data/parcel-writes.ts';
import type { LandUseChangeSubmissionRow, ParcelSubmissionRow } from './inputs.ts';
import { landUseChangeSubmissions, parcelSubmissions } from './submissions.ts';

/*
 * What planning's data can be imported as (`pnpm import planning <kind> <file>`): each kind is
 * its mutation's validation and write path, plus how a CSV record maps to input. NDJSON lines
 * are the mutation's input objects as they are.
 */

/** CSV columns of a parcel import: one line per parcel, its boundary as GeoJSON text in `geometry`. */
export const PARCEL_CSV_COLUMNS = ['externalId', 'id', 'name', 'districtCode', 'landUse', 'plannedUse', 'areaHa', 'geometry'] as const;

/** CSV columns of a planned-use change import: one line per case. */
export const LAND_USE_CHANGE_CSV_COLUMNS = ['externalId', 'caseNumber', 'parcelId', 'fromPlannedUse', 'toPlannedUse', 'status', 'proposedOn', 'decidedOn'] as const;

/** An empty CSV field is "not given"; a number field that is not a number stays NaN, which validation refuses. */
const optional = (v: string | undefined) => (v === undefined || v === '' ? null : v);
const number = (v: string | undefined) => (optional(v) === null ? null : Number(v));

/** A flat kind is one line per row: consecutive lines with one externalId are a mistake, named here. */
const oneLine = (records: readonly Record<string, string>[], what: string) =>
  records.length > 1 ? [`${records.length} consecutive lines have externalId ${JSON.stringify(records[0]!.externalId)}; a ${what} is one line`] : [];

export function parcelFromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] } {
  const r = records[0]!;
  const problems = oneLine(records, 'parcel');
  let geometry: unknown = null;
  if (optional(r.geometry) !== null) {
    try {
      geometry = JSON.parse(r.geometry!);
    } catch (error) {
      problems.push(`geometry: not GeoJSON text: ${(error as Error).message}`);
    }
  }
  return {
    problems,
    value: {
      externalId: r.externalId,
      id: r.id,
      name: r.name,
      districtCode: r.districtCode,
      landUse: r.landUse,
      plannedUse: optional(r.plannedUse),
      areaHa: number(r.areaHa),
      geometry,
    },
  };
}

export function landUseChangeFromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] } {
  const r = records[0]!;
  return {
    problems: oneLine(records, 'planned-use change case'),
    value: {
      externalId: r.externalId,
      caseNumber: r.caseNumber,
      parcelId: r.parcelId,
      fromPlannedUse: optional(r.fromPlannedUse),
      toPlannedUse: r.toPlannedUse,
      status: r.status,
      proposedOn: r.proposedOn,
      decidedOn: optional(r.decidedOn),
    },
  };
}

export const parcelImport: ImportKind<ParcelSubmissionRow, ParcelEntity> = {
  ...parcelSubmissions,
  csvColumns: PARCEL_CSV_COLUMNS,
  fromCsv: parcelFromCsv,
};

export const landUseChangeImport: ImportKind<LandUseChangeSubmissionRow, LandUseChangeEntity> = {
  ...landUseChangeSubmissions,
  csvColumns: LAND_USE_CHANGE_CSV_COLUMNS,
  fromCsv: landUseChangeFromCsv,
};
