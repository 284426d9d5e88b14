import { type Database, externalIdSuffix, type UpsertSpec } from '@soilgraph/db';
import { enterprises, selfMonitoringReports } from '@soilgraph/db/environment';
import type { RejectedRow } from '@soilgraph/server-kit';
import { eq, inArray, sql } from 'drizzle-orm';
import type { SelfMonitoringReportSubmissionRow } from '../inputs.ts';
import { INSERT_CHUNK } from './checked-writes.ts';
import { type PreparedBatch, rejectedRow } from '@soilgraph/server-kit';

/** A self-monitoring report as stored, in the canonical shape its audit digest is taken of. */
export interface SelfMonitoringReportEntity {
  id: string;
  externalId: string;
  enterpriseCreditCode: string;
  year: number;
  reportedOn: string;
  summary: string;
  exceedances: number;
}

/** The public id of a new report: SMR-<credit code>-<first 10 hex digits of the SHA-256 of its externalId>. */
export function newSelfMonitoringReportId(creditCode: string, externalId: string): string {
  return `SMR-${creditCode}-${externalIdSuffix(externalId)}`;
}

export const selfMonitoringReportUpsert: UpsertSpec<SelfMonitoringReportSubmissionRow, SelfMonitoringReportEntity> = {
  entityType: 'SelfMonitoringReport',
  async existing(tx, externalIds) {
    const rows = await tx.select().from(selfMonitoringReports).where(inArray(selfMonitoringReports.externalId, [...externalIds]));
    return new Map(
      rows.map((r) => [
        r.externalId,
        {
          id: r.id,
          externalId: r.externalId,
          enterpriseCreditCode: r.enterpriseCreditCode,
          year: r.year,
          reportedOn: r.reportedOn,
          summary: r.summary,
          exceedances: r.exceedances,
        },
      ]),
    );
  },
  build(row, current) {
    return {
      id: current?.id ?? newSelfMonitoringReportId(row.enterpriseCreditCode, row.externalId),
      externalId: row.externalId,
      enterpriseCreditCode: row.enterpriseCreditCode,
      year: row.year,
      reportedOn: row.reportedOn,
      summary: row.summary,
      exceedances: row.exceedances,
    };
  },
  async save(tx, records) {
    const created = records.filter((r) => r.created).map((r) => r.entity);
    const updated = records.filter((r) => !r.created).map((r) => r.entity);
    for (let i = 0; i < created.length; i += INSERT_CHUNK) await tx.insert(selfMonitoringReports).values(created.slice(i, i + INSERT_CHUNK));
    for (const entity of updated) await tx.update(selfMonitoringReports).set({ ...entity, updatedAt: sql`now()` }).where(eq(selfMonitoringReports.id, entity.id));
  },
};

/**
 * Rows naming an enterprise environment does not know, or a year for which the enterprise already
 * has another report (one per enterprise and year; a year another stored report holds is taken
 * even when that report moves in the same batch).
 */
export async function selfMonitoringReportConflicts(tx: Database, rows: readonly SelfMonitoringReportSubmissionRow[], argumentName = 'reports'): Promise<RejectedRow[]> {
  const codes = [...new Set(rows.map((r) => r.enterpriseCreditCode))];
  const known = new Set(
    (await tx.select({ creditCode: enterprises.creditCode }).from(enterprises).where(inArray(enterprises.creditCode, codes))).map((e) => e.creditCode),
  );
  const stored = await tx
    .select({ externalId: selfMonitoringReports.externalId, creditCode: selfMonitoringReports.enterpriseCreditCode, year: selfMonitoringReports.year })
    .from(selfMonitoringReports)
    .where(inArray(selfMonitoringReports.enterpriseCreditCode, codes));
  const holders = new Map(stored.map((r) => [`${r.creditCode}:${r.year}`, r.externalId]));
  return rows.flatMap((row, index) => {
    if (!known.has(row.enterpriseCreditCode)) return [rejectedRow(argumentName, index, 'enterpriseCreditCode', `no enterprise ${row.enterpriseCreditCode}`)];
    const holder = holders.get(`${row.enterpriseCreditCode}:${row.year}`);
    if (holder !== undefined && holder !== row.externalId) {
      return [rejectedRow(argumentName, index, 'year', `${row.enterpriseCreditCode} already has a ${row.year} report (externalId ${JSON.stringify(holder)}); one report per enterprise and year`)];
    }
    return [];
  });
}

export async function prepareSelfMonitoringReports(
  tx: Database,
  rows: readonly SelfMonitoringReportSubmissionRow[],
): Promise<PreparedBatch<SelfMonitoringReportSubmissionRow, SelfMonitoringReportEntity>> {
  return { rejected: await selfMonitoringReportConflicts(tx, rows), spec: selfMonitoringReportUpsert };
}
