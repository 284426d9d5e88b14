/**
 * Analytes the platform records, as the GraphQL `Analyte` enum names them (design.md,
 * "The contract"), with the symbol labs use. Concentrations are mg/kg dry weight.
 */
export const ANALYTES = [
  'CADMIUM',
  'MERCURY',
  'ARSENIC',
  'LEAD',
  'CHROMIUM',
  'CHROMIUM_VI',
  'COPPER',
  'NICKEL',
  'ZINC',
  'BENZO_A_PYRENE',
  'PETROLEUM_HYDROCARBONS_C10_C40',
  'HCH',
  'DDT',
  'BENZENE',
  'TRICHLOROETHYLENE',
  'TETRACHLOROETHYLENE',
  'VINYL_CHLORIDE',
  'NAPHTHALENE',
] as const;

export type Analyte = (typeof ANALYTES)[number];

export function isAnalyte(value: string): value is Analyte {
  return (ANALYTES as readonly string[]).includes(value);
}
