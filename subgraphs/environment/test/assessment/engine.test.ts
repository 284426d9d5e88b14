import { ANALYTES, type Analyte } from '@soilgraph/domain';
import { describe, expect, it } from 'vitest';
import { PH_BANDS, TABLE_1, TABLE_2, TABLE_3, type Table1Land, type Table1Row } from '../../src/assessment/gb-15618-2018.ts';
import { GB_36600_ROWS } from '../../src/assessment/gb-36600-2018.ts';
import {
  type AnalyteAssessment,
  applicableSoilStandard,
  assessSample,
  compareSeverity,
  FARMLAND_CLASS_OF,
  type MeasurementToAssess,
  type SampleToAssess,
} from '../../src/assessment/index.ts';

/**
 * The engine against the reviewed tables (themselves proven equal to domain.md by
 * domain-tables.test.ts): every row, every pH band, every construction-land class.
 * "Just above" a threshold is the threshold times JUST_ABOVE (0.1 % more); "far above" is
 * FAR_ABOVE times it.
 */
const JUST_ABOVE = 1.001;
const FAR_ABOVE = 1000;

// GB/T 21010 land uses that select each GB 15618 column, and each GB 36600 class (domain.md).
const PADDY = '0101';
const DRY_LAND = '0103';
const ORCHARD = '0201';
const CULTIVATED_UNKNOWN = '01';
const RESIDENTIAL = '0701';
const INDUSTRIAL = '0601';
const FOREST = '0301';

/** A pH well inside each band (the middle of a closed band, 0.5 inside an open one). */
const PH_IN = PH_BANDS.map((b) => (b.above === null ? b.atMost! - 0.5 : b.atMost === null ? b.above + 0.5 : (b.above + b.atMost) / 2));

function measured(analyte: Analyte, mgPerKg: number): MeasurementToAssess {
  return { analyte, mgPerKg, belowDetectionLimit: false };
}

function notDetected(analyte: Analyte, detectionLimitMgPerKg?: number | null): MeasurementToAssess {
  return { analyte, mgPerKg: null, belowDetectionLimit: true, detectionLimitMgPerKg };
}

/** The assessment of one measurement in a sample of the given land. */
function one(sample: Omit<SampleToAssess, 'measurements' | 'pH'> & { pH?: number | null }, measurement: MeasurementToAssess): AnalyteAssessment {
  const { analytes } = assessSample({ pH: null, ...sample, measurements: [measurement] });
  expect(analytes).toHaveLength(1);
  return analytes[0]!;
}

function levelOf(sample: Omit<SampleToAssess, 'measurements' | 'pH'> & { pH?: number | null }, analyte: Analyte, mgPerKg: number) {
  return one(sample, measured(analyte, mgPerKg)).level;
}

const LAND_USE_OF_ROW: Record<Table1Land, string> = { paddy: PADDY, other: DRY_LAND, orchard: ORCHARD, all: DRY_LAND };
const CONTROL_OF = new Map(TABLE_3.map((r) => [r.analyte, r.control]));
const rowsOf = (analyte: Analyte) => TABLE_1.filter((r) => r.analyte === analyte);
const rowOf = (analyte: Analyte, land: Table1Land): Table1Row | undefined => rowsOf(analyte).find((r) => r.land === land);
const TABLE_1_ANALYTES = [...new Set(TABLE_1.map((r) => r.analyte))];

