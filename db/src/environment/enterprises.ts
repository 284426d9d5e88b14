import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, text, varchar } from 'drizzle-orm/pg-core';
import type { Point } from 'geojson';
import { externalIdColumn, timestampColumns } from '../columns.ts';
import { environment } from './schema.ts';

/**
 * Key supervised enterprises for soil pollution (annual self-monitoring disclosure from
 * 2018), keyed by their 18-character unified social credit code (GB 32100-2015).
 */
export const enterprises = environment.table(
  'enterprises',
  {
    creditCode: varchar('credit_code', { length: 18 }).primaryKey(),
    ...externalIdColumn,
    name: text('name').notNull(),
    /** Industry as the supervision list names it, e.g. "electroplating". */
    industry: text('industry').notNull(),
    /** GB/T 2260 code of planning's district. */
    districtCode: varchar('district_code', { length: 6 }).notNull(),
    /** Planning's public parcel id of the site; null when not registered. */
    parcelId: text('parcel_id'),
    location: jsonb('location').$type<Point>().notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    /** Year the enterprise was put on the key supervision list. */
    supervisedSince: integer('supervised_since').notNull(),
    ...timestampColumns,
  },
  (t) => [
    // A district's enterprises in credit-code order: District.enterprises reads each district's page from it.
    index('enterprises_district_code_credit_code_idx').on(t.districtCode, t.creditCode),
    index('enterprises_industry_idx').on(t.industry),
    index('enterprises_parcel_id_idx').on(t.parcelId),
    check('enterprises_credit_code_check', sql`credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'`),
  ],
);

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type NewEnterpriseRow = typeof enterprises.$inferInsert;
