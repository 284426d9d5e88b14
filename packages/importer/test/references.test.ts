import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AUDIT_LOGS } from '@soilgraph/db';
import { monitoringPoints, soilSamples } from '@soilgraph/db/environment';
import { monitoringPointImport, SOIL_SAMPLE_CSV_COLUMNS, soilSampleImport } from '@soilgraph/environment/imports';
import { type GraphQLRequestBody, httpReferenceResolver, loadAuthConfig, type ReferenceResolver } from '@soilgraph/server-kit';
import { createTestDatabase, type TestDatabase } from '@soilgraph/testkit';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportFormat, importFile } from '../src/import.ts';
import { ownersOn, registerParcels } from './support.ts';

// A file whose rows name other agencies' entities is checked at their owners (planning's
// parcels, water's sources) before anything is written, as the mutations are.

let database: TestDatabase;
let owners: ReferenceResolver;
beforeAll(async () => {
  database = await createTestDatabase();
  owners = ownersOn(database.db);
  await registerParcels(database.db, [{ id: '110108-P0001', districtCode: '110108' }]);
});
afterAll(async () => {
  await owners.close();
  await database.close();
});

const dir = mkdtempSync(path.join(tmpdir(), 'soilgraph-import-references-'));
let files = 0;
function file(name: string, text: string): string {
  const full = path.join(dir, `${files++}-${name}`);
  writeFileSync(full, text);
  return full;
}

/** A soil-sample CSV: one line per sample, each naming `parcelId` (empty for none). */
function samplesCsv(name: string, samples: { externalId: string; parcelId: string }[]): string {
  const line = ({ externalId, parcelId }: { externalId: string; parcelId: string }) =>
    `${externalId},,${parcelId},110108,2025-05-01,0,20,7.2,HJ 962-2018,Reference test lab (synthetic),116.3,39.99,CADMIUM,0.21,false,,GB/T 17141-1997,2025-05-20,VALID`;
  return file(name, [SOIL_SAMPLE_CSV_COLUMNS.join(','), ...samples.map(line)].join('\n'));
}

/** Counts the requests a resolver passes on, per owner. */
function counting(inner: ReferenceResolver): ReferenceResolver & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  return {
    calls,
    request: (owner, body: GraphQLRequestBody) => {
      calls[owner] = (calls[owner] ?? 0) + 1;
      return inner.request(owner, body);
    },
    close: () => inner.close(),
  };
}

const run = (kind: unknown, f: string, references: ReferenceResolver, format: ImportFormat = 'csv') =>
  importFile({ db: database.db, kind: kind as never, file: f, format, subject: 'test', references });
const counts = async () => {
  const [samples] = await database.db.select({ n: count() }).from(soilSamples);
  const [points] = await database.db.select({ n: count() }).from(monitoringPoints);
  const [audit] = await database.db.select({ n: count() }).from(AUDIT_LOGS.environment);
  return { samples: samples!.n, points: points!.n, audit: audit!.n };
};

