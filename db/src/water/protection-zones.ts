import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, jsonb, text, unique, varchar } from 'drizzle-orm/pg-core';
import type { Polygon } from 'geojson';
import { bboxColumns, bboxIndexes, externalIdColumn, timestampColumns } from '../columns.ts';
import { water } from './schema.ts';
import { waterSources } from './water-sources.ts';

/** HJ 338-2018 levels, innermost first: this is also the order zones are listed in. */
export const ZONE_LEVELS = ['LEVEL_1', 'LEVEL_2', 'QUASI'] as const;
export type ZoneLevel = (typeof ZONE_LEVELS)[number];

/** Surface sources have water and land parts; groundwater zones are land (the ground above the source). */
export const ZONE_PARTS = ['WATER', 'LAND'] as const;
export type ZonePart = (typeof ZONE_PARTS)[number];

/**
 * Drinking-water source protection zones as the city approved them: stored polygons,
 * never derived from radii. The bbox columns select candidates for spatial tests.
 */
export const protectionZones = water.table(
  'protection_zones',
  {
    id: text('id').primaryKey(),
    ...externalIdColumn,
    waterSourceId: text('water_source_id')
      .notNull()
      .references(() => waterSources.id, { onDelete: 'cascade' }),
    level: varchar('level', { length: 8 }).$type<ZoneLevel>().notNull(),
    part: varchar('part', { length: 8 }).$type<ZonePart>().notNull(),
    geometry: jsonb('geometry').$type<Polygon>().notNull(),
    ...bboxColumns,
    areaKm2: doublePrecision('area_km2').notNull(),
    approvedOn: date('approved_on', { mode: 'string' }),
    approvalDocument: text('approval_document'),
    ...timestampColumns,
  },
  (t) => [
    unique('protection_zones_source_level_part_unique').on(t.waterSourceId, t.level, t.part),
    index('protection_zones_water_source_id_idx').on(t.waterSourceId),
    index('protection_zones_level_idx').on(t.level),
    index('protection_zones_part_idx').on(t.part),
    ...bboxIndexes('protection_zones_bbox', t),
    check('protection_zones_level_check', sql`level in ('LEVEL_1', 'LEVEL_2', 'QUASI')`),
    check('protection_zones_part_check', sql`part in ('WATER', 'LAND')`),
  ],
);

export type ProtectionZoneRow = typeof protectionZones.$inferSelect;
export type NewProtectionZoneRow = typeof protectionZones.$inferInsert;
