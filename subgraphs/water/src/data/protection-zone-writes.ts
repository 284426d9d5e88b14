import type { Database, UpsertSpec } from '@soilgraph/db';
import { protectionZones, waterSources, type ZoneLevel, type ZonePart } from '@soilgraph/db/water';
import { bboxOf } from '@soilgraph/geo';
import type { RejectedRow } from '@soilgraph/server-kit';
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { MultiPolygon, Polygon } from 'geojson';
import type { ProtectionZoneSubmissionRow } from '../inputs.ts';

/** A zone as stored, in the canonical shape its audit digest is taken of (the table's columns but the timestamps). */
export interface ProtectionZoneEntity {
  id: string;
  externalId: string;
  waterSourceId: string;
  level: ZoneLevel;
  part: ZonePart;
  /** The approved boundary exactly as submitted. */
  geometry: Polygon | MultiPolygon;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  areaKm2: number;
  approvedOn: string | null;
  approvalDocument: string | null;
}

/** Rows per INSERT statement: well under Postgres's 65,535 parameters. */
const CHUNK = 1000;

const rejectedAt = (index: number, field: string, message: string): RejectedRow => ({
  index,
  argumentPath: ['zones', index, field],
  message: `zones.${index}.${field}: ${message}`,
});

/**
 * Rows that contradict what is stored: a water source that does not exist, a WATER part of a
 * groundwater source, an externalId that already names a zone under another id (ids never
 * change), an id that already names the zone of another externalId, and a level and part of
 * the source that another zone already holds. Checked before the write; the table's keys and
 * unique constraints still hold if a concurrent batch gets in between (that batch then fails whole).
 */
export async function protectionZoneConflicts(db: Database, rows: readonly ProtectionZoneSubmissionRow[]): Promise<RejectedRow[]> {
  const sourceIds = [...new Set(rows.map((r) => r.waterSourceId))];
  const sources = await db.select({ id: waterSources.id, kind: waterSources.kind }).from(waterSources).where(inArray(waterSources.id, sourceIds));
  const kindOf = new Map(sources.map((s) => [s.id, s.kind]));
  const stored = await db
    .select({ id: protectionZones.id, externalId: protectionZones.externalId, waterSourceId: protectionZones.waterSourceId, level: protectionZones.level, part: protectionZones.part })
    .from(protectionZones)
    .where(
      or(
        inArray(
          protectionZones.externalId,
          rows.map((r) => r.externalId),
        ),
        inArray(
          protectionZones.id,
          rows.map((r) => r.id),
        ),
        inArray(protectionZones.waterSourceId, sourceIds),
      ),
    );
  const idByExternalId = new Map(stored.map((z) => [z.externalId, z.id]));
  const externalIdById = new Map(stored.map((z) => [z.id, z.externalId]));
  const slot = (z: { waterSourceId: string; level: string; part: string }) => `${z.waterSourceId} ${z.level} ${z.part}`;
  const idBySlot = new Map(stored.map((z) => [slot(z), z.id]));
  return rows.flatMap((row, index) => {
    const kind = kindOf.get(row.waterSourceId);
    if (kind === undefined) return [rejectedAt(index, 'waterSourceId', `no water source ${JSON.stringify(row.waterSourceId)}; submit it with submitWaterSources first`)];
    const problems: RejectedRow[] = [];
    if (kind === 'GROUNDWATER' && row.part === 'WATER') problems.push(rejectedAt(index, 'part', `${row.waterSourceId} is a groundwater source: its zones are LAND`));
    const storedId = idByExternalId.get(row.externalId);
    const owner = externalIdById.get(row.id);
    if (storedId !== undefined && storedId !== row.id) {
      problems.push(rejectedAt(index, 'id', `externalId ${JSON.stringify(row.externalId)} is zone ${storedId}; a zone's id never changes`));
    } else if (owner !== undefined && owner !== row.externalId) {
      problems.push(rejectedAt(index, 'id', `${row.id} is already the zone submitted as externalId ${JSON.stringify(owner)}`));
    } else {
      const holder = idBySlot.get(slot(row));
      if (holder !== undefined && holder !== row.id) problems.push(rejectedAt(index, 'part', `${row.waterSourceId} already has its ${row.level} ${row.part} zone, ${holder}`));
    }
    return problems;
  });
}

export const protectionZoneUpsert: UpsertSpec<ProtectionZoneSubmissionRow, ProtectionZoneEntity> = {
  entityType: 'ProtectionZone',
  async existing(tx, externalIds) {
    const rows = await tx.select().from(protectionZones).where(inArray(protectionZones.externalId, [...externalIds]));
    return new Map(
      rows.map((r) => [
        r.externalId,
        {
          id: r.id,
          externalId: r.externalId,
          waterSourceId: r.waterSourceId,
          level: r.level,
          part: r.part,
          geometry: r.geometry,
          minLon: r.minLon,
          minLat: r.minLat,
          maxLon: r.maxLon,
          maxLat: r.maxLat,
          areaKm2: r.areaKm2,
          approvedOn: r.approvedOn,
          approvalDocument: r.approvalDocument,
        },
      ]),
    );
  },
  build(row, current) {
    // Official polygons: the geometry is kept exactly as submitted (no rounding, re-orienting or closing).
    const geometry = row.geometry as Polygon | MultiPolygon;
    return {
      // The submitted id; protectionZoneConflicts has checked it is the current one's.
      id: current?.id ?? row.id,
      externalId: row.externalId,
      waterSourceId: row.waterSourceId,
      level: row.level,
      part: row.part,
      geometry,
      ...bboxOf(geometry),
      areaKm2: row.areaKm2,
      approvedOn: row.approvedOn ?? null,
      approvalDocument: row.approvalDocument ?? null,
    };
  },
  async save(tx, records) {
    const now = sql`now()`;
    // The column is typed Polygon; its jsonb holds a MultiPolygon just as well, and every reader treats it as a geometry.
    const zoneRow = (entity: ProtectionZoneEntity) => ({ ...entity, geometry: entity.geometry as Polygon });
    const created = records.filter((r) => r.created).map((r) => zoneRow(r.entity));
    const updated = records.filter((r) => !r.created).map((r) => zoneRow(r.entity));
    for (let i = 0; i < created.length; i += CHUNK) await tx.insert(protectionZones).values(created.slice(i, i + CHUNK));
    for (const entity of updated) await tx.update(protectionZones).set({ ...entity, updatedAt: now }).where(eq(protectionZones.id, entity.id));
  },
};
