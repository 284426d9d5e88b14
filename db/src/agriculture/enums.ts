import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** Crop groups agriculture reports fertiliser and pesticide use by (GraphQL enum Crop). */
export const CROPS = ['WHEAT', 'MAIZE', 'RICE', 'VEGETABLES', 'FRUIT_TREES', 'OTHER'] as const;
export type Crop = (typeof CROPS)[number];

/**
 * Farmland environmental quality classes (GraphQL enum FarmlandClass): priority protection
 * (优先保护), safe utilisation (安全利用), strict control (严格管控).
 */
export const FARMLAND_CLASSES = ['PRIORITY_PROTECTION', 'SAFE_UTILISATION', 'STRICT_CONTROL'] as const;
export type FarmlandClass = (typeof FARMLAND_CLASSES)[number];

/**
 * Measures taken on contaminated farmland (GraphQL enum SafeUseMeasure), in enum order: safe use
 * (low-accumulation varieties 低积累品种替代, agronomic regulation 农艺调控, soil conditioning
 * 钝化调理) and strict control (planting structure adjustment 种植结构调整, fallow 休耕/退耕).
 */
export const SAFE_USE_MEASURES = ['LOW_ACCUMULATION_VARIETY', 'AGRONOMIC_REGULATION', 'SOIL_CONDITIONING', 'PLANTING_STRUCTURE_ADJUSTMENT', 'FALLOW'] as const;
export type SafeUseMeasure = (typeof SAFE_USE_MEASURES)[number];

/** Reporting years the tables accept. */
export const YEAR_RANGE = { min: 1949, max: 2100 } as const;

/**
 * A check that a text column holds one of a fixed list of values. Columns are named bare and
 * values written as literals, so the generated migration reads as plain SQL.
 */
export function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${sql.identifier(column.name)} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
}

export function yearInRange(column: AnyPgColumn): SQL {
  return sql`${sql.identifier(column.name)} between ${sql.raw(String(YEAR_RANGE.min))} and ${sql.raw(String(YEAR_RANGE.max))}`;
}

/** A check that every element of a text[] column is one of a fixed list of values (an empty array passes). */
export function allOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${sql.identifier(column.name)} <@ array[${sql.raw(values.map((v) => `'${v}'`).join(', '))}]::text[]`;
}
