import { agencyScopes, GATEWAY_SIGNATURE_HEADER, signGatewayRequest } from '@soilgraph/auth';
import { TEST_AUTH_ENV, testAuthConfig, tokenFor } from '@soilgraph/testkit';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { demo, gateway } from './support/gateway.ts';

// Access as design.md ("Access") and issue 6 describe it, through the running gateway and, for
// the attacks that skip it, straight at a subgraph.

const secret = new TextEncoder().encode(TEST_AUTH_ENV.AUTH_SECRET);
const claims = (overrides: Record<string, unknown> = {}) => ({ agency: 'environment', scope: 'environment:read', ...overrides });
function signed(overrides: Record<string, unknown> = {}, { expires = '5m', audience = 'soilgraph', key = secret } = {}) {
  return new SignJWT(claims(overrides)).setProtectedHeader({ alg: 'HS256' }).setSubject('attacker').setIssuer('soilgraph').setAudience(audience).setExpirationTime(expires).sign(key);
}

const PUBLISHED_QUERY = '{ city { name soilRisk { parcelsSampled } } district(code: "110108") { name monitoringNetwork { samples } } }';

describe('anonymous callers', () => {
  it('read the published, aggregated data', async () => {
    const { status, data, errors } = await gateway(PUBLISHED_QUERY, undefined, { as: 'anonymous' });
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    expect(data!.city.soilRisk.parcelsSampled).toBeGreaterThan(0);
    expect(data!.district.monitoringNetwork.samples).toBeGreaterThan(0);
  });

  it('are refused anything else, before planning, with 401 and the fields named', async () => {
    const { status, data, errors } = await gateway('{ city { name sensitiveUseChangesWithoutSurvey { edges { node { parcel { id } } } } } parcels(first: 1) { totalCount } }', undefined, { as: 'anonymous' });
    expect(status).toBe(401);
    expect(data).toBeUndefined();
    expect(errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', fields: expect.arrayContaining(['City.sensitiveUseChangesWithoutSurvey', 'Query.parcels', 'Parcel.id']) });
    expect(errors![0]!.extensions!.fields).not.toContain('City.name');
  });

  it('cannot submit data', async () => {
    const { status, errors } = await gateway('mutation { submitParcels(parcels: []) { created } }', undefined, { as: 'anonymous' });
    expect(status).toBe(401);
    expect(errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('tokens the gateway refuses with 401', () => {
  it.each([
    ['an expired token', () => signed({}, { expires: '-2m' }), /expired/],
    ['a token signed with another key', () => signed({}, { key: new TextEncoder().encode('k'.repeat(40)) }), /signature/],
    ['an unsigned token (alg: none)', async () => new UnsecuredJWT(claims({ sub: 'attacker' })).setIssuer('soilgraph').setAudience('soilgraph').setExpirationTime('5m').encode(), /algorithm/],
    ['a token for another audience', () => signed({}, { audience: 'elsewhere' }), /aud/],
    ['a token that grants itself another agency’s scope', () => signed({ scope: 'environment:read planning:write' }), /planning:write/],
  ])('%s', async (_name, make, reason) => {
    const { status, data, errors } = await gateway(PUBLISHED_QUERY, undefined, { token: await make() });
    expect(status).toBe(401);
    expect(data).toBeUndefined();
    expect(errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(errors![0]!.message).toMatch(reason);
    expect(JSON.stringify(errors)).not.toMatch(/stacktrace|\bat .*\.ts:\d+/);
  });
});

describe('writes need the owning agency’s write scope', () => {
  const parcel = demo.planning.parcels[0]!;
  const submission = `mutation($p: [ParcelSubmission!]!) { submitParcels(parcels: $p) { created updated unchanged } }`;
  const row = { externalId: 'ACCESS-TEST-1', id: '110105-P9990', name: 'Access test', districtCode: '110105', landUse: parcel.landUse, areaHa: 1.5, geometry: parcel.geometry };

  it('environment cannot write planning’s parcels: FORBIDDEN at the mutation’s path, nothing written', async () => {
    const { data, errors } = await gateway(submission, { p: [row] }, { as: 'environment' });
    expect(data).toBeNull();
    expect(errors).toMatchObject([{ path: ['submitParcels'], extensions: { code: 'FORBIDDEN' } }]);
    const after = await gateway('{ parcel(id: "110105-P9990") { id } }', undefined, { as: 'planning' });
    expect(after.data!.parcel).toBeNull();
  });

  it('planning with read scope only cannot write either', async () => {
    const { errors } = await gateway(submission, { p: [row] }, { token: await tokenFor('planning', ['planning:read']) });
    expect(errors).toMatchObject([{ path: ['submitParcels'], extensions: { code: 'FORBIDDEN', requiredScopes: ['planning:write'] } }]);
  });
});

describe('restricted fields', () => {
  const enterprise = demo.environment.enterprises[0]!;
  const query = `{ enterprise(creditCode: "${enterprise.creditCode}") { name selfMonitoringReports { year } } }`;

  it('are null with FORBIDDEN at their path for other agencies, and the rest of the response stands', async () => {
    const { data, errors } = await gateway(query, undefined, { as: 'planning' });
    expect(data!.enterprise).toEqual({ name: enterprise.name, selfMonitoringReports: null });
    expect(errors).toMatchObject([{ path: ['enterprise', 'selfMonitoringReports'], extensions: { code: 'FORBIDDEN', requiredScopes: ['environment:read'] } }]);
  });

  it('are answered for the agency holding the scope', async () => {
    const { data, errors } = await gateway(query, undefined, { as: 'environment' });
    expect(errors).toBeUndefined();
    expect(Array.isArray(data!.enterprise.selfMonitoringReports)).toBe(true);
  });

  it('deny water-source intakes to other agencies, item by item in a list', async () => {
    const { data, errors } = await gateway('{ waterSources(first: 3) { edges { node { id location } } } }', undefined, { as: 'agriculture' });
    expect(data!.waterSources.edges.map((e: { node: { location: unknown } }) => e.node.location)).toEqual([null, null, null]);
    expect(errors!.map((e) => e.path)).toEqual([0, 1, 2].map((i) => ['waterSources', 'edges', i, 'node', 'location']));
  });
});

describe('the audit log', () => {
  const creditCode = demo.environment.enterprises[1]!.creditCode;
  const report = { externalId: 'ACCESS-AUDIT-1', enterpriseCreditCode: creditCode, year: 2023, reportedOn: '2024-03-01', summary: 'Access test <>\'"; 土壤', exceedances: 0 };
  const auditQuery = `{ environmentAuditLog(filter: { entityType: "SelfMonitoringReport", operation: "submitSelfMonitoringReports" }, first: 5) { totalCount edges { node { subject agency operation entityKey change hash prevHash } } } }`;

  it('records the token’s subject and is readable with the agency’s audit scope only', async () => {
    const write = await gateway('mutation($r: [SelfMonitoringReportSubmission!]!) { submitSelfMonitoringReports(reports: $r) { rows { id } } }', { r: [report] }, { as: 'environment' });
    expect(write.errors).toBeUndefined();
    const id = write.data!.submitSelfMonitoringReports.rows[0].id;

    const { data, errors } = await gateway(auditQuery, undefined, { as: 'environment' });
    expect(errors).toBeUndefined();
    const entry = data!.environmentAuditLog.edges.find((e: { node: { entityKey: string } }) => e.node.entityKey === id)?.node;
    expect(entry).toMatchObject({ subject: 'test:environment', agency: 'environment', operation: 'submitSelfMonitoringReports', change: 'CREATED' });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);

    const withoutScope = await gateway(auditQuery, undefined, { token: await tokenFor('environment', ['environment:read', 'environment:write']) });
    expect(withoutScope.errors).toMatchObject([{ path: ['environmentAuditLog'], extensions: { code: 'FORBIDDEN', requiredScopes: ['environment:audit'] } }]);
    const otherAgency = await gateway(auditQuery, undefined, { as: 'planning' });
    expect(otherAgency.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('subgraphs answer the gateway only', () => {
  const subgraph = () => inject('subgraphUrls').planning!;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(subgraph(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const entities = { query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Parcel { id geometry } } }', variables: { r: [{ __typename: 'Parcel', id: demo.planning.parcels[0]!.id }] } };

  it('refuses a direct call, even with a valid token, and _entities called directly', async () => {
    const authorization = `Bearer ${await tokenFor('planning', agencyScopes('planning'))}`;
    for (const body of [{ query: '{ parcels(first: 1) { totalCount } }' }, entities]) {
      const response = await post(body, { authorization });
      expect(response.status).toBe(401);
      const json = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
      expect(json.data).toBeUndefined();
      expect(json.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(json.errors[0]!.message).toMatch(/gateway only/);
    }
  });

  it('refuses a forged gateway signature and one replayed with another token', async () => {
    const forged = await new SignJWT({ ath: 'x' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('soilgraph-gateway').setAudience('soilgraph-subgraph').setExpirationTime('1m').sign(secret);
    expect((await post(entities, { [GATEWAY_SIGNATURE_HEADER]: forged })).status).toBe(401);
    const anonymousSignature = await signGatewayRequest(testAuthConfig, undefined);
    const replayed = await post(entities, { [GATEWAY_SIGNATURE_HEADER]: anonymousSignature, authorization: `Bearer ${await tokenFor('planning')}` });
    expect(replayed.status).toBe(401);
  });
});
