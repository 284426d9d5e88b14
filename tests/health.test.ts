import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

// Every service answers /healthz (alive) and /readyz (ready: a subgraph's database answers; the
// gateway's subgraphs are all ready).
describe('health of the running stack', () => {
  const urls = () => [inject('gatewayUrl'), ...Object.values(inject('subgraphUrls'))];

  it('every service is alive and ready', async () => {
    for (const url of urls()) {
      const alive = await fetch(url.replace(/\/graphql$/, '/healthz'));
      expect(alive.status, url).toBe(200);
      const ready = await fetch(url.replace(/\/graphql$/, '/readyz'));
      expect(ready.status, url).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
    }
  });
});
