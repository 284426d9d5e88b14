import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { adminQuery, type Agency, AGENCIES, type Database, databaseUrlOn, openAgencyDatabases } from '@soilgraph/db';
import { generateDemoData, seedDemoData, writeDemoData } from '@soilgraph/db/demo';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** What a benchmark database holds and how long it took to make. */
export interface BenchDatabase {
  name: string;
  /** The owner's URL: the services migrate with it and serve as their agencies' roles. */
  url: string;
  scale: number;
  /** The districts' codes (GB/T 2260), for the operations that go through each district. */
  districtCodes: string[];
  rows: { parcels: number; soilSamples: number; soilMeasurements: number; surveyMeasurements: number; total: number };
  timings: { generateMs: number; writeMs: number; analyzeMs: number };
  seeder: 'bulk' | 'demo';
  drop(): Promise<void>;
}



/** One table's rows as the demo seeders insert them, in their order (foreign keys point backwards). */
interface TableRows {
  table: PgTable;
  rows: Record<string, unknown>[];
}

/**
 * A stand-in for a drizzle handle that records what the demo seeders insert instead of sending it:
 * the bulk path writes the very rows `pnpm db:seed` writes, without a second list of tables.
 */
function recordingDatabase(into: TableRows[]): Database {
  const recorder = {
    insert: (table: PgTable) => ({
      values: async (rows: Record<string, unknown>[]) => {
        const last = into.at(-1);
        if (last?.table === table) last.rows.push(...rows);
        else into.push({ table, rows: [...rows] });
      },
    }),
  };
  return recorder as unknown as Database;
}

/** A value in COPY's text format: \N for null, backslash escapes for the characters COPY reads specially. */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Sends one table's rows with COPY FROM STDIN, each value converted as drizzle would bind it. */
async function copyTable(client: pg.ClientBase, { table, rows }: TableRows): Promise<void> {
  const { schema, name } = getTableConfig(table);
  // The columns the rows set; the others (created_at, updated_at) take their defaults, as with INSERT.
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((r) => r[key] !== undefined));
  for (const [key] of columns) {
    if (rows.some((r) => r[key] === undefined)) throw new Error(`bulk seed: ${schema}.${name}.${key} is set on some rows only`);
  }
  const columnList = columns.map(([, c]) => `"${c.name}"`).join(', ');
  const stream = client.query(copyFrom(`copy "${schema}"."${name}" (${columnList}) from stdin`));
  function* lines() {
    // Batches of lines: one chunk per row would make the stream the bottleneck.
    let batch = '';
    for (const row of rows) {
      batch += `${columns.map(([key, column]) => copyText(row[key] === null ? null : column.mapToDriverValue(row[key]))).join('\t')}\n`;
      if (batch.length > 1 << 20) {
        yield batch;
        batch = '';
      }
    }
    if (batch !== '') yield batch;
  }
  await pipeline(Readable.from(lines()), stream);
}

/**
 * Creates a fresh database on the server, migrates every agency (which sets up their roles), and
 * writes the demo data at `scale`: with COPY (bulk, the default), or through the demo seeder's
 * multi-row INSERTs (demo, what `pnpm db:seed` does). Then VACUUM ANALYZE, as autovacuum would do
 * on a database that has been up for a while: without statistics the planner guesses.
 */
export async function createBenchDatabase(serverUrl: string, scale: number, seeder: 'bulk' | 'demo', log: (line: string) => void): Promise<BenchDatabase> {
  const name = `soilgraph_bench_${scale}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = databaseUrlOn(serverUrl, name);
  const drop = () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  try {
    const databases = await openAgencyDatabases({ kind: 'postgres', urlFor: () => url }, 'soilgraph-bench');
    try {
      for (const agency of AGENCIES) await databases.connectionFor(agency).migrate(agency);
    } finally {
      await databases.closeAll();
    }

    let started = Date.now();
    const data = generateDemoData({ scale });
    const generateMs = Date.now() - started;
    started = Date.now();
    if (seeder === 'demo') {
      const seeding = await openAgencyDatabases({ kind: 'postgres', urlFor: () => url }, 'soilgraph-bench');
      try {
        await seedDemoData((a) => seeding.connectionFor(a).db, { seed: data.seed, scale });
      } finally {
        await seeding.closeAll();
      }
    } else {
      const recorded = new Map<Agency, TableRows[]>(AGENCIES.map((a) => [a, []]));
      await writeDemoData((agency) => recordingDatabase(recorded.get(agency)!), data);
      const client = new pg.Client({ connectionString: url, application_name: 'soilgraph-bench-copy' });
      await client.connect();
      try {
        // One transaction per agency, as the demo seeder does.
        for (const agency of AGENCIES) {
          await client.query('begin');
          for (const table of recorded.get(agency)!) await copyTable(client, table);
          await client.query('commit');
        }
      } finally {
        await client.end();
      }
    }
    const writeMs = Date.now() - started;
    started = Date.now();
    await adminQuery(url, 'vacuum analyze');
    const analyzeMs = Date.now() - started;

    const rows = {
      parcels: data.planning.parcels.length,
      soilSamples: data.environment.samples.length,
      soilMeasurements: data.environment.measurements.length,
      surveyMeasurements: data.geology.measurements.length,
      total: AGENCIES.reduce(
        (sum, agency) => sum + Object.values(data[agency]).reduce((n: number, v) => n + (Array.isArray(v) ? v.length : 0), 0),
        0,
      ),
    };
    log(
      `  ${name}: ${rows.parcels.toLocaleString('en')} parcels, ${rows.soilMeasurements.toLocaleString('en')} soil measurements, ` +
        `${rows.total.toLocaleString('en')} rows; generated in ${(generateMs / 1000).toFixed(1)} s, written (${seeder}) in ` +
        `${(writeMs / 1000).toFixed(1)} s, vacuum analyze ${(analyzeMs / 1000).toFixed(1)} s`,
    );
    // The generated rows are not kept: at the default scale they take gigabytes this process's load generator needs.
    return { name, url, scale, districtCodes: data.planning.districts.map((d) => d.code), rows, timings: { generateMs, writeMs, analyzeMs }, seeder, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** Sequential scans and their rows, per table, from Postgres' cumulative statistics. */
export type ScanCounts = Map<string, { seqScan: number; seqTupRead: number; liveRows: number }>;

export async function readScanCounts(url: string): Promise<ScanCounts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Backends flush their statistics at most once a second: read after they have.
    const { rows } = await client.query<{ name: string; seq_scan: string; seq_tup_read: string; n_live_tup: string }>(
      `select schemaname || '.' || relname as name, seq_scan, seq_tup_read, n_live_tup from pg_stat_user_tables`,
    );
    return new Map(rows.map((r) => [r.name, { seqScan: Number(r.seq_scan), seqTupRead: Number(r.seq_tup_read), liveRows: Number(r.n_live_tup) }]));
  } finally {
    await client.end();
  }
}
