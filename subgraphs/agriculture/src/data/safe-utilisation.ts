import type { Database } from '@soilgraph/db';
import { safeUtilisationRecords, type SafeUtilisationRecordRow } from '@soilgraph/db/agriculture';
import { asc, inArray } from 'drizzle-orm';

export type { SafeUtilisationRecordRow };

/** Every safe-utilisation record of the given parcels, each parcel's oldest year first. */
export async function safeUtilisationByParcelIds(db: Database, parcelIds: readonly string[]): Promise<SafeUtilisationRecordRow[]> {
  const t = safeUtilisationRecords;
  return db.select().from(t).where(inArray(t.parcelId, [...parcelIds])).orderBy(asc(t.parcelId), asc(t.year));
}

/** Every year's safe-utilisation records of the given districts (one per contaminated parcel and year), oldest year first. */
export async function safeUtilisationByDistrictCodes(db: Database, codes: readonly string[]): Promise<SafeUtilisationRecordRow[]> {
  const t = safeUtilisationRecords;
  return db.select().from(t).where(inArray(t.districtCode, [...codes])).orderBy(asc(t.districtCode), asc(t.year), asc(t.parcelId));
}
