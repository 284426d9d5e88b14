import { isLandUseCode, landUseName, plannedUseByCode } from '@soilgraph/domain';

/**
 * Which soil quality standard applies to a parcel, from planning's land use (GB/T 21010)
 * and planned use (GB 50137). Source: domain.md, "GB 15618-2018" ("Which column") and
 * "GB 36600-2018" (class 1 and class 2 land), and whether the farmland is in paddy-dryland
 * rotation. A pure rule: no database, no GraphQL.
 */
export type SoilStandardCode = 'GB_15618_2018' | 'GB_36600_2018' | 'NONE';

/**
 * The column of GB 15618-2018 Table 1: paddy, other, orchard (copper only; the other
 * column for every other item), or the stricter of paddy and other when the cultivated
 * land type is not known.
 */
export type FarmlandColumn = 'PADDY' | 'OTHER' | 'ORCHARD' | 'STRICTER_OF_PADDY_AND_OTHER';

export interface ApplicableStandard {
  standard: SoilStandardCode;
  /** GB 15618-2018 only. */
  farmlandColumn: FarmlandColumn | null;
  /** GB 36600-2018 only: 1 (long-term exposure of children and adults) or 2. */
  constructionLandClass: 1 | 2 | null;
  reason: string;
}

/** GB/T 21010 codes of class 1 construction land when no GB 50137 planned use is given. */
const CLASS_1_LAND_USES: ReadonlySet<string> = new Set(['07', '0701', '0702', '0803', '0805', '0806', '0810']);
/** Codes that mix class 1 and class 2 uses, so the class is unknown and the stricter one applies. */
const MIXED_LAND_USES: ReadonlySet<string> = new Set(['08', '08H2']);

function describe(landUse: string): string {
  const name = landUseName(landUse);
  return name === undefined ? `GB/T 21010 ${landUse}` : `GB/T 21010 ${landUse} (${name})`;
}

function farmlandColumn(landUse: string): { column: FarmlandColumn; why: string } {
  if (landUse === '0101') return { column: 'PADDY', why: 'paddy column' };
  if (landUse === '0102' || landUse === '0103') return { column: 'OTHER', why: 'other-land column' };
  if (landUse === '0201') return { column: 'ORCHARD', why: 'orchard column for copper, other-land column for the other items' };
  if (landUse.startsWith('02')) return { column: 'OTHER', why: 'other-land column (garden land by reference)' };
  if (landUse.startsWith('04')) return { column: 'OTHER', why: 'other-land column (pasture by reference)' };
  return { column: 'STRICTER_OF_PADDY_AND_OTHER', why: 'cultivated land of unknown type: the stricter of the paddy and other-land columns' };
}

function classFromPlannedUse(plannedUse: string): { landClass: 1 | 2; why: string } {
  const planned = plannedUseByCode(plannedUse);
  if (planned === undefined) {
    return { landClass: 1, why: `planned use ${plannedUse} is not a known GB 50137 code, so the stricter class applies` };
  }
  return { landClass: planned.constructionLandClass, why: `planned use GB 50137 ${planned.code} (${planned.name}) is class ${planned.constructionLandClass} land` };
}

function classFromLandUse(landUse: string): { landClass: 1 | 2; why: string } {
  if (CLASS_1_LAND_USES.has(landUse)) return { landClass: 1, why: 'no planned use; the current use is class 1 land' };
  if (MIXED_LAND_USES.has(landUse) || !isLandUseCode(landUse)) {
    return { landClass: 1, why: 'no planned use, and the current use does not tell class 1 from class 2, so the stricter class applies' };
  }
  return { landClass: 2, why: 'no planned use; the current use is class 2 land' };
}

export interface ApplicableStandardOptions {
  /**
   * Paddy-dryland rotation: on agricultural land the stricter (lower) of the paddy and
   * other-land columns applies, whatever the land-use code (domain.md, "Which column").
   */
  rotation?: boolean;
}

const ROTATION = { column: 'STRICTER_OF_PADDY_AND_OTHER', why: 'paddy-dryland rotation: the stricter of the paddy and other-land columns' } as const;

/** The standard that applies to soil on land of this current use and planned use. */
export function applicableSoilStandard(landUse: string, plannedUse?: string | null, options: ApplicableStandardOptions = {}): ApplicableStandard {
  const level1 = /^\d\d/.test(landUse) ? Number(landUse.slice(0, 2)) : Number.NaN;
  if (level1 === 1 || level1 === 2 || level1 === 4) {
    const { column, why } = options.rotation === true ? ROTATION : farmlandColumn(landUse);
    const change = plannedUse ? ` Planned use ${plannedUse}: GB 36600-2018 class ${classFromPlannedUse(plannedUse).landClass} applies once the use changes.` : '';
    return {
      standard: 'GB_15618_2018',
      farmlandColumn: column,
      constructionLandClass: null,
      reason: `${describe(landUse)} is agricultural land: GB 15618-2018, ${why}.${change}`,
    };
  }
  if (level1 >= 5 && level1 <= 10) {
    const { landClass, why } = plannedUse ? classFromPlannedUse(plannedUse) : classFromLandUse(landUse);
    return {
      standard: 'GB_36600_2018',
      farmlandColumn: null,
      constructionLandClass: landClass,
      reason: `${describe(landUse)} is construction land: GB 36600-2018 class ${landClass} (${why}).`,
    };
  }
  const what = isLandUseCode(landUse) || (level1 >= 1 && level1 <= 12) ? `${describe(landUse)} is neither agricultural nor construction land` : `${describe(landUse)} is not a known land-use code`;
  return {
    standard: 'NONE',
    farmlandColumn: null,
    constructionLandClass: null,
    reason: `${what}: neither GB 15618-2018 nor GB 36600-2018 applies.`,
  };
}
