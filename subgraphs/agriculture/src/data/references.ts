import type { FarmlandClass } from '@soilgraph/db/agriculture';
import { lacksRequired, required } from '@soilgraph/server-kit';

/*
 * Other agencies' entities as agriculture sees them: their key and, where a field of
 * agriculture's @requires them, the other agencies' fields the gateway sent along in the
 * representation (planning's parcels and their areas, environment's class suggestions).
 * Agriculture never stores these; it computes with them and forgets them. Resolvers pass their
 * parent on as these types (graphql-codegen's picked @requires types do not narrow optional
 * fields usefully); the functions below check at run time that a field really came.
 */

/** Planning's Parcel: its key and, when required, its area in hectares. */
export interface ParcelRef {
  id: string;
  areaHa?: number;
}

/** Environment's FarmlandClassSuggestion: the class a parcel's latest survey suggests (GB 15618-2018). */
export interface FarmlandClassSuggestionRef {
  parcel: { id: string };
  farmlandClass: FarmlandClass;
  sampledOn: string;
}

/** Planning's District, with its parcels and environment's suggestions when required. */
export interface DistrictRef {
  code: string;
  allParcels?: ParcelRef[];
  farmlandClassSuggestions?: FarmlandClassSuggestionRef[];
}

/** Planning's City (Beijing, 110000), with its districts when required (their code only where asked for). */
export interface CityRef {
  code: string;
  districts?: (Omit<DistrictRef, 'code'> & { code?: string })[];
}




/** The parcels' areas by id, every parcel checked for its id and areaHa. `path` names the list in messages. */
export function parcelAreas(parcels: readonly ParcelRef[], where: string, path: string): Map<string, number> {
  if (!Array.isArray(parcels)) throw lacksRequired(where, path);
  const areas = new Map<string, number>();
  parcels.forEach((parcel, i) => {
    if (typeof parcel?.id !== 'string') throw lacksRequired(where, `${path}[${i}].id`);
    if (typeof parcel.areaHa !== 'number') throw lacksRequired(where, `${path}[${i}].areaHa`);
    areas.set(parcel.id, parcel.areaHa);
  });
  return areas;
}

/** The suggestions, each checked for parcel { id }, farmlandClass and sampledOn. */
export function checkedSuggestions(suggestions: readonly FarmlandClassSuggestionRef[], where: string, path: string): FarmlandClassSuggestionRef[] {
  if (!Array.isArray(suggestions)) throw lacksRequired(where, path);
  suggestions.forEach((s, i) => {
    if (typeof s?.parcel?.id !== 'string') throw lacksRequired(where, `${path}[${i}].parcel.id`);
    if (typeof s.farmlandClass !== 'string') throw lacksRequired(where, `${path}[${i}].farmlandClass`);
    if (typeof s.sampledOn !== 'string') throw lacksRequired(where, `${path}[${i}].sampledOn`);
  });
  return [...suggestions];
}

/** A City representation's districts, or a BAD_USER_INPUT when they did not come. */
export function districtsOf(city: CityRef, where: string): NonNullable<CityRef['districts']> {
  const districts = required(city, 'districts', where);
  if (!Array.isArray(districts)) throw lacksRequired(where, 'districts');
  return districts;
}