describe('GB 15618-2018 Table 1 and Table 3, every row and every pH band', () => {
  for (const row of TABLE_1) {
    // The orchard row is selected on orchards (Cu only); paddy rows on paddy (Cu has none); other and 'all' rows on dry land.
    const landUse = row.analyte === 'COPPER' && row.land === 'other' ? DRY_LAND : LAND_USE_OF_ROW[row.land];
    PH_BANDS.forEach((band, i) => {
      const pH = PH_IN[i]!;
      const screening = row.screening[i]!;
      const control = CONTROL_OF.get(row.analyte)?.[i] ?? null;
      const sample = { landUse, pH };

      it(`${row.source}, pH band ${band.band}: at screening ${screening} negligible, just above possible`, () => {
        const at = one(sample, measured(row.analyte, screening));
        expect(at).toMatchObject({ level: 'NEGLIGIBLE', screeningMgPerKg: screening, controlMgPerKg: control, ratioToScreening: 1, cannotAssessReason: null, note: null });
        expect(at.source!.startsWith(`${row.source}`)).toBe(true);
        expect(at.source).toContain(`pH band ${band.band} (${band.label})`);
        if (control !== null) expect(at.source).toContain(`Table 3, ${row.symbol}, pH band ${band.band}`);
        const above = one(sample, measured(row.analyte, screening * JUST_ABOVE));
        expect(above).toMatchObject({ level: 'POSSIBLE', ratioToScreening: JUST_ABOVE });
      });

      if (control !== null) {
        it(`${row.source}, pH band ${band.band}: at control ${control} possible, just above high`, () => {
          expect(control).toBeGreaterThan(screening);
          expect(levelOf(sample, row.analyte, control)).toBe('POSSIBLE');
          expect(levelOf(sample, row.analyte, control * JUST_ABOVE)).toBe('HIGH');
        });
      } else {
        it(`${row.source}, pH band ${band.band}: no control value, so far above screening is still possible`, () => {
          const far = one(sample, measured(row.analyte, screening * FAR_ABOVE));
          expect(far).toMatchObject({ level: 'POSSIBLE', controlMgPerKg: null, ratioToScreening: FAR_ABOVE });
          expect(far.source).toContain('no control value');
        });
      }
    });
  }

  it('holds control values for Cd, Hg, As, Pb and Cr only', () => {
    expect(TABLE_3.map((r) => r.analyte).sort()).toEqual(['ARSENIC', 'CADMIUM', 'CHROMIUM', 'LEAD', 'MERCURY']);
  });
});

describe('GB 15618-2018 Table 2, every item at any pH', () => {
  for (const row of TABLE_2) {
    for (const pH of [...PH_IN, null]) {
      it(`${row.source} at pH ${pH ?? 'not measured'}: negligible at ${row.screening}, possible just and far above, never high`, () => {
        const sample = { landUse: DRY_LAND, pH };
        const at = one(sample, measured(row.analyte, row.screening));
        expect(at).toMatchObject({ level: 'NEGLIGIBLE', screeningMgPerKg: row.screening, controlMgPerKg: null, cannotAssessReason: null });
        expect(at.source!.startsWith(row.source)).toBe(true);
        expect(levelOf(sample, row.analyte, row.screening * JUST_ABOVE)).toBe('POSSIBLE');
        expect(levelOf(sample, row.analyte, row.screening * FAR_ABOVE)).toBe('POSSIBLE');
      });
    }
    it(`${row.source} is the same on paddy, orchard and unknown cultivated land`, () => {
      for (const landUse of [PADDY, ORCHARD, CULTIVATED_UNKNOWN]) {
        expect(one({ landUse, pH: 7 }, measured(row.analyte, 1)).screeningMgPerKg).toBe(row.screening);
      }
    });
  }
});

describe('GB 15618-2018 pH bands', () => {
  // domain.md: A pH <= 5.5; B 5.5 < pH <= 6.5; C 6.5 < pH <= 7.5; D pH > 7.5.
  const CASES: readonly (readonly [number, 'A' | 'B' | 'C' | 'D'])[] = [
    [0, 'A'],
    [4.2, 'A'],
    [5.5, 'A'],
    [5.500001, 'B'],
    [5.51, 'B'],
    [6.5, 'B'],
    [6.51, 'C'],
    [7.5, 'C'],
    [7.51, 'D'],
    [9.3, 'D'],
    [14, 'D'],
  ];
  for (const [pH, band] of CASES) {
    it(`puts pH ${pH} in band ${band}`, () => {
      const index = PH_BANDS.findIndex((b) => b.band === band);
      for (const row of TABLE_1.filter((r) => r.land !== 'orchard' && !(r.analyte === 'COPPER' && r.land === 'other'))) {
        const a = one({ landUse: LAND_USE_OF_ROW[row.land], pH }, measured(row.analyte, 1));
        expect(a.screeningMgPerKg).toBe(row.screening[index]);
        expect(a.controlMgPerKg).toBe(CONTROL_OF.get(row.analyte)?.[index] ?? null);
        expect(a.source).toContain(`pH band ${band} (${PH_BANDS[index]!.label})`);
      }
    });
  }
});

