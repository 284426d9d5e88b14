import { afterKey, countPerParent, type Database, firstRowsPerParent } from '@soilgraph/db';
import {
  type ContaminatedSiteRow,
  contaminatedSites,
  LISTED_SITE_STATUSES,
  type SiteStatus,
  type SiteStatusChangeRow,
  siteStatusChanges,
} from '@soilgraph/db/environment';
import { type Connection, type NestedListSource, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, eq, inArray, notInArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ParcelRef } from './references.ts';

export type { ContaminatedSiteRow, SiteStatusChangeRow };

/**
 * A registry site as resolvers see it: the row and, when the gateway resolves a field that
 * @requires it (restrictions, assessment), the parcel it sent (planning's planned use, ...).
 */
export type ContaminatedSiteModel = ContaminatedSiteRow & { parcel?: ParcelRef | null };
export type ContaminatedSiteConnectionModel = Connection<ContaminatedSiteRow>;

/** Sites sort by id; a cursor is the last id seen. */
export const contaminatedSiteCursor = z.tuple([z.string()]);
export type ContaminatedSiteCursor = z.infer<typeof contaminatedSiteCursor>;

/** A validated site filter: every field narrows the result (AND). */
export interface ContaminatedSiteQuery {
  districtCode?: string;
  status?: SiteStatus;
  /** On (true) or off (false) the contaminated-site list. */
  listed?: boolean;
}

function conditions(q: ContaminatedSiteQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.districtCode !== undefined) parts.push(eq(contaminatedSites.districtCode, q.districtCode));
  if (q.status !== undefined) parts.push(eq(contaminatedSites.status, q.status));
  if (q.listed !== undefined) {
    parts.push(q.listed ? inArray(contaminatedSites.status, [...LISTED_SITE_STATUSES]) : notInArray(contaminatedSites.status, [...LISTED_SITE_STATUSES]));
  }
  return and(...parts);
}

export async function contaminatedSitesByIds(db: Database, ids: readonly string[]): Promise<ContaminatedSiteRow[]> {
  return db.select().from(contaminatedSites).where(inArray(contaminatedSites.id, [...ids]));
}

/** The sites on any of these parcels (at most one per parcel). */
export async function contaminatedSitesByParcelIds(db: Database, parcelIds: readonly string[]): Promise<ContaminatedSiteRow[]> {
  return db.select().from(contaminatedSites).where(inArray(contaminatedSites.parcelId, [...parcelIds]));
}

export async function findContaminatedSites(
  db: Database,
  q: ContaminatedSiteQuery,
  page: Page<ContaminatedSiteCursor>,
): Promise<ContaminatedSiteConnectionModel> {
  const rows = await db
    .select()
    .from(contaminatedSites)
    .where(and(conditions(q), page.after && afterKey([contaminatedSites.id], page.after)))
    .orderBy(asc(contaminatedSites.id))
    .limit(page.limit + 1);
  return toConnection(rows, page, (s) => [s.id] as ContaminatedSiteCursor, () => countContaminatedSites(db, q));
}

export async function countContaminatedSites(db: Database, q: ContaminatedSiteQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(contaminatedSites).where(conditions(q));
  return row?.n ?? 0;
}

/** Each district's registry sites as a nested list (District.contaminatedSites). */
export function contaminatedSitesByDistrict(db: Database): NestedListSource<ContaminatedSiteQuery, ContaminatedSiteCursor, ContaminatedSiteRow> {
  const t = contaminatedSites;
  return {
    pages: (codes, q, page) => firstRowsPerParent(db, t, t.districtCode, codes, and(conditions(q), page.after && afterKey([t.id], page.after)), [asc(t.id)], page.limit + 1),
    counts: (codes, q) => countPerParent(db, t, t.districtCode, codes, conditions(q)),
    parentOf: (s) => s.districtCode,
    keyOf: (s) => [s.id],
  };
}

/** The status changes of any of these sites, each site's oldest first (day, then id). */
export async function statusChangesBySiteIds(db: Database, siteIds: readonly string[]): Promise<SiteStatusChangeRow[]> {
  return db
    .select()
    .from(siteStatusChanges)
    .where(inArray(siteStatusChanges.siteId, [...siteIds]))
    .orderBy(asc(siteStatusChanges.siteId), asc(siteStatusChanges.changedOn), asc(siteStatusChanges.id));
}
