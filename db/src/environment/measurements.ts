import type { Analyte } from '@soilgraph/domain';
import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, primaryKey, text, varchar } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../columns.ts';
import { inList } from './check.ts';
import { environment } from './schema.ts';
import { soilSamples } from './soil-samples.ts';

/** Quality of a reported result: valid, estimated (qualified by the lab) or rejected in review. */
export const QUALITY_FLAGS = ['VALID', 'ESTIMATED', 'REJECTED'] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

/**
 * One observation (O&M / SensorThings): the total content of one analyte (observed
 * property) in one sample (feature of interest) by one method (procedure), mg/kg dry
 * weight. A value below the detection limit is stored as such, never as 0.
 */
export const measurements = environment.table(
  'measurements',
  {
    sampleId: text('sample_id')
      .notNull()
      .references(() => soilSamples.id, { onDelete: 'cascade' }),
    analyte: varchar('analyte', { length: 40 }).$type<Analyte>().notNull(),
    /** Result in mg/kg dry weight; null exactly when below the detection limit. */
    valueMgPerKg: doublePrecision('value_mg_per_kg'),
    belowDetectionLimit: boolean('below_detection_limit').notNull(),
    detectionLimitMgPerKg: doublePrecision('detection_limit_mg_per_kg'),
    /** Analysis method standard as the lab gives it, e.g. GB/T 17141-1997. */
    method: text('method').notNull(),
    /** Result time: the day the lab analysed the sample. */
    analysedOn: date('analysed_on', { mode: 'string' }),
    qualityFlag: varchar('quality_flag', { length: 16 }).$type<QualityFlag>().notNull(),
    ...timestampColumns,
  },
  (t) => [
    primaryKey({ name: 'measurements_pkey', columns: [t.sampleId, t.analyte] }),
    index('measurements_analyte_idx').on(t.analyte),
    check('measurements_quality_flag_check', inList('quality_flag', QUALITY_FLAGS)),
    check('measurements_value_check', sql`value_mg_per_kg is null or value_mg_per_kg >= 0`),
    check(
      'measurements_below_detection_limit_check',
      sql`(below_detection_limit and value_mg_per_kg is null and detection_limit_mg_per_kg is not null) or (not below_detection_limit and value_mg_per_kg is not null)`,
    ),
  ],
);

export type MeasurementRow = typeof measurements.$inferSelect;
export type NewMeasurementRow = typeof measurements.$inferInsert;
