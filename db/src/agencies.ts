/** The five agencies; each owns one Postgres schema of the same name and one subgraph. */
export const AGENCIES = ['planning', 'environment', 'agriculture', 'water', 'geology'] as const;
export type Agency = (typeof AGENCIES)[number];
