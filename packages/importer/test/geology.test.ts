import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AUDIT_LOGS, verifyAuditChain } from '@soilgraph/db';
import { surveyMeasurements, surveyPoints } from '@soilgraph/db/geology';
import { SURVEY_POINT_CSV_COLUMNS, surveyPointImport } from '@soilgraph/geology/imports';
import { NO_REFERENCE_RESOLVER } from '@soilgraph/server-kit';
import { createTestDatabase, type TestDatabase } from '@soilgraph/testkit';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportFormat, importFile } from '../src/import.ts';
import { IMPORT_KINDS } from '../src/kinds.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const dir = mkdtempSync(path.join(tmpdir(), 'soilgraph-import-geology-'));
let files = 0;
function file(name: string, text: string): string {
  const full = path.join(dir, `${files++}-${name}`);
  writeFileSync(full, text);
  return full;
}

type Column = (typeof SURVEY_POINT_CSV_COLUMNS)[number];
const HEADER = SURVEY_POINT_CSV_COLUMNS.join(',');
/** One CSV line per measurement; `over` replaces columns by name. */
function line(externalId: string, analyte: string, mgPerKg: string, over: Partial<Record<Column, string>> = {}): string {
  const base: Record<Column, string> = {
    externalId,
    districtCode: '110108',
    lon: '116.3',
    lat: '39.99',
    sampledOn: '2024-09-12',
    depthCm: '20',
    soilType: 'CINNAMON',
    parentMaterial: 'LOESS',
    groundwaterDepthM: '8.5',
    pH: '7.6',
    analyte,
    mgPerKg,
    ...over,
  };
  return SURVEY_POINT_CSV_COLUMNS.map((c) => base[c]).join(',');
}

/** A new point's public id as the survey publishes it: GS-<district>-<first 10 hex digits of SHA-256(externalId)>, upper case. */
const expectedId = (district: string, externalId: string) => `GS-${district}-${createHash('sha256').update(externalId).digest('hex').slice(0, 10).toUpperCase()}`;

const kind = IMPORT_KINDS.geology!['survey-points']!;
// Geology's rows name no other agency's entity: an import that asked an owner would fail here.
const run = (f: string, format: ImportFormat = 'csv') => importFile({ db: database.db, kind, file: f, format, subject: 'test', references: NO_REFERENCE_RESOLVER });
const counts = async () => {
  const [p] = await database.db.select({ n: count() }).from(surveyPoints);
  const [m] = await database.db.select({ n: count() }).from(surveyMeasurements);
  const [a] = await database.db.select({ n: count() }).from(AUDIT_LOGS.geology);
  return { points: p!.n, measurements: m!.n, audit: a!.n };
};
const measurementsOf = async (pointId: string) =>
  (await database.db.select().from(surveyMeasurements).where(eq(surveyMeasurements.pointId, pointId))).map((m) => [m.analyte, m.valueMgPerKg]).sort();

