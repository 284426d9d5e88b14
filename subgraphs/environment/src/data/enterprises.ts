import { afterKey, countPerParent, type Database, firstRowsPerParent } from '@soilgraph/db';
import { enterprises, type EnterpriseRow } from '@soilgraph/db/environment';
import { type Connection, type NestedListSource, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';

export type { EnterpriseRow };
export type EnterpriseConnectionModel = Connection<EnterpriseRow>;

/** Enterprises sort by unified social credit code; a cursor is the last code seen. */
export const enterpriseCursor = z.tuple([z.string()]);
export type EnterpriseCursor = z.infer<typeof enterpriseCursor>;

/** A validated enterprise filter: every field narrows the result (AND). */
export interface EnterpriseQuery {
  districtCode?: string;
  industry?: string;
}

function conditions(q: EnterpriseQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.districtCode !== undefined) parts.push(eq(enterprises.districtCode, q.districtCode));
  if (q.industry !== undefined) parts.push(eq(enterprises.industry, q.industry));
  return and(...parts);
}

export async function enterprisesByCreditCodes(db: Database, codes: readonly string[]): Promise<EnterpriseRow[]> {
  return db.select().from(enterprises).where(inArray(enterprises.creditCode, [...codes]));
}

export async function findEnterprises(db: Database, q: EnterpriseQuery, page: Page<EnterpriseCursor>): Promise<EnterpriseConnectionModel> {
  const rows = await db
    .select()
    .from(enterprises)
    .where(and(conditions(q), page.after && afterKey([enterprises.creditCode], page.after)))
    .orderBy(asc(enterprises.creditCode))
    .limit(page.limit + 1);
  return toConnection(rows, page, (e) => [e.creditCode] as EnterpriseCursor, () => countEnterprises(db, q));
}

export async function countEnterprises(db: Database, q: EnterpriseQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(enterprises).where(conditions(q));
  return row?.n ?? 0;
}

/** Each district's enterprises as a nested list (District.enterprises). */
export function enterprisesByDistrict(db: Database): NestedListSource<EnterpriseQuery, EnterpriseCursor, EnterpriseRow> {
  const t = enterprises;
  return {
    pages: (codes, q, page) => firstRowsPerParent(db, t, t.districtCode, codes, and(conditions(q), page.after && afterKey([t.creditCode], page.after)), [asc(t.creditCode)], page.limit + 1),
    counts: (codes, q) => countPerParent(db, t, t.districtCode, codes, conditions(q)),
    parentOf: (e) => e.districtCode,
    keyOf: (e) => [e.creditCode],
  };
}
