import { pgSchema } from 'drizzle-orm/pg-core';

/** Environmental protection: monitoring points, soil samples with measurements, key supervised enterprises. */
export const environment = pgSchema('environment');
