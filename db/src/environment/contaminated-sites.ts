import { sql } from 'drizzle-orm';
import { check, date, index, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { inList } from './check.ts';
import { enterprises } from './enterprises.ts';
import { environment } from './schema.ts';

/**
 * Where a site stands in the contaminated-site registry (plan items 16-18; GraphQL enum
 * SiteStatus): suspected, surveyed and cleared, listed (with control or remediation under
 * way, or remediated pending the effect evaluation), or re-assessed and taken off the list.
 */
export const SITE_STATUSES = ['SUSPECTED', 'SURVEYED', 'LISTED', 'UNDER_CONTROL', 'UNDER_REMEDIATION', 'REMEDIATED', 'REASSESSED'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

/** Statuses of a site on the contaminated-site list (污染地块名录). */
export const LISTED_SITE_STATUSES = ['LISTED', 'UNDER_CONTROL', 'UNDER_REMEDIATION', 'REMEDIATED'] as const satisfies readonly SiteStatus[];

export function isListedStatus(status: SiteStatus): boolean {
  return (LISTED_SITE_STATUSES as readonly SiteStatus[]).includes(status);
}

/**
 * The contaminated-site registry: one site per parcel, with its current status. The status
 * history is in site_status_changes; status and status_since always equal its newest change.
 * Parcels and districts belong to planning: referenced by their public keys, without foreign
 * keys across schemas.
 */
export const contaminatedSites = environment.table(
  'contaminated_sites',
  {
    /** Stable public id: CS-<district code>-<2-digit serial>. */
    id: text('id').primaryKey(),
    ...externalIdColumn,
    name: text('name').notNull(),
    /** GB/T 2260 code of planning's district. */
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    /** Planning's public parcel id. */
    parcelId: text('parcel_id').notNull(),
    /** The enterprise whose activity made the site suspect; null when none is known. */
    enterpriseCreditCode: varchar('enterprise_credit_code', { length: 18 }).references(() => enterprises.creditCode, { onDelete: 'set null' }),
    /** What the land was used for, as the registry records it (e.g. electroplating). */
    formerActivity: text('former_activity').notNull(),
    status: varchar('status', { length: 20 }).$type<SiteStatus>().notNull(),
    /** Day the current status began. */
    statusSince: date('status_since', { mode: 'string' }).notNull(),
    ...timestampColumns,
  },
  (t) => [
    uniqueIndex('contaminated_sites_parcel_id_unique').on(t.parcelId),
    // A district's sites in id order: District.contaminatedSites reads each district's page from it.
    index('contaminated_sites_district_code_id_idx').on(t.districtCode, t.id),
    index('contaminated_sites_status_idx').on(t.status),
    index('contaminated_sites_enterprise_credit_code_idx').on(t.enterpriseCreditCode),
    check('contaminated_sites_id_check', sql`id ~ '^CS-[0-9]{6}-[0-9]{2,}$'`),
    check('contaminated_sites_status_check', inList('status', SITE_STATUSES)),
  ],
);

export type ContaminatedSiteRow = typeof contaminatedSites.$inferSelect;
export type NewContaminatedSiteRow = typeof contaminatedSites.$inferInsert;
