import type { ImportKind } from '@soilgraph/server-kit';
import type { ProtectionZoneEntity } from './data/protection-zone-writes.ts';
import type { WaterSourceEntity } from './data/water-source-writes.ts';
import type { ProtectionZoneSubmissionRow, WaterSourceSubmissionRow } from './inputs.ts';
import { protectionZoneSubmissions, waterSourceSubmissions } from './submissions.ts';

/*
 * What water's data can be imported as (`pnpm import water <kind> <file>`): each kind is its
 * mutation's validation and write path, plus how a CSV record maps to input. NDJSON lines are
 * the mutation's input objects as they are.
 */

/** CSV columns of a water-source import: one line per source, its location as lon and lat. */
export const WATER_SOURCE_CSV_COLUMNS = ['externalId', 'id', 'name', 'kind', 'districtCode', 'lon', 'lat', 'capacityM3PerDay', 'servedPopulation', 'inServiceSince'] as const;

/** CSV columns of a protection-zone import: one line per zone, its boundary as GeoJSON text in `geometry`. */
export const PROTECTION_ZONE_CSV_COLUMNS = ['externalId', 'id', 'waterSourceId', 'level', 'part', 'geometry', 'areaKm2', 'approvedOn', 'approvalDocument'] as const;

/** An empty CSV field is "not given"; a number field that is not a number stays NaN, which validation refuses. */
const optional = (v: string | undefined) => (v === undefined || v === '' ? null : v);
const number = (v: string | undefined) => (optional(v) === null ? null : Number(v));

/** A flat kind is one line per row: consecutive lines with one externalId are a mistake, named here. */
const oneLine = (records: readonly Record<string, string>[], what: string) =>
  records.length > 1 ? [`${records.length} consecutive lines have externalId ${JSON.stringify(records[0]!.externalId)}; a ${what} is one line`] : [];

export function waterSourceFromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] } {
  const r = records[0]!;
  return {
    problems: oneLine(records, 'water source'),
    value: {
      externalId: r.externalId,
      id: r.id,
      name: r.name,
      kind: r.kind,
      districtCode: r.districtCode,
      location: { type: 'Point', coordinates: [number(r.lon), number(r.lat)] },
      capacityM3PerDay: number(r.capacityM3PerDay),
      servedPopulation: number(r.servedPopulation),
      inServiceSince: number(r.inServiceSince),
    },
  };
}

export function protectionZoneFromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] } {
  const r = records[0]!;
  const problems = oneLine(records, 'protection zone');
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
      waterSourceId: r.waterSourceId,
      level: r.level,
      part: r.part,
      geometry,
      areaKm2: number(r.areaKm2),
      approvedOn: optional(r.approvedOn),
      approvalDocument: optional(r.approvalDocument),
    },
  };
}

export const waterSourceImport: ImportKind<WaterSourceSubmissionRow, WaterSourceEntity> = {
  ...waterSourceSubmissions,
  csvColumns: WATER_SOURCE_CSV_COLUMNS,
  fromCsv: waterSourceFromCsv,
};

export const protectionZoneImport: ImportKind<ProtectionZoneSubmissionRow, ProtectionZoneEntity> = {
  ...protectionZoneSubmissions,
  csvColumns: PROTECTION_ZONE_CSV_COLUMNS,
  fromCsv: protectionZoneFromCsv,
};
