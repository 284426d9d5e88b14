import { requiresSoilSurvey } from '@soilgraph/domain';
import { createSubgraphHarness, type GraphQLResult, type SubgraphHarness } from '@soilgraph/testkit';
import { encodeCursor } from '@soilgraph/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context.ts';
import { sensitiveUseChangesWithoutSurvey } from '../src/resolvers/LandUseChange.ts';
import { environmentSubgraph } from '../src/server.ts';
import { agencyCaller } from '@soilgraph/auth';

let harness: SubgraphHarness;
beforeAll(async () => {
  harness = await createSubgraphHarness(environmentSubgraph);
});
afterAll(() => harness.close());

type Demo = SubgraphHarness['demo'];
type DemoSite = Demo['environment']['contaminatedSites'][number];
type DemoSurvey = Demo['environment']['soilSurveys'][number];
type DemoChange = Demo['planning']['landUseChanges'][number];
interface IdConnection {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

// The answer key, written out independently of the code under test.
const STATUSES = ['SUSPECTED', 'SURVEYED', 'LISTED', 'UNDER_CONTROL', 'UNDER_REMEDIATION', 'REMEDIATED', 'REASSESSED'] as const;
const LISTED = new Set<string>(['LISTED', 'UNDER_CONTROL', 'UNDER_REMEDIATION', 'REMEDIATED']);
/** GB 50137 classes a listed site may not be used for: residential (R), public administration and services (A). */
const barredWhileListed = (plannedUse: string | null | undefined) => plannedUse != null && (plannedUse.startsWith('R') || plannedUse.startsWith('A'));
/** Which status may follow which in a site's history. */
const NEXT: Record<string, readonly string[]> = {
  SUSPECTED: ['SURVEYED', 'LISTED'],
  SURVEYED: [],
  LISTED: ['UNDER_CONTROL', 'UNDER_REMEDIATION'],
  UNDER_CONTROL: ['REASSESSED'],
  UNDER_REMEDIATION: ['REMEDIATED'],
  REMEDIATED: ['REASSESSED'],
  REASSESSED: [],
};

const sites = () => harness.demo.environment.contaminatedSites;
const changes = () => harness.demo.environment.siteStatusChanges;
const surveys = () => harness.demo.environment.soilSurveys;
const parcelOf = (id: string) => harness.demo.planning.parcels.find((p) => p.id === id)!;
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const siteIds = (rows: DemoSite[]) => rows.map((s) => s.id).sort(byCodeUnits);
const historyOf = (siteId: string) => changes().filter((c) => c.siteId === siteId).sort((a, b) => byCodeUnits(a.changedOn, b.changedOn) || byCodeUnits(a.id, b.id));
const surveysOf = (parcelId: string) => surveys().filter((s) => s.parcelId === parcelId).sort((a, b) => byCodeUnits(a.startedOn, b.startedOn) || byCodeUnits(a.id, b.id));
const nodeIds = (c: IdConnection) => c.edges.map((e) => e.node.id);
const PAGE = `totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const SURVEY = 'id externalId parcel { id } stage startedOn completedOn conclusion report';
const surveyJson = (s: DemoSurvey) => ({
  id: s.id,
  externalId: s.externalId,
  parcel: { id: s.parcelId },
  stage: s.stage,
  startedOn: s.startedOn,
  completedOn: s.completedOn,
  conclusion: s.conclusion,
  report: s.report,
});
/** Sensitive-use changes (plan item 17) as planning would send them: not rejected, to a use that needs a survey. */
const sensitiveChanges = (districtCode?: string) =>
  harness.demo.planning.landUseChanges.filter(
    (c) => requiresSoilSurvey(c.toPlannedUse) && c.status !== 'REJECTED' && (districtCode === undefined || c.districtCode === districtCode),
  );
const changeRef = (c: DemoChange) => ({ id: c.id, proposedOn: c.proposedOn, parcel: { id: c.parcelId } });
/** Planning's order of sensitive-use changes: most recently proposed first (date, then id, both descending). */
const newestProposedFirst = (a: DemoChange, b: DemoChange) => byCodeUnits(b.proposedOn, a.proposedOn) || byCodeUnits(b.id, a.id);
/** The expected gaps: changes whose parcel has no completed survey, newest proposal first, with the newest survey in progress. */
const expectedGaps = (list: DemoChange[]) =>
  [...list]
    .sort(newestProposedFirst)
    .filter((c) => !surveysOf(c.parcelId).some((s) => s.completedOn !== null))
    .map((c) => {
      const open = surveysOf(c.parcelId).filter((s) => s.completedOn === null);
      return { change: { id: c.id }, parcel: { id: c.parcelId }, surveyInProgress: open.length === 0 ? null : surveyJson(open.at(-1)!) };
    });

const entities = (selection: string, representations: unknown[]) =>
  harness.query(`query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, { representations });

