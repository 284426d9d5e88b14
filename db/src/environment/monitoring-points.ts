import { date, doublePrecision, check, index, jsonb, text, varchar } from 'drizzle-orm/pg-core';
import type { Point } from 'geojson';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { inList } from './check.ts';
import { environment } from './schema.ts';

/** The three levels of Beijing's soil monitoring network (plan item 2). */
export const NETWORK_LEVELS = ['NATIONAL', 'MUNICIPAL', 'DISTRICT'] as const;
export type NetworkLevel = (typeof NETWORK_LEVELS)[number];

/** What a monitoring point watches: farmland, construction land or a drinking-water source. */
export const MONITORING_PURPOSES = ['FARMLAND', 'CONSTRUCTION_LAND', 'WATER_SOURCE'] as const;
export type MonitoringPurpose = (typeof MONITORING_PURPOSES)[number];

/**
 * Fixed soil monitoring points of the national, municipal and district networks. The
 * location is kept as a GeoJSON point and as indexed lon/lat columns for box searches.
 * Parcels, districts and water sources belong to other agencies: referenced by their
 * public keys, without foreign keys across schemas.
 */
export const monitoringPoints = environment.table(
  'monitoring_points',
  {
    /** Stable public id, e.g. MP-110108-001. */
    id: text('id').primaryKey(),
    ...externalIdColumn,
    /** The network's own station code, e.g. GK-110108-01 (national), SK- (municipal), QK- (district). */
    code: text('code').notNull().unique('monitoring_points_code_unique'),
    name: text('name').notNull(),
    level: varchar('level', { length: 16 }).$type<NetworkLevel>().notNull(),
    purpose: varchar('purpose', { length: 24 }).$type<MonitoringPurpose>().notNull(),
    /** GB/T 2260 code of planning's district. */
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    /** Planning's public parcel id; null when the point lies on no registered parcel. */
    parcelId: text('parcel_id'),
    /** Water's public water-source id, for points that watch a drinking-water source. */
    waterSourceId: text('water_source_id'),
    location: jsonb('location').$type<Point>().notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    establishedOn: date('established_on', { mode: 'string' }),
    ...timestampColumns,
  },
  (t) => [
    // A district's points in id order: District.monitoringPoints reads each district's page from it.
    index('monitoring_points_district_code_id_idx').on(t.districtCode, t.id),
    index('monitoring_points_level_idx').on(t.level),
    index('monitoring_points_purpose_idx').on(t.purpose),
    index('monitoring_points_parcel_id_idx').on(t.parcelId),
    index('monitoring_points_water_source_id_idx').on(t.waterSourceId),
    index('monitoring_points_lon_lat_idx').on(t.lon, t.lat),
    check('monitoring_points_level_check', inList('level', NETWORK_LEVELS)),
    check('monitoring_points_purpose_check', inList('purpose', MONITORING_PURPOSES)),
  ],
);

export type MonitoringPointRow = typeof monitoringPoints.$inferSelect;
export type NewMonitoringPointRow = typeof monitoringPoints.$inferInsert;
