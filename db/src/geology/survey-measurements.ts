import type { Analyte } from '@soilgraph/domain';
import { doublePrecision, primaryKey, text, varchar } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../columns.ts';
import { geology } from './schema.ts';
import { surveyPoints } from './survey-points.ts';

/** Total content of one analyte at one survey point, mg/kg dry weight. */
export const surveyMeasurements = geology.table(
  'survey_measurements',
  {
    pointId: text('point_id')
      .notNull()
      .references(() => surveyPoints.id, { onDelete: 'cascade' }),
    analyte: varchar('analyte', { length: 40 }).$type<Analyte>().notNull(),
    valueMgPerKg: doublePrecision('value_mg_per_kg').notNull(),
    ...timestampColumns,
  },
  (t) => [primaryKey({ name: 'survey_measurements_pkey', columns: [t.pointId, t.analyte] })],
);

export type SurveyMeasurementRow = typeof surveyMeasurements.$inferSelect;
export type NewSurveyMeasurementRow = typeof surveyMeasurements.$inferInsert;
