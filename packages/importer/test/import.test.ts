import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AUDIT_LOGS, verifyAuditChain } from '@soilgraph/db';
import { measurements, soilSamples } from '@soilgraph/db/environment';
import { enterpriseImport, monitoringPointImport, SOIL_SAMPLE_CSV_COLUMNS, selfMonitoringReportImport, soilSampleImport } from '@soilgraph/environment/imports';
import type { ReferenceResolver } from '@soilgraph/server-kit';
import { createTestDatabase, type TestDatabase } from '@soilgraph/testkit';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportFormat, importFile } from '../src/import.ts';
import { ownersOn, registerParcels } from './support.ts';

let database: TestDatabase;
let owners: ReferenceResolver;
beforeAll(async () => {
  database = await createTestDatabase();
  owners = ownersOn(database.db);
  // The parcels the files below name (the README's example names 110112-P0003).
  await registerParcels(database.db, [
    { id: '110108-P0001', districtCode: '110108' },
    { id: '110112-P0003', districtCode: '110112' },
  ]);
});
afterAll(async () => {
  await owners.close();
  await database.close();
});

const dir = mkdtempSync(path.join(tmpdir(), 'soilgraph-import-'));
let files = 0;
function file(name: string, text: string): string {
  const full = path.join(dir, `${files++}-${name}`);
  writeFileSync(full, text);
  return full;
}

const HEADER = SOIL_SAMPLE_CSV_COLUMNS.join(',');
/** One CSV line per measurement; `over` replaces columns by name. */
function line(externalId: string, analyte: string, over: Partial<Record<(typeof SOIL_SAMPLE_CSV_COLUMNS)[number], string>> = {}): string {
  const base: Record<string, string> = {
    externalId,
    pointId: '',
    parcelId: '110108-P0001',
    districtCode: '110108',
    sampledOn: '2025-05-01',
    depthTopCm: '0',
    depthBottomCm: '20',
    pH: '7.2',
    pHMethod: 'HJ 962-2018',
    lab: '"Lab, ""North"" 北京"',
    lon: '116.3',
    lat: '39.99',
    analyte,
    mgPerKg: '0.21',
    belowDetectionLimit: 'false',
    detectionLimitMgPerKg: '',
    method: 'GB/T 17141-1997',
    analysedOn: '2025-05-20',
    qualityFlag: 'VALID',
    ...over,
  };
  return SOIL_SAMPLE_CSV_COLUMNS.map((c) => base[c]).join(',');
}

const run = (f: string, format: ImportFormat = 'csv') => importFile({ db: database.db, kind: soilSampleImport as never, file: f, format, subject: 'test', references: owners });
const counts = async () => {
  const [s] = await database.db.select({ n: count() }).from(soilSamples);
  const [m] = await database.db.select({ n: count() }).from(measurements);
  const [a] = await database.db.select({ n: count() }).from(AUDIT_LOGS.environment);
  return { samples: s!.n, measurements: m!.n, audit: a!.n };
};

