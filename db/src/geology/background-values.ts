import type { Analyte } from '@soilgraph/domain';
import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, primaryKey, text, varchar } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../columns.ts';
import { geology } from './schema.ts';

/**
 * Soil background values the geological survey publishes per district and analyte (all soil
 * types together): statistics of its survey measurements, mg/kg dry weight.
 */
export const backgroundValues = geology.table(
  'background_values',
  {
    /** GB/T 2260 code of planning's district; no foreign key across agency schemas. */
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    analyte: varchar('analyte', { length: 40 }).$type<Analyte>().notNull(),
    sampleCount: integer('sample_count').notNull(),
    meanMgPerKg: doublePrecision('mean_mg_per_kg').notNull(),
    medianMgPerKg: doublePrecision('median_mg_per_kg').notNull(),
    p95MgPerKg: doublePrecision('p95_mg_per_kg').notNull(),
    /** The survey or publication the values come from. */
    source: text('source').notNull(),
    ...timestampColumns,
  },
  (t) => [
    primaryKey({ name: 'background_values_pkey', columns: [t.districtCode, t.analyte] }),
    // The analyte filter without a district (the key leads with the district).
    index('background_values_analyte_idx').on(t.analyte),
    check('background_values_sample_count_check', sql`sample_count > 0`),
  ],
);

export type BackgroundValueRow = typeof backgroundValues.$inferSelect;
export type NewBackgroundValueRow = typeof backgroundValues.$inferInsert;
