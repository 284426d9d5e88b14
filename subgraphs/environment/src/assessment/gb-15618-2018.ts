import type { Analyte } from '@soilgraph/domain';

/**
 * GB 15618-2018, soil environmental quality: risk control standard for soil contamination of
 * agricultural land (in force 2018-08-01), as reviewed data: one object per table row, each
 * naming its source so that a reviewer can hold it against the original. Values in mg/kg dry
 * soil, copied from packages/domain/domain.md ("GB 15618-2018"); the test
 * domain-tables.test.ts proves they equal that file row by row. No threshold lives elsewhere.
 */
export const GB_15618_2018 = 'GB 15618-2018';

export type PhBand = 'A' | 'B' | 'C' | 'D';

export interface PhBandRow {
  band: PhBand;
  /** The band holds pH above this (exclusive); null: no lower bound. */
  above: number | null;
  /** The band holds pH up to this (inclusive); null: no upper bound. */
  atMost: number | null;
  /** As domain.md writes it, e.g. `5.5 < pH <= 6.5`. */
  label: string;
}

/** The pH bands of Tables 1 and 3, in column order A-D. */
export const PH_BANDS: readonly PhBandRow[] = [
  { band: 'A', above: null, atMost: 5.5, label: 'pH <= 5.5' },
  { band: 'B', above: 5.5, atMost: 6.5, label: '5.5 < pH <= 6.5' },
  { band: 'C', above: 6.5, atMost: 7.5, label: '6.5 < pH <= 7.5' },
  { band: 'D', above: 7.5, atMost: null, label: 'pH > 7.5' },
];

/** One value per pH band, in band order A, B, C, D. */
export type BandValues = readonly [a: number, b: number, c: number, d: number];

/** The land a Table 1 row applies to: Cu has orchard and other rows, Ni and Zn one row for all land. */
export type Table1Land = 'paddy' | 'other' | 'orchard' | 'all';

export interface Table1Row {
  analyte: Analyte;
  /** The row's item as domain.md names it. */
  symbol: string;
  land: Table1Land;
  screening: BandValues;
  source: string;
}

/** Table 1: risk screening values (total content), per land and pH band. */
export const TABLE_1: readonly Table1Row[] = [
  { analyte: 'CADMIUM', symbol: 'Cd', land: 'paddy', screening: [0.3, 0.4, 0.6, 0.8], source: 'GB 15618-2018 Table 1, Cd, paddy' },
  { analyte: 'CADMIUM', symbol: 'Cd', land: 'other', screening: [0.3, 0.3, 0.3, 0.6], source: 'GB 15618-2018 Table 1, Cd, other' },
  { analyte: 'MERCURY', symbol: 'Hg', land: 'paddy', screening: [0.5, 0.5, 0.6, 1.0], source: 'GB 15618-2018 Table 1, Hg, paddy' },
  { analyte: 'MERCURY', symbol: 'Hg', land: 'other', screening: [1.3, 1.8, 2.4, 3.4], source: 'GB 15618-2018 Table 1, Hg, other' },
  { analyte: 'ARSENIC', symbol: 'As', land: 'paddy', screening: [30, 30, 25, 20], source: 'GB 15618-2018 Table 1, As, paddy' },
  { analyte: 'ARSENIC', symbol: 'As', land: 'other', screening: [40, 40, 30, 25], source: 'GB 15618-2018 Table 1, As, other' },
  { analyte: 'LEAD', symbol: 'Pb', land: 'paddy', screening: [80, 100, 140, 240], source: 'GB 15618-2018 Table 1, Pb, paddy' },
  { analyte: 'LEAD', symbol: 'Pb', land: 'other', screening: [70, 90, 120, 170], source: 'GB 15618-2018 Table 1, Pb, other' },
  { analyte: 'CHROMIUM', symbol: 'Cr', land: 'paddy', screening: [250, 250, 300, 350], source: 'GB 15618-2018 Table 1, Cr, paddy' },
  { analyte: 'CHROMIUM', symbol: 'Cr', land: 'other', screening: [150, 150, 200, 250], source: 'GB 15618-2018 Table 1, Cr, other' },
  { analyte: 'COPPER', symbol: 'Cu', land: 'orchard', screening: [150, 150, 200, 200], source: 'GB 15618-2018 Table 1, Cu, orchard' },
  { analyte: 'COPPER', symbol: 'Cu', land: 'other', screening: [50, 50, 100, 100], source: 'GB 15618-2018 Table 1, Cu, other' },
  { analyte: 'NICKEL', symbol: 'Ni', land: 'all', screening: [60, 70, 100, 190], source: 'GB 15618-2018 Table 1, Ni, all' },
  { analyte: 'ZINC', symbol: 'Zn', land: 'all', screening: [200, 200, 250, 300], source: 'GB 15618-2018 Table 1, Zn, all' },
];

export interface Table2Row {
  analyte: Analyte;
  /** The item as domain.md names it. */
  symbol: string;
  /** The same screening value at any pH and on any agricultural land. */
  screening: number;
  source: string;
}

/** Table 2: risk screening values of the other items (any pH, any land; no control value). */
export const TABLE_2: readonly Table2Row[] = [
  { analyte: 'HCH', symbol: 'HCH total', screening: 0.1, source: 'GB 15618-2018 Table 2, HCH total' },
  { analyte: 'DDT', symbol: 'DDT total', screening: 0.1, source: 'GB 15618-2018 Table 2, DDT total' },
  { analyte: 'BENZO_A_PYRENE', symbol: 'benzo[a]pyrene', screening: 0.55, source: 'GB 15618-2018 Table 2, benzo[a]pyrene' },
];

export interface Table3Row {
  analyte: Analyte;
  symbol: string;
  /** The same for paddy and other land. */
  control: BandValues;
  source: string;
}

/** Table 3: risk control values, only for these five items. */
export const TABLE_3: readonly Table3Row[] = [
  { analyte: 'CADMIUM', symbol: 'Cd', control: [1.5, 2.0, 3.0, 4.0], source: 'GB 15618-2018 Table 3, Cd' },
  { analyte: 'MERCURY', symbol: 'Hg', control: [2.0, 2.5, 4.0, 6.0], source: 'GB 15618-2018 Table 3, Hg' },
  { analyte: 'ARSENIC', symbol: 'As', control: [200, 150, 120, 100], source: 'GB 15618-2018 Table 3, As' },
  { analyte: 'LEAD', symbol: 'Pb', control: [400, 500, 700, 1000], source: 'GB 15618-2018 Table 3, Pb' },
  { analyte: 'CHROMIUM', symbol: 'Cr', control: [800, 850, 1000, 1300], source: 'GB 15618-2018 Table 3, Cr' },
];