describe('GB 15618-2018 column choice', () => {
  /** The stricter of paddy and other per band; an item without a paddy row uses its other row for paddy. */
  function stricter(analyte: Analyte, i: number): number {
    const all = rowOf(analyte, 'all');
    if (all) return all.screening[i]!;
    const other = rowOf(analyte, 'other')!.screening[i]!;
    return Math.min(rowOf(analyte, 'paddy')?.screening[i] ?? other, other);
  }

  for (const analyte of TABLE_1_ANALYTES) {
    PH_BANDS.forEach((band, i) => {
      const pH = PH_IN[i]!;
      const other = (rowOf(analyte, 'other') ?? rowOf(analyte, 'all'))!.screening[i]!;
      it(`${analyte}, pH band ${band.band}: paddy, other, orchard, unknown cultivated land and rotation`, () => {
        // Paddy: the paddy row; Cu has none, so its other row.
        expect(one({ landUse: PADDY, pH }, measured(analyte, 1)).screeningMgPerKg).toBe((rowOf(analyte, 'paddy') ?? rowOf(analyte, 'all') ?? rowOf(analyte, 'other'))!.screening[i]);
        // Irrigated and dry land: the other row.
        expect(one({ landUse: '0102', pH }, measured(analyte, 1)).screeningMgPerKg).toBe(other);
        expect(one({ landUse: DRY_LAND, pH }, measured(analyte, 1)).screeningMgPerKg).toBe(other);
        // Orchard: the orchard row for Cu, the other row for the rest.
        expect(one({ landUse: ORCHARD, pH }, measured(analyte, 1)).screeningMgPerKg).toBe((rowOf(analyte, 'orchard') ?? rowOf(analyte, 'all') ?? rowOf(analyte, 'other'))!.screening[i]);
        // Unknown cultivated land and paddy-dryland rotation: the stricter (lower) of paddy and other.
        const min = stricter(analyte, i);
        for (const sample of [{ landUse: CULTIVATED_UNKNOWN, pH }, { landUse: PADDY, pH, rotation: true }, { landUse: DRY_LAND, pH, rotation: true }, { landUse: ORCHARD, pH, rotation: true }]) {
          expect(levelOf(sample, analyte, min)).toBe('NEGLIGIBLE');
          expect(levelOf(sample, analyte, min * JUST_ABOVE)).toBe('POSSIBLE');
          expect(one(sample, measured(analyte, 1)).screeningMgPerKg).toBe(min);
        }
      });
    });
  }

  it('matches hand-read cases of domain.md', () => {
    // Cd band C (pH 7.0): paddy 0.6, other 0.3; Table 3 control 3.0.
    expect(one({ landUse: PADDY, pH: 7 }, measured('CADMIUM', 0.5))).toMatchObject({ level: 'NEGLIGIBLE', screeningMgPerKg: 0.6, controlMgPerKg: 3 });
    expect(one({ landUse: DRY_LAND, pH: 7 }, measured('CADMIUM', 0.5))).toMatchObject({ level: 'POSSIBLE', screeningMgPerKg: 0.3, controlMgPerKg: 3 });
    expect(one({ landUse: PADDY, pH: 7, rotation: true }, measured('CADMIUM', 0.5))).toMatchObject({ level: 'POSSIBLE', screeningMgPerKg: 0.3 });
    // Hg band A (pH 5.0): paddy 0.5 is stricter than other 1.3.
    expect(one({ landUse: CULTIVATED_UNKNOWN, pH: 5 }, measured('MERCURY', 1))).toMatchObject({ level: 'POSSIBLE', screeningMgPerKg: 0.5, controlMgPerKg: 2 });
    // Cu band A: orchard 150, other 50 (also on paddy, which has no Cu row); never high.
    expect(one({ landUse: ORCHARD, pH: 5 }, measured('COPPER', 100)).level).toBe('NEGLIGIBLE');
    expect(one({ landUse: PADDY, pH: 5 }, measured('COPPER', 100))).toMatchObject({ level: 'POSSIBLE', screeningMgPerKg: 50, controlMgPerKg: null });
    // Pb band D (pH 8): other 170, control 1000.
    expect(one({ landUse: DRY_LAND, pH: 8 }, measured('LEAD', 1200))).toMatchObject({ level: 'HIGH', screeningMgPerKg: 170, controlMgPerKg: 1000, ratioToScreening: 7.059 });
  });

  it('names the row and the pH band in the source, as the contract shows', () => {
    expect(one({ landUse: DRY_LAND, pH: 7 }, measured('CADMIUM', 0.2)).source).toBe(
      'GB 15618-2018 Table 1, Cd, other land, pH band C (6.5 < pH <= 7.5); Table 3, Cd, pH band C',
    );
    expect(one({ landUse: PADDY, pH: 7 }, measured('COPPER', 20)).source).toMatch(/^GB 15618-2018 Table 1, Cu, other land \(Cu has no paddy row\), pH band C/);
    expect(one({ landUse: CULTIVATED_UNKNOWN, pH: 7 }, measured('CADMIUM', 0.2)).source).toMatch(/^GB 15618-2018 Table 1, Cd, other land \(stricter than paddy: 0\.6\)/);
  });

  it('says in the standard why the stricter column applies on rotation', () => {
    const { standard } = assessSample({ landUse: PADDY, rotation: true, pH: 7, measurements: [measured('CADMIUM', 0.2)] });
    expect(standard).toMatchObject({ standard: 'GB_15618_2018', farmlandColumn: 'STRICTER_OF_PADDY_AND_OTHER' });
    expect(standard.reason).toMatch(/rotation/);
  });
});