describe('importing geochemical survey points (CSV and NDJSON through the mutation path)', () => {
  it('registers the kind under geology', () => {
    expect(kind).toBe(surveyPointImport);
  });

  it('imports a CSV whose consecutive lines form points, and importing it again changes nothing', async () => {
    const csv = file('good.csv', [
      HEADER,
      line('imp-gp-1', 'CADMIUM', '0.12'),
      line('imp-gp-1', 'LEAD', '24.5'),
      line('imp-gp-1', 'ZINC', '70'),
      // The pre-2015 Miyun code is accepted and stored as today's; a point without measurements is one line.
      line('imp-gp-2', '', '', { districtCode: '110228', lon: '116.85', lat: '40.37', sampledOn: '', groundwaterDepthM: '', pH: '' }),
    ].join('\n'));
    expect(await run(csv)).toMatchObject({ lines: 5, rows: 2, written: true, created: 2, updated: 0, unchanged: 0, badLineCount: 0 });
    expect(await counts()).toEqual({ points: 2, measurements: 3, audit: 2 });
    const [one] = await database.db.select().from(surveyPoints).where(eq(surveyPoints.externalId, 'imp-gp-1'));
    expect(one).toMatchObject({ id: expectedId('110108', 'imp-gp-1'), districtCode: '110108', lon: 116.3, lat: 39.99, sampledOn: '2024-09-12', depthCm: 20, soilType: 'CINNAMON', parentMaterial: 'LOESS', groundwaterDepthM: 8.5, ph: 7.6 });
    expect(await measurementsOf(one!.id)).toEqual([['CADMIUM', 0.12], ['LEAD', 24.5], ['ZINC', 70]]);
    const [two] = await database.db.select().from(surveyPoints).where(eq(surveyPoints.externalId, 'imp-gp-2'));
    expect(two).toMatchObject({ id: expectedId('110118', 'imp-gp-2'), districtCode: '110118', sampledOn: null, groundwaterDepthM: null, ph: null });
    const audit = await database.db.select().from(AUDIT_LOGS.geology);
    expect(audit.map((a) => a.operation)).toEqual(['import:submitSurveyPoints', 'import:submitSurveyPoints']);

    expect(await run(csv)).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual({ points: 2, measurements: 3, audit: 2 });
  });

  it('imports NDJSON, one submission per line, replacing the measurements of a point the CSV created', async () => {
    const point = { externalId: 'imp-gp-1', districtCode: '110108', location: { type: 'Point', coordinates: [116.3, 39.99] }, sampledOn: '2024-09-12', depthCm: 20, soilType: 'CINNAMON', parentMaterial: 'LOESS', groundwaterDepthM: 8.5, pH: 7.6, measurements: [{ analyte: 'CADMIUM', mgPerKg: 0.15 }] };
    const ndjson = file('good.ndjson', `${JSON.stringify(point)}\n\n${JSON.stringify({ ...point, externalId: 'imp-gp-3', measurements: [] })}\n`);
    expect(await run(ndjson, 'ndjson')).toMatchObject({ lines: 3, rows: 2, written: true, created: 1, updated: 1, unchanged: 0 });
    expect(await measurementsOf(expectedId('110108', 'imp-gp-1'))).toEqual([['CADMIUM', 0.15]]);
    expect(await counts()).toEqual({ points: 3, measurements: 1, audit: 4 });
    expect(await run(ndjson, 'ndjson')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual({ points: 3, measurements: 1, audit: 4 });
    expect((await verifyAuditChain(database.db, AUDIT_LOGS.geology)).problems).toEqual([]);
  });

  it('rejects a file with bad lines whole, naming every bad line, and writes nothing', async () => {
    const before = await counts();
    const csv = file('bad.csv', [
      HEADER,
      line('ok-2', 'CADMIUM', '0.1'),
      line('bad-3', 'CADMIUM', '0.1'),
      line('bad-3', 'LEAD', '20', { depthCm: '40' }),
      line('bad-5', 'UNOBTAINIUM', '1'),
      line('bad-6', 'LEAD', '20'),
      line('bad-6', 'LEAD', '21'),
      line('bad-8', 'CADMIUM', '0.1', { pH: 'acidic' }),
      line('bad-9', 'CADMIUM', '0.1', { districtCode: '120101' }),
      line('bad-10', 'CADMIUM', '0.1', { soilType: 'MARTIAN' }),
      line('bad-11', 'CADMIUM', '-0.1'),
    ].join('\n'));
    const summary = await run(csv);
    expect(summary.written).toBe(false);
    // The lines' own problems (a point's lines disagreeing) first, then what validation refuses, in file order.
    expect(summary.badLines.map((b) => b.lines)).toEqual(['3-4', '5', '6-7', '8', '9', '10', '11']);
    const message = (lines: string) => summary.badLines.find((b) => b.lines === lines)!.message;
    expect(message('3-4')).toMatch(/disagrees with its first line on depthCm/);
    expect(message('5')).toMatch(/^measurements\.0\.analyte: /);
    expect(message('6-7')).toMatch(/^measurements\.1\.analyte: LEAD is given twice/);
    expect(message('8')).toMatch(/^pH: /);
    expect(message('9')).toMatch(/^districtCode: unknown district code "120101"/);
    expect(message('10')).toMatch(/^soilType: /);
    expect(message('11')).toMatch(/^measurements\.0\.mgPerKg: /);
    expect(await counts()).toEqual(before);
  });

  it("refuses a CSV whose header is not the kind's", async () => {
    await expect(run(file('header.csv', `externalId,districtCode\nx,110108\n`))).rejects.toThrow(/the CSV header must be exactly/);
  });
});
