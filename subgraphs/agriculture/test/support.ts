import type { AgricultureDemo, PlanningDemo } from '@soilgraph/db/demo';
import type { SubgraphHarness } from '@soilgraph/testkit';

/*
 * Helpers for the tests of agriculture's @requires fields: representations built from the demo's
 * planning rows the way the gateway would send them, and the answer key's small pieces.
 */

export type DecisionRow = AgricultureDemo['decisions'][number];
export type ParcelRow = PlanningDemo['parcels'][number];

/** Runs `_entities` with a selection on the given representations. */
export function entities(harness: SubgraphHarness, selection: string, representations: unknown[]) {
  return harness.query(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, { representations });
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A district's parcels as planning's `allParcels { id areaHa }` gives them (ordered by id). */
export function allParcels(planning: PlanningDemo, code: string): { id: string; areaHa: number }[] {
  return planning.parcels
    .filter((p) => p.districtCode === code)
    .sort((a, b) => cmp(a.id, b.id))
    .map((p) => ({ id: p.id, areaHa: p.areaHa }));
}

/** Each parcel's latest decision on or before `day` (all when undefined): latest date, then highest id. */
export function latestDecisions(decisions: readonly DecisionRow[], day?: string): Map<string, DecisionRow> {
  const sorted = decisions.filter((d) => day === undefined || d.decidedOn <= day).sort((a, b) => cmp(a.decidedOn, b.decidedOn) || cmp(a.id, b.id));
  return new Map(sorted.map((d) => [d.parcelId, d]));
}

/** Rounds half up, as a published figure. */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

export const BAD_USER_INPUT = 'BAD_USER_INPUT';