describe('the bulk import (CSV and NDJSON through the mutation path)', () => {
  it('imports a CSV whose consecutive lines form samples, and importing it again changes nothing', async () => {
    const csv = file('good.csv', [HEADER, line('imp-1', 'CADMIUM'), line('imp-1', 'LEAD', { mgPerKg: '', belowDetectionLimit: 'true', detectionLimitMgPerKg: '0.1' }), line('imp-2', 'ZINC', { mgPerKg: '70' })].join('\n'));
    const first = await run(csv);
    expect(first).toMatchObject({ lines: 4, rows: 2, written: true, created: 2, updated: 0, unchanged: 0, badLineCount: 0 });
    expect(await counts()).toEqual({ samples: 2, measurements: 3, audit: 2 });
    const [stored] = await database.db.select().from(soilSamples).where(eq(soilSamples.externalId, 'imp-1'));
    expect(stored!.lab).toBe('Lab, "North" 北京');
    const again = await run(csv);
    expect(again).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual({ samples: 2, measurements: 3, audit: 2 });
  });

  it('imports NDJSON, one submission per line, updating a sample the CSV created', async () => {
    const sample = { externalId: 'imp-2', districtCode: '110108', sampledOn: '2025-05-01', depthTopCm: 0, depthBottomCm: 20, pH: 7.2, pHMethod: 'HJ 962-2018', lab: 'Lab', location: { type: 'Point', coordinates: [116.3, 39.99] }, measurements: [{ analyte: 'ZINC', mgPerKg: 71, method: 'HJ 491-2019' }] };
    const ndjson = file('good.ndjson', `${JSON.stringify(sample)}\n\n${JSON.stringify({ ...sample, externalId: 'imp-3' })}\n`);
    expect(await run(ndjson, 'ndjson')).toMatchObject({ lines: 3, rows: 2, written: true, created: 1, updated: 1, unchanged: 0 });
    expect((await verifyAuditChain(database.db, AUDIT_LOGS.environment)).problems).toEqual([]);
  });

  it('rejects a file with bad lines whole, naming every bad line, and writes nothing', async () => {
    const before = await counts();
    const csv = file('bad.csv', [
      HEADER,
      line('bad-1', 'CADMIUM', { pH: 'NaN' }),
      line('bad-2', 'CADMIUM', { mgPerKg: 'Infinity' }),
      line('ok-3', 'CADMIUM'),
      line('bad-4', 'CADMIUM', { mgPerKg: '-0.1' }),
      line('bad-4', 'LEAD', { sampledOn: '2025-05-02' }),
      line('bad-6', 'UNOBTAINIUM'),
      line('bad-7', 'CADMIUM', { pointId: 'MP-000000-999' }),
      line('bad-8', 'CADMIUM', { districtCode: '120101' }),
    ].join('\n'));
    const summary = await run(csv);
    expect(summary.written).toBe(false);
    expect(summary.badLines.map((b) => b.lines)).toEqual(['5-6', '2', '3', '7', '9', '8']);
    expect(summary.badLines.find((b) => b.lines === '5-6')!.message).toMatch(/disagrees with its first line on sampledOn/);
    expect(summary.badLines.find((b) => b.lines === '8')!.message).toMatch(/no monitoring point/);
    expect(await counts()).toEqual(before);
  });

  it("imports the README's example file", async () => {
    const example = path.resolve(import.meta.dirname, '../examples/soil-samples.csv');
    expect(await run(example)).toMatchObject({ lines: 5, rows: 3, written: true, created: 3, badLineCount: 0 });
  });

  it('refuses a CSV whose header is not the kind\'s', async () => {
    const csv = file('header.csv', `externalId,lab\nx,y\n`);
    await expect(run(csv)).rejects.toThrow(/the CSV header must be exactly/);
  });

  it('refuses a line that is not JSON in NDJSON', async () => {
    const before = await counts();
    const summary = await run(file('bad.ndjson', '{"externalId": "x"\n'), 'ndjson');
    expect(summary.badLines).toEqual([{ lines: '1', message: expect.stringMatching(/^not JSON/) }]);
    expect(await counts()).toEqual(before);
  });

  it("imports environment's flat kinds: monitoring points, enterprises and their self-monitoring reports", async () => {
    const importKind = (kind: unknown, f: string, format: ImportFormat = 'csv') => importFile({ db: database.db, kind: kind as never, file: f, format, subject: 'test', references: owners });
    const points = file('points.csv', `${monitoringPointImport.csvColumns.join(',')}\nmp-ext-1,MP-110108-901,SK-110108-91,Haidian test point (synthetic),MUNICIPAL,FARMLAND,110108,,,116.3,39.99,2019-04-01\n`);
    expect(await importKind(monitoringPointImport, points)).toMatchObject({ rows: 1, written: true, created: 1 });
    const enterprises = file('enterprises.csv', `${enterpriseImport.csvColumns.join(',')}\nent-1,91110105864856658J,"Coking Co., Ltd. (synthetic)",coking,110105,,116.5,39.93,2019\nent-2,91110105864856658K,Other Co. (synthetic),coking,110105,,116.5,39.93,2019\n`);
    const rejected = await importKind(enterpriseImport, enterprises);
    expect(rejected.written).toBe(false);
    expect(rejected.badLines).toEqual([{ lines: '3', message: expect.stringMatching(/^creditCode: /) }]);
    const good = file('enterprise.csv', `${enterpriseImport.csvColumns.join(',')}\nent-1,91110105864856658J,"Coking Co., Ltd. (synthetic)",coking,110105,,116.5,39.93,2019\n`);
    expect(await importKind(enterpriseImport, good)).toMatchObject({ rows: 1, written: true, created: 1 });
    const report = { externalId: 'smr-1', enterpriseCreditCode: '91110105864856658J', year: 2024, reportedOn: '2025-03-01', summary: 'Six points, none above screening.', exceedances: 0 };
    const reports = file('reports.ndjson', `${JSON.stringify(report)}\n${JSON.stringify({ ...report, externalId: 'smr-2', enterpriseCreditCode: '91110105087824132P' })}\n`);
    const missing = await importKind(selfMonitoringReportImport, reports, 'ndjson');
    expect(missing.badLines.map((b) => b.lines)).toEqual(['2']);
    const one = file('report.ndjson', `${JSON.stringify(report)}\n`);
    expect(await importKind(selfMonitoringReportImport, one, 'ndjson')).toMatchObject({ rows: 1, written: true, created: 1 });
  });
});
