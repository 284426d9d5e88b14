import { check, date, index, text, varchar } from 'drizzle-orm/pg-core';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { FARMLAND_CLASSES, type FarmlandClass, oneOf } from './enums.ts';
import { agriculture } from './schema.ts';

/**
 * Agriculture's official decisions classifying a farmland parcel (GB 15618-2018 outcome
 * weighed with crop monitoring). A parcel's current class is its latest decision; earlier
 * ones are its history. The parcel is planning's public id, without a foreign key across schemas.
 */
export const farmlandClassDecisions = agriculture.table(
  'farmland_class_decisions',
  {
    id: text('id').primaryKey(),
    ...externalIdColumn,
    parcelId: text('parcel_id').notNull(),
    farmlandClass: varchar('farmland_class', { length: 24 }).$type<FarmlandClass>().notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    basis: text('basis').notNull(),
    decisionDocument: text('decision_document'),
    ...timestampColumns,
  },
  (t) => [
    index('farmland_class_decisions_parcel_decided_idx').on(t.parcelId, t.decidedOn),
    index('farmland_class_decisions_decided_idx').on(t.decidedOn),
    check('farmland_class_decisions_class_check', oneOf(t.farmlandClass, FARMLAND_CLASSES)),
  ],
);

export type FarmlandClassDecisionRow = typeof farmlandClassDecisions.$inferSelect;
export type NewFarmlandClassDecisionRow = typeof farmlandClassDecisions.$inferInsert;
