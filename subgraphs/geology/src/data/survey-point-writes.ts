import { externalIdSuffix, type UpsertSpec } from '@soilgraph/db';
import { type ParentMaterial, type SoilType, surveyMeasurements, surveyPoints } from '@soilgraph/db/geology';
import { type Analyte, ANALYTES } from '@soilgraph/domain';
import { eq, inArray, sql } from 'drizzle-orm';
import type { SurveyPointSubmissionRow } from '../inputs.ts';

/** A survey point as stored, in the canonical shape its audit digest is taken of (measurements in analyte order). */
export interface SurveyPointEntity {
  id: string;
  externalId: string;
  districtCode: string;
  location: { type: 'Point'; coordinates: [number, number] };
  lon: number;
  lat: number;
  sampledOn: string | null;
  depthCm: number;
  soilType: SoilType;
  parentMaterial: ParentMaterial;
  groundwaterDepthM: number | null;
  ph: number | null;
  measurements: { analyte: Analyte; valueMgPerKg: number }[];
}

const byAnalyte = (a: { analyte: Analyte }, b: { analyte: Analyte }) => ANALYTES.indexOf(a.analyte) - ANALYTES.indexOf(b.analyte);
/** Rows per INSERT statement: well under Postgres's 65,535 parameters. */
const CHUNK = 1000;

/**
 * The public id of a new point: GS-<district>-<first 10 hex digits of the SHA-256 of its
 * externalId>. The survey's own serials (GS-110111-0001) are four decimal digits, so the two
 * never meet.
 */
export function newSurveyPointId(districtCode: string, externalId: string): string {
  return `GS-${districtCode}-${externalIdSuffix(externalId)}`;
}

export const surveyPointUpsert: UpsertSpec<SurveyPointSubmissionRow, SurveyPointEntity> = {
  entityType: 'GeochemicalSurveyPoint',
  async existing(tx, externalIds) {
    const rows = await tx.select().from(surveyPoints).where(inArray(surveyPoints.externalId, [...externalIds]));
    if (rows.length === 0) return new Map();
    const stored = await tx
      .select()
      .from(surveyMeasurements)
      .where(
        inArray(
          surveyMeasurements.pointId,
          rows.map((r) => r.id),
        ),
      );
    return new Map(
      rows.map((r) => [
        r.externalId,
        {
          id: r.id,
          externalId: r.externalId,
          districtCode: r.districtCode,
          location: r.location as SurveyPointEntity['location'],
          lon: r.lon,
          lat: r.lat,
          sampledOn: r.sampledOn,
          depthCm: r.depthCm,
          soilType: r.soilType,
          parentMaterial: r.parentMaterial,
          groundwaterDepthM: r.groundwaterDepthM,
          ph: r.ph,
          measurements: stored
            .filter((m) => m.pointId === r.id)
            .map((m) => ({ analyte: m.analyte, valueMgPerKg: m.valueMgPerKg }))
            .sort(byAnalyte),
        },
      ]),
    );
  },
  build(row, current) {
    const [lon, lat] = row.location.coordinates;
    return {
      id: current?.id ?? newSurveyPointId(row.districtCode, row.externalId),
      externalId: row.externalId,
      districtCode: row.districtCode,
      location: { type: 'Point', coordinates: [lon, lat] },
      lon,
      lat,
      sampledOn: row.sampledOn ?? null,
      depthCm: row.depthCm,
      soilType: row.soilType,
      parentMaterial: row.parentMaterial,
      groundwaterDepthM: row.groundwaterDepthM ?? null,
      ph: row.pH ?? null,
      measurements: row.measurements.map((m) => ({ analyte: m.analyte, valueMgPerKg: m.mgPerKg })).sort(byAnalyte),
    };
  },
  async save(tx, records) {
    const now = sql`now()`;
    const created = records.filter((r) => r.created).map((r) => r.entity);
    const updated = records.filter((r) => !r.created).map((r) => r.entity);
    const pointRow = ({ measurements: _, ...point }: SurveyPointEntity) => point;
    for (let i = 0; i < created.length; i += CHUNK) await tx.insert(surveyPoints).values(created.slice(i, i + CHUNK).map(pointRow));
    for (const entity of updated) await tx.update(surveyPoints).set({ ...pointRow(entity), updatedAt: now }).where(eq(surveyPoints.id, entity.id));
    // A point's measurements are replaced by the submitted ones.
    if (updated.length > 0) {
      await tx.delete(surveyMeasurements).where(
        inArray(
          surveyMeasurements.pointId,
          updated.map((e) => e.id),
        ),
      );
    }
    const rows = records.flatMap(({ entity }) => entity.measurements.map((m) => ({ pointId: entity.id, ...m })));
    for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(surveyMeasurements).values(rows.slice(i, i + CHUNK));
  },
};