describe('GB 36600-2018, every row and both classes', () => {
  const CLASSES = [
    { landClass: 1, samples: [{ landUse: RESIDENTIAL }, { landUse: INDUSTRIAL, plannedUse: 'A33' }] },
    { landClass: 2, samples: [{ landUse: INDUSTRIAL }, { landUse: RESIDENTIAL, plannedUse: 'M1' }] },
  ] as const;
  for (const row of GB_36600_ROWS) {
    for (const { landClass, samples } of CLASSES) {
      const screening = row.screening[landClass - 1]!;
      const intervention = row.intervention[landClass - 1]!;
      it(`${row.source}, class ${landClass}: screening ${screening}, intervention ${intervention}`, () => {
        expect(intervention).toBeGreaterThan(screening);
        for (const sample of samples) {
          const at = one(sample, measured(row.analyte, screening));
          expect(at).toMatchObject({ level: 'NEGLIGIBLE', screeningMgPerKg: screening, controlMgPerKg: intervention, ratioToScreening: 1, note: null });
          expect(at.source).toBe(`${row.source}, class ${landClass} land (screening and intervention values)`);
          expect(levelOf(sample, row.analyte, screening * JUST_ABOVE)).toBe('POSSIBLE');
          expect(levelOf(sample, row.analyte, intervention)).toBe('POSSIBLE');
          expect(levelOf(sample, row.analyte, intervention * JUST_ABOVE)).toBe('HIGH');
          // pH plays no part in GB 36600-2018.
          expect(one({ ...sample, pH: 4 }, measured(row.analyte, screening * JUST_ABOVE)).level).toBe('POSSIBLE');
        }
      });
    }
  }
});

