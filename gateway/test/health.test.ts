import type { RunningHttpService } from '@soilgraph/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayFromEnv } from './support.ts';

// /healthz says the process answers; /readyz that it can do its work: for the gateway, that
// every subgraph is ready. Here no subgraph listens.
describe('gateway health with its subgraphs down', () => {
  let gateway: RunningHttpService;
  beforeAll(async () => {
    gateway = await gatewayFromEnv();
  });
  afterAll(() => gateway.close());
  const at = (path: string) => gateway.url.replace(/\/graphql$/, path);

  it('is alive', async () => {
    const response = await fetch(at('/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('is not ready, and names every subgraph that does not answer', async () => {
    const response = await fetch(at('/readyz'));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; reason: string };
    expect(body.status).toBe('unavailable');
    for (const name of ['planning', 'environment', 'agriculture', 'water', 'geology']) expect(body.reason).toContain(`${name} (unreachable)`);
  });
});
