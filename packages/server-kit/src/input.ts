import type { z } from 'zod';
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
