import { describe, expect, it } from 'vitest';
import { applicableSoilStandard, type ApplicableStandard } from '../../src/assessment/standards.ts';

type Expected = Omit<ApplicableStandard, 'reason'>;

const farmland = (farmlandColumn: ApplicableStandard['farmlandColumn']): Expected => ({
  standard: 'GB_15618_2018',
  farmlandColumn,
  constructionLandClass: null,
});
const construction = (constructionLandClass: 1 | 2): Expected => ({
  standard: 'GB_36600_2018',
  farmlandColumn: null,
  constructionLandClass,
});
const none: Expected = { standard: 'NONE', farmlandColumn: null, constructionLandClass: null };

// [GB/T 21010 land use, GB 50137 planned use, expected] — domain.md, "Which column" and "GB 36600-2018".
const CASES: readonly (readonly [string, string | null, Expected])[] = [
  ['0101', null, farmland('PADDY')],
  ['0102', null, farmland('OTHER')],
  ['0103', null, farmland('OTHER')],
  ['01', null, farmland('STRICTER_OF_PADDY_AND_OTHER')],
  ['0201', null, farmland('ORCHARD')],
  ['0202', null, farmland('OTHER')],
  ['0204', null, farmland('OTHER')],
  ['0401', null, farmland('OTHER')],
  ['0404', null, farmland('OTHER')],
  // Current agricultural use decides the standard even when a change is planned.
  ['0103', 'R2', farmland('OTHER')],
  ['0701', null, construction(1)],
  ['0702', null, construction(1)],
  ['0803', null, construction(1)],
  ['0805', null, construction(1)],
  ['0806', null, construction(1)],
  ['0810', null, construction(1)],
  ['0503', null, construction(2)],
  ['0508', null, construction(2)],
  ['05H1', null, construction(2)],
  ['0601', null, construction(2)],
  ['0602', null, construction(2)],
  ['0604', null, construction(2)],
  ['0801', null, construction(2)],
  ['0809', null, construction(2)],
  ['08H1', null, construction(2)],
  ['09', null, construction(2)],
  ['1003', null, construction(2)],
  // First-level or survey codes that mix class 1 and class 2 uses, and unknown codes: the stricter class.
  ['08', null, construction(1)],
  ['08H2', null, construction(1)],
  ['0899', null, construction(1)],
  // A GB 50137 planned use decides the class over the current use.
  ['0601', 'R2', construction(1)],
  ['0601', 'A33', construction(1)],
  ['0601', 'A5', construction(1)],
  ['0601', 'A6', construction(1)],
  ['0601', 'G1', construction(1)],
  ['0701', 'B1', construction(2)],
  ['0701', 'M1', construction(2)],
  ['0701', 'W', construction(2)],
  ['0810', 'G2', construction(2)],
  ['0503', 'XYZ', construction(1)],
  ['0301', null, none],
  ['0305', null, none],
  ['1101', null, none],
  ['1103', null, none],
  ['12', null, none],
  ['1202', null, none],
  ['9999', null, none],
  ['', null, none],
];

describe('applicable soil standard', () => {
  for (const [landUse, plannedUse, expected] of CASES) {
    it(`gives land use "${landUse}"${plannedUse ? ` planned as ${plannedUse}` : ''} ${expected.standard} ${expected.farmlandColumn ?? expected.constructionLandClass ?? ''}`, () => {
      const { reason, ...rest } = applicableSoilStandard(landUse, plannedUse);
      expect(rest).toEqual(expected);
      expect(reason).toContain(landUse);
      if (plannedUse) expect(reason).toContain(plannedUse);
    });
  }

  it('names the standard it applies, or both it rejects, in the reason', () => {
    expect(applicableSoilStandard('0101').reason).toMatch(/GB 15618-2018/);
    expect(applicableSoilStandard('0601').reason).toMatch(/GB 36600-2018 class 2/);
    expect(applicableSoilStandard('0301').reason).toMatch(/neither GB 15618-2018 nor GB 36600-2018/);
  });

  // Paddy-dryland rotation (domain.md, "Which column"): the stricter column on any agricultural land, no effect elsewhere.
  const ROTATION_CASES: readonly (readonly [string, Expected])[] = [
    ['0101', farmland('STRICTER_OF_PADDY_AND_OTHER')],
    ['0102', farmland('STRICTER_OF_PADDY_AND_OTHER')],
    ['0103', farmland('STRICTER_OF_PADDY_AND_OTHER')],
    ['01', farmland('STRICTER_OF_PADDY_AND_OTHER')],
    ['0201', farmland('STRICTER_OF_PADDY_AND_OTHER')],
    ['0401', farmland('STRICTER_OF_PADDY_AND_OTHER')],
    ['0601', construction(2)],
    ['0701', construction(1)],
    ['0301', none],
  ];
  for (const [landUse, expected] of ROTATION_CASES) {
    it(`gives land use "${landUse}" in paddy-dryland rotation ${expected.standard} ${expected.farmlandColumn ?? expected.constructionLandClass ?? ''}`, () => {
      const { reason, ...rest } = applicableSoilStandard(landUse, null, { rotation: true });
      expect(rest).toEqual(expected);
      expect(reason).toContain(landUse);
      if (expected.standard === 'GB_15618_2018') expect(reason).toMatch(/paddy-dryland rotation: the stricter of the paddy and other-land columns/);
      else expect(reason).not.toMatch(/rotation/);
    });
  }

  it('applies no rotation when the option is false or left out', () => {
    expect(applicableSoilStandard('0101', null, { rotation: false })).toEqual(applicableSoilStandard('0101'));
    expect(applicableSoilStandard('0101', null, {}).farmlandColumn).toBe('PADDY');
  });

  it('tells of the construction-land class a planned change on farmland will bring', () => {
    expect(applicableSoilStandard('0102', 'A33').reason).toMatch(/GB 36600-2018 class 1 applies once the use changes/);
    expect(applicableSoilStandard('0102', 'M1').reason).toMatch(/GB 36600-2018 class 2 applies once the use changes/);
  });
});
