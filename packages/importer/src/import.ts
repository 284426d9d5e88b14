import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Database } from '@soilgraph/db';
import { type ImportKind, MAX_BATCH_ROWS, type ReferenceResolver, unknownReferences, writeBatch } from '@soilgraph/server-kit';
import { parse as parseCsv } from 'csv-parse';
import { GraphQLError } from 'graphql';

/*
 * `pnpm import <agency> <kind> <file>`: a CSV or NDJSON file through the same validation and
 * write path as the kind's mutation. Two streaming passes, memory flat in the file's size:
 * the first validates every row (in batches of the mutation's limit) and collects the bad
 * lines; only a file without one is written, by the second pass, in ONE transaction, so a
 * file is imported whole or not at all. References to other agencies' entities are checked at
 * their owners in the first pass, batch by batch (one `_entities` call per owner and type), never
 * inside the write transaction: the embedded database runs one transaction at a time, and an
 * owner executed in this process reads that same database.
 */

export type ImportFormat = 'csv' | 'ndjson';

/** One input object and the file lines it came from. */
interface Item {
  firstLine: number;
  lastLine: number;
  value: unknown;
  problems: string[];
}

export interface BadLine {
  /** 1-based line numbers (first-last for a CSV sample of several lines). */
  lines: string;
  message: string;
}

export interface ImportSummary {
  file: string;
  format: ImportFormat;
  /** Lines read, header included. */
  lines: number;
  /** Input objects (rows of the mutation): a CSV sample of several lines counts once. */
  rows: number;
  written: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Every bad line, up to `maxBadLines`; `badLineCount` counts them all. */
  badLines: BadLine[];
  badLineCount: number;
  seconds: number;
  /** Of which the validation pass. */
  validationSeconds: number;
}

export interface ImportOptions {
  db: Database;
  kind: ImportKind<{ externalId: string }, { id: string }>;
  file: string;
  format: ImportFormat;
  subject: string;
  /** Asks the owners of other agencies' entities the rows name whether they exist (the CLI executes the owners' subgraphs in process). */
  references: ReferenceResolver;
  /** Called after each batch with bytes read so far and the file's size. */
  onProgress?: (progress: { phase: 'validating' | 'writing'; bytes: number; totalBytes: number; rows: number }) => void;
  maxBadLines?: number;
  batchRows?: number;
}

export function formatOf(file: string): ImportFormat | undefined {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  return undefined;
}

/** The file's input objects, in order, with their line numbers; `bytes()` tells how far the stream got. */
function readItems(file: string, format: ImportFormat, kind: ImportOptions['kind']): { items: AsyncGenerator<Item>; bytes: () => number; lines: () => number } {
  const stream = createReadStream(file);
  let lines = 0;
  const bytes = () => stream.bytesRead;
  async function* ndjson(): AsyncGenerator<Item> {
    for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
      lines++;
      if (line.trim() === '') continue;
      try {
        yield { firstLine: lines, lastLine: lines, value: JSON.parse(line), problems: [] };
      } catch (error) {
        yield { firstLine: lines, lastLine: lines, value: undefined, problems: [`not JSON: ${(error as Error).message}`] };
      }
    }
  }
  async function* csv(): AsyncGenerator<Item> {
    const parser = stream.pipe(parseCsv({ columns: true, info: true, skip_empty_lines: true, relax_column_count: false }));
    let group: { line: number; record: Record<string, string> }[] = [];
    const flush = (): Item => {
      const { value, problems } = kind.fromCsv(group.map((g) => g.record));
      return { firstLine: group[0]!.line, lastLine: group.at(-1)!.line, value, problems };
    };
    let headerChecked = false;
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      lines = info.lines;
      if (!headerChecked) {
        headerChecked = true;
        const header = Object.keys(record);
        if (header.join(',') !== kind.csvColumns.join(',')) {
          throw new Error(`the CSV header must be exactly: ${kind.csvColumns.join(',')}\n  got: ${header.join(',')}`);
        }
      }
      if (group.length > 0 && group[0]!.record.externalId !== record.externalId) {
        yield flush();
        group = [];
      }
      group.push({ line: info.lines, record });
    }
    if (group.length > 0) yield flush();
  }
  return { items: format === 'csv' ? csv() : ndjson(), bytes, lines: () => lines };
}

