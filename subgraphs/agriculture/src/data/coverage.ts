import { afterKeyNewestFirst, type Database } from '@soilgraph/db';
import { districtCoverage, type DistrictCoverageRow } from '@soilgraph/db/agriculture';
import { type Connection, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { inRange, type YearRange } from './ranges.ts';

export type AgriculturalCoverageRow = DistrictCoverageRow;
export type AgriculturalCoverageConnectionModel = Connection<AgriculturalCoverageRow>;

/** Coverage sorts newest year first, then by district code; a cursor is the last year and code. */
export const coverageCursor = z.tuple([z.number().int(), z.string()]);
export type CoverageCursor = z.infer<typeof coverageCursor>;

/** A validated coverage filter: every field narrows the result (AND). */
export interface CoverageQuery {
  districtCode?: string;
  years?: YearRange;
}

function conditions(q: CoverageQuery): SQL | undefined {
  return and(q.districtCode !== undefined ? eq(districtCoverage.districtCode, q.districtCode) : undefined, inRange(districtCoverage.year, q.years));
}

const keyOf = (row: AgriculturalCoverageRow): CoverageCursor => [row.year, row.districtCode];

export async function findCoverage(db: Database, q: CoverageQuery, page: Page<CoverageCursor>): Promise<AgriculturalCoverageConnectionModel> {
  const where = conditions(q);
  const rows = await db
    .select()
    .from(districtCoverage)
    .where(and(where, page.after && afterKeyNewestFirst(districtCoverage.year, [districtCoverage.districtCode], page.after)))
    .orderBy(desc(districtCoverage.year), asc(districtCoverage.districtCode))
    .limit(page.limit + 1);
  return toConnection(rows, page, keyOf, async () => {
    const [row] = await db.select({ n: count() }).from(districtCoverage).where(where);
    return row?.n ?? 0;
  });
}

/** Every year's coverage of the given districts (one row per district and year: a bounded set), newest first. */
export async function coverageByDistrictCodes(db: Database, codes: readonly string[]): Promise<AgriculturalCoverageRow[]> {
  return db
    .select()
    .from(districtCoverage)
    .where(inArray(districtCoverage.districtCode, [...codes]))
    .orderBy(asc(districtCoverage.districtCode), desc(districtCoverage.year));
}