async function allPages(args: string, pageSize: number): Promise<{ ids: string[]; pages: number; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = -1;
  for (;;) {
    const { data, errors }: GraphQLResult<Record<string, IdConnection>> = await harness.query(
      `query($after: String) { contaminatedSites(${args} first: ${pageSize}, after: $after) { ${PAGE} } }`,
      { after },
    );
    expect(errors).toBeUndefined();
    const connection: IdConnection = data!.contaminatedSites!;
    expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
    expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
    ids.push(...nodeIds(connection));
    totalCount = connection.totalCount;
    pages++;
    if (!connection.pageInfo.hasNextPage) return { ids, pages, totalCount };
    expect(connection.edges).toHaveLength(pageSize);
    after = connection.pageInfo.endCursor;
  }
}

describe('contaminated-site registry demo data', () => {
  it('labels every site and survey synthetic and gives it a demo-environment externalId', () => {
    expect(sites().length).toBeGreaterThan(0);
    for (const row of [...sites(), ...surveys()]) expect(row.externalId).toMatch(/^demo-environment-/);
    for (const site of sites()) {
      expect(site.name).toMatch(/ \(synthetic\)$/);
      expect(site.id).toMatch(new RegExp(`^CS-${site.districtCode}-\\d{2}$`));
    }
    for (const survey of surveys()) {
      expect(survey.report).toMatch(/ \(synthetic\)$/);
      expect(survey.id).toMatch(new RegExp(`^SV-${survey.parcelId}-\\d{2}$`));
    }
    for (const change of changes()) expect(change.document).toMatch(/ \(synthetic\)$/);
  });

  it('puts sites on industrial parcels or parcels of supervised enterprises, one site per parcel', () => {
    const enterpriseParcels = new Set(harness.demo.environment.enterprises.map((e) => e.parcelId));
    for (const site of sites()) {
      const parcel = parcelOf(site.parcelId);
      expect(parcel.districtCode).toBe(site.districtCode);
      expect(parcel.landUse.startsWith('06') || enterpriseParcels.has(site.parcelId)).toBe(true);
      if (site.enterpriseCreditCode !== null) {
        expect(harness.demo.environment.enterprises.find((e) => e.creditCode === site.enterpriseCreditCode)?.parcelId).toBe(site.parcelId);
      }
    }
    expect(new Set(sites().map((s) => s.parcelId)).size).toBe(sites().length);
  });

  it('spreads the sites over every status', () => {
    expect(new Set(sites().map((s) => s.status))).toEqual(new Set(STATUSES));
  });

  it("gives each site a plausible history whose newest change is the site's status", () => {
    for (const site of sites()) {
      const history = historyOf(site.id);
      expect(history[0]!.status).toBe('SUSPECTED');
      for (let i = 1; i < history.length; i++) {
        expect(NEXT[history[i - 1]!.status]).toContain(history[i]!.status);
        expect(history[i]!.changedOn >= history[i - 1]!.changedOn).toBe(true);
      }
      expect({ status: site.status, statusSince: site.statusSince }).toEqual({ status: history.at(-1)!.status, statusSince: history.at(-1)!.changedOn });
    }
  });

  it('backs each step of a history with the survey it needs', () => {
    for (const site of sites()) {
      const history = historyOf(site.id);
      const completedBy = (day: string) => surveysOf(site.parcelId).filter((s) => s.completedOn !== null && s.completedOn <= day);
      for (const step of history) {
        const done = completedBy(step.changedOn);
        if (step.status === 'LISTED') expect(done.some((s) => s.stage === 'RISK_ASSESSMENT' && s.conclusion === 'RISK_UNACCEPTABLE')).toBe(true);
        if (step.status === 'SURVEYED') expect(['BELOW_SCREENING', 'RISK_ACCEPTABLE']).toContain(done.at(-1)?.conclusion);
        if (step.status === 'REASSESSED') expect(done.some((s) => s.stage === 'EFFECT_EVALUATION' && s.conclusion === 'TARGETS_MET')).toBe(true);
      }
      for (const survey of surveysOf(site.parcelId)) {
        expect(survey.completedOn === null).toBe(survey.conclusion === null);
        if (survey.completedOn !== null) expect(survey.completedOn >= survey.startedOn).toBe(true);
        expect(survey.startedOn >= history[0]!.changedOn).toBe(true);
      }
    }
  });

  it('lists at least two sites whose planned use the negative list forbids, when such parcels exist', () => {
    const enterpriseParcels = new Set(harness.demo.environment.enterprises.map((e) => e.parcelId));
    const candidates = harness.demo.planning.parcels.filter((p) => (p.landUse.startsWith('06') || enterpriseParcels.has(p.id)) && barredWhileListed(p.plannedUse));
    const breaking = sites().filter((s) => LISTED.has(s.status) && barredWhileListed(parcelOf(s.parcelId).plannedUse));
    expect(breaking.length).toBeGreaterThanOrEqual(Math.min(2, candidates.length));
  });

  it('surveys some sensitive-use changes before they were proposed, leaves some in progress and some not surveyed', () => {
    const registry = new Set(sites().map((s) => s.parcelId));
    const outside = sensitiveChanges().filter((c) => !registry.has(c.parcelId));
    const completedBefore = outside.filter((c) => surveysOf(c.parcelId).some((s) => s.stage === 'PRELIMINARY' && s.completedOn !== null && s.completedOn < c.proposedOn));
    const inProgress = outside.filter((c) => surveysOf(c.parcelId).some((s) => s.completedOn === null));
    const none = outside.filter((c) => surveysOf(c.parcelId).length === 0);
    expect(completedBefore.length).toBeGreaterThan(0);
    expect(inProgress.length).toBeGreaterThan(0);
    expect(none.length).toBeGreaterThan(0);
    expect(completedBefore.length + inProgress.length + none.length).toBe(outside.length);
  });
});

