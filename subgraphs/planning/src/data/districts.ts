import { afterKey, type Database } from '@soilgraph/db';
import { districts, type DistrictRow } from '@soilgraph/db/planning';
import { type Connection, type Page, toConnection } from '@soilgraph/server-kit';
import { count, inArray } from 'drizzle-orm';
import { z } from 'zod';

export type { DistrictRow };
export type DistrictConnectionModel = Connection<DistrictRow>;

/** Districts sort by code; a cursor is the last code seen. */
export const districtCursor = z.tuple([z.string()]);
export type DistrictCursor = z.infer<typeof districtCursor>;

export async function districtsByCodes(db: Database, codes: readonly string[]): Promise<DistrictRow[]> {
  return db.select().from(districts).where(inArray(districts.code, [...codes]));
}

export async function listDistricts(db: Database, page: Page<DistrictCursor>): Promise<DistrictConnectionModel> {
  const rows = await db
    .select()
    .from(districts)
    .where(page.after && afterKey([districts.code], page.after))
    .orderBy(districts.code)
    .limit(page.limit + 1);
  return toConnection(rows, page, (d) => [d.code] as DistrictCursor, async () => {
    const [row] = await db.select({ n: count() }).from(districts);
    return row?.n ?? 0;
  });
}

/** Every district, ordered by code. */
export async function allDistricts(db: Database): Promise<DistrictRow[]> {
  return db.select().from(districts).orderBy(districts.code);
}