describe('an import naming other agencies\' entities', () => {
  it('rejects a file naming parcels planning does not have, listing every such line, and writes nothing; planning is asked once', async () => {
    const before = await counts();
    const owner = counting(owners);
    const csv = samplesCsv('unknown-parcels.csv', [
      { externalId: 'ref-1', parcelId: '110108-P0001' },
      { externalId: 'ref-2', parcelId: '110108-P9998' },
      { externalId: 'ref-3', parcelId: '' },
      { externalId: 'ref-4', parcelId: '110108-P9999' },
      { externalId: 'ref-5', parcelId: '110108-P9998' },
    ]);
    const summary = await run(soilSampleImport, csv, owner);
    expect(summary.written).toBe(false);
    expect(summary.badLines).toEqual([
      { lines: '3', message: 'parcelId: planning has no Parcel "110108-P9998"' },
      { lines: '5', message: 'parcelId: planning has no Parcel "110108-P9999"' },
      { lines: '6', message: 'parcelId: planning has no Parcel "110108-P9998"' },
    ]);
    // One _entities call for the batch's three distinct parcel ids.
    expect(owner.calls).toEqual({ planning: 1 });
    expect(await counts()).toEqual(before);
  });

  it('writes the file once every parcel it names exists', async () => {
    const before = await counts();
    const csv = samplesCsv('known-parcels.csv', [
      { externalId: 'ref-ok-1', parcelId: '110108-P0001' },
      { externalId: 'ref-ok-2', parcelId: '' },
    ]);
    expect(await run(soilSampleImport, csv, owners)).toMatchObject({ written: true, created: 2, badLineCount: 0 });
    expect(await counts()).toEqual({ ...before, samples: before.samples + 2, audit: before.audit + 2 });
  });

  it('asks each owner of a kind once per batch: planning for parcels, water for sources', async () => {
    const before = await counts();
    const owner = counting(owners);
    const point = (n: number, parcelId: string, waterSourceId: string) =>
      `mp-ref-${n},MP-110108-9${n}0,SK-110108-9${n},Reference point ${n} (synthetic),MUNICIPAL,WATER_SOURCE,110108,${parcelId},${waterSourceId},116.3,39.99,2019-04-01`;
    const csv = file('points.csv', [monitoringPointImport.csvColumns.join(','), point(1, '110108-P0001', 'WS-110108-77'), point(2, '110108-P7777', 'WS-110108-78')].join('\n'));
    const summary = await run(monitoringPointImport, csv, owner);
    expect(summary.badLines).toEqual([
      { lines: '2', message: 'waterSourceId: water has no WaterSource "WS-110108-77"' },
      { lines: '3', message: 'parcelId: planning has no Parcel "110108-P7777"' },
      { lines: '3', message: 'waterSourceId: water has no WaterSource "WS-110108-78"' },
    ]);
    expect(owner.calls).toEqual({ planning: 1, water: 1 });
    expect(await counts()).toEqual(before);
  });

  it('asks in chunks of at most 1,000 keys when a batch names more', async () => {
    const owner = counting(owners);
    const csv = samplesCsv('many-parcels.csv', Array.from({ length: 1001 }, (_, i) => ({ externalId: `many-${i}`, parcelId: i === 0 ? '110108-P0001' : `MANY-${i}` })));
    const summary = await run(soilSampleImport, csv, owner);
    expect(owner.calls).toEqual({ planning: 2 });
    expect(summary.badLineCount).toBe(1000);
    expect(summary.written).toBe(false);
  });

  it('writes nothing when the file changes between checking and writing (its new lines are unchecked)', async () => {
    const before = await counts();
    const csv = samplesCsv('changing.csv', [{ externalId: 'change-1', parcelId: '110108-P0001' }]);
    const changed = importFile({
      db: database.db,
      kind: soilSampleImport as never,
      file: csv,
      format: 'csv',
      subject: 'test',
      references: owners,
      batchRows: 1,
      onProgress: ({ phase }) => {
        if (phase === 'writing') appendFileSync(csv, `\nchange-2,,110108-P6666,110108,2025-05-01,0,20,7.2,HJ 962-2018,Lab,116.3,39.99,CADMIUM,0.21,false,,GB/T 17141-1997,2025-05-20,VALID`);
      },
    });
    await expect(changed).rejects.toThrow(/the file changed while it was imported/);
    expect(await counts()).toEqual(before);
  });

  it('refuses the file with SUBGRAPH_UNAVAILABLE when the owner cannot be reached, and writes nothing', async () => {
    const before = await counts();
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const down = httpReferenceResolver({ urls: { planning: `http://127.0.0.1:${closedPort}/graphql` }, auth: loadAuthConfig({}, 'test') });
    const csv = samplesCsv('owner-down.csv', [{ externalId: 'down-1', parcelId: '110108-P0001' }]);
    await expect(run(soilSampleImport, csv, down)).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'planning' } });
    expect(await counts()).toEqual(before);
  });
});

describe('pnpm run import with a file naming an unknown parcel', () => {
  it('prints every bad line, writes nothing and exits 1, asking planning in process without the services', async () => {
    // A fresh embedded database of its own: the command migrates environment and planning, the owner it asks.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'soilgraph-import-cli-'));
    const csv = samplesCsv('cli.csv', [
      { externalId: 'cli-1', parcelId: '' },
      { externalId: 'cli-2', parcelId: '110108-P0404' },
    ]);
    const root = path.resolve(import.meta.dirname, '../../..');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DATABASE_URL')));
    const result = await promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), ['packages/importer/src/cli.ts', 'environment', 'soil-samples', csv], {
      cwd: root,
      env: { ...env, DATA_DIR: dataDir },
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.stdout).toContain(`${csv}: REJECTED, nothing was written. 1 problem(s) among 3 lines:\n  line 3: parcelId: planning has no Parcel "110108-P0404"\n`);
    expect(result.code).toBe(1);
  }, 120_000);
});
