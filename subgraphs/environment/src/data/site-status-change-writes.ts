import type { Database, UpsertSpec } from '@soilgraph/db';
import { contaminatedSites, type SiteStatus, siteStatusChanges } from '@soilgraph/db/environment';
import type { RejectedRow } from '@soilgraph/server-kit';
import { asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { SiteStatusChangeSubmissionRow } from '../inputs.ts';
import { INSERT_CHUNK } from './checked-writes.ts';
import { type PreparedBatch, rejectedRow } from '@soilgraph/server-kit';

/** A status change as stored, in the canonical shape its audit digest is taken of. */
export interface SiteStatusChangeEntity {
  id: string;
  externalId: string;
  siteId: string;
  status: SiteStatus;
  changedOn: string;
  document: string;
}

/** The serial of a change id <site id>-<serial>; 0 when the id is not of that form. */
function serialOf(siteId: string, changeId: string): number {
  const rest = changeId.startsWith(`${siteId}-`) ? changeId.slice(siteId.length + 1) : '';
  return /^\d+$/.test(rest) ? Number(rest) : 0;
}

/**
 * The upsert of a batch of status changes. A new change gets the next serial of its site
 * (<site id>-<2-digit serial>, in input order), read under the write lock by
 * prepareSiteStatusChanges; the ids make same-day changes sort in the order they were recorded.
 * Saving also brings each touched site's status and statusSince to its newest change.
 */
export function siteStatusChangeUpsert(lastSerials: ReadonlyMap<string, number>): UpsertSpec<SiteStatusChangeSubmissionRow, SiteStatusChangeEntity> {
  const serials = new Map(lastSerials);
  return {
    entityType: 'SiteStatusChange',
    async existing(tx, externalIds) {
      const rows = await tx.select().from(siteStatusChanges).where(inArray(siteStatusChanges.externalId, [...externalIds]));
      return new Map(
        rows.map((r) => [r.externalId, { id: r.id, externalId: r.externalId, siteId: r.siteId, status: r.status, changedOn: r.changedOn, document: r.document }]),
      );
    },
    build(row, current) {
      let id = current?.id;
      if (id === undefined) {
        const serial = (serials.get(row.siteId) ?? 0) + 1;
        serials.set(row.siteId, serial);
        id = `${row.siteId}-${String(serial).padStart(2, '0')}`;
      }
      return { id, externalId: row.externalId, siteId: row.siteId, status: row.status, changedOn: row.changedOn, document: row.document };
    },
    async save(tx, records) {
      const created = records.filter((r) => r.created).map((r) => r.entity);
      const updated = records.filter((r) => !r.created).map((r) => r.entity);
      for (let i = 0; i < created.length; i += INSERT_CHUNK) await tx.insert(siteStatusChanges).values(created.slice(i, i + INSERT_CHUNK));
      for (const entity of updated) await tx.update(siteStatusChanges).set({ ...entity, updatedAt: sql`now()` }).where(eq(siteStatusChanges.id, entity.id));
      await followNewestChanges(tx, [...new Set(records.map((r) => r.entity.siteId))]);
    },
  };
}

/** Sets each site's status and statusSince to those of its newest change (latest day, then highest id). */
async function followNewestChanges(tx: Database, siteIds: readonly string[]): Promise<void> {
  if (siteIds.length === 0) return;
  const newest = await tx
    .selectDistinctOn([siteStatusChanges.siteId], { siteId: siteStatusChanges.siteId, status: siteStatusChanges.status, changedOn: siteStatusChanges.changedOn })
    .from(siteStatusChanges)
    .where(inArray(siteStatusChanges.siteId, [...siteIds]))
    .orderBy(asc(siteStatusChanges.siteId), desc(siteStatusChanges.changedOn), desc(siteStatusChanges.id));
  const sites = await tx
    .select({ id: contaminatedSites.id, status: contaminatedSites.status, statusSince: contaminatedSites.statusSince })
    .from(contaminatedSites)
    .where(inArray(contaminatedSites.id, [...siteIds]));
  const current = new Map(sites.map((s) => [s.id, s]));
  for (const change of newest) {
    const site = current.get(change.siteId);
    if (site === undefined || (site.status === change.status && site.statusSince === change.changedOn)) continue;
    await tx
      .update(contaminatedSites)
      .set({ status: change.status, statusSince: change.changedOn, updatedAt: sql`now()` })
      .where(eq(contaminatedSites.id, change.siteId));
  }
}

/**
 * Checks a batch against the registry, under the write lock: the site must exist; a recorded
 * change (same externalId) stays with its site; a new change may not be dated before its site's
 * newest recorded change (re-submitting a recorded change may correct its date, status or
 * document). Returns the rejected rows and the upsert, which numbers new changes after each
 * site's last serial.
 */
export async function prepareSiteStatusChanges(
  tx: Database,
  rows: readonly SiteStatusChangeSubmissionRow[],
  argumentName = 'changes',
): Promise<PreparedBatch<SiteStatusChangeSubmissionRow, SiteStatusChangeEntity>> {
  const siteIds = [...new Set(rows.map((r) => r.siteId))];
  const knownSites = new Set((await tx.select({ id: contaminatedSites.id }).from(contaminatedSites).where(inArray(contaminatedSites.id, siteIds))).map((s) => s.id));
  const stored = await tx
    .select({ id: siteStatusChanges.id, externalId: siteStatusChanges.externalId, siteId: siteStatusChanges.siteId, changedOn: siteStatusChanges.changedOn })
    .from(siteStatusChanges)
    .where(
      or(
        inArray(siteStatusChanges.siteId, siteIds),
        inArray(
          siteStatusChanges.externalId,
          rows.map((r) => r.externalId),
        ),
      ),
    );
  const byExternalId = new Map(stored.map((c) => [c.externalId, c]));
  const newestDay = new Map<string, string>();
  const lastSerials = new Map<string, number>();
  for (const c of stored) {
    if (c.changedOn > (newestDay.get(c.siteId) ?? '')) newestDay.set(c.siteId, c.changedOn);
    lastSerials.set(c.siteId, Math.max(lastSerials.get(c.siteId) ?? 0, serialOf(c.siteId, c.id)));
  }
  const rejected = rows.flatMap((row, index) => {
    if (!knownSites.has(row.siteId)) return [rejectedRow(argumentName, index, 'siteId', `no contaminated site ${JSON.stringify(row.siteId)}`)];
    const recorded = byExternalId.get(row.externalId);
    if (recorded !== undefined) {
      return recorded.siteId === row.siteId
        ? []
        : [rejectedRow(argumentName, index, 'siteId', `the change with externalId ${JSON.stringify(row.externalId)} belongs to site ${recorded.siteId}; a change cannot move to another site`)];
    }
    const newest = newestDay.get(row.siteId);
    return newest !== undefined && row.changedOn < newest
      ? [rejectedRow(argumentName, index, 'changedOn', `${row.changedOn} is before ${newest}, the day of site ${row.siteId}'s newest recorded change`)]
      : [];
  });
  return { rejected, spec: siteStatusChangeUpsert(lastSerials) };
}
