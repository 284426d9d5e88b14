#!/usr/bin/env node
// `soilgraph-build [src/<name>.ts]`, a service's `pnpm build` (gateway/ and subgraphs/*/): bundles
// the service's src/index.ts (or the file named) and the workspace code it imports (@soilgraph/*,
// TypeScript) into one JavaScript file, dist/index.js (dist/<name>.js), which `pnpm start` runs
// with plain node. Packages from the registry stay outside it, imported from where the workspace
// installed them.
//
// Why: the TypeScript loader (tsx) costs a served process about 100 MB of memory (a loader
// thread, every module's transformed text and source map) and time at each start; a container
// builds once and starts from JavaScript. Tests and `pnpm start` (the embedded stack) keep
// running the TypeScript itself.
//
// Plain JavaScript, so that it runs before anything is built. Exported for the tests' set-up
// (tests/build-services.ts) and the bench, which build every service once before they start one.
import { mkdirSync, readdirSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const WORKSPACE_PACKAGE = /^@soilgraph\//;
const builtins = new Set(builtinModules);

/**
 * Every registry package stays an import, written as the path of the file Node would load (from
 * the importing source file, with Node's conditions): under pnpm a workspace package's own
 * dependencies are installed beside it, not beside the service, so a bare name would not resolve
 * from dist/. One file per package, so that each loads once, as it does under tsx.
 */
const registryPackagesOutside = (outdir) => ({
  name: 'registry-packages-outside',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving' || WORKSPACE_PACKAGE.test(args.path)) return undefined;
      if (args.path.startsWith('node:') || builtins.has(args.path)) return { path: args.path, external: true };
      const resolved = await builder.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: relativeImport(outdir, resolved.path), external: true };
    });
  },
});

/**
 * `import.meta.url` in workspace code names the source file (src/server.ts reads ../schema.graphql,
 * db/src/client.ts its migrations, the gateway its worker and the explorer's files): written as
 * that file's URL relative to dist/index.js, it still does in the bundle, wherever the tree is.
 */
const sourceFileUrls = (outdir) => ({
  name: 'source-file-urls',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await readFile(args.path, 'utf8');
      const unbundlable = /import\.meta\.(dirname|filename)/.exec(text);
      if (unbundlable) return { errors: [{ text: `${unbundlable[0]} names dist/, not this file, once bundled: use new URL(..., import.meta.url)` }] };
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      const url = `new URL(${JSON.stringify(relativeImport(outdir, args.path))}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
});

function relativeImport(fromDir, file) {
  const relative = path.relative(fromDir, file).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * Bundles `<packageDir>/src/<name>.ts` (src/index.ts unless `entry` says) into
 * `<packageDir>/dist/<name>.js`, written whole and then renamed into place. Returns that file.
 */
export async function buildService(packageDir, entry = 'src/index.ts') {
  const outdir = path.join(packageDir, 'dist');
  const outfile = path.join(outdir, `${path.basename(entry, '.ts')}.js`);
  const result = await build({
    entryPoints: [path.join(packageDir, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Node's own choice of a package's entry (no "module" field or condition): the file the
    // registry packages themselves load, so that graphql, for one, is loaded once.
    mainFields: ['main'],
    conditions: ['node'],
    outfile,
    write: false,
    logLevel: 'warning',
    plugins: [registryPackagesOutside(outdir), sourceFileUrls(outdir)],
  });
  mkdirSync(outdir, { recursive: true });
  // Services of one package may start side by side (the tests do): none reads a half-written file.
  const partial = `${outfile}.${process.pid}.partial`;
  writeFileSync(partial, result.outputFiles[0].contents);
  renameSync(partial, outfile);
  return outfile;
}

/** Builds every service of the workspace at `root` (what its `pnpm build` builds): the gateway and each of subgraphs/*. */
export function buildServices(root) {
  const subgraphs = readdirSync(path.join(root, 'subgraphs'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return Promise.all([path.join(root, 'gateway'), ...subgraphs.map((entry) => path.join(root, 'subgraphs', entry.name))].map((dir) => buildService(dir)));
}

// Run as a command (pnpm's bin shim names it by a link: compare real paths).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const packageDir = process.cwd();
  const outfile = await buildService(packageDir, process.argv[2]);
  process.stdout.write(`built ${path.relative(packageDir, outfile)}\n`);
}
