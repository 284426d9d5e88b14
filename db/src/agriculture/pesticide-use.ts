import { check, doublePrecision, index, integer, text, unique, varchar } from 'drizzle-orm/pg-core';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { CROPS, type Crop, oneOf, yearInRange } from './enums.ts';
import { agriculture } from './schema.ts';

/** Chemical pesticide applied per district, year and crop, in tonnes of active ingredient. */
export const pesticideUse = agriculture.table(
  'pesticide_use',
  {
    id: text('id').primaryKey(),
    ...externalIdColumn,
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    year: integer('year').notNull(),
    crop: varchar('crop', { length: 16 }).$type<Crop>().notNull(),
    activeIngredientT: doublePrecision('active_ingredient_t').notNull(),
    environmentFriendlySharePct: doublePrecision('environment_friendly_share_pct').notNull(),
    utilisationRatePct: doublePrecision('utilisation_rate_pct'),
    ...timestampColumns,
  },
  (t) => [
    unique('pesticide_use_district_year_crop_unique').on(t.districtCode, t.year, t.crop),
    index('pesticide_use_year_idx').on(t.year),
    index('pesticide_use_crop_idx').on(t.crop),
    check('pesticide_use_crop_check', oneOf(t.crop, CROPS)),
    check('pesticide_use_year_check', yearInRange(t.year)),
  ],
);

export type PesticideUseRow = typeof pesticideUse.$inferSelect;
export type NewPesticideUseRow = typeof pesticideUse.$inferInsert;
