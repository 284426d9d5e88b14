import { createRequire } from 'node:module';
import path from 'node:path';
import type { Express } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** GraphiQL and React served from node_modules: the explorer works with no internet. */
const ASSETS: Readonly<Record<string, string>> = {
  'react.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': require.resolve('graphiql/graphiql.min.js'),
  'graphiql.css': require.resolve('graphiql/graphiql.min.css'),
};

const EXAMPLE_QUERY = `# SoilGraph: one API across Beijing's five soil-environment agencies.
# Demo data is synthetic. Press the run button (or Ctrl-Enter).
# Without a token you read the published figures, as below. To read more, run
#   pnpm -s token planning
# and put {"authorization": "Bearer <the token>"} in the Headers tab.
query DistrictOverview {
  district(code: "110108") {
    code
    name
    soilRisk { parcelsSampled }
    monitoringNetwork { samples latestSampleYear }
  }
}
`;

function page(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>SoilGraph explorer</title>
  <link rel="stylesheet" href="/explorer/graphiql.css">
  <style>body { margin: 0; height: 100vh; } #explorer { height: 100vh; }</style>
</head>
<body>
  <div id="explorer">Loading the SoilGraph explorer…</div>
  <script src="/explorer/react.js"></script>
  <script src="/explorer/react-dom.js"></script>
  <script src="/explorer/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
    ReactDOM.createRoot(document.getElementById('explorer')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXAMPLE_QUERY)} }),
    );
  </script>
</body>
</html>
`;
}

/**
 * Mounts the explorer: a browser GET of /graphql (or /) gets GraphiQL; GET requests that
 * carry a query, and every POST, go on to the GraphQL endpoint.
 */
export function mountExplorer(app: Express): void {
  app.get('/explorer/:asset', (req, res) => {
    const file = ASSETS[req.params.asset];
    if (file === undefined) {
      res.status(404).json({ error: `no explorer asset named ${req.params.asset}` });
      return;
    }
    // The files live under node_modules/.pnpm, a dot-folder that send() would refuse by default.
    res.sendFile(file, { maxAge: '1d', dotfiles: 'allow' });
  });
  app.get('/', (_req, res) => res.redirect('/graphql'));
  app.get('/graphql', (req, res, next) => {
    if (req.query.query === undefined && req.accepts(['json', 'html']) === 'html') {
      res.type('html').send(page('/graphql'));
      return;
    }
    next();
  });
}
