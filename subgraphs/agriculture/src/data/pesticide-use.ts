import type { Database } from '@soilgraph/db';
import { pesticideUse, type PesticideUseRow } from '@soilgraph/db/agriculture';
import { type Connection, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, inArray } from 'drizzle-orm';
import { afterCropYear, cropYearConditions, type CropYearCursor, cropYearKey, cropYearOrder, type CropYearQuery } from './crop-year.ts';

export type { PesticideUseRow };
export type PesticideUseConnectionModel = Connection<PesticideUseRow>;

export async function pesticideUseByIds(db: Database, ids: readonly string[]): Promise<PesticideUseRow[]> {
  return db.select().from(pesticideUse).where(inArray(pesticideUse.id, [...ids]));
}

export async function findPesticideUse(db: Database, q: CropYearQuery, page: Page<CropYearCursor>): Promise<PesticideUseConnectionModel> {
  const where = cropYearConditions(pesticideUse, q);
  const rows = await db
    .select()
    .from(pesticideUse)
    .where(and(where, afterCropYear(pesticideUse, page.after)))
    .orderBy(...cropYearOrder(pesticideUse))
    .limit(page.limit + 1);
  return toConnection(rows, page, cropYearKey, async () => {
    const [row] = await db.select({ n: count() }).from(pesticideUse).where(where);
    return row?.n ?? 0;
  });
}

/** Every year's pesticide use of the given districts (one row per district, year and crop: a bounded set). */
export async function pesticideUseByDistrictCodes(db: Database, codes: readonly string[]): Promise<PesticideUseRow[]> {
  const t = pesticideUse;
  return db.select().from(t).where(inArray(t.districtCode, [...codes])).orderBy(asc(t.districtCode), asc(t.year), asc(t.crop));
}