describe('contaminated sites', () => {
  const SITE = 'id externalId name district { code } parcel { id } enterprise { creditCode } formerActivity status statusSince listed';
  const siteJson = (s: DemoSite) => ({
    id: s.id,
    externalId: s.externalId,
    name: s.name,
    district: { code: s.districtCode },
    parcel: { id: s.parcelId },
    enterprise: s.enterpriseCreditCode === null ? null : { creditCode: s.enterpriseCreditCode },
    formerActivity: s.formerActivity,
    status: s.status,
    statusSince: s.statusSince,
    listed: LISTED.has(s.status),
  });

  it('looks every site up by id with its district, parcel, enterprise and status', async () => {
    for (const site of sites()) {
      const { data, errors } = await harness.query(`query($id: ID!) { contaminatedSite(id: $id) { ${SITE} } }`, { id: site.id });
      expect(errors).toBeUndefined();
      expect(data!.contaminatedSite).toEqual(siteJson(site));
    }
    expect(sites().some((s) => s.enterpriseCreditCode === null)).toBe(true);
    expect(sites().some((s) => s.enterpriseCreditCode !== null)).toBe(true);
  });

  it('returns null for a site id that does not exist', async () => {
    const { data, errors } = await harness.query(`{ contaminatedSite(id: "CS-999999-99") { id } }`);
    expect(errors).toBeUndefined();
    expect(data!.contaminatedSite).toBeNull();
  });

  it('gives each history oldest first and the surveys of the parcel oldest first', async () => {
    for (const site of sites()) {
      const { data, errors } = await harness.query(
        `query($id: ID!) { contaminatedSite(id: $id) { history { status changedOn document } surveys { ${SURVEY} } } }`,
        { id: site.id },
      );
      expect(errors).toBeUndefined();
      expect(data!.contaminatedSite.history).toEqual(historyOf(site.id).map((c) => ({ status: c.status, changedOn: c.changedOn, document: c.document })));
      expect(data!.contaminatedSite.surveys).toEqual(surveysOf(site.parcelId).map(surveyJson));
    }
  });

  const someDistrict = () => sites()[0]!.districtCode;
  const filters: { name: string; filter: () => string; expected: () => DemoSite[] }[] = [
    { name: 'no filter', filter: () => '', expected: () => sites() },
    { name: 'one district', filter: () => `filter: { districtCode: "${someDistrict()}" }`, expected: () => sites().filter((s) => s.districtCode === someDistrict()) },
    { name: 'Miyun by its pre-2015 code', filter: () => 'filter: { districtCode: "110228" }', expected: () => sites().filter((s) => s.districtCode === '110118') },
    { name: 'a district without sites', filter: () => 'filter: { districtCode: "110101" }', expected: () => sites().filter((s) => s.districtCode === '110101') },
    ...STATUSES.map((status) => ({ name: `status ${status}`, filter: () => `filter: { status: ${status} }`, expected: () => sites().filter((s) => s.status === status) })),
    { name: 'listed', filter: () => 'filter: { listed: true }', expected: () => sites().filter((s) => LISTED.has(s.status)) },
    { name: 'not listed', filter: () => 'filter: { listed: false }', expected: () => sites().filter((s) => !LISTED.has(s.status)) },
    { name: 'listed and suspected (nothing)', filter: () => 'filter: { listed: true, status: SUSPECTED }', expected: () => [] },
    {
      name: 'district and listed together',
      filter: () => `filter: { districtCode: "${someDistrict()}", listed: true }`,
      expected: () => sites().filter((s) => s.districtCode === someDistrict() && LISTED.has(s.status)),
    },
  ];
  for (const { name, filter, expected } of filters) {
    it(`lists sites in id order with their total count: ${name}`, async () => {
      const want = siteIds(expected());
      const { data, errors } = await harness.query(`{ contaminatedSites(${filter()} first: 100) { ${PAGE} } }`);
      expect(errors).toBeUndefined();
      expect(nodeIds(data!.contaminatedSites)).toEqual(want);
      expect(data!.contaminatedSites.totalCount).toBe(want.length);
      expect(data!.contaminatedSites.pageInfo.hasNextPage).toBe(false);
    });
  }

  for (const [name, args, expected] of [
    ['all sites', '', () => sites()],
    ['listed sites', 'filter: { listed: true }', () => sites().filter((s) => LISTED.has(s.status))],
  ] as const) {
    it(`pages through ${name} in id order with cursors, without gaps or repeats`, async () => {
      const { ids, pages, totalCount } = await allPages(args, 2);
      const want = siteIds(expected());
      expect(ids).toEqual(want);
      expect(totalCount).toBe(want.length);
      expect(pages).toBe(Math.max(1, Math.ceil(want.length / 2)));
    });
  }

  it('resolves sites by key, with null for an unknown key', async () => {
    const site = sites()[1]!;
    const { data, errors } = await entities(`... on ContaminatedSite { id status parcel { id } }`, [
      { __typename: 'ContaminatedSite', id: site.id },
      { __typename: 'ContaminatedSite', id: 'CS-000000-00' },
    ]);
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ id: site.id, status: site.status, parcel: { id: site.parcelId } }, null]);
  });

  it("extends districts with their sites, narrowed by the filter, and a filter naming another district matches nothing", async () => {
    const code = someDistrict();
    const other = sites().find((s) => s.districtCode !== code)!.districtCode;
    const { data, errors } = await entities(
      `... on District { all: contaminatedSites { ${PAGE} } listed: contaminatedSites(filter: { listed: true }) { ${PAGE} } elsewhere: contaminatedSites(filter: { districtCode: "${other}" }) { ${PAGE} } }`,
      [{ __typename: 'District', code }],
    );
    expect(errors).toBeUndefined();
    const [district] = data!._entities;
    expect(nodeIds(district.all)).toEqual(siteIds(sites().filter((s) => s.districtCode === code)));
    expect(nodeIds(district.listed)).toEqual(siteIds(sites().filter((s) => s.districtCode === code && LISTED.has(s.status))));
    expect(district.elsewhere).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });

  it("extends parcels with their site (null when none) and their surveys oldest first", async () => {
    const site = sites()[0]!;
    const changeParcel = sensitiveChanges().find((c) => surveysOf(c.parcelId).length > 0 && !sites().some((s) => s.parcelId === c.parcelId))!.parcelId;
    const unsurveyed = harness.demo.planning.parcels.find((p) => surveysOf(p.id).length === 0)!.id;
    const { data, errors } = await entities(
      `... on Parcel { id contaminatedSite { id status } soilSurveys { ${SURVEY} } }`,
      [site.parcelId, changeParcel, unsurveyed].map((id) => ({ __typename: 'Parcel', id })),
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([
      { id: site.parcelId, contaminatedSite: { id: site.id, status: site.status }, soilSurveys: surveysOf(site.parcelId).map(surveyJson) },
      { id: changeParcel, contaminatedSite: null, soilSurveys: surveysOf(changeParcel).map(surveyJson) },
      { id: unsurveyed, contaminatedSite: null, soilSurveys: [] },
    ]);
  });
});

