import { pgSchema } from 'drizzle-orm/pg-core';

/** Geological survey: geochemical survey points, their measurements and published background values. */
export const geology = pgSchema('geology');
