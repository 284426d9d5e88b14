import { afterKey, type Database } from '@soilgraph/db';
import { type LandUseChangeRow, type LandUseChangeStatus, landUseChanges } from '@soilgraph/db/planning';
import { PLANNED_USE_CODES } from '@soilgraph/domain';
import { type Connection, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, desc, eq, gte, inArray, lte, ne, notInArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';

export type { LandUseChangeRow };
export type LandUseChangeConnectionModel = Connection<LandUseChangeRow>;

/** Changes sort most recently proposed first, then by id descending; a cursor is the last proposal date and id. */
export const landUseChangeCursor = z.tuple([z.iso.date(), z.string()]);
export type LandUseChangeCursor = z.infer<typeof landUseChangeCursor>;

/** A validated land-use change filter: every field narrows the result (AND). */
export interface LandUseChangeQuery {
  districtCode?: string;
  parcelId?: string;
  status?: LandUseChangeStatus;
  requiresSoilSurvey?: boolean;
  proposedFrom?: string;
  proposedTo?: string;
}

/**
 * Planned uses a change to which needs no soil survey. The SQL test is "not one of these", so a
 * stored code the domain package does not know counts as needing a survey, as
 * requiresSoilSurvey() in @soilgraph/domain answers it.
 */
const NO_SURVEY_USES = PLANNED_USE_CODES.filter((p) => !p.requiresSoilSurvey).map((p) => p.code);

function needsSurvey(value: boolean): SQL {
  const t = landUseChanges;
  return value ? notInArray(t.toPlannedUse, NO_SURVEY_USES) : inArray(t.toPlannedUse, NO_SURVEY_USES);
}

function conditions(q: LandUseChangeQuery): SQL | undefined {
  const t = landUseChanges;
  return and(
    q.districtCode !== undefined ? eq(t.districtCode, q.districtCode) : undefined,
    q.parcelId !== undefined ? eq(t.parcelId, q.parcelId) : undefined,
    q.status !== undefined ? eq(t.status, q.status) : undefined,
    q.requiresSoilSurvey !== undefined ? needsSurvey(q.requiresSoilSurvey) : undefined,
    q.proposedFrom !== undefined ? gte(t.proposedOn, q.proposedFrom) : undefined,
    q.proposedTo !== undefined ? lte(t.proposedOn, q.proposedTo) : undefined,
  );
}

const keyOf = (row: LandUseChangeRow): LandUseChangeCursor => [row.proposedOn, row.id];
const newestFirst = [desc(landUseChanges.proposedOn), desc(landUseChanges.id)];

export async function findLandUseChanges(
  db: Database,
  q: LandUseChangeQuery,
  page: Page<LandUseChangeCursor>,
): Promise<LandUseChangeConnectionModel> {
  const t = landUseChanges;
  const where = conditions(q);
  const rows = await db
    .select()
    .from(t)
    .where(and(where, page.after && afterKey([t.proposedOn, t.id], page.after, 'desc')))
    .orderBy(...newestFirst)
    .limit(page.limit + 1);
  return toConnection(rows, page, keyOf, async () => {
    const [row] = await db.select({ n: count() }).from(t).where(where);
    return row?.n ?? 0;
  });
}

export async function landUseChangesByIds(db: Database, ids: readonly string[]): Promise<LandUseChangeRow[]> {
  return db.select().from(landUseChanges).where(inArray(landUseChanges.id, [...ids]));
}

/** Every change on the given parcels, each parcel's oldest first (ties by id). */
export async function landUseChangesByParcelIds(db: Database, parcelIds: readonly string[]): Promise<LandUseChangeRow[]> {
  const t = landUseChanges;
  return db.select().from(t).where(inArray(t.parcelId, [...parcelIds])).orderBy(asc(t.parcelId), asc(t.proposedOn), asc(t.id));
}

/**
 * Changes to a use that needs a soil survey first (plan items 16-17) that were not rejected,
 * in the given districts (every district when none are given), most recently proposed first,
 * then by id descending.
 */
export async function sensitiveUseChanges(db: Database, districtCodes?: readonly string[]): Promise<LandUseChangeRow[]> {
  const t = landUseChanges;
  return db
    .select()
    .from(t)
    .where(and(needsSurvey(true), ne(t.status, 'REJECTED'), districtCodes && inArray(t.districtCode, [...districtCodes])))
    .orderBy(...newestFirst);
}