describe('negative list (land-use restrictions)', () => {
  const RESTRICTIONS = '... on ContaminatedSite { id restrictions { rule forbiddenPlannedUses source violatedByPlannedUse } }';
  const asSent = (site: DemoSite, plannedUse: string | null) => ({ __typename: 'ContaminatedSite', id: site.id, parcel: { id: site.parcelId, plannedUse } });
  interface Restriction {
    rule: string;
    forbiddenPlannedUses: string[];
    source: string;
    violatedByPlannedUse: boolean;
  }

  it("judges each listed site's rules against its parcel's planned use, and lists none for sites off the list", async () => {
    const { data, errors } = await entities(
      RESTRICTIONS,
      sites().map((s) => asSent(s, parcelOf(s.parcelId).plannedUse ?? null)),
    );
    expect(errors).toBeUndefined();
    let violations = 0;
    sites().forEach((site, i) => {
      const restrictions: Restriction[] = data!._entities[i].restrictions;
      if (!LISTED.has(site.status)) {
        expect(restrictions).toEqual([]);
        return;
      }
      // Residential and public administration uses, and construction unrelated to control or remediation.
      expect(restrictions.map((r) => r.forbiddenPlannedUses)).toEqual([['R', 'A'], []]);
      for (const r of restrictions) expect(r.source).toMatch(/Soil Pollution Prevention and Control Law/);
      const plannedUse = parcelOf(site.parcelId).plannedUse;
      expect(restrictions.map((r) => r.violatedByPlannedUse)).toEqual([barredWhileListed(plannedUse), false]);
      if (barredWhileListed(plannedUse)) violations++;
    });
    expect(violations).toBe(sites().filter((s) => LISTED.has(s.status) && barredWhileListed(parcelOf(s.parcelId).plannedUse)).length);
    expect(violations).toBeGreaterThanOrEqual(2);
  });

  const listedSite = () => sites().find((s) => LISTED.has(s.status))!;
  for (const [plannedUse, violated] of [
    ['R2', true],
    ['R', true],
    ['A33', true],
    ['A5', true],
    ['B1', false],
    ['M1', false],
    ['G1', false],
    [null, false],
  ] as const) {
    it(`reports the residential and public-service rule ${violated ? 'broken' : 'kept'} by planned use ${plannedUse}`, async () => {
      const { data, errors } = await entities(RESTRICTIONS, [asSent(listedSite(), plannedUse)]);
      expect(errors).toBeUndefined();
      const restrictions: Restriction[] = data!._entities[0].restrictions;
      expect(restrictions.find((r) => r.forbiddenPlannedUses.length > 0)!.violatedByPlannedUse).toBe(violated);
      expect(restrictions.find((r) => r.forbiddenPlannedUses.length === 0)!.violatedByPlannedUse).toBe(false);
    });
  }

  it('lists no rules for a site off the list, whatever its planned use', async () => {
    const off = sites().filter((s) => !LISTED.has(s.status));
    const { data, errors } = await entities(RESTRICTIONS, off.map((s) => asSent(s, 'R2')));
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual(off.map((s) => ({ id: s.id, restrictions: [] })));
  });

  for (const [name, representation, missing] of [
    ['no parcel', (s: DemoSite) => ({ __typename: 'ContaminatedSite', id: s.id }), 'parcel'],
    ['a parcel without plannedUse', (s: DemoSite) => ({ __typename: 'ContaminatedSite', id: s.id, parcel: { id: s.parcelId } }), 'parcel.plannedUse'],
  ] as const) {
    it(`refuses a representation with ${name} with BAD_USER_INPUT naming ${missing}`, async () => {
      const { errors } = await entities(RESTRICTIONS, [representation(listedSite())]);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toContain(`lacks ${missing}`);
      expect(errors?.[0]?.path).toEqual(['_entities', 0, 'restrictions']);
    });
  }
});