describe('arsenic within the local background (GB 36600-2018)', () => {
  const as = GB_36600_ROWS.find((r) => r.analyte === 'ARSENIC')!;
  const [screening] = as.screening; // class 1
  const [intervention] = as.intervention;

  it('is negligible above screening but within the background, with a note', () => {
    for (const [value, background] of [
      [screening * JUST_ABOVE, screening * 2],
      [screening * 1.5, screening * 1.5],
      [intervention * JUST_ABOVE, intervention * 2],
    ] as const) {
      const a = one({ landUse: RESIDENTIAL, arsenicBackgroundMgPerKg: background }, measured('ARSENIC', value));
      expect(a.level).toBe('NEGLIGIBLE');
      expect(a.ratioToScreening).toBeGreaterThan(1);
      expect(a.note).toMatch(/within the local background value/);
      expect(a.note).toContain(String(background));
    }
  });

  it('counts above the background, or without one, as above screening', () => {
    expect(one({ landUse: RESIDENTIAL, arsenicBackgroundMgPerKg: screening * 1.2 }, measured('ARSENIC', screening * 1.3))).toMatchObject({ level: 'POSSIBLE', note: null });
    expect(one({ landUse: RESIDENTIAL, arsenicBackgroundMgPerKg: null }, measured('ARSENIC', screening * 1.3))).toMatchObject({ level: 'POSSIBLE', note: null });
    expect(one({ landUse: RESIDENTIAL }, measured('ARSENIC', intervention * JUST_ABOVE)).level).toBe('HIGH');
  });

  it('gives no note at or below screening, and applies to arsenic on construction land only', () => {
    expect(one({ landUse: RESIDENTIAL, arsenicBackgroundMgPerKg: 100 }, measured('ARSENIC', screening))).toMatchObject({ level: 'NEGLIGIBLE', note: null });
    expect(one({ landUse: RESIDENTIAL, arsenicBackgroundMgPerKg: 100 }, measured('CADMIUM', 25)).level).toBe('POSSIBLE');
    const farmland = TABLE_1.find((r) => r.analyte === 'ARSENIC' && r.land === 'other')!.screening[2]!;
    expect(one({ landUse: DRY_LAND, pH: 7, arsenicBackgroundMgPerKg: farmland * 10 }, measured('ARSENIC', farmland * JUST_ABOVE)).level).toBe('POSSIBLE');
  });
});

describe('values below the detection limit', () => {
  it('are never an exceedance: negligible, no value, no ratio', () => {
    for (const sample of [{ landUse: DRY_LAND, pH: 7 }, { landUse: RESIDENTIAL }]) {
      const a = one(sample, notDetected('CADMIUM', 0.01));
      expect(a).toMatchObject({ level: 'NEGLIGIBLE', mgPerKg: null, belowDetectionLimit: true, ratioToScreening: null, note: null, cannotAssessReason: null });
      expect(a.screeningMgPerKg).not.toBeNull();
    }
    // A value given alongside the flag is dropped.
    expect(one({ landUse: DRY_LAND, pH: 7 }, { analyte: 'LEAD', mgPerKg: 5000, belowDetectionLimit: true })).toMatchObject({ level: 'NEGLIGIBLE', mgPerKg: null, ratioToScreening: null });
    expect(one({ landUse: DRY_LAND, pH: 7 }, notDetected('DDT')).note).toBeNull();
  });

  it('note that compliance cannot be confirmed when the detection limit is above screening', () => {
    const benzene = GB_36600_ROWS.find((r) => r.analyte === 'BENZENE')!;
    const limit = benzene.screening[0] * 2;
    const a = one({ landUse: RESIDENTIAL }, notDetected('BENZENE', limit));
    expect(a).toMatchObject({ level: 'NEGLIGIBLE', mgPerKg: null, ratioToScreening: null });
    expect(a.note).toMatch(/compliance cannot be confirmed/);
    expect(a.note).toContain(String(limit));
    expect(one({ landUse: RESIDENTIAL }, notDetected('BENZENE', benzene.screening[0])).note).toBeNull();
    const hch = TABLE_2.find((r) => r.analyte === 'HCH')!;
    expect(one({ landUse: DRY_LAND, pH: null }, notDetected('HCH', hch.screening * JUST_ABOVE)).note).toMatch(/compliance cannot be confirmed/);
  });

  it('leave a sample of non-detects negligible, priority protection on farmland', () => {
    const result = assessSample({ landUse: DRY_LAND, pH: 6, measurements: [notDetected('CADMIUM', 0.01), notDetected('HCH', 0.001)] });
    expect(result).toMatchObject({ riskLevel: 'NEGLIGIBLE', suggestedFarmlandClass: 'PRIORITY_PROTECTION', complete: true });
  });
});

