import type { ImportKind, SubmissionKind } from './submissions.ts';

/*
 * How CSV text becomes a submission's input (the bulk import, packages/importer). Values are
 * converted, never judged: a number field that is not a number stays NaN, a boolean that is
 * neither true nor false stays text, and the kind's zod validation refuses them with a path.
 */

/** An empty field is "not given". */
export function csvOptional(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

export function csvNumber(value: string | undefined): number | null {
  return csvOptional(value) === null ? null : Number(value);
}

export function csvBoolean(value: string | undefined): boolean | string | null {
  return csvOptional(value) === null ? null : value === 'true' ? true : value === 'false' ? false : value!;
}

/** A `;`-separated list; an empty field is an empty list. */
export function csvList(value: string | undefined): string[] {
  return csvOptional(value) === null ? [] : value!.split(';').map((item) => item.trim());
}

/**
 * What a flat CSV column holds: `text` as written (empty stays empty), `optional` text (empty is
 * null), `number`, `boolean`, `list`, `geojson` (GeoJSON text), or `point` (a GeoJSON Point in two
 * columns, lon and lat).
 */
export type CsvField = 'text' | 'optional' | 'number' | 'boolean' | 'list' | 'geojson' | 'point';

/**
 * The import kind of a flat submission: one CSV line per row, a column per input field in the
 * order given. Consecutive lines sharing an externalId are a problem (`what` names the row).
 */
export function flatImportKind<Row extends { externalId: string }, Entity extends { id: string }>(
  kind: SubmissionKind<Row, Entity>,
  what: string,
  fields: Readonly<Record<string, CsvField>>,
): ImportKind<Row, Entity> {
  return {
    ...kind,
    csvColumns: Object.entries(fields).flatMap(([name, type]) => (type === 'point' ? ['lon', 'lat'] : [name])),
    fromCsv(records) {
      const record = records[0]!;
      const problems = records.length > 1 ? [`${records.length} consecutive lines have externalId ${JSON.stringify(record.externalId)}; a ${what} is one line`] : [];
      const value: Record<string, unknown> = {};
      for (const [name, type] of Object.entries(fields)) {
        const text = record[name];
        if (type === 'text') value[name] = text;
        else if (type === 'optional') value[name] = csvOptional(text);
        else if (type === 'number') value[name] = csvNumber(text);
        else if (type === 'boolean') value[name] = csvBoolean(text);
        else if (type === 'list') value[name] = csvList(text);
        else if (type === 'point') value[name] = { type: 'Point', coordinates: [csvNumber(record.lon), csvNumber(record.lat)] };
        else if (csvOptional(text) === null) value[name] = null;
        else {
          try {
            value[name] = JSON.parse(text!);
          } catch (error) {
            problems.push(`${name}: not GeoJSON text: ${(error as Error).message}`);
          }
        }
      }
      return { value, problems };
    },
  };
}
