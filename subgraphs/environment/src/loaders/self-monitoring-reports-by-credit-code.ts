import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type SelfMonitoringReportRow, selfMonitoringReportsByCreditCodes } from '../data/self-monitoring-reports.ts';

/** Each enterprise's self-monitoring reports, newest year first, one query per request tick; an enterprise without any loads []. */
export function createSelfMonitoringReportsByCreditCodeLoader(db: Database) {
  return new DataLoader<string, SelfMonitoringReportRow[]>(async (codes) => {
    const rows = await selfMonitoringReportsByCreditCodes(db, codes);
    return manyByKey(codes, rows, (r) => r.enterpriseCreditCode);
  });
}
