import { pgSchema } from 'drizzle-orm/pg-core';

/** Water authority: centralised drinking-water sources and their protection zones (HJ 338-2018). */
export const water = pgSchema('water');