describe('analytes that cannot be assessed', () => {
  it('Table 1 metals without a pH, while Table 2 items are still assessed', () => {
    const result = assessSample({
      landUse: DRY_LAND,
      pH: null,
      measurements: [...TABLE_1_ANALYTES.map((a) => measured(a, 1)), ...TABLE_2.map((r) => measured(r.analyte, r.screening * JUST_ABOVE))],
    });
    for (const a of result.analytes) {
      if (TABLE_1_ANALYTES.includes(a.analyte)) {
        expect(a).toMatchObject({ level: null, screeningMgPerKg: null, controlMgPerKg: null, ratioToScreening: null, mgPerKg: 1 });
        expect(a.cannotAssessReason).toMatch(/pH/);
      } else {
        expect(a).toMatchObject({ level: 'POSSIBLE', cannotAssessReason: null });
      }
    }
    expect(result).toMatchObject({ riskLevel: 'POSSIBLE', complete: false, suggestedFarmlandClass: 'SAFE_UTILISATION' });
    expect(result.conclusion).toContain(`${TABLE_1_ANALYTES.length} of ${result.analytes.length} analytes could not be assessed`);
  });

  it('a pH that is not a number counts as missing', () => {
    expect(one({ landUse: DRY_LAND, pH: Number.NaN }, measured('CADMIUM', 0.1)).cannotAssessReason).toMatch(/pH/);
  });

  const FARMLAND_ITEMS = new Set<Analyte>([...TABLE_1.map((r) => r.analyte), ...TABLE_2.map((r) => r.analyte)]);
  const CONSTRUCTION_ITEMS = new Set<Analyte>(GB_36600_ROWS.map((r) => r.analyte));

  it('items farmland standard does not list (e.g. benzene), naming GB 15618-2018', () => {
    const missing = ANALYTES.filter((a) => !FARMLAND_ITEMS.has(a));
    expect(missing).toContain('BENZENE');
    expect(missing).toContain('CHROMIUM_VI');
    for (const analyte of missing) {
      const a = one({ landUse: DRY_LAND, pH: 7 }, measured(analyte, 1));
      expect(a).toMatchObject({ level: null, screeningMgPerKg: null, ratioToScreening: null, source: null });
      expect(a.cannotAssessReason).toMatch(/GB 15618-2018/);
    }
  });

  it('items the construction-land table does not hold (e.g. zinc, total chromium), naming GB 36600-2018', () => {
    const missing = ANALYTES.filter((a) => !CONSTRUCTION_ITEMS.has(a));
    expect(missing).toEqual(expect.arrayContaining(['ZINC', 'CHROMIUM', 'HCH', 'DDT']));
    for (const analyte of missing) {
      const a = one({ landUse: INDUSTRIAL }, measured(analyte, 1));
      expect(a).toMatchObject({ level: null, screeningMgPerKg: null, ratioToScreening: null, source: null });
      expect(a.cannotAssessReason).toMatch(/GB 36600-2018/);
    }
  });

  it('every analyte when no standard applies, with the standard reason', () => {
    const result = assessSample({ landUse: FOREST, pH: 7, measurements: ANALYTES.map((a) => measured(a, 1)) });
    const reason = applicableSoilStandard(FOREST).reason;
    expect(result.standard.standard).toBe('NONE');
    expect(result.analytes.map((a) => [a.level, a.cannotAssessReason])).toEqual(ANALYTES.map(() => [null, reason]));
    expect(result).toMatchObject({ riskLevel: null, worstAnalyte: null, suggestedFarmlandClass: null, complete: false });
    expect(result.conclusion).toContain(`none of the ${ANALYTES.length} analytes could be assessed`);
  });

  it('every analyte when the sample lies on no registered parcel', () => {
    const result = assessSample({ landUse: null, pH: 7, measurements: [measured('CADMIUM', 5), notDetected('BENZENE', 0.1)] });
    expect(result.standard).toMatchObject({ standard: 'NONE', farmlandColumn: null, constructionLandClass: null });
    expect(result.standard.reason).toMatch(/no registered parcel/i);
    for (const a of result.analytes) expect(a).toMatchObject({ level: null, cannotAssessReason: result.standard.reason });
    expect(result).toMatchObject({ riskLevel: null, worstAnalyte: null, suggestedFarmlandClass: null, complete: false });
    expect(result.conclusion).toContain('none of the 2 analytes could be assessed');
  });

  it('a measurement with neither a value nor the below-detection flag, or a value that is not a number', () => {
    expect(one({ landUse: DRY_LAND, pH: 7 }, { analyte: 'CADMIUM', mgPerKg: null, belowDetectionLimit: false })).toMatchObject({ level: null, screeningMgPerKg: 0.3 });
    expect(one({ landUse: RESIDENTIAL }, measured('LEAD', Number.POSITIVE_INFINITY))).toMatchObject({ level: null, mgPerKg: null });
    expect(one({ landUse: RESIDENTIAL }, measured('LEAD', Number.NaN))).toMatchObject({ level: null, mgPerKg: null });
  });
});

