import { check, doublePrecision, index, integer, primaryKey, varchar } from 'drizzle-orm/pg-core';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { yearInRange } from './enums.ts';
import { agriculture } from './schema.ts';

/**
 * Per district and year: the share of farmland under soil-testing formula fertilisation
 * (测土配方) and under unified professional pest control (统防统治), and the farmland area.
 */
export const districtCoverage = agriculture.table(
  'district_coverage',
  {
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    year: integer('year').notNull(),
    ...externalIdColumn,
    soilTestingCoveragePct: doublePrecision('soil_testing_coverage_pct').notNull(),
    unifiedPestControlCoveragePct: doublePrecision('unified_pest_control_coverage_pct').notNull(),
    farmlandAreaHa: doublePrecision('farmland_area_ha').notNull(),
    ...timestampColumns,
  },
  (t) => [
    primaryKey({ name: 'district_coverage_pk', columns: [t.districtCode, t.year] }),
    index('district_coverage_year_idx').on(t.year),
    check('district_coverage_year_check', yearInRange(t.year)),
  ],
);

export type DistrictCoverageRow = typeof districtCoverage.$inferSelect;
export type NewDistrictCoverageRow = typeof districtCoverage.$inferInsert;
