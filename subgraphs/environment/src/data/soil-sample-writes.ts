import { type Database, externalIdSuffix, type UpsertSpec } from '@soilgraph/db';
import { measurements, monitoringPoints, soilSamples } from '@soilgraph/db/environment';
import type { Analyte } from '@soilgraph/domain';
import { ANALYTES } from '@soilgraph/domain';
import type { RejectedRow } from '@soilgraph/server-kit';
import { inArray, sql } from 'drizzle-orm';
import type { SoilSampleSubmissionRow } from '../inputs.ts';

/** A sample as stored, in the canonical shape its audit digest is taken of (measurements in analyte order). */
export interface SoilSampleEntity {
  id: string;
  externalId: string;
  pointId: string | null;
  parcelId: string | null;
  districtCode: string;
  sampledOn: string;
  depthTopCm: number;
  depthBottomCm: number;
  ph: number | null;
  phMethod: string | null;
  lab: string;
  location: { type: 'Point'; coordinates: [number, number] };
  measurements: {
    analyte: Analyte;
    valueMgPerKg: number | null;
    belowDetectionLimit: boolean;
    detectionLimitMgPerKg: number | null;
    method: string;
    analysedOn: string | null;
    qualityFlag: 'VALID' | 'ESTIMATED' | 'REJECTED';
  }[];
}

const byAnalyte = (a: { analyte: Analyte }, b: { analyte: Analyte }) => ANALYTES.indexOf(a.analyte) - ANALYTES.indexOf(b.analyte);

/** The public id of a new sample: SS-<district>-<first 10 hex digits of the SHA-256 of its externalId>. */
export function newSoilSampleId(districtCode: string, externalId: string): string {
  return `SS-${districtCode}-${externalIdSuffix(externalId)}`;
}

/** Of the given point ids, those environment does not know. */
export async function unknownPointIds(db: Database, ids: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Set();
  const known = await db.select({ id: monitoringPoints.id }).from(monitoringPoints).where(inArray(monitoringPoints.id, wanted));
  const found = new Set(known.map((k) => k.id));
  return new Set(wanted.filter((id) => !found.has(id)));
}

