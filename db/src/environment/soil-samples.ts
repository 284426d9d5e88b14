import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, doublePrecision, index, integer, jsonb, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import type { Point } from 'geojson';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { monitoringPoints } from './monitoring-points.ts';
import { environment } from './schema.ts';

/**
 * A GeoJSON Point column's longitude and latitude as numbers. The position index is built on these
 * expressions, and a query uses that index only when it writes them the same way: both take them from here.
 */
export const pointLon = (location: AnyPgColumn) => sql<number>`((${location} -> 'coordinates' ->> 0)::double precision)`;
export const pointLat = (location: AnyPgColumn) => sql<number>`((${location} -> 'coordinates' ->> 1)::double precision)`;

/**
 * Soil samples: the feature of interest of each measurement (O&M / SensorThings), taken at
 * a monitoring point or on a parcel over a depth interval on a sampling date.
 */
export const soilSamples = environment.table(
  'soil_samples',
  {
    /** Stable public id, e.g. SS-110108-001-01. */
    id: text('id').primaryKey(),
    ...externalIdColumn,
    /** The monitoring point sampled; null for a sample taken in a parcel survey. */
    pointId: text('point_id').references(() => monitoringPoints.id, { onDelete: 'restrict' }),
    /** Planning's public parcel id; null when the sample lies on no registered parcel. */
    parcelId: text('parcel_id'),
    /** GB/T 2260 code of planning's district. */
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    /** Phenomenon time: the day the soil was taken. */
    sampledOn: date('sampled_on', { mode: 'string' }).notNull(),
    depthTopCm: integer('depth_top_cm').notNull(),
    depthBottomCm: integer('depth_bottom_cm').notNull(),
    /** Soil pH; null when not measured. */
    ph: doublePrecision('ph'),
    /** Method of the pH measurement, e.g. HJ 962-2018; null when pH was not measured. */
    phMethod: text('ph_method'),
    /** The laboratory that analysed the sample. */
    lab: text('lab').notNull(),
    location: jsonb('location').$type<Point>().notNull(),
    ...timestampColumns,
    /**
     * When the sample or its measurements were last written by a change: its creation, or a
     * submission or import that changed it (an unchanged re-submission leaves it). The API serves
     * it as SoilSample.updatedAt and integrators sync by it. Milliseconds, as the API's DateTime
     * carries them: an updatedAt or a cursor read from the API is then exactly the stored value.
     */
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('soil_samples_sampled_on_id_idx').on(t.sampledOn, t.id),
    // Each parent's samples newest first: the nested lists (a district's, a parcel's, a point's
    // samples) read each parent's page from these, stopping at the page size.
    index('soil_samples_district_sampled_idx').on(t.districtCode, t.sampledOn, t.id),
    index('soil_samples_parcel_sampled_idx').on(t.parcelId, t.sampledOn, t.id),
    index('soil_samples_point_sampled_idx').on(t.pointId, t.sampledOn, t.id),
    // Changes oldest first (orderBy: UPDATED_AT_ASC, the integrators' incremental sync): a
    // district's from the first, all samples' from the second, each page a range scan from the cursor.
    index('soil_samples_district_updated_idx').on(t.districtCode, t.updatedAt, t.id),
    index('soil_samples_updated_at_id_idx').on(t.updatedAt, t.id),
    // The sample's position, for the early warning's search in the boxes of protection zones.
    index('soil_samples_lon_lat_idx').on(pointLon(t.location), pointLat(t.location)),
    check('soil_samples_depth_check', sql`depth_top_cm >= 0 and depth_bottom_cm > depth_top_cm`),
    check('soil_samples_ph_check', sql`ph is null or (ph >= 0 and ph <= 14)`),
  ],
);

export type SoilSampleRow = typeof soilSamples.$inferSelect;
export type NewSoilSampleRow = typeof soilSamples.$inferInsert;
