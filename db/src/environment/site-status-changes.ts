import { check, date, index, text, varchar } from 'drizzle-orm/pg-core';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { inList } from './check.ts';
import { contaminatedSites, SITE_STATUSES, type SiteStatus } from './contaminated-sites.ts';
import { environment } from './schema.ts';

/**
 * Every status a registry site has had, with the decision or report that made the change.
 * History sorts by day, then id; the site's current status is its newest change.
 */
export const siteStatusChanges = environment.table(
  'site_status_changes',
  {
    /** <site id>-<2-digit serial>, the serial counting the site's changes in order. */
    id: text('id').primaryKey(),
    /** Environment's own identifier of the change: re-submitting it updates the same change. */
    ...externalIdColumn,
    siteId: text('site_id')
      .notNull()
      .references(() => contaminatedSites.id, { onDelete: 'cascade' }),
    status: varchar('status', { length: 20 }).$type<SiteStatus>().notNull(),
    changedOn: date('changed_on', { mode: 'string' }).notNull(),
    /** The decision or report that made the change. */
    document: text('document').notNull(),
    ...timestampColumns,
  },
  (t) => [
    index('site_status_changes_site_changed_idx').on(t.siteId, t.changedOn, t.id),
    check('site_status_changes_status_check', inList('status', SITE_STATUSES)),
  ],
);

export type SiteStatusChangeRow = typeof siteStatusChanges.$inferSelect;
export type NewSiteStatusChangeRow = typeof siteStatusChanges.$inferInsert;
