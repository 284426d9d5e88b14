import { canonicalDistrictCode } from '@soilgraph/domain';
import { z } from 'zod';
import { badUserInput } from './errors.ts';

/**
 * Validates an argument with a zod schema. The first problem becomes a BAD_USER_INPUT error
 * whose argumentPath points at the offending input (e.g. ["sample", "measurements", 2, "mgPerKg"])
 * and whose message says what was wrong there.
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, argumentPath: readonly (string | number)[]): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = [...argumentPath, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
  throw badUserInput(`${path.join('.')}: ${issue.message}`, path);
}

/*
 * Fields every agency's submissions share (design.md, "Writes"), each with the message a caller
 * reads at the field's path.
 */

/** Text of 1 to `max` characters: generous for any real value, and a 10 MB string is refused, not stored. */
export function boundedText(max: number) {
  return z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
}

/** A calendar day YYYY-MM-DD that exists (the Date scalar checks the same; an import has no scalar in front). */
export const calendarDay = z.string().refine((day) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}, 'must be a calendar date YYYY-MM-DD that exists');

/** A GB/T 2260 Beijing district code, the pre-2015 aliases made current. */
export const districtCodeField = z.string().transform((code, ctx) => {
  const current = canonicalDistrictCode(code);
  if (current === undefined) ctx.addIssue({ code: 'custom', message: `unknown district code ${JSON.stringify(code.slice(0, 20))}: expected a GB/T 2260 code of a Beijing district` });
  return current ?? code;
});

/** A GeoJSON Point in WGS84. */
export const pointField = z.object({
  type: z.literal('Point', 'must be a GeoJSON Point'),
  coordinates: z.tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)], 'must be [longitude, latitude] in WGS84 degrees'),
});
