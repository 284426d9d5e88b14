import type { Database } from '@soilgraph/db';
import { type BackgroundValueRow, backgroundValues } from '@soilgraph/db/geology';
import { type Analyte, ANALYTES } from '@soilgraph/domain';
import { and, eq, inArray, type SQL } from 'drizzle-orm';

export type { BackgroundValueRow };

/** A validated background-value filter: every field narrows the result (AND). */
export interface BackgroundValueQuery {
  districtCodes?: readonly string[];
  analyte?: Analyte;
}

function byDistrictThenAnalyte(a: BackgroundValueRow, b: BackgroundValueRow): number {
  if (a.districtCode !== b.districtCode) return a.districtCode < b.districtCode ? -1 : 1;
  return ANALYTES.indexOf(a.analyte) - ANALYTES.indexOf(b.analyte);
}

/** Background values matching the query, ordered by district code, then analyte enum order. */
export async function findBackgroundValues(db: Database, q: BackgroundValueQuery): Promise<BackgroundValueRow[]> {
  const parts: SQL[] = [];
  if (q.districtCodes !== undefined) parts.push(inArray(backgroundValues.districtCode, [...q.districtCodes]));
  if (q.analyte !== undefined) parts.push(eq(backgroundValues.analyte, q.analyte));
  const rows = await db.select().from(backgroundValues).where(and(...parts));
  return rows.sort(byDistrictThenAnalyte);
}
