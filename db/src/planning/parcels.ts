import { doublePrecision, index, jsonb, text, varchar } from 'drizzle-orm/pg-core';
import type { Geometry } from 'geojson';
import { bboxColumns, bboxIndex, externalIdColumn, timestampColumns } from '../columns.ts';
import { districts } from './districts.ts';
import { planning } from './schema.ts';

/** Land parcels with current land use (GB/T 21010) and planned use (GB 50137). */
export const parcels = planning.table(
  'parcels',
  {
    id: text('id').primaryKey(),
    ...externalIdColumn,
    districtCode: varchar('district_code', { length: 6 })
      .notNull()
      .references(() => districts.code, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    landUse: varchar('land_use', { length: 4 }).notNull(),
    plannedUse: varchar('planned_use', { length: 8 }),
    areaHa: doublePrecision('area_ha').notNull(),
    geometry: jsonb('geometry').$type<Geometry>().notNull(),
    ...bboxColumns,
    ...timestampColumns,
  },
  (t) => [
    index('parcels_district_code_idx').on(t.districtCode),
    index('parcels_land_use_idx').on(t.landUse),
    bboxIndex('parcels_bbox_idx', t),
  ],
);

export type ParcelRow = typeof parcels.$inferSelect;
export type NewParcelRow = typeof parcels.$inferInsert;
