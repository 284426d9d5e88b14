import { createTestDatabase, type TestDatabase } from '@soilgraph/testkit';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditChange, appendAudit, digest, GENESIS_HASH, lockAgencyWrites, verifyAuditChain } from '@soilgraph/db';
import { auditLog } from '@soilgraph/db/water';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

const change = (key: string, before: unknown, after: unknown): AuditChange => ({
  subject: 'test-user',
  agency: 'water',
  operation: 'submitWaterSources',
  entityType: 'WaterSource',
  entityKey: key,
  change: before === null ? 'CREATED' : 'UPDATED',
  beforeDigest: before === null ? null : digest(before),
  afterDigest: digest(after),
});

/** Appends five entries in two write transactions, as two batches would. */
async function appendFive(): Promise<void> {
  const { db } = database;
  await db.transaction(async (tx) => {
    await lockAgencyWrites(tx as never, 'water');
    await appendAudit(tx as never, auditLog, [change('WS-1', null, { a: 1 }), change('WS-2', null, { a: 2 }), change('WS-3', null, { a: 3 })]);
  });
  await db.transaction(async (tx) => {
    await lockAgencyWrites(tx as never, 'water');
    await appendAudit(tx as never, auditLog, [change('WS-1', { a: 1 }, { a: 10 }), change('WS-4', null, { a: 4 })]);
  });
}

/** Tampering as someone with the table owner's rights would: the append-only trigger switched off first. */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await database.db.execute(sql`alter table water.audit_log disable trigger user`);
  await database.db.execute(statement);
  await database.db.execute(sql`alter table water.audit_log enable trigger user`);
}

const seqs = async () => (await database.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(auditLog.seq)).map((r) => r.seq);

describe('the audit log', () => {
  it('chains every entry to the one before it, from the genesis hash', async () => {
    await appendFive();
    const entries = await database.db.select().from(auditLog).orderBy(auditLog.seq);
    expect(entries.map((e) => [e.entityKey, e.change])).toEqual([
      ['WS-1', 'CREATED'],
      ['WS-2', 'CREATED'],
      ['WS-3', 'CREATED'],
      ['WS-1', 'UPDATED'],
      ['WS-4', 'CREATED'],
    ]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(await verifyAuditChain(database.db, auditLog)).toEqual({ entries: 5, head: entries[4]!.hash, problems: [] });
  });

  it.each([
    ['UPDATE', sql`update water.audit_log set subject = 'someone else'`],
    ['DELETE', sql`delete from water.audit_log`],
    ['TRUNCATE', sql`truncate water.audit_log`],
  ])('refuses %s, whoever asks', async (operation, statement) => {
    await appendFive();
    // drizzle wraps the server's error; its cause is the trigger's exception.
    await expect(database.db.execute(statement)).rejects.toMatchObject({ cause: { message: expect.stringMatching(new RegExp(`append-only: ${operation} is not allowed`)) } });
    expect(await seqs()).toHaveLength(5);
  });

  it('finds an altered entry', async () => {
    await appendFive();
    const [, second] = await seqs();
    await tamper(sql`update water.audit_log set after_digest = ${digest({ a: 999 })} where seq = ${second}`);
    const { problems } = await verifyAuditChain(database.db, auditLog);
    expect(problems).toEqual([{ seq: second, problem: expect.stringMatching(/altered/) }]);
  });

  it('finds a removed entry at the entry after it', async () => {
    await appendFive();
    const [, second, third] = await seqs();
    await tamper(sql`delete from water.audit_log where seq = ${second}`);
    const { problems } = await verifyAuditChain(database.db, auditLog);
    expect(problems).toEqual([{ seq: third, problem: expect.stringMatching(/removed, inserted or reordered/) }]);
  });

  it('finds two entries swapped', async () => {
    await appendFive();
    const [first, second] = await seqs();
    await tamper(sql`update water.audit_log set seq = -1 where seq = ${first}`);
    await tamper(sql`update water.audit_log set seq = ${first} where seq = ${second}`);
    await tamper(sql`update water.audit_log set seq = ${second} where seq = -1`);
    const { problems } = await verifyAuditChain(database.db, auditLog);
    expect(problems.map((p) => p.seq)).toEqual(expect.arrayContaining([first, second]));
    expect(problems.every((p) => /reordered/.test(p.problem))).toBe(true);
  });
});
