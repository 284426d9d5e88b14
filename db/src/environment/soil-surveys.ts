import { sql } from 'drizzle-orm';
import { check, date, index, text, varchar } from 'drizzle-orm/pg-core';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { inList } from './check.ts';
import { environment } from './schema.ts';

/** Stages of a soil survey (HJ 25.1-25.3; GraphQL enum SurveyStage). */
export const SURVEY_STAGES = ['PRELIMINARY', 'DETAILED', 'RISK_ASSESSMENT', 'EFFECT_EVALUATION'] as const;
export type SurveyStage = (typeof SURVEY_STAGES)[number];

/** What a completed survey concluded (GraphQL enum SurveyConclusion). */
export const SURVEY_CONCLUSIONS = ['BELOW_SCREENING', 'ABOVE_SCREENING', 'RISK_ACCEPTABLE', 'RISK_UNACCEPTABLE', 'TARGETS_MET'] as const;
export type SurveyConclusion = (typeof SURVEY_CONCLUSIONS)[number];

/**
 * Soil surveys of parcels (plan items 16-17): of suspected and listed sites, and before a
 * change to a sensitive planned use. A survey in progress has neither completion day nor
 * conclusion. The parcel is planning's public id, without a foreign key across schemas.
 */
export const soilSurveys = environment.table(
  'soil_surveys',
  {
    /** Stable public id: SV-<parcel id>-<2-digit serial>. */
    id: text('id').primaryKey(),
    ...externalIdColumn,
    /** Planning's public parcel id. */
    parcelId: text('parcel_id').notNull(),
    /** GB/T 2260 code of planning's district. */
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    stage: varchar('stage', { length: 20 }).$type<SurveyStage>().notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    /** Day the report was accepted; null while in progress. */
    completedOn: date('completed_on', { mode: 'string' }),
    /** Null while in progress. */
    conclusion: varchar('conclusion', { length: 20 }).$type<SurveyConclusion>(),
    /** The report's reference. */
    report: text('report').notNull(),
    ...timestampColumns,
  },
  (t) => [
    index('soil_surveys_parcel_started_idx').on(t.parcelId, t.startedOn, t.id),
    index('soil_surveys_district_code_idx').on(t.districtCode),
    check('soil_surveys_stage_check', inList('stage', SURVEY_STAGES)),
    check('soil_surveys_conclusion_check', sql`conclusion is null or ${inList('conclusion', SURVEY_CONCLUSIONS)}`),
    check('soil_surveys_completion_check', sql`(completed_on is null) = (conclusion is null)`),
    check('soil_surveys_dates_check', sql`completed_on is null or completed_on >= started_on`),
  ],
);

export type SoilSurveyRow = typeof soilSurveys.$inferSelect;
export type NewSoilSurveyRow = typeof soilSurveys.$inferInsert;
