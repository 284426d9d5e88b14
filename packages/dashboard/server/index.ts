import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Logger } from '@soilgraph/server-kit';
import express from 'express';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
/** Where `pnpm start` builds the dashboard. */
export const DEFAULT_DASHBOARD_DIR = `${packageDir}dist`;
export const DEFAULT_DASHBOARD_PORT = 4080;

/**
 * Builds the dashboard (Vite; a second or two) into outDir. In a process of its own under
 * NODE_ENV=production: React's JSX transform and build follow NODE_ENV, which a test runner sets to "test".
 */
export async function buildDashboard(outDir: string = DEFAULT_DASHBOARD_DIR): Promise<void> {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir', packageDir], {
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export interface DashboardOptions {
  /** A built dashboard (buildDashboard). */
  dir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The gateway the browser asks, given to it in /config.json; set once the gateway is up. */
  gatewayUrl: () => string | undefined;
  logger: Logger;
}

export interface RunningDashboard {
  url: string;
  /** The origins a browser shows the dashboard under, for the gateway's CORS_ORIGINS. */
  origins: string[];
  close(): Promise<void>;
}

/**
 * Serves the built dashboard and /config.json (the gateway's URL). The page is a client of the
 * gateway like any other: it asks the gateway from the browser, with the signed-in token, so the
 * gateway must allow the dashboard's origin (CORS_ORIGINS). Its content security policy lets it
 * reach nothing but itself and that gateway.
 */
export async function serveDashboard(options: DashboardOptions): Promise<RunningDashboard> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/config.json', (_req, res) => {
    const gatewayUrl = options.gatewayUrl();
    if (gatewayUrl === undefined) res.status(503).json({ error: 'the gateway is not up yet' });
    else res.set('cache-control', 'no-store').json({ gatewayUrl });
  });
  app.use((_req, res, next) => {
    const gateway = options.gatewayUrl();
    const connect = gateway === undefined ? "'self'" : `'self' ${new URL(gateway).origin}`;
    // Leaflet and ECharts set inline styles; the district shapes and charts are SVG in the page.
    res.set('content-security-policy', `default-src 'self'; connect-src ${connect}; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`);
    next();
  });
  app.use(express.static(options.dir, { index: 'index.html', maxAge: '1h', setHeaders: (res, path) => path.endsWith('index.html') && res.set('cache-control', 'no-cache') }));

  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hosts = options.host === '0.0.0.0' || options.host === '::' || options.host === 'localhost' ? ['localhost', '127.0.0.1'] : [options.host];
  const origins = hosts.map((h) => `http://${h}:${port}`);
  options.logger.info({ url: `${origins[0]}/` }, 'serving the dashboard');
  return {
    url: `${origins[0]}/`,
    origins,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
