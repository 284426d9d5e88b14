import { doublePrecision, index, jsonb, text, varchar } from 'drizzle-orm/pg-core';
import type { Geometry } from 'geojson';
import { bboxColumns, bboxIndexes, externalIdColumn, timestampColumns } from '../columns.ts';
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
    // A district's parcels in id order: District.parcels reads each district's page from it.
    index('parcels_district_code_id_idx').on(t.districtCode, t.id),
    // Pattern ops: the land-use filter matches a first-level class by prefix (LIKE '01%'), which a
    // plain index serves only under the C collation.
    index('parcels_land_use_pattern_idx').on(t.landUse.op('varchar_pattern_ops')),
    index('parcels_planned_use_idx').on(t.plannedUse),
    ...bboxIndexes('parcels_bbox', t),
  ],
);

export type ParcelRow = typeof parcels.$inferSelect;
export type NewParcelRow = typeof parcels.$inferInsert;
