import { check, date, index, text, varchar } from 'drizzle-orm/pg-core';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { FARMLAND_CLASSES, type FarmlandClass, oneOf } from './enums.ts';
import { agriculture } from './schema.ts';

/**
 * Agriculture's official decisions classifying a farmland parcel (GB 15618-2018 outcome
 * weighed with crop monitoring). A parcel's current class is its latest decision; earlier
 * ones are its history. The parcel is planning's public id and the district its GB/T 2260 code
 * (so a district's decisions are found by data, not by parsing parcel ids), public keys without
 * foreign keys across schemas.
 */
export const farmlandClassDecisions = agriculture.table(
  'farmland_class_decisions',
  {
    id: text('id').primaryKey(),
    ...externalIdColumn,
    parcelId: text('parcel_id').notNull(),
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    farmlandClass: varchar('farmland_class', { length: 24 }).$type<FarmlandClass>().notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    basis: text('basis').notNull(),
    decisionDocument: text('decision_document'),
    ...timestampColumns,
  },
  (t) => [
    index('farmland_class_decisions_parcel_decided_idx').on(t.parcelId, t.decidedOn),
    index('farmland_class_decisions_decided_idx').on(t.decidedOn),
    index('farmland_class_decisions_district_idx').on(t.districtCode),
    index('farmland_class_decisions_class_idx').on(t.farmlandClass),
    check('farmland_class_decisions_class_check', oneOf(t.farmlandClass, FARMLAND_CLASSES)),
  ],
);

export type FarmlandClassDecisionRow = typeof farmlandClassDecisions.$inferSelect;
export type NewFarmlandClassDecisionRow = typeof farmlandClassDecisions.$inferInsert;
