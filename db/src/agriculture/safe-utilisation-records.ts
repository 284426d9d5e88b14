import { boolean, check, index, integer, text, unique, varchar } from 'drizzle-orm/pg-core';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { allOf, SAFE_USE_MEASURES, type SafeUseMeasure, yearInRange } from './enums.ts';
import { agriculture } from './schema.ts';

/**
 * What agriculture did on one contaminated farmland parcel (safe utilisation or strict control)
 * in one year, and whether crop co-monitoring found the produce within the food limits: the
 * ground for the safe-utilisation rate (plan target: at least 90% by 2020, 95% by 2030).
 * Id SU-<parcel id>-<year>. The parcel is planning's public id and the district its GB/T 2260
 * code, public keys without foreign keys across schemas.
 */
export const safeUtilisationRecords = agriculture.table(
  'safe_utilisation_records',
  {
    id: text('id').primaryKey(),
    ...externalIdColumn,
    parcelId: text('parcel_id').notNull(),
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    year: integer('year').notNull(),
    /** Measures taken that year, in SAFE_USE_MEASURES order; may be empty (nothing done yet). */
    measures: text('measures').array().$type<SafeUseMeasure[]>().notNull(),
    cropsCompliant: boolean('crops_compliant').notNull(),
    ...timestampColumns,
  },
  (t) => [
    unique('safe_utilisation_records_parcel_year_unique').on(t.parcelId, t.year),
    index('safe_utilisation_records_district_year_idx').on(t.districtCode, t.year),
    check('safe_utilisation_records_measures_check', allOf(t.measures, SAFE_USE_MEASURES)),
    check('safe_utilisation_records_year_check', yearInRange(t.year)),
  ],
);

export type SafeUtilisationRecordRow = typeof safeUtilisationRecords.$inferSelect;
export type NewSafeUtilisationRecordRow = typeof safeUtilisationRecords.$inferInsert;
