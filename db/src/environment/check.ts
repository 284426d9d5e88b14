import { sql } from 'drizzle-orm';

/** `column in ('A', 'B', …)` for a check constraint over a fixed list of codes. */
export function inList(column: string, codes: readonly string[]) {
  return sql.raw(`${column} in (${codes.map((c) => `'${c}'`).join(', ')})`);
}
