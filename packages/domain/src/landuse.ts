/**
 * GB/T 21010-2017 land-use classification (source: domain.md, "GB/T 21010-2017").
 * First-level classes, the second-level classes the platform meets most, and the
 * Third National Land Survey's working codes, which must be accepted too.
 */
export const LAND_USE_CODES: Readonly<Record<string, string>> = {
  '01': 'cultivated land',
  '0101': 'paddy field',
  '0102': 'irrigated land',
  '0103': 'dry land',
  '02': 'garden land',
  '0201': 'orchard',
  '0202': 'tea garden',
  '0203': 'rubber garden',
  '0204': 'other garden',
  '03': 'forest land',
  '0301': 'arbour forest',
  '0305': 'shrub forest',
  '0307': 'other forest',
  '04': 'grassland',
  '0401': 'natural pasture',
  '0403': 'artificial pasture',
  '0404': 'other grassland',
  '05': 'commercial and service land',
  '0501': 'wholesale and retail',
  '0502': 'accommodation and catering',
  '0503': 'business and finance',
  '0508': 'logistics and warehousing',
  '05H1': 'commercial and service facilities (survey working code)',
  '06': 'industrial, mining and storage land',
  '0601': 'industrial land',
  '0602': 'mining land',
  '0604': 'storage land',
  '07': 'residential land',
  '0701': 'urban residential land',
  '0702': 'rural homestead',
  '08': 'public administration and public service land',
  '0801': 'government agencies',
  '0803': 'education',
  '0805': 'medical and health',
  '0806': 'social welfare',
  '0809': 'public utilities',
  '0810': 'parks and green space',
  '08H1': 'government and public institutions (survey working code)',
  '08H2': 'science, education, culture and health (survey working code)',
  '09': 'special land',
  '10': 'transport land',
  '1001': 'railway',
  '1003': 'highway',
  '1004': 'urban road',
  '11': 'water and water conservancy land',
  '1101': 'river surface',
  '1103': 'reservoir surface',
  '12': 'other land',
  '1202': 'facility agricultural land',
};

export function isLandUseCode(code: string): boolean {
  return Object.hasOwn(LAND_USE_CODES, code);
}

/** Name of a land-use code, or of its first-level class when the second level is not listed. */
export function landUseName(code: string): string | undefined {
  return LAND_USE_CODES[code] ?? LAND_USE_CODES[code.slice(0, 2)];
}

/** Agricultural land in the sense of GB 15618-2018: cultivated land, garden land and pasture. */
export function isAgriculturalLandUse(code: string): boolean {
  return ['01', '02', '04'].includes(code.slice(0, 2));
}

/** Construction land in the sense of GB 36600-2018: first-level classes 05 to 10. */
export function isConstructionLandUse(code: string): boolean {
  const level1 = Number(code.slice(0, 2));
  return level1 >= 5 && level1 <= 10;
}
