import { parse } from 'csv-parse/sync';

/**
 * Reads CSV text into records keyed by the header row's names, with csv-parse at its strictest: a
 * misplaced quote, or a record with another number of fields than the header, is an error, so
 * that a test reading an exported file also checks that the file is well-formed.
 */
export function parseCsv(text: string): { header: string[]; records: Record<string, string>[] } {
  let header: string[] = [];
  const records = parse(text, {
    columns: (names: string[]) => {
      header = names;
      return names;
    },
    relax_quotes: false,
    relax_column_count: false,
    skip_empty_lines: false,
  }) as Record<string, string>[];
  return { header, records };
}
