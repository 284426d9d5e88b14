import { check, doublePrecision, index, integer, text, unique, varchar } from 'drizzle-orm/pg-core';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { CROPS, type Crop, oneOf, yearInRange } from './enums.ts';
import { agriculture } from './schema.ts';

/**
 * Chemical fertiliser applied per district, year and crop, in tonnes of pure nutrient (折纯).
 * The district is planning's GB/T 2260 code, a public key without a foreign key across schemas.
 */
export const fertilizerUse = agriculture.table(
  'fertilizer_use',
  {
    id: text('id').primaryKey(),
    ...externalIdColumn,
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    year: integer('year').notNull(),
    crop: varchar('crop', { length: 16 }).$type<Crop>().notNull(),
    sownAreaHa: doublePrecision('sown_area_ha').notNull(),
    nitrogenT: doublePrecision('nitrogen_t').notNull(),
    phosphateT: doublePrecision('phosphate_t').notNull(),
    potashT: doublePrecision('potash_t').notNull(),
    compoundT: doublePrecision('compound_t').notNull(),
    utilisationRatePct: doublePrecision('utilisation_rate_pct'),
    ...timestampColumns,
  },
  (t) => [
    unique('fertilizer_use_district_year_crop_unique').on(t.districtCode, t.year, t.crop),
    index('fertilizer_use_year_idx').on(t.year),
    index('fertilizer_use_crop_idx').on(t.crop),
    check('fertilizer_use_crop_check', oneOf(t.crop, CROPS)),
    check('fertilizer_use_year_check', yearInRange(t.year)),
  ],
);

export type FertilizerUseRow = typeof fertilizerUse.$inferSelect;
export type NewFertilizerUseRow = typeof fertilizerUse.$inferInsert;