export const soilSampleUpsert: UpsertSpec<SoilSampleSubmissionRow, SoilSampleEntity> = {
  entityType: 'SoilSample',
  async existing(tx, externalIds) {
    const rows = await tx.select().from(soilSamples).where(inArray(soilSamples.externalId, [...externalIds]));
    if (rows.length === 0) return new Map();
    const stored = await tx
      .select()
      .from(measurements)
      .where(
        inArray(
          measurements.sampleId,
          rows.map((r) => r.id),
        ),
      );
    return new Map(
      rows.map((r) => [
        r.externalId,
        {
          id: r.id,
          externalId: r.externalId,
          pointId: r.pointId,
          parcelId: r.parcelId,
          districtCode: r.districtCode,
          sampledOn: r.sampledOn,
          depthTopCm: r.depthTopCm,
          depthBottomCm: r.depthBottomCm,
          ph: r.ph,
          phMethod: r.phMethod,
          lab: r.lab,
          location: r.location as SoilSampleEntity['location'],
          measurements: stored
            .filter((m) => m.sampleId === r.id)
            .map((m) => ({
              analyte: m.analyte,
              valueMgPerKg: m.valueMgPerKg,
              belowDetectionLimit: m.belowDetectionLimit,
              detectionLimitMgPerKg: m.detectionLimitMgPerKg,
              method: m.method,
              analysedOn: m.analysedOn,
              qualityFlag: m.qualityFlag,
            }))
            .sort(byAnalyte),
        },
      ]),
    );
  },
  build(row, current) {
    return {
      id: current?.id ?? newSoilSampleId(row.districtCode, row.externalId),
      externalId: row.externalId,
      pointId: row.pointId ?? null,
      parcelId: row.parcelId ?? null,
      districtCode: row.districtCode,
      sampledOn: row.sampledOn,
      depthTopCm: row.depthTopCm,
      depthBottomCm: row.depthBottomCm,
      ph: row.pH ?? null,
      phMethod: row.pHMethod ?? null,
      lab: row.lab,
      location: { type: 'Point', coordinates: [row.location.coordinates[0], row.location.coordinates[1]] },
      measurements: row.measurements
        .map((m) => ({
          analyte: m.analyte,
          valueMgPerKg: m.belowDetectionLimit ? null : (m.mgPerKg ?? null),
          belowDetectionLimit: m.belowDetectionLimit ?? false,
          detectionLimitMgPerKg: m.detectionLimitMgPerKg ?? null,
          method: m.method,
          analysedOn: m.analysedOn ?? null,
          qualityFlag: m.qualityFlag ?? 'VALID',
        }))
        .sort(byAnalyte),
    };
  },
  async save(tx, records) {
    const created = records.filter((r) => r.created).map((r) => r.entity);
    const updated = records.filter((r) => !r.created).map((r) => r.entity);
    const sampleRows = (entities: readonly SoilSampleEntity[]) =>
      JSON.stringify(
        entities.map((e) => ({
          id: e.id,
          external_id: e.externalId,
          point_id: e.pointId,
          parcel_id: e.parcelId,
          district_code: e.districtCode,
          sampled_on: e.sampledOn,
          depth_top_cm: e.depthTopCm,
          depth_bottom_cm: e.depthBottomCm,
          ph: e.ph,
          ph_method: e.phMethod,
          lab: e.lab,
          location: e.location,
        })),
      );
    const sampleColumns = sql.raw(`s(id text, external_id text, point_id text, parcel_id text, district_code text,
      sampled_on date, depth_top_cm integer, depth_bottom_cm integer, ph double precision, ph_method text, lab text, location jsonb)`);
    // updated_at is the time of this statement, not now(): now() is when the transaction began,
    // before it waited for environment's write lock, so a batch that waited long would commit
    // changes dated before those of the batches that went ahead of it. Taken under the lock, the
    // writes of this path commit in updated_at order, which the incremental sync walks
    // (SoilSample.updatedAt; docs/integrators.md, "Incremental sync").
    if (created.length > 0) {
      await tx.execute(sql`
        insert into ${soilSamples} (id, external_id, point_id, parcel_id, district_code, sampled_on, depth_top_cm, depth_bottom_cm, ph, ph_method, lab, location, updated_at)
        select id, external_id, point_id, parcel_id, district_code, sampled_on, depth_top_cm, depth_bottom_cm, ph, ph_method, lab, location, statement_timestamp()
        from jsonb_to_recordset(${sampleRows(created)}::jsonb) as ${sampleColumns}`);
    }
    // Updated samples in one statement too, whatever their number (not one UPDATE per sample). Only
    // changed samples get here (upsertBatch leaves UNCHANGED rows alone): a change to a sample's
    // measurements alone moves its updated_at too.
    if (updated.length > 0) {
      await tx.execute(sql`
        update ${soilSamples} set external_id = s.external_id, point_id = s.point_id, parcel_id = s.parcel_id, district_code = s.district_code,
          sampled_on = s.sampled_on, depth_top_cm = s.depth_top_cm, depth_bottom_cm = s.depth_bottom_cm, ph = s.ph, ph_method = s.ph_method,
          lab = s.lab, location = s.location, updated_at = statement_timestamp()
        from jsonb_to_recordset(${sampleRows(updated)}::jsonb) as ${sampleColumns}
        where ${soilSamples.id} = s.id`);
    }
    // A sample's measurements are replaced by the submitted ones.
    if (updated.length > 0) {
      await tx.delete(measurements).where(
        inArray(
          measurements.sampleId,
          updated.map((e) => e.id),
        ),
      );
    }
    // New samples and their measurements (ten or more per sample) go in one statement each, the
    // rows as one JSON parameter unpacked by Postgres, instead of thousands of bound parameters.
    const rows = records.flatMap(({ entity }) =>
      entity.measurements.map((m) => ({
        sample_id: entity.id,
        analyte: m.analyte,
        value_mg_per_kg: m.valueMgPerKg,
        below_detection_limit: m.belowDetectionLimit,
        detection_limit_mg_per_kg: m.detectionLimitMgPerKg,
        method: m.method,
        analysed_on: m.analysedOn,
        quality_flag: m.qualityFlag,
      })),
    );
    if (rows.length > 0) {
      await tx.execute(sql`
        insert into ${measurements} (sample_id, analyte, value_mg_per_kg, below_detection_limit, detection_limit_mg_per_kg, method, analysed_on, quality_flag)
        select sample_id, analyte, value_mg_per_kg, below_detection_limit, detection_limit_mg_per_kg, method, analysed_on, quality_flag
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as m(sample_id text, analyte text, value_mg_per_kg double precision,
          below_detection_limit boolean, detection_limit_mg_per_kg double precision, method text, analysed_on date, quality_flag text)`);
    }
  },
};

/** Rows naming a monitoring point environment does not know, as rejected rows under `argumentName`. */
export async function soilSampleReferenceProblems(db: Database, rows: readonly SoilSampleSubmissionRow[], argumentName = 'samples'): Promise<RejectedRow[]> {
  const unknown = await unknownPointIds(
    db,
    rows.flatMap((r) => (r.pointId ? [r.pointId] : [])),
  );
  return rows.flatMap((r, index) =>
    r.pointId && unknown.has(r.pointId)
      ? [{ index, argumentPath: [argumentName, index, 'pointId'], message: `${argumentName}.${index}.pointId: no monitoring point ${JSON.stringify(r.pointId)}` }]
      : [],
  );
}
