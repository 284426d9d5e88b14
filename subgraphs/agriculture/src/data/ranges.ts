import { and, gte, lte, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** A validated range of years, both ends included; an end left out is open. */
export interface YearRange {
  from?: number;
  to?: number;
}

/** A validated range of ISO dates (YYYY-MM-DD), both ends included; an end left out is open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** The SQL condition "column lies in the range", or undefined when the range is open at both ends. */
export function inRange(column: AnyPgColumn, range: YearRange | DateRange | undefined): SQL | undefined {
  if (range === undefined) return undefined;
  return and(range.from !== undefined ? gte(column, range.from) : undefined, range.to !== undefined ? lte(column, range.to) : undefined);
}

/** The same test in code, for rows a loader already fetched. */
export function yearInRange(year: number, range: YearRange | undefined): boolean {
  return (range?.from === undefined || year >= range.from) && (range?.to === undefined || year <= range.to);
}
