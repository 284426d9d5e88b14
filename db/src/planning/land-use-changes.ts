import { sql } from 'drizzle-orm';
import { check, date, index, text, varchar } from 'drizzle-orm/pg-core';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { districts } from './districts.ts';
import { parcels } from './parcels.ts';
import { planning } from './schema.ts';

/** Where a planned-use change case stands (GraphQL enum LandUseChangeStatus). */
export const LAND_USE_CHANGE_STATUSES = ['PROPOSED', 'APPROVED', 'REJECTED'] as const;
export type LandUseChangeStatus = (typeof LAND_USE_CHANGE_STATUSES)[number];

/**
 * Planning's case register of changes to a parcel's planned use (GB 50137-2011). An
 * approved case is how the parcel came by its current planned use; a change to a sensitive
 * use needs a soil survey first (plan items 16-17).
 */
export const landUseChanges = planning.table(
  'land_use_changes',
  {
    /** Stable public id: LUC-<district code>-<serial>. */
    id: text('id').primaryKey(),
    ...externalIdColumn,
    /** Planning's own case number. */
    caseNumber: text('case_number').notNull(),
    parcelId: text('parcel_id')
      .notNull()
      .references(() => parcels.id, { onDelete: 'restrict' }),
    districtCode: varchar('district_code', { length: 6 })
      .notNull()
      .references(() => districts.code, { onDelete: 'restrict' }),
    /** GB 50137 planned use before the change; null when the parcel had none. */
    fromPlannedUse: text('from_planned_use'),
    /** GB 50137 planned use the case changes to. */
    toPlannedUse: text('to_planned_use').notNull(),
    status: varchar('status', { length: 8 }).$type<LandUseChangeStatus>().notNull(),
    proposedOn: date('proposed_on', { mode: 'string' }).notNull(),
    /** Day the case was approved or rejected; null while proposed. */
    decidedOn: date('decided_on', { mode: 'string' }),
    ...timestampColumns,
  },
  (t) => [
    index('land_use_changes_parcel_id_idx').on(t.parcelId),
    index('land_use_changes_district_proposed_idx').on(t.districtCode, t.proposedOn),
    // The list's order (newest proposal first, then id) and its date filter, city-wide.
    index('land_use_changes_proposed_id_idx').on(t.proposedOn, t.id),
    index('land_use_changes_status_idx').on(t.status),
    // requiresSoilSurvey filters on the planned use a case changes to.
    index('land_use_changes_to_planned_use_idx').on(t.toPlannedUse),
    check('land_use_changes_status_check', sql`status in ('PROPOSED', 'APPROVED', 'REJECTED')`),
  ],
);

export type LandUseChangeRow = typeof landUseChanges.$inferSelect;
export type NewLandUseChangeRow = typeof landUseChanges.$inferInsert;
