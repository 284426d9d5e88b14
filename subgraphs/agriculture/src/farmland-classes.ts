import { FARMLAND_CLASSES, type FarmlandClass } from '@soilgraph/db/agriculture';
import type { Connection } from '@soilgraph/server-kit';
import { z } from 'zod';
import type { FarmlandClassDecisionRow } from './data/farmland-class-decisions.ts';
import type { FarmlandClassSuggestionRef } from './data/references.ts';
import type { FarmlandClassAgreement, FarmlandClassArea } from './generated/resolvers.ts';
import { latestDecisionsBy, roundTo } from './plan-indicators.ts';

/*
 * Agriculture's official farmland classes (each parcel's latest decision) beside the classes
 * environment's latest surveys suggest (GB 15618-2018), which arrive through @requires.
 */

/** GraphQL FarmlandClassComparison. */
export interface FarmlandClassComparisonModel {
  parcel: { id: string };
  official: FarmlandClassDecisionRow | null;
  suggested: FarmlandClass | null;
  suggestedFromSampleOn: string | null;
  agreement: FarmlandClassAgreement;
}

/** One suggestion per parcel: the newest sample's when a parcel came more than once. */
function suggestionsByParcel(suggestions: readonly FarmlandClassSuggestionRef[]): Map<string, FarmlandClassSuggestionRef> {
  const byParcel = new Map<string, FarmlandClassSuggestionRef>();
  for (const s of suggestions) {
    const current = byParcel.get(s.parcel.id);
    if (current === undefined || s.sampledOn > current.sampledOn) byParcel.set(s.parcel.id, s);
  }
  return byParcel;
}

/**
 * Farmland of an area per class, in class order: official = the area's parcels whose latest
 * decision is the class, suggested = the area's parcels whose latest survey suggests it; areas
 * are planning's (hectares, rounded to 0.01). Parcels outside the area's parcel list do not count.
 */
export function farmlandClassAreas(
  decisions: readonly FarmlandClassDecisionRow[],
  suggestions: readonly FarmlandClassSuggestionRef[],
  parcelAreas: ReadonlyMap<string, number>,
): FarmlandClassArea[] {
  const official = [...latestDecisionsBy(decisions, undefined).values()].map((d) => [d.parcelId, d.farmlandClass] as const);
  const suggested = [...suggestionsByParcel(suggestions).values()].map((s) => [s.parcel.id, s.farmlandClass] as const);
  const tally = (pairs: readonly (readonly [string, FarmlandClass])[], farmlandClass: FarmlandClass) => {
    let parcels = 0;
    let areaHa = 0;
    for (const [parcelId, c] of pairs) {
      const area = parcelAreas.get(parcelId);
      if (c !== farmlandClass || area === undefined) continue;
      parcels++;
      areaHa += area;
    }
    return { parcels, areaHa: roundTo(areaHa, 2) };
  };
  return FARMLAND_CLASSES.map((farmlandClass) => {
    const o = tally(official, farmlandClass);
    const s = tally(suggested, farmlandClass);
    return { farmlandClass, officialParcels: o.parcels, officialAreaHa: o.areaHa, suggestedParcels: s.parcels, suggestedAreaHa: s.areaHa };
  });
}

function agreementOf(official: FarmlandClass | null, suggested: FarmlandClass | null): FarmlandClassAgreement {
  if (official === null) return 'NO_OFFICIAL_CLASS';
  if (suggested === null) return 'NO_SOIL_SUGGESTION';
  return official === suggested ? 'AGREES' : 'DISAGREES';
}

export type FarmlandClassComparisonConnectionModel = Connection<FarmlandClassComparisonModel>;

/** The comparison sorts by parcel id; a cursor is the last parcel id. */
export const comparisonCursor = z.tuple([z.string()]);

/**
 * Every parcel with an official class (among the decisions) or a suggestion, ordered by parcel
 * id, compared; only those in `agreement` when given.
 */
export function farmlandClassComparison(
  decisions: readonly FarmlandClassDecisionRow[],
  suggestions: readonly FarmlandClassSuggestionRef[],
  agreement: FarmlandClassAgreement | undefined,
): FarmlandClassComparisonModel[] {
  const official = latestDecisionsBy(decisions, undefined);
  const suggested = suggestionsByParcel(suggestions);
  const parcelIds = [...new Set([...official.keys(), ...suggested.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return parcelIds
    .map((id): FarmlandClassComparisonModel => {
      const decision = official.get(id) ?? null;
      const suggestion = suggested.get(id);
      return {
        parcel: { id },
        official: decision,
        suggested: suggestion?.farmlandClass ?? null,
        suggestedFromSampleOn: suggestion?.sampledOn ?? null,
        agreement: agreementOf(decision?.farmlandClass ?? null, suggestion?.farmlandClass ?? null),
      };
    })
    .filter((c) => agreement === undefined || c.agreement === agreement);
}
