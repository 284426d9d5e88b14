import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AUDIT_LOGS, verifyAuditChain } from '@soilgraph/db';
import { protectionZones, waterSources } from '@soilgraph/db/water';
import { NO_REFERENCE_RESOLVER } from '@soilgraph/server-kit';
import { createTestDatabase, type TestDatabase } from '@soilgraph/testkit';
import { protectionZoneImport, waterSourceImport } from '@soilgraph/water/imports';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportFormat, importFile } from '../src/import.ts';
import { IMPORT_KINDS } from '../src/kinds.ts';

/** The CSV headers the kinds promise (written out here, so that a changed header fails). */
const WATER_SOURCE_CSV_COLUMNS = ['externalId', 'id', 'name', 'kind', 'districtCode', 'lon', 'lat', 'capacityM3PerDay', 'servedPopulation', 'inServiceSince'] as const;
const PROTECTION_ZONE_CSV_COLUMNS = ['externalId', 'id', 'waterSourceId', 'level', 'part', 'geometry', 'areaKm2', 'approvedOn', 'approvalDocument'] as const;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const dir = mkdtempSync(path.join(tmpdir(), 'soilgraph-import-water-'));
let files = 0;
function file(name: string, text: string): string {
  const full = path.join(dir, `${files++}-${name}`);
  writeFileSync(full, text);
  return full;
}

/** A CSV field quoted as RFC 4180 wants: doubled quotes inside. */
const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
const ODD_NAME = `密云水库, "北" '; drop table water.water_sources; --`;

type SourceColumn = (typeof WATER_SOURCE_CSV_COLUMNS)[number];
type ZoneColumn = (typeof PROTECTION_ZONE_CSV_COLUMNS)[number];

function sourceLine(externalId: string, id: string, over: Partial<Record<SourceColumn, string>> = {}): string {
  const base: Record<SourceColumn, string> = {
    externalId,
    id,
    name: quoted(ODD_NAME),
    kind: 'SURFACE',
    districtCode: id.slice(3, 9),
    lon: '116.98',
    lat: '40.51',
    capacityM3PerDay: '850000',
    servedPopulation: '3400000',
    inServiceSince: '1960',
    ...over,
  };
  return WATER_SOURCE_CSV_COLUMNS.map((c) => base[c]).join(',');
}

/** A closed ring around a centre, with more decimals than any rounding would keep. */
const polygon = ([lon, lat]: readonly [number, number], r: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon - r, lat - r + 0.000000123],
      [lon + r, lat - r],
      [lon + r + 0.0000000004, lat + r],
      [lon - r, lat + r],
      [lon - r, lat - r + 0.000000123],
    ],
  ],
});

function zoneLine(externalId: string, id: string, waterSourceId: string, level: string, part: string, over: Partial<Record<ZoneColumn, string>> = {}): string {
  const base: Record<ZoneColumn, string> = {
    externalId,
    id,
    waterSourceId,
    level,
    part,
    geometry: quoted(JSON.stringify(polygon([116.98, 40.51], 0.02))),
    areaKm2: '12.5',
    approvedOn: '2019-06-30',
    approvalDocument: quoted('京政函〔2019〕42号, "approved"'),
    ...over,
  };
  return PROTECTION_ZONE_CSV_COLUMNS.map((c) => base[c]).join(',');
}

const SOURCE_HEADER = WATER_SOURCE_CSV_COLUMNS.join(',');
const ZONE_HEADER = PROTECTION_ZONE_CSV_COLUMNS.join(',');

// The kinds as the CLI finds them, so the registration is what is tested.
const sourcesKind = IMPORT_KINDS.water!['water-sources']!;
const zonesKind = IMPORT_KINDS.water!['protection-zones']!;
// Water's rows name no other agency's entity: an import that asked an owner would fail here.
const run = (kind: typeof sourcesKind, f: string, format: ImportFormat = 'csv') => importFile({ db: database.db, kind, file: f, format, subject: 'test', references: NO_REFERENCE_RESOLVER });

const counts = async () => {
  const [s] = await database.db.select({ n: count() }).from(waterSources);
  const [z] = await database.db.select({ n: count() }).from(protectionZones);
  const [a] = await database.db.select({ n: count() }).from(AUDIT_LOGS.water);
  return { sources: s!.n, zones: z!.n, audit: a!.n };
};