/** Batches of items, each at most `size` long. */
async function* batches(items: AsyncGenerator<Item>, size: number): AsyncGenerator<Item[]> {
  let batch: Item[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const linesOf = (item: Item) => (item.firstLine === item.lastLine ? `${item.firstLine}` : `${item.firstLine}-${item.lastLine}`);

/** The rejected rows of a failed parse, or undefined when the error is not a validation error. */
function rejectedRows(error: unknown): { index: number; message: string }[] | undefined {
  return error instanceof GraphQLError ? (error.extensions.rejected as { index: number; message: string }[] | undefined) : undefined;
}

/**
 * The bad lines of one batch: its items' own problems, the rows validation rejects, and among
 * the valid rest those referring to entities that do not exist (the agency's own, or another
 * agency's as its owner answers), so that a rejected file lists every bad line at once. Throws
 * SUBGRAPH_UNAVAILABLE when an owner cannot answer: nothing is written unchecked.
 */
async function problemsOf(db: Database, kind: ImportOptions['kind'], batch: Item[], references: ReferenceResolver): Promise<BadLine[]> {
  const strip = (message: string) => message.replace(new RegExp(`^${kind.argumentName}\\.\\d+\\.?`), '');
  const bad: BadLine[] = batch.flatMap((item) => item.problems.map((message) => ({ lines: linesOf(item), message })));
  let candidates = batch.filter((item) => item.problems.length === 0);
  let rows: { externalId: string }[];
  try {
    rows = kind.parse(candidates.map((i) => i.value));
  } catch (error) {
    const rejected = rejectedRows(error);
    if (!rejected) throw error;
    bad.push(...rejected.map((r) => ({ lines: linesOf(candidates[r.index]!), message: strip(r.message) })));
    const refused = new Set(rejected.map((r) => r.index));
    candidates = candidates.filter((_, i) => !refused.has(i));
    if (candidates.length === 0) return bad;
    rows = kind.parse(candidates.map((i) => i.value));
  }
  // The same checks the write runs under the agency's lock; here only read, to list every bad line before writing.
  const { rejected } = await kind.prepare(db, rows);
  const unknown = await unknownReferences(references, kind, rows);
  const refused = [...unknown, ...rejected].sort((a, b) => a.index - b.index);
  bad.push(...refused.map((r) => ({ lines: linesOf(candidates[r.index]!), message: strip(r.message) })));
  return bad;
}

export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const { db, kind, file, format, subject } = options;
  const maxBadLines = options.maxBadLines ?? 100;
  const size = options.batchRows ?? MAX_BATCH_ROWS;
  const validated = await stat(file);
  const totalBytes = validated.size;
  const started = performance.now();
  const summary: ImportSummary = { file, format, lines: 0, rows: 0, written: false, created: 0, updated: 0, unchanged: 0, badLines: [], badLineCount: 0, seconds: 0, validationSeconds: 0 };

  // Pass 1: validate everything, write nothing.
  const first = readItems(file, format, kind);
  for await (const batch of batches(first.items, size)) {
    const bad = await problemsOf(db, kind, batch, options.references);
    summary.badLineCount += bad.length;
    summary.badLines.push(...bad.slice(0, Math.max(0, maxBadLines - summary.badLines.length)));
    summary.rows += batch.length;
    options.onProgress?.({ phase: 'validating', bytes: first.bytes(), totalBytes, rows: summary.rows });
  }
  summary.lines = first.lines();
  summary.validationSeconds = (performance.now() - started) / 1000;
  if (summary.badLineCount > 0 || summary.rows === 0) {
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  }

  // Pass 2: the same batches, written in one transaction (each batch a savepoint under it). Their
  // references were checked in pass 1; asking again here would wait, inside the transaction, on
  // an owner that may need the same embedded database.
  const second = readItems(file, format, kind);
  let written = 0;
  await db.transaction(async (tx) => {
    for await (const batch of batches(second.items, size)) {
      const rows = kind.parse(batch.map((i) => i.value));
      const result = await writeBatch(tx as unknown as Database, kind, rows, { agency: kind.agency, operation: `import:${kind.operation}`, subject });
      for (const r of result) summary[r.outcome === 'CREATED' ? 'created' : r.outcome === 'UPDATED' ? 'updated' : 'unchanged']++;
      written += batch.length;
      options.onProgress?.({ phase: 'writing', bytes: second.bytes(), totalBytes, rows: written });
    }
    // Pass 2 re-reads the file: had it changed since pass 1, rows whose references nobody
    // checked could be written. Rolled back then.
    const now = await stat(file);
    if (now.size !== validated.size || now.mtimeMs !== validated.mtimeMs) throw new Error('the file changed while it was imported');
  });
  summary.written = true;
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
