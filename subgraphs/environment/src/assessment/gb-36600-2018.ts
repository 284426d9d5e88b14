import type { Analyte } from '@soilgraph/domain';

/**
 * GB 36600-2018, soil environmental quality: risk control standard for soil contamination of
 * development land (in force 2018-08-01), as reviewed data: one object per row the platform
 * holds, each naming its source. Values in mg/kg dry soil, copied from packages/domain/domain.md
 * ("GB 36600-2018"); the test domain-tables.test.ts proves they equal that file row by row. The
 * standard's Table 1 holds the basic items (the metals and the organic compounds below), its
 * Table 2 the other items (petroleum hydrocarbons among them). No threshold lives elsewhere.
 */
export const GB_36600_2018 = 'GB 36600-2018';

/** A value for class 1 land, then one for class 2 land. */
export type ClassValues = readonly [class1: number, class2: number];

export interface Gb36600Row {
  analyte: Analyte;
  /** The row's item as domain.md names it. */
  symbol: string;
  screening: ClassValues;
  intervention: ClassValues;
  source: string;
}

/** Risk screening and intervention values for class 1 and class 2 construction land. */
export const GB_36600_ROWS: readonly Gb36600Row[] = [
  { analyte: 'ARSENIC', symbol: 'As', screening: [20, 60], intervention: [120, 140], source: 'GB 36600-2018 Table 1, As' },
  { analyte: 'CADMIUM', symbol: 'Cd', screening: [20, 65], intervention: [47, 172], source: 'GB 36600-2018 Table 1, Cd' },
  { analyte: 'CHROMIUM_VI', symbol: 'Cr(VI)', screening: [3.0, 5.7], intervention: [30, 78], source: 'GB 36600-2018 Table 1, Cr(VI)' },
  { analyte: 'COPPER', symbol: 'Cu', screening: [2000, 18000], intervention: [8000, 36000], source: 'GB 36600-2018 Table 1, Cu' },
  { analyte: 'LEAD', symbol: 'Pb', screening: [400, 800], intervention: [800, 2500], source: 'GB 36600-2018 Table 1, Pb' },
  { analyte: 'MERCURY', symbol: 'Hg', screening: [8, 38], intervention: [33, 82], source: 'GB 36600-2018 Table 1, Hg' },
  { analyte: 'NICKEL', symbol: 'Ni', screening: [150, 900], intervention: [600, 2000], source: 'GB 36600-2018 Table 1, Ni' },
  { analyte: 'BENZENE', symbol: 'benzene', screening: [1, 4], intervention: [10, 40], source: 'GB 36600-2018 Table 1, benzene' },
  { analyte: 'TRICHLOROETHYLENE', symbol: 'trichloroethylene', screening: [0.7, 2.8], intervention: [7, 20], source: 'GB 36600-2018 Table 1, trichloroethylene' },
  { analyte: 'TETRACHLOROETHYLENE', symbol: 'tetrachloroethylene', screening: [11, 53], intervention: [34, 183], source: 'GB 36600-2018 Table 1, tetrachloroethylene' },
  { analyte: 'VINYL_CHLORIDE', symbol: 'vinyl chloride', screening: [0.12, 0.43], intervention: [1.2, 4.3], source: 'GB 36600-2018 Table 1, vinyl chloride' },
  { analyte: 'NAPHTHALENE', symbol: 'naphthalene', screening: [25, 70], intervention: [255, 700], source: 'GB 36600-2018 Table 1, naphthalene' },
  { analyte: 'BENZO_A_PYRENE', symbol: 'benzo[a]pyrene', screening: [0.55, 1.5], intervention: [5.5, 15], source: 'GB 36600-2018 Table 1, benzo[a]pyrene' },
  {
    analyte: 'PETROLEUM_HYDROCARBONS_C10_C40',
    symbol: 'petroleum hydrocarbons C10-C40',
    screening: [826, 4500],
    intervention: [5000, 9000],
    source: 'GB 36600-2018 Table 2, petroleum hydrocarbons C10-C40',
  },
];
