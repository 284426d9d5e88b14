import { sql } from 'drizzle-orm';
import { check, date, integer, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { enterprises } from './enterprises.ts';
import { environment } from './schema.ts';

/** The first year key supervised enterprises disclose their soil self-monitoring. */
export const FIRST_SELF_MONITORING_YEAR = 2018;
/** The longest summary a report keeps. */
export const SELF_MONITORING_SUMMARY_MAX = 2000;

/**
 * Annual soil self-monitoring reports that key supervised enterprises disclose (from 2018):
 * one per enterprise and year, with a short summary and how many results exceeded the
 * applicable screening value.
 */
export const selfMonitoringReports = environment.table(
  'self_monitoring_reports',
  {
    /** Stable public id, SMR-<credit code>-<10 hex digits> (new reports: from the externalId). */
    id: text('id').primaryKey(),
    ...externalIdColumn,
    enterpriseCreditCode: varchar('enterprise_credit_code', { length: 18 })
      .notNull()
      .references(() => enterprises.creditCode, { onDelete: 'restrict' }),
    /** The year the monitoring covers. */
    year: integer('year').notNull(),
    /** Day the report was disclosed. */
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    summary: text('summary').notNull(),
    /** Monitoring results above the applicable screening value; 0 when none. */
    exceedances: integer('exceedances').notNull(),
    ...timestampColumns,
  },
  (t) => [
    uniqueIndex('self_monitoring_reports_enterprise_year_unique').on(t.enterpriseCreditCode, t.year),
    check('self_monitoring_reports_year_check', sql.raw(`year >= ${FIRST_SELF_MONITORING_YEAR}`)),
    check('self_monitoring_reports_exceedances_check', sql`exceedances >= 0`),
    check('self_monitoring_reports_summary_check', sql.raw(`char_length(summary) between 1 and ${SELF_MONITORING_SUMMARY_MAX}`)),
  ],
);

export type SelfMonitoringReportRow = typeof selfMonitoringReports.$inferSelect;
export type NewSelfMonitoringReportRow = typeof selfMonitoringReports.$inferInsert;
