import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, text, varchar } from 'drizzle-orm/pg-core';
import type { Point } from 'geojson';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { water } from './schema.ts';

/** Where a centralised drinking-water source draws its water from. */
export const WATER_SOURCE_KINDS = ['SURFACE', 'GROUNDWATER'] as const;
export type WaterSourceKind = (typeof WATER_SOURCE_KINDS)[number];

/**
 * Centralised drinking-water sources. The location is the intake (surface) or the centre
 * of the well field (groundwater), kept as a GeoJSON point and as indexed lon/lat columns.
 */
export const waterSources = water.table(
  'water_sources',
  {
    id: text('id').primaryKey(),
    ...externalIdColumn,
    name: text('name').notNull(),
    kind: varchar('kind', { length: 16 }).$type<WaterSourceKind>().notNull(),
    /** GB/T 2260 code of planning's district; no foreign key across agency schemas. */
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    location: jsonb('location').$type<Point>().notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    /** Design capacity in cubic metres per day. */
    capacityM3PerDay: doublePrecision('capacity_m3_per_day').notNull(),
    servedPopulation: integer('served_population'),
    /** Year the source began supplying drinking water. */
    inServiceSince: integer('in_service_since'),
    ...timestampColumns,
  },
  (t) => [
    // A district's sources in id order: District.waterSources reads each district's page from it.
    index('water_sources_district_code_id_idx').on(t.districtCode, t.id),
    index('water_sources_kind_idx').on(t.kind),
    index('water_sources_lon_lat_idx').on(t.lon, t.lat),
    check('water_sources_kind_check', sql`kind in ('SURFACE', 'GROUNDWATER')`),
  ],
);

export type WaterSourceRow = typeof waterSources.$inferSelect;
export type NewWaterSourceRow = typeof waterSources.$inferInsert;
