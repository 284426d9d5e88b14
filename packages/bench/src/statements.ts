import { sqlStatementCount } from '@soilgraph/db';
import pg from 'pg';
import type { Operation } from './operations.ts';

export interface OperationSql {
  /** Statements drizzle sent for one request (db/src/statements.ts); NaN when the operation failed or was skipped. */
  statements: number;
  /**
   * Milliseconds of the operation's first request, alone on an idle machine, with nothing kept yet
   * (no answer in any cache of the gateway or the subgraphs): what an answer costs to compute. NaN when it failed.
   */
  firstMs: number;
  /** Bytes of the first answer's JSON (the operation's first body): what grows with the data when the answer is a list of it. NaN when it failed. */
  answerBytes: number;
  /** Why there is no count: the operation failed (e.g. a subgraph timed out), or was not tried. */
  failure?: string;
  /** Tables of at least LARGE_TABLE_ROWS rows that a statement's plan reads with a sequential scan. */
  seqScans: { table: string; rows: number }[];
  /** The statements' texts (whitespace and placeholder lists collapsed), in the order sent: where counts differ, the report says which. */
  texts: string[];
}

/** Below this many rows a sequential scan is what the planner should choose. */
export const LARGE_TABLE_ROWS = 10_000;

interface CapturedStatement {
  text: string;
  values: unknown[] | undefined;
}

/**
 * Records the SQL that pg clients of this process send while `run` runs, by wrapping
 * pg.Client#query (drizzle's node-postgres driver and pg.Pool both go through it).
 */
async function capturingStatements<T>(run: () => Promise<T>): Promise<{ result: T; statements: CapturedStatement[] }> {
  const statements: CapturedStatement[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'string') statements.push({ text: first, values: Array.isArray(second) ? second : undefined });
    else if (first !== null && typeof first === 'object' && 'text' in first) {
      const config = first as { text: string; values?: unknown[] };
      statements.push({ text: config.text, values: config.values ?? (Array.isArray(second) ? second : undefined) });
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    return { result: await run(), statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  Plans?: PlanNode[];
}

function seqScannedTables(node: PlanNode, into: Set<string>): void {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) into.add(`${node.Schema ?? 'public'}.${node['Relation Name']}`);
  for (const child of node.Plans ?? []) seqScannedTables(child, into);
}

/**
 * Per operation: the SQL statements one request causes, and which large tables their plans scan
 * sequentially. Each operation's first body is sent once through `gatewayUrl`, a gateway whose
 * subgraphs run in this process (packages/stack startStack), reading sqlStatementCount() before and
 * after; a first, uncounted request (timed: firstMs) warms what is loaded lazily. The statements of the counted
 * request are then EXPLAINed (with their parameters, not run) as the database's owner.
 */
export async function inspectSql(
  gatewayUrl: string,
  databaseUrl: string,
  operations: readonly Operation[],
  headersFor: (operation: Operation) => Record<string, string>,
  /** Operations not to send, with the reason (they failed on the smaller database). */
  skip: ReadonlyMap<string, string> = new Map(),
): Promise<Map<string, OperationSql>> {
  const owner = new pg.Client({ connectionString: databaseUrl, application_name: 'soilgraph-bench-explain' });
  await owner.connect();
  try {
    const { rows: sizes } = await owner.query<{ name: string; rows: string }>(
      `select n.nspname || '.' || c.relname as name, greatest(c.reltuples, 0)::bigint as rows
         from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p')`,
    );
    const rowsOf = new Map(sizes.map((s) => [s.name, Number(s.rows)]));
    const results = new Map<string, OperationSql>();
    for (const operation of operations) {
      const skipped = skip.get(operation.name);
      if (skipped !== undefined) {
        results.set(operation.name, { statements: Number.NaN, firstMs: Number.NaN, answerBytes: Number.NaN, failure: skipped, seqScans: [], texts: [] });
        continue;
      }
      const send = async () => {
        const response = await fetch(gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headersFor(operation) },
          body: operation.bodies[0]!,
          // Longer than the gateway's own limit on a subgraph call (30 s), which answers first.
          signal: AbortSignal.timeout(120_000),
        });
        const text = await response.text();
        if (response.status !== 200 || text.includes('"errors"')) throw new Error(text.slice(0, 600));
        return Buffer.byteLength(text);
      };
      // An operation that fails here is reported, not counted: the benchmark goes on with the others.
      let captured: CapturedStatement[];
      let statements: number;
      let firstMs: number;
      let answerBytes: number;
      try {
        const started = performance.now();
        answerBytes = await send();
        firstMs = performance.now() - started;
        const before = sqlStatementCount();
        captured = (await capturingStatements(send)).statements;
        statements = sqlStatementCount() - before;
      } catch (error) {
        results.set(operation.name, { statements: Number.NaN, firstMs: Number.NaN, answerBytes: Number.NaN, failure: (error as Error).message, seqScans: [], texts: [] });
        continue;
      }
      const scanned = new Set<string>();
      const explained = new Set<string>();
      for (const statement of captured) {
        // One plan per statement text; transaction control and non-queries have none worth reading.
        if (explained.has(statement.text) || !/^\s*(select|with)\b/i.test(statement.text)) continue;
        explained.add(statement.text);
        const { rows } = await owner.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (format json) ${statement.text}`, statement.values);
        seqScannedTables(rows[0]!['QUERY PLAN'][0]!.Plan, scanned);
      }
      results.set(operation.name, {
        statements,
        firstMs,
        answerBytes,
        // A list of placeholders, `in ($1, $2)`, is one shape however many values it holds.
        texts: captured.map((c) => c.text.replace(/\s+/g, ' ').replace(/\(\$\d+(, \$\d+)*\)/g, '($…)').trim()),
        seqScans: [...scanned]
          .map((table) => ({ table, rows: rowsOf.get(table) ?? 0 }))
          .filter((t) => t.rows >= LARGE_TABLE_ROWS)
          .sort((a, b) => b.rows - a.rows),
      });
    }
    return results;
  } finally {
    await owner.end();
  }
}
