import { auditServer } from 'graphql-http';
import { expect, inject, it } from 'vitest';

// graphql-http's audit of the GraphQL over HTTP specification, run against the gateway of the
// whole stack: every MUST holds; the SHOULD and MAY items it misses are printed, not required.
it('the gateway meets every MUST of the GraphQL over HTTP specification', async () => {
  const results = await auditServer({ url: inject('gatewayUrl') });
  const missed = results.filter((r) => r.status !== 'ok');
  for (const r of missed) console.info(`graphql-http audit ${r.status}: ${r.name} (${r.id}): ${'reason' in r ? r.reason : ''}`);
  const count = (status: string) => results.filter((r) => r.status === status).length;
  console.info(`graphql-http audit: ${count('ok')} ok, ${count('error')} MUST failures, ${count('warn')} SHOULD warnings, ${count('notice')} MAY notices`);
  expect(results.length).toBeGreaterThan(0);
  expect(missed.filter((r) => r.status === 'error').map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
});
