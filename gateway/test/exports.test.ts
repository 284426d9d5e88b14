import type { RunningHttpService } from '@soilgraph/server-kit';
import { type OperationDefinitionNode, parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_LISTS } from '../src/export-lists.ts';
import { ExportRefused, exportOperation, exportTarget, exportVariables } from '../src/exports.ts';
import { capturingLogger, fakeSubgraph, gatewayFromEnv, send, signedIn, unreachableSubgraphs } from './support.ts';

// The export endpoints' own parts (exports.ts, export-lists.ts): the query parameters, the
// operations, the statuses of a refused export and a download cut off when a later page fails.
// tests/exports.test.ts compares the files with the API's answers through the whole federation.

const list = (name: string) => EXPORT_LISTS.get(name)!;

/** The refusal `run` throws: its status and its one error. */
function refusal(run: () => unknown): { status: number; message: string; extensions: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ExportRefused)) throw error;
    expect(error.errors).toHaveLength(1);
    return { status: error.status, message: error.errors[0]!.message, extensions: { ...error.errors[0]!.extensions } };
  }
  throw new Error('expected a refusal');
}

describe('the path: <list>.<format>', () => {
  it('names a list and a format', () => {
    expect(exportTarget('soil-samples.geojson')).toEqual({ list: list('soil-samples'), format: 'geojson' });
    expect(exportTarget('parcels.csv').format).toBe('csv');
  });

  it.each(['farms.csv', 'parcels.xlsx', 'parcels', 'parcels.csv.csv', '.csv'])('%s: 404 NOT_FOUND, listing the lists', (file) => {
    const refused = refusal(() => exportTarget(file));
    expect(refused.status).toBe(404);
    expect(refused.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(refused.message).toMatch(new RegExp(`the lists are ${[...EXPORT_LISTS.keys()].join(', ')}`));
  });
});

describe('query parameters → the filter input', () => {
  it('no parameters: no filter fields, the whole list', () => {
    for (const l of EXPORT_LISTS.values()) expect(exportVariables(l, {})).toEqual({});
  });

  it('district: a GB/T 2260 code, the pre-2015 aliases made current', () => {
    expect(exportVariables(list('parcels'), { district: '110108' })).toEqual({ districtCode: '110108' });
    expect(exportVariables(list('parcels'), { district: '110228' })).toEqual({ districtCode: '110118' });
    expect(refusal(() => exportVariables(list('parcels'), { district: '999999' }))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^district: unknown district code "999999"/),
      extensions: { code: 'BAD_USER_INPUT', parameters: ['district'] },
    });
  });

  it('a list of codes: comma-separated, repeated, or both', () => {
    expect(exportVariables(list('parcels'), { landUse: '01, 0701' })).toEqual({ landUse: ['01', '0701'] });
    expect(exportVariables(list('parcels'), { landUse: ['01', '07,08'], plannedUse: 'R' })).toEqual({ landUse: ['01', '07', '08'], plannedUse: ['R'] });
    expect(refusal(() => exportVariables(list('parcels'), { landUse: ' , ' })).extensions).toEqual({ code: 'BAD_USER_INPUT', parameters: ['landUse'] });
  });

  it('bbox: minLon,minLat,maxLon,maxLat', () => {
    expect(exportVariables(list('monitoring-points'), { bbox: '116.1,39.8, 116.6,40.05' })).toEqual({ bbox: { minLon: 116.1, minLat: 39.8, maxLon: 116.6, maxLat: 40.05 } });
    for (const bad of ['116,39,117', '116,39,117,40,1', '116,,117,40', 'a,b,c,d']) {
      expect(refusal(() => exportVariables(list('monitoring-points'), { bbox: bad }))).toMatchObject({ status: 400, message: expect.stringMatching(/^bbox: must be minLon,minLat,maxLon,maxLat/) });
    }
  });

  it('sampledFrom and sampledTo: one date range, either end left out', () => {
    expect(exportVariables(list('soil-samples'), { sampledFrom: '2024-01-01', sampledTo: '2024-06-30' })).toEqual({ sampled: { from: '2024-01-01', to: '2024-06-30' } });
    expect(exportVariables(list('soil-samples'), { sampledTo: '2024-06-30' })).toEqual({ sampled: { to: '2024-06-30' } });
    expect(exportVariables(list('survey-points'), { sampledFrom: '2010-01-01' })).toEqual({ sampledOn: { from: '2010-01-01' } });
    expect(refusal(() => exportVariables(list('soil-samples'), { sampledFrom: '2024-02-30' })).extensions).toEqual({ code: 'BAD_USER_INPUT', parameters: ['sampledFrom'] });
  });

  it('enum values in any case, for the API to check; booleans true or false', () => {
    expect(exportVariables(list('soil-samples'), { analyte: 'cadmium', parcel: '110108-P0004' })).toEqual({ analyte: 'CADMIUM', parcelId: '110108-P0004' });
    expect(exportVariables(list('protection-zones'), { level: 'Level_1', part: 'LAND', waterSource: 'WS-110118-01' })).toEqual({
      level: 'LEVEL_1',
      part: 'LAND',
      waterSourceId: 'WS-110118-01',
    });
    expect(exportVariables(list('contaminated-sites'), { listed: 'false', status: 'listed' })).toEqual({ listed: false, status: 'LISTED' });
    expect(refusal(() => exportVariables(list('contaminated-sites'), { listed: 'maybe' })).extensions).toEqual({ code: 'BAD_USER_INPUT', parameters: ['listed'] });
    expect(refusal(() => exportVariables(list('monitoring-points'), { level: 'level 1; drop' })).extensions).toEqual({ code: 'BAD_USER_INPUT', parameters: ['level'] });
  });

  it('refuses an unknown parameter, naming it and those the list takes', () => {
    expect(refusal(() => exportVariables(list('parcels'), { district: '110108', colour: 'red' }))).toEqual({
      status: 400,
      message: 'Unknown parameter "colour": /export/parcels takes district, landUse, plannedUse, bbox',
      extensions: { code: 'BAD_USER_INPUT', parameters: ['colour'] },
    });
    // A parameter of another list is unknown here.
    expect(refusal(() => exportVariables(list('water-sources'), { analyte: 'CADMIUM' })).extensions).toEqual({ code: 'BAD_USER_INPUT', parameters: ['analyte'] });
  });

  it('refuses a single parameter given twice', () => {
    expect(refusal(() => exportVariables(list('water-sources'), { district: ['110108', '110105'] }))).toMatchObject({ status: 400, message: 'district: must be given once' });
  });
});