describe('the sample outcome', () => {
  it('takes the worst analyte; the farmland class follows the level', () => {
    // pH 7 (band C), dry land: Cd screening 0.3 / control 3.0, Cu screening 100 (no control), Pb 120 / 700.
    const result = assessSample({
      landUse: DRY_LAND,
      pH: 7,
      measurements: [measured('LEAD', 100), measured('COPPER', 400), measured('CADMIUM', 3.5), measured('BENZENE', 3)],
    });
    expect(result.analytes.map((a) => [a.analyte, a.level])).toEqual([
      ['CADMIUM', 'HIGH'],
      ['LEAD', 'NEGLIGIBLE'],
      ['COPPER', 'POSSIBLE'],
      ['BENZENE', null],
    ]);
    expect(result).toMatchObject({ riskLevel: 'HIGH', suggestedFarmlandClass: 'STRICT_CONTROL', complete: false });
    expect(result.worstAnalyte?.analyte).toBe('CADMIUM');
    expect(result.conclusion).toMatch(/^GB 15618-2018 \(other-land column\): high risk \(worst: Cd at 11\.667 times its screening value\), which requires strict control/);
    expect(result.conclusion).toContain('1 of 4 analytes could not be assessed');
  });

  it('suggests each farmland class from its level, on farmland only', () => {
    expect(FARMLAND_CLASS_OF).toEqual({ NEGLIGIBLE: 'PRIORITY_PROTECTION', POSSIBLE: 'SAFE_UTILISATION', HIGH: 'STRICT_CONTROL' });
    for (const [value, level] of [
      [0.2, 'NEGLIGIBLE'],
      [0.5, 'POSSIBLE'],
      [4, 'HIGH'],
    ] as const) {
      const farmland = assessSample({ landUse: DRY_LAND, pH: 7, measurements: [measured('CADMIUM', value)] });
      expect(farmland).toMatchObject({ riskLevel: level, suggestedFarmlandClass: FARMLAND_CLASS_OF[level], complete: true });
      expect(farmland.conclusion).toMatch(/; the one analyte assessed\.$/);
    }
    const construction = assessSample({ landUse: INDUSTRIAL, measurements: [measured('CADMIUM', 200)], pH: null });
    expect(construction).toMatchObject({ riskLevel: 'HIGH', suggestedFarmlandClass: null, complete: true });
    expect(construction.conclusion).toMatch(/^GB 36600-2018 \(class 2 land\): unacceptable risk \(worst: Cd at 3\.077 times its screening value\), which requires control or remediation/);
  });

  it('breaks a tie in level by the higher ratio, then by analyte order', () => {
    // Class 2: Pb 800 -> ratio 1.5 at 1200; Cu 18000 -> ratio 1.5 at 27000; Ni 900 -> ratio 2 at 1800.
    const byRatio = assessSample({ landUse: INDUSTRIAL, pH: null, measurements: [measured('LEAD', 1200), measured('NICKEL', 1800)] });
    expect(byRatio.worstAnalyte?.analyte).toBe('NICKEL');
    const byOrder = assessSample({ landUse: INDUSTRIAL, pH: null, measurements: [measured('COPPER', 27000), measured('LEAD', 1200)] });
    expect(byOrder.worstAnalyte).toMatchObject({ analyte: 'LEAD', ratioToScreening: 1.5 });
    expect(byOrder.conclusion).toMatch(/possible risk \(worst: Pb at 1\.5 times its screening value\), which requires a detailed survey and risk assessment \(HJ 25\.1-25\.3\)/);
  });

  it('lists the analytes in enum order whatever the input order', () => {
    const measurements = [...ANALYTES].reverse().map((a) => measured(a, 1));
    expect(assessSample({ landUse: DRY_LAND, pH: 7, measurements }).analytes.map((a) => a.analyte)).toEqual([...ANALYTES]);
  });

  it('rounds the ratio to screening to 3 decimals', () => {
    expect(one({ landUse: DRY_LAND, pH: 7 }, measured('CADMIUM', 0.1)).ratioToScreening).toBe(0.333);
    expect(one({ landUse: DRY_LAND, pH: 7 }, measured('CADMIUM', 0.2)).ratioToScreening).toBe(0.667);
  });

  it('concludes in one sentence', () => {
    const samples: SampleToAssess[] = [
      { landUse: DRY_LAND, pH: 7, measurements: [measured('CADMIUM', 0.5), measured('BENZENE', 1)] },
      { landUse: RESIDENTIAL, pH: null, measurements: [measured('ARSENIC', 25)], arsenicBackgroundMgPerKg: 30 },
      { landUse: DRY_LAND, pH: null, measurements: [measured('CADMIUM', 0.5)] },
      { landUse: FOREST, pH: null, measurements: [measured('CADMIUM', 0.5)] },
      { landUse: null, pH: null, measurements: [] },
    ];
    for (const sample of samples) {
      const { conclusion } = assessSample(sample);
      expect(conclusion).toMatch(/\.$/);
      expect(conclusion.slice(0, -1)).not.toMatch(/\.\s/);
    }
    expect(assessSample(samples[2]!).conclusion).toBe('GB 15618-2018 (other-land column): no risk level, as the one analyte could not be assessed.');
  });
});

