import { afterKeyNewestFirst, type Database } from '@soilgraph/db';
import { type FarmlandClass, farmlandClassDecisions, type FarmlandClassDecisionRow } from '@soilgraph/db/agriculture';
import { type Connection, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type DateRange, inRange } from './ranges.ts';

export type { FarmlandClassDecisionRow };
export type FarmlandClassDecisionConnectionModel = Connection<FarmlandClassDecisionRow>;

/** Decisions sort most recent first, then by id; a cursor is the last decision date and id. */
export const decisionCursor = z.tuple([z.iso.date(), z.string()]);
export type DecisionCursor = z.infer<typeof decisionCursor>;

/** A validated decision filter: every field narrows the result (AND). */
export interface DecisionQuery {
  farmlandClass?: FarmlandClass;
  parcelId?: string;
  decided?: DateRange;
}

function conditions(q: DecisionQuery): SQL | undefined {
  const t = farmlandClassDecisions;
  return and(
    q.farmlandClass !== undefined ? eq(t.farmlandClass, q.farmlandClass) : undefined,
    q.parcelId !== undefined ? eq(t.parcelId, q.parcelId) : undefined,
    inRange(t.decidedOn, q.decided),
  );
}

const keyOf = (row: FarmlandClassDecisionRow): DecisionCursor => [row.decidedOn, row.id];

export async function findDecisions(db: Database, q: DecisionQuery, page: Page<DecisionCursor>): Promise<FarmlandClassDecisionConnectionModel> {
  const t = farmlandClassDecisions;
  const where = conditions(q);
  const rows = await db
    .select()
    .from(t)
    .where(and(where, page.after && afterKeyNewestFirst(t.decidedOn, [t.id], page.after)))
    .orderBy(desc(t.decidedOn), asc(t.id))
    .limit(page.limit + 1);
  return toConnection(rows, page, keyOf, async () => {
    const [row] = await db.select({ n: count() }).from(t).where(where);
    return row?.n ?? 0;
  });
}

export async function decisionsByIds(db: Database, ids: readonly string[]): Promise<FarmlandClassDecisionRow[]> {
  return db.select().from(farmlandClassDecisions).where(inArray(farmlandClassDecisions.id, [...ids]));
}

/** Every decision on the given parcels, each parcel's oldest first (ties by id). */
export async function decisionsByParcelIds(db: Database, parcelIds: readonly string[]): Promise<FarmlandClassDecisionRow[]> {
  const t = farmlandClassDecisions;
  return db.select().from(t).where(inArray(t.parcelId, [...parcelIds])).orderBy(asc(t.parcelId), asc(t.decidedOn), asc(t.id));
}

/** Every decision on the parcels of the given districts, each district's parcels in id order, each parcel's oldest first. */
export async function decisionsByDistrictCodes(db: Database, codes: readonly string[]): Promise<FarmlandClassDecisionRow[]> {
  const t = farmlandClassDecisions;
  return db.select().from(t).where(inArray(t.districtCode, [...codes])).orderBy(asc(t.districtCode), asc(t.parcelId), asc(t.decidedOn), asc(t.id));
}