describe('sensitive-use changes without a soil survey', () => {
  const GAP = `change { id } parcel { id } surveyInProgress { ${SURVEY} }`;
  const GAPS = `sensitiveUseChangesWithoutSurvey(first: 100) { totalCount edges { node { ${GAP} } } pageInfo { hasNextPage } }`;
  type GapPage = { totalCount: number; edges: { cursor: string; node: unknown }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  const districtRef = (code: string, list: DemoChange[]) => ({ __typename: 'District', code, sensitiveUseChanges: list.map(changeRef) });

  it("lists each district's changes whose parcel has no completed survey, newest proposal first whatever order planning sent", async () => {
    const codes = [...new Set(sensitiveChanges().map((c) => c.districtCode))].sort(byCodeUnits);
    // Reversed, to show the order is environment's own (planning's order), not the representation's.
    const representations = codes.map((code) => districtRef(code, sensitiveChanges(code).sort(newestProposedFirst).reverse()));
    const { data, errors } = await entities(`... on District { code ${GAPS} }`, representations);
    expect(errors).toBeUndefined();
    const all = codes.map((code) => expectedGaps(sensitiveChanges(code)));
    expect(data!._entities).toEqual(
      codes.map((code, i) => ({ code, sensitiveUseChangesWithoutSurvey: { totalCount: all[i]!.length, edges: all[i]!.map((node) => ({ node })), pageInfo: { hasNextPage: false } } })),
    );
    const gaps = all.flat();
    expect(gaps.some((g) => g.surveyInProgress !== null)).toBe(true);
    expect(gaps.some((g) => g.surveyInProgress === null)).toBe(true);
    expect(gaps.length).toBeLessThan(sensitiveChanges().length);
  });

  it('pages through the city-wide gaps with first and after: every gap once, in order, totalCount the whole list', async () => {
    const expected = expectedGaps(sensitiveChanges());
    expect(expected.length).toBeGreaterThan(4);
    const city = { __typename: 'City', code: '110000', sensitiveUseChanges: sensitiveChanges().map(changeRef) };
    const seen: unknown[] = [];
    let after: string | null = null;
    for (let pages = 1; ; pages++) {
      const { data, errors }: GraphQLResult<{ _entities: { sensitiveUseChangesWithoutSurvey: GapPage }[] }> = await harness.query(
        `query($representations: [_Any!]!, $after: String) { _entities(representations: $representations) { ... on City { sensitiveUseChangesWithoutSurvey(first: 2, after: $after) { totalCount edges { cursor node { ${GAP} } } pageInfo { hasNextPage endCursor } } } } }`,
        { representations: [city], after },
      );
      expect(errors).toBeUndefined();
      const page: GapPage = data!._entities[0]!.sensitiveUseChangesWithoutSurvey;
      expect(page.totalCount).toBe(expected.length);
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) {
        expect(pages).toBe(Math.ceil(expected.length / 2));
        break;
      }
      expect(page.edges).toHaveLength(2);
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('goes on after a cursor whose change has left the list (rejected meanwhile) from where it stood', async () => {
    const list = sensitiveChanges().sort(newestProposedFirst);
    const expected = expectedGaps(list);
    const gone = expected[1]!;
    const cursor = encodeCursor([list.find((c) => c.id === gone.change.id)!.proposedOn, gone.change.id]);
    const without = list.filter((c) => c.id !== gone.change.id);
    const { data, errors } = await entities(`... on City { sensitiveUseChangesWithoutSurvey(first: 100, after: "${cursor}") { totalCount edges { node { change { id } } } } }`, [
      { __typename: 'City', code: '110000', sensitiveUseChanges: without.map(changeRef) },
    ]);
    expect(errors).toBeUndefined();
    const page = (data!._entities as { sensitiveUseChangesWithoutSurvey: { totalCount: number; edges: { node: { change: { id: string } } }[] } }[])[0]!.sensitiveUseChangesWithoutSurvey;
    expect(page.totalCount).toBe(expected.length - 1);
    expect(page.edges.map((e) => e.node.change.id)).toEqual(expected.slice(2).map((g) => g.change.id));
  });

  it('refuses first above 100 and a cursor it did not issue with BAD_USER_INPUT, naming the argument', async () => {
    const city = { __typename: 'City', code: '110000', sensitiveUseChanges: sensitiveChanges().map(changeRef) };
    for (const [args, argument] of [['first: 101', 'first'], ['after: "not-a-cursor"', 'after']] as const) {
      const { errors } = await entities(`... on City { sensitiveUseChangesWithoutSurvey(${args}) { totalCount } }`, [city]);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toContain(argument);
      expect(errors?.[0]?.path).toEqual(['_entities', 0, 'sensitiveUseChangesWithoutSurvey']);
    }
  });

  it('refuses a representation whose changes lack proposedOn, naming it', async () => {
    const { errors } = await entities(`... on City { sensitiveUseChangesWithoutSurvey { totalCount } }`, [
      { __typename: 'City', code: '110000', sensitiveUseChanges: sensitiveChanges().map((c) => ({ id: c.id, parcel: { id: c.parcelId } })) },
    ]);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('lacks proposedOn');
  });

  it('answers an empty page for a district without sensitive-use changes', async () => {
    const { data, errors } = await entities(`... on District { ${GAPS} }`, [{ __typename: 'District', code: '110108', sensitiveUseChanges: [] }]);
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ sensitiveUseChangesWithoutSurvey: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false } } }]);
  });

  it('lists the city-wide gaps as the resolver function computes them on the seeded database', async () => {
    // City.ts (the lead's) wires this function as City.sensitiveUseChangesWithoutSurvey; here it runs on the seeded database.
    const list = sensitiveChanges();
    const page = await sensitiveUseChangesWithoutSurvey({ code: '110000', sensitiveUseChanges: list.map(changeRef) }, { first: 100 }, createContext(harness.db, agencyCaller('environment', 'test')), 'City');
    expect(
      page.edges.map(({ node: g }) => ({ change: { id: g.change.id }, parcel: g.parcel, surveyInProgress: g.surveyInProgress === null ? null : surveyJson(g.surveyInProgress) })),
    ).toEqual(expectedGaps(list));
    expect(await page.totalCount()).toBe(expectedGaps(list).length);
  });

  it('resolves planning’s change cases by key to their representation', async () => {
    const change = sensitiveChanges()[0]!;
    const { data, errors } = await entities(`... on LandUseChange { id }`, [{ __typename: 'LandUseChange', id: change.id, parcel: { id: change.parcelId } }]);
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ id: change.id }]);
  });

  for (const [name, representation, missing] of [
    ['no sensitiveUseChanges', { __typename: 'District', code: '110105' }, 'sensitiveUseChanges'],
    ['a change without its parcel', { __typename: 'District', code: '110105', sensitiveUseChanges: [{ id: 'LUC-110105-001' }] }, 'parcel'],
  ] as const) {
    it(`refuses a district representation with ${name} with BAD_USER_INPUT naming it`, async () => {
      const { errors } = await entities(`... on District { ${GAPS} }`, [representation]);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.extensions?.argumentPath).toEqual(['representations']);
      expect(errors?.[0]?.message).toContain(`lacks ${missing}`);
    });
  }
});

describe('bad input to the registry', () => {
  const cases: { name: string; query: string; argumentPath: (string | number)[] }[] = [
    { name: 'an unknown district code', query: '{ contaminatedSites(filter: { districtCode: "120101" }) { totalCount } }', argumentPath: ['filter', 'districtCode'] },
    { name: 'first above 100', query: '{ contaminatedSites(first: 101) { totalCount } }', argumentPath: ['first'] },
    { name: 'a malformed cursor', query: '{ contaminatedSites(after: "not-a-cursor") { totalCount } }', argumentPath: ['after'] },
    {
      name: 'an unknown district code on a district extension',
      query: '{ _entities(representations: [{ __typename: "District", code: "110105" }]) { ... on District { contaminatedSites(filter: { districtCode: "999999" }) { totalCount } } } }',
      argumentPath: ['filter', 'districtCode'],
    },
  ];
  for (const { name, query, argumentPath } of cases) {
    it(`refuses ${name} with BAD_USER_INPUT and the argument path`, async () => {
      const { errors } = await harness.query(query);
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors![0]!.extensions?.argumentPath).toEqual(argumentPath);
    });
  }
});
