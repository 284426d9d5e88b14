/**
 * Beijing's 16 districts, GB/T 2260 codes (source: domain.md, "Beijing districts").
 * Miyun and Yanqing were counties before 2015; their old codes are accepted as aliases.
 */
export interface DistrictCode {
  code: string;
  name: string;
  nameZh: string;
}

export const BEIJING_DISTRICTS: readonly DistrictCode[] = [
  { code: '110101', name: 'Dongcheng', nameZh: '东城' },
  { code: '110102', name: 'Xicheng', nameZh: '西城' },
  { code: '110105', name: 'Chaoyang', nameZh: '朝阳' },
  { code: '110106', name: 'Fengtai', nameZh: '丰台' },
  { code: '110107', name: 'Shijingshan', nameZh: '石景山' },
  { code: '110108', name: 'Haidian', nameZh: '海淀' },
  { code: '110109', name: 'Mentougou', nameZh: '门头沟' },
  { code: '110111', name: 'Fangshan', nameZh: '房山' },
  { code: '110112', name: 'Tongzhou', nameZh: '通州' },
  { code: '110113', name: 'Shunyi', nameZh: '顺义' },
  { code: '110114', name: 'Changping', nameZh: '昌平' },
  { code: '110115', name: 'Daxing', nameZh: '大兴' },
  { code: '110116', name: 'Huairou', nameZh: '怀柔' },
  { code: '110117', name: 'Pinggu', nameZh: '平谷' },
  { code: '110118', name: 'Miyun', nameZh: '密云' },
  { code: '110119', name: 'Yanqing', nameZh: '延庆' },
];

/** Pre-2015 county codes still found in older data. */
export const DISTRICT_CODE_ALIASES: Readonly<Record<string, string>> = {
  '110228': '110118',
  '110229': '110119',
};

const byCode = new Map(BEIJING_DISTRICTS.map((d) => [d.code, d]));

/** The current code for a district code or alias, or undefined when it names no Beijing district. */
export function canonicalDistrictCode(code: string): string | undefined {
  const current = DISTRICT_CODE_ALIASES[code] ?? code;
  return byCode.has(current) ? current : undefined;
}

export function districtByCode(code: string): DistrictCode | undefined {
  const current = canonicalDistrictCode(code);
  return current === undefined ? undefined : byCode.get(current);
}

/**
 * Beijing's ecological conservation districts (生态涵养区), where the soil pollution prevention
 * work plan (2016) allows environment-friendly pesticides only from 2019 (domain.md, "Plan
 * targets"). Source: Beijing's functional zoning (北京市主体功能区规划, 2012), "生态涵养发展区":
 * Mentougou, Huairou, Pinggu, Miyun and Yanqing, the zoning in force when the plan was written.
 * (The 2016-2035 master plan adds the mountain parts of Changping and Fangshan, which a list of
 * whole districts cannot express.)
 */
export const ECO_CONSERVATION_DISTRICTS: readonly string[] = ['110109', '110116', '110117', '110118', '110119'];

const ecoConservation = new Set(ECO_CONSERVATION_DISTRICTS);

/** Whether a district code (or a pre-2015 alias) names one of the ecological conservation districts. */
export function isEcoConservationDistrict(code: string): boolean {
  const current = canonicalDistrictCode(code);
  return current !== undefined && ecoConservation.has(current);
}
