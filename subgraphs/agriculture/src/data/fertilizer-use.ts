import type { Database } from '@soilgraph/db';
import { fertilizerUse, type FertilizerUseRow } from '@soilgraph/db/agriculture';
import { type Connection, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, inArray } from 'drizzle-orm';
import { afterCropYear, cropYearConditions, type CropYearCursor, cropYearKey, cropYearOrder, type CropYearQuery } from './crop-year.ts';

export type { FertilizerUseRow };
export type FertilizerUseConnectionModel = Connection<FertilizerUseRow>;

/** All chemical fertiliser of a record, tonnes of pure nutrient, to the kilogram (no float noise). */
export function totalFertilizerT(row: FertilizerUseRow): number {
  return Math.round((row.nitrogenT + row.phosphateT + row.potashT + row.compoundT) * 1000) / 1000;
}

export async function fertilizerUseByIds(db: Database, ids: readonly string[]): Promise<FertilizerUseRow[]> {
  return db.select().from(fertilizerUse).where(inArray(fertilizerUse.id, [...ids]));
}

export async function findFertilizerUse(db: Database, q: CropYearQuery, page: Page<CropYearCursor>): Promise<FertilizerUseConnectionModel> {
  const where = cropYearConditions(fertilizerUse, q);
  const rows = await db
    .select()
    .from(fertilizerUse)
    .where(and(where, afterCropYear(fertilizerUse, page.after)))
    .orderBy(...cropYearOrder(fertilizerUse))
    .limit(page.limit + 1);
  return toConnection(rows, page, cropYearKey, async () => {
    const [row] = await db.select({ n: count() }).from(fertilizerUse).where(where);
    return row?.n ?? 0;
  });
}

/** Every year's fertiliser use of the given districts (one row per district, year and crop: a bounded set). */
export async function fertilizerUseByDistrictCodes(db: Database, codes: readonly string[]): Promise<FertilizerUseRow[]> {
  const t = fertilizerUse;
  return db.select().from(t).where(inArray(t.districtCode, [...codes])).orderBy(asc(t.districtCode), asc(t.year), asc(t.crop));
}