describe('importing water sources and protection zones (CSV and NDJSON through the mutation path)', () => {
  it('registers both kinds under water', () => {
    expect(sourcesKind).toBe(waterSourceImport);
    expect(zonesKind).toBe(protectionZoneImport);
  });

  it('imports a CSV of water sources, and importing it again changes nothing', async () => {
    const csv = file('sources.csv', [SOURCE_HEADER, sourceLine('imp-ws-1', 'WS-110118-01'), sourceLine('imp-ws-2', 'WS-110108-01', { kind: 'GROUNDWATER', name: 'Well field (synthetic)', lon: '116.3', lat: '39.99', servedPopulation: '', inServiceSince: '' })].join('\n'));
    expect(await run(sourcesKind, csv)).toMatchObject({ lines: 3, rows: 2, written: true, created: 2, updated: 0, unchanged: 0, badLineCount: 0 });
    expect(await counts()).toEqual({ sources: 2, zones: 0, audit: 2 });
    const [surface] = await database.db.select().from(waterSources).where(eq(waterSources.externalId, 'imp-ws-1'));
    expect(surface).toMatchObject({ id: 'WS-110118-01', name: ODD_NAME, kind: 'SURFACE', districtCode: '110118', lon: 116.98, lat: 40.51, capacityM3PerDay: 850000, servedPopulation: 3400000, inServiceSince: 1960 });
    const [well] = await database.db.select().from(waterSources).where(eq(waterSources.externalId, 'imp-ws-2'));
    expect(well).toMatchObject({ kind: 'GROUNDWATER', servedPopulation: null, inServiceSince: null });
    const audit = await database.db.select().from(AUDIT_LOGS.water);
    expect(audit.map((a) => a.operation)).toEqual(['import:submitWaterSources', 'import:submitWaterSources']);

    expect(await run(sourcesKind, csv)).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual({ sources: 2, zones: 0, audit: 2 });
  });

  it('imports NDJSON water sources, updating one the CSV created', async () => {
    const source = { externalId: 'imp-ws-2', id: 'WS-110108-01', name: 'Well field (synthetic)', kind: 'GROUNDWATER', districtCode: '110108', location: { type: 'Point', coordinates: [116.3, 39.99] }, capacityM3PerDay: 90_000 };
    const ndjson = file('sources.ndjson', `${JSON.stringify(source)}\n\n${JSON.stringify({ ...source, externalId: 'imp-ws-3', id: 'WS-110108-02', servedPopulation: 1200 })}\n`);
    expect(await run(sourcesKind, ndjson, 'ndjson')).toMatchObject({ lines: 3, rows: 2, written: true, created: 1, updated: 1, unchanged: 0 });
    const [well] = await database.db.select().from(waterSources).where(eq(waterSources.externalId, 'imp-ws-2'));
    expect(well!.capacityM3PerDay).toBe(90_000);
    expect(await run(sourcesKind, ndjson, 'ndjson')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual({ sources: 3, zones: 0, audit: 4 });
  });

  it('imports a CSV of protection zones with GeoJSON boundaries kept exactly, and importing it again changes nothing', async () => {
    const csv = file('zones.csv', [ZONE_HEADER, zoneLine('imp-z-1', 'WS-110118-01-L1-W', 'WS-110118-01', 'LEVEL_1', 'WATER'), zoneLine('imp-z-2', 'WS-110118-01-L1-L', 'WS-110118-01', 'LEVEL_1', 'LAND', { approvedOn: '', approvalDocument: '' })].join('\n'));
    expect(await run(zonesKind, csv)).toMatchObject({ lines: 3, rows: 2, written: true, created: 2, updated: 0, unchanged: 0, badLineCount: 0 });
    const [water] = await database.db.select().from(protectionZones).where(eq(protectionZones.externalId, 'imp-z-1'));
    expect(water).toMatchObject({ id: 'WS-110118-01-L1-W', waterSourceId: 'WS-110118-01', level: 'LEVEL_1', part: 'WATER', areaKm2: 12.5, approvedOn: '2019-06-30', approvalDocument: '京政函〔2019〕42号, "approved"' });
    expect(water!.geometry).toEqual(polygon([116.98, 40.51], 0.02));
    const [land] = await database.db.select().from(protectionZones).where(eq(protectionZones.externalId, 'imp-z-2'));
    expect(land).toMatchObject({ approvedOn: null, approvalDocument: null });
    expect(await counts()).toEqual({ sources: 3, zones: 2, audit: 6 });

    expect(await run(zonesKind, csv)).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual({ sources: 3, zones: 2, audit: 6 });
  });

  it('imports NDJSON protection zones, one submission per line', async () => {
    const zone = { externalId: 'imp-z-3', id: 'WS-110108-01-L1', waterSourceId: 'WS-110108-01', level: 'LEVEL_1', part: 'LAND', geometry: polygon([116.3, 39.99], 0.005), areaKm2: 0.4 };
    const ndjson = file('zones.ndjson', `${JSON.stringify(zone)}\n${JSON.stringify({ ...zone, externalId: 'imp-z-4', id: 'WS-110108-01-L2', level: 'LEVEL_2', geometry: polygon([116.3, 39.99], 0.01), areaKm2: 1.6 })}\n`);
    expect(await run(zonesKind, ndjson, 'ndjson')).toMatchObject({ lines: 2, rows: 2, written: true, created: 2, updated: 0, unchanged: 0 });
    expect(await run(zonesKind, ndjson, 'ndjson')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual({ sources: 3, zones: 4, audit: 8 });
    expect((await verifyAuditChain(database.db, AUDIT_LOGS.water)).problems).toEqual([]);
  });

  it('rejects a zone file with bad lines whole, naming every bad line, and writes nothing', async () => {
    const before = await counts();
    const csv = file('bad-zones.csv', [
      ZONE_HEADER,
      zoneLine('ok-2', 'WS-110118-01-Q', 'WS-110118-01', 'QUASI', 'LAND'),
      zoneLine('bad-3', 'WS-110118-01-L2', 'WS-110118-01', 'LEVEL_9', 'LAND'),
      zoneLine('bad-4', 'WS-110118-01-L2-L', 'WS-110118-01', 'LEVEL_2', 'LAND', { geometry: quoted('{"type": "Polygon"') }),
      zoneLine('bad-5', 'WS-110101-99-L1', 'WS-110101-99', 'LEVEL_1', 'LAND'),
      zoneLine('bad-6', 'WS-110108-02-L1-W', 'WS-110108-02', 'LEVEL_1', 'WATER'),
      zoneLine('bad-7', 'WS-110108-02-L1', 'WS-110108-02', 'LEVEL_1', 'LAND'),
      zoneLine('bad-7', 'WS-110108-02-L1', 'WS-110108-02', 'LEVEL_1', 'LAND'),
      zoneLine('bad-9', 'WS-110118-01-L2-W', 'WS-110118-01', 'LEVEL_2', 'WATER', { areaKm2: 'twelve' }),
    ].join('\n'));
    const summary = await run(zonesKind, csv);
    expect(summary.written).toBe(false);
    // The lines' own problems first, then what validation refuses, then what the stored data contradicts.
    expect(summary.badLines.map((b) => b.lines)).toEqual(['4', '7-8', '3', '9', '5', '6']);
    const message = (lines: string) => summary.badLines.find((b) => b.lines === lines)!.message;
    expect(message('4')).toMatch(/^geometry: not GeoJSON text/);
    expect(message('7-8')).toMatch(/2 consecutive lines have externalId "bad-7"/);
    expect(message('3')).toMatch(/^level: /);
    expect(message('9')).toMatch(/^areaKm2: /);
    expect(message('5')).toMatch(/^waterSourceId: no water source "WS-110101-99"/);
    expect(message('6')).toMatch(/^part: WS-110108-02 is a groundwater source/);
    expect(await counts()).toEqual(before);
  });

  it('rejects a source file with bad lines whole, including an id that contradicts the stored one', async () => {
    const before = await counts();
    const ok = { externalId: 'ok-1', id: 'WS-110105-01', name: 'Reservoir (synthetic)', kind: 'SURFACE', districtCode: '110105', location: { type: 'Point', coordinates: [116.5, 39.95] }, capacityM3PerDay: 1000 };
    const lines = [
      ok,
      { ...ok, externalId: 'bad-2', id: 'WS-110101-01' },
      { ...ok, externalId: 'bad-3', id: 'WS-110105-01' },
      { ...ok, externalId: 'imp-ws-1', id: 'WS-110105-07' },
      { ...ok, externalId: 'bad-5', id: 'WS-110105-02', capacityM3PerDay: 0 },
    ];
    const summary = await run(sourcesKind, file('bad-sources.ndjson', lines.map((l) => JSON.stringify(l)).join('\n')), 'ndjson');
    expect(summary.written).toBe(false);
    expect(summary.badLines.map((b) => b.lines)).toEqual(['2', '3', '5', '4']);
    const message = (at: string) => summary.badLines.find((b) => b.lines === at)!.message;
    expect(message('2')).toMatch(/^id: must carry the source's current district code 110105/);
    expect(message('3')).toMatch(/^id: "WS-110105-01" is also row 0/);
    expect(message('5')).toMatch(/^capacityM3PerDay: /);
    expect(message('4')).toMatch(/^id: externalId "imp-ws-1" is source WS-110118-01; a source's id never changes/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a CSV whose header is not the kind's", async () => {
    await expect(run(zonesKind, file('header.csv', `${SOURCE_HEADER}\n${sourceLine('x', 'WS-110118-09')}\n`))).rejects.toThrow(/the CSV header must be exactly/);
  });
});