describe('the operations', () => {
  it.each([...EXPORT_LISTS.keys()].flatMap((name) => [[name, 'csv'] as const, [name, 'geojson'] as const]))('%s.%s: one variable per filter field, totalCount on the first page only', (name, format) => {
    const operation = parse(exportOperation(list(name), format));
    const definition = operation.definitions[0] as OperationDefinitionNode;
    expect(definition).toMatchObject({ kind: 'OperationDefinition', operation: 'query' });
    const variables = definition.variableDefinitions!.map((v) => v.variable.name.value);
    expect(variables).toEqual(['first', 'after', 'count', ...Object.keys(list(name).filter)]);
    expect(exportOperation(list(name), format)).toContain('totalCount @include(if: $count)');
  });
});

describe('over HTTP, in front of subgraphs that do not answer', () => {
  let gateway: RunningHttpService;
  beforeAll(async () => {
    gateway = await gatewayFromEnv();
  });
  afterAll(async () => {
    await gateway?.close();
  });
  const exportUrl = (file: string) => gateway.url.replace(/\/graphql$/, `/export/${file}`);

  // The gateway validates each operation against its API schema before it calls a subgraph: a 503
  // (not a 400 GRAPHQL_VALIDATION_FAILED) shows that every list's operation is valid for the supergraph.
  it.each([...EXPORT_LISTS.keys()].flatMap((name) => [`${name}.csv`, `${name}.geojson`]))('%s: 503 SUBGRAPH_UNAVAILABLE in JSON, nothing of a file', async (file) => {
    const answer = await send(exportUrl(file), { headers: await signedIn() });
    expect(answer.status, answer.text).toBe(503);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.errors![0]!.extensions!.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(answer.text).not.toMatch(/stacktrace|\n\s+at /);
  });

  it('anonymous: 401 before any subgraph is asked, as /graphql answers the same list', async () => {
    const answer = await send(exportUrl('parcels.csv'));
    expect(answer.status).toBe(401);
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', fields: expect.arrayContaining(['Query.parcels']) });
  });

  it('an invalid token: 401 UNAUTHENTICATED', async () => {
    const answer = await send(exportUrl('parcels.csv'), { headers: { authorization: 'Bearer not-a-token' } });
    expect(answer.status).toBe(401);
    expect(answer.errors).toEqual([{ message: expect.stringMatching(/^Invalid token/), extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('only GET and HEAD: 405 for another method', async () => {
    const answer = await send(exportUrl('parcels.csv'), { method: 'POST', headers: await signedIn() });
    expect(answer.status).toBe(405);
    expect(answer.errors).toEqual([{ message: 'Exports are read with GET, not POST', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('a parameter refused before any subgraph is asked: 400 with the parameter named', async () => {
    const answer = await send(`${exportUrl('parcels.geojson')}?bbox=1,2`, { headers: await signedIn() });
    expect(answer.status).toBe(400);
    expect(answer.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', parameters: ['bbox'] });
  });
});

describe('in front of a stand-in planning', () => {
  const closing: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const service of closing.splice(0).reverse()) await service.close();
  });

  const parcel = (n: number) => ({
    id: `110108-P${String(n).padStart(4, '0')}`,
    externalId: `x-${n}`,
    name: `Parcel ${n}`,
    district: { __typename: 'District', code: '110108' },
    landUse: '0101',
    landUseName: 'paddy field',
    plannedUse: null,
    plannedUseName: null,
    areaHa: n + 0.5,
    geometry: { type: 'Point', coordinates: [116.3, 39.9] },
  });
  const page = (from: number, hasNextPage: boolean) => ({
    parcels: {
      totalCount: 150,
      pageInfo: { hasNextPage, endCursor: `after-${from + 99}` },
      edges: Array.from({ length: 100 }, (_, i) => ({ node: parcel(from + i) })),
    },
  });

  /** A gateway in front of a stand-in planning that answers each page request with `answer(after)`. */
  async function gatewayOverPlanning(answer: (after: string | undefined) => unknown) {
    const afters: (string | undefined)[] = [];
    const planning = await fakeSubgraph((body, res) => {
      const after = (body as unknown as { variables: { after?: string | null } }).variables.after ?? undefined;
      afters.push(after);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer(after)));
    });
    closing.push(planning);
    const { logger, lines } = capturingLogger();
    const gateway = await gatewayFromEnv({}, { ...unreachableSubgraphs, planning: planning.url }, logger);
    closing.push(gateway);
    return { exportUrl: (file: string) => gateway.url.replace(/\/graphql$/, `/export/${file}`), afters, lines };
  }

  /** Reads a response's body to its end or until it breaks. */
  async function readAll(response: Response): Promise<{ text: string; broken: boolean }> {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { text, broken: false };
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      return { text, broken: true };
    }
  }

  it('CSV cells: quoted where needed, numbers as given, null empty, a formula defused', async () => {
    const odd = { ...parcel(1), name: 'Lot "A", north\nfield', plannedUse: '=HYPERLINK("http://x")', areaHa: 0.30000000000000004 };
    const { exportUrl } = await gatewayOverPlanning(() => ({ data: { parcels: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: 'e' }, edges: [{ node: odd }] } } }));
    const response = await fetch(exportUrl('parcels.csv'), { headers: await signedIn() });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(
      'id,externalId,name,districtCode,landUse,landUseName,plannedUse,plannedUseName,areaHa,geometry\n' +
        '110108-P0001,x-1,"Lot ""A"", north\nfield",110108,0101,paddy field,"\'=HYPERLINK(""http://x"")",,0.30000000000000004,"{""type"":""Point"",""coordinates"":[116.3,39.9]}"\n',
    );
  });

  it('an empty list: the header row alone, or a collection without features', async () => {
    const { exportUrl } = await gatewayOverPlanning(() => ({ data: { parcels: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } }));
    const csv = await fetch(exportUrl('parcels.csv'), { headers: await signedIn() });
    expect(csv.headers.get('x-total-count')).toBe('0');
    expect(await csv.text()).toBe('id,externalId,name,districtCode,landUse,landUseName,plannedUse,plannedUseName,areaHa,geometry\n');
    const geojson = await fetch(exportUrl('parcels.geojson'), { headers: await signedIn() });
    expect(JSON.parse(await geojson.text())).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it.each([
    ['csv', 'id,externalId,name,districtCode,landUse,landUseName,plannedUse,plannedUseName,areaHa,geometry'],
    ['geojson', '{"type":"FeatureCollection","features":['],
  ])('a later page that fails cuts the %s download off (the client sees it break, not a short file); it is logged', async (format, start) => {
    // The first page of 100 says there is more; the second fails.
    const { exportUrl, afters, lines } = await gatewayOverPlanning((after) =>
      after === undefined ? { data: page(1, true) } : { data: null, errors: [{ message: 'The planning database is unavailable', path: ['parcels'], extensions: { code: 'DATABASE_UNAVAILABLE' } }] },
    );
    const response = await fetch(exportUrl(`parcels.${format}`), { headers: await signedIn() });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-total-count')).toBe('150');
    const { text, broken } = await readAll(response);
    expect(broken).toBe(true);
    expect(afters).toEqual([undefined, 'after-100']);
    // What came before the failure was sent as it was read; the file never ends as if it were whole.
    expect(text.split('\n')[0]).toBe(start);
    expect(text).toContain('110108-P0100');
    expect(text).not.toMatch(/\]\}\n$/);
    const logged = lines.find((l) => l.msg === 'export cut off: a later page failed');
    expect(logged).toMatchObject({ list: 'parcels', format, rows: 100, errors: [{ extensions: { code: 'DATABASE_UNAVAILABLE' } }] });
  });

  it('a client that goes away stops the paging: pages are read as the file is taken, not ahead of it', async () => {
    // An endless list: every page says there is another.
    const { exportUrl, afters, lines } = await gatewayOverPlanning((after) => ({ data: page(after === undefined ? 1 : Number(after.slice(6)) + 1, true) }));
    const abort = new AbortController();
    const response = await fetch(exportUrl('parcels.csv'), { headers: await signedIn(), signal: abort.signal });
    const reader = response.body!.getReader();
    await reader.read();
    abort.abort();
    await expect.poll(() => lines.some((l) => l.msg === 'export cancelled: the client closed the connection'), { timeout: 5000 }).toBe(true);
    // The page in flight when the client left may still be asked for; none after it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = afters.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(afters.length).toBe(asked);
    // Only what the socket buffers hold is read ahead of the client, a few pages: an endless list is not read into memory.
    expect(asked).toBeLessThan(10);
  });
});
