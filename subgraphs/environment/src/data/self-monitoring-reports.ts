import type { Database } from '@soilgraph/db';
import { type SelfMonitoringReportRow, selfMonitoringReports } from '@soilgraph/db/environment';
import { asc, desc, inArray } from 'drizzle-orm';

export type { SelfMonitoringReportRow };

/** The self-monitoring reports of any of these enterprises, each enterprise's newest year first. */
export async function selfMonitoringReportsByCreditCodes(db: Database, codes: readonly string[]): Promise<SelfMonitoringReportRow[]> {
  return db
    .select()
    .from(selfMonitoringReports)
    .where(inArray(selfMonitoringReports.enterpriseCreditCode, [...codes]))
    .orderBy(asc(selfMonitoringReports.enterpriseCreditCode), desc(selfMonitoringReports.year));
}
