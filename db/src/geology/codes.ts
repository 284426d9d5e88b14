/**
 * Soil types (Chinese soil classification, genetic soil groups found in Beijing) and soil
 * parent materials the geological survey records, as codes with English and Chinese names.
 */
export const SOIL_TYPES = [
  { code: 'CINNAMON', name: 'Cinnamon soil', nameZh: '褐土' },
  { code: 'FLUVO_AQUIC', name: 'Fluvo-aquic soil', nameZh: '潮土' },
  { code: 'BROWN_EARTH', name: 'Brown earth', nameZh: '棕壤' },
  { code: 'MOUNTAIN_MEADOW', name: 'Mountain meadow soil', nameZh: '山地草甸土' },
  { code: 'SALINE_ALKALI', name: 'Saline-alkali soil', nameZh: '盐碱土' },
] as const;

export type SoilType = (typeof SOIL_TYPES)[number]['code'];
export const SOIL_TYPE_CODES: readonly SoilType[] = SOIL_TYPES.map((t) => t.code);

export const PARENT_MATERIALS = [
  { code: 'LOESS', name: 'Loess', nameZh: '黄土' },
  { code: 'ALLUVIUM', name: 'Alluvium', nameZh: '冲积物' },
  { code: 'GRANITE_WEATHERING', name: 'Granite weathering residue', nameZh: '花岗岩风化物' },
  { code: 'LIMESTONE_WEATHERING', name: 'Limestone weathering residue', nameZh: '石灰岩风化物' },
  { code: 'DILUVIUM', name: 'Diluvium (piedmont proluvial deposits)', nameZh: '洪积物' },
] as const;

export type ParentMaterial = (typeof PARENT_MATERIALS)[number]['code'];
export const PARENT_MATERIAL_CODES: readonly ParentMaterial[] = PARENT_MATERIALS.map((m) => m.code);