describe('compareSeverity', () => {
  it('orders HIGH, POSSIBLE, NEGLIGIBLE, not assessed; then higher ratio; then analyte order', () => {
    const base = { mgPerKg: null, belowDetectionLimit: false, screeningMgPerKg: null, controlMgPerKg: null, cannotAssessReason: null, source: null, note: null };
    const a = (analyte: Analyte, level: AnalyteAssessment['level'], ratioToScreening: number | null): AnalyteAssessment => ({ ...base, analyte, level, ratioToScreening });
    const expected = [
      a('ZINC', 'HIGH', 3),
      a('CADMIUM', 'HIGH', 2),
      a('LEAD', 'HIGH', 2),
      a('NAPHTHALENE', 'POSSIBLE', 9),
      a('MERCURY', 'NEGLIGIBLE', 0.9),
      a('CADMIUM', 'NEGLIGIBLE', null),
      a('ARSENIC', 'NEGLIGIBLE', null),
      a('CADMIUM', null, 50),
      a('BENZENE', null, null),
    ];
    for (const seed of [1, 2, 3, 4, 5]) {
      const shuffled = [...expected].sort((x, y) => ((ANALYTES.indexOf(x.analyte) * 7 + seed * 13 + (x.ratioToScreening ?? 0)) % 5) - ((ANALYTES.indexOf(y.analyte) * 7 + seed * 13 + (y.ratioToScreening ?? 0)) % 5));
      expect(shuffled.sort(compareSeverity)).toEqual(expected);
    }
  });
});

describe('robustness', () => {
  it('answers odd but well-typed input without throwing', () => {
    const odd: SampleToAssess[] = [
      { landUse: '', pH: null, measurements: [measured('CADMIUM', 1)] },
      { landUse: DRY_LAND, pH: -3, measurements: [measured('CADMIUM', -1), measured('CADMIUM', 2)] },
      { landUse: DRY_LAND, pH: Number.POSITIVE_INFINITY, measurements: [] },
      { landUse: RESIDENTIAL, plannedUse: 'NOT-A-CODE', pH: 7, arsenicBackgroundMgPerKg: Number.NaN, measurements: [measured('ARSENIC', 30)] },
      { landUse: 'XX', plannedUse: null, rotation: true, pH: 7, measurements: [notDetected('ZINC', null)] },
    ];
    for (const sample of odd) {
      const result = assessSample(sample);
      expect(result.analytes).toHaveLength(sample.measurements.length);
      expect(typeof result.conclusion).toBe('string');
    }
    expect(assessSample({ landUse: DRY_LAND, pH: 7, measurements: [] })).toMatchObject({ riskLevel: null, worstAnalyte: null, analytes: [] });
  });
});
