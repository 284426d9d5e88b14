import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, integer, jsonb, text, varchar } from 'drizzle-orm/pg-core';
import type { Point } from 'geojson';
import { timestampColumns } from '../columns.ts';
import { PARENT_MATERIAL_CODES, type ParentMaterial, SOIL_TYPE_CODES, type SoilType } from './codes.ts';
import { geology } from './schema.ts';

/** `column in ('A', 'B', …)` for a check constraint over a fixed list of codes. */
function inList(column: string, codes: readonly string[]) {
  return sql.raw(`${column} in (${codes.map((c) => `'${c}'`).join(', ')})`);
}

/**
 * Geochemical survey points: where the survey sampled soil, the soil type and parent
 * material it found there and the groundwater depth. The location is kept as a GeoJSON
 * point and as indexed lon/lat columns for nearest-point and box searches.
 */
export const surveyPoints = geology.table(
  'survey_points',
  {
    /** Stable public id, e.g. GS-110111-0001. */
    id: text('id').primaryKey(),
    // Named explicitly: the shared externalIdColumn builder would carry another table's constraint name.
    externalId: text('external_id').notNull().unique('survey_points_external_id_unique'),
    /** GB/T 2260 code of planning's district; no foreign key across agency schemas. */
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    location: jsonb('location').$type<Point>().notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    sampledOn: date('sampled_on', { mode: 'string' }),
    /** Bottom of the sampled layer, centimetres below the surface (the layer starts at 0). */
    depthCm: integer('depth_cm').notNull(),
    soilType: varchar('soil_type', { length: 24 }).$type<SoilType>().notNull(),
    parentMaterial: varchar('parent_material', { length: 24 }).$type<ParentMaterial>().notNull(),
    /** Depth to the groundwater table in metres; null where no aquifer was reached. */
    groundwaterDepthM: doublePrecision('groundwater_depth_m'),
    ph: doublePrecision('ph'),
    ...timestampColumns,
  },
  (t) => [
    // A district's points in id order: District.surveyPoints reads each district's page from it.
    index('survey_points_district_code_id_idx').on(t.districtCode, t.id),
    index('survey_points_soil_type_idx').on(t.soilType),
    index('survey_points_parent_material_idx').on(t.parentMaterial),
    index('survey_points_sampled_on_idx').on(t.sampledOn),
    index('survey_points_lon_lat_idx').on(t.lon, t.lat),
    check('survey_points_soil_type_check', inList('soil_type', SOIL_TYPE_CODES)),
    check('survey_points_parent_material_check', inList('parent_material', PARENT_MATERIAL_CODES)),
    check('survey_points_depth_cm_check', sql`depth_cm > 0`),
  ],
);

export type SurveyPointRow = typeof surveyPoints.$inferSelect;
export type NewSurveyPointRow = typeof surveyPoints.$inferInsert;
