/** See build.js: bundles `<packageDir>/<entry>` (src/index.ts) into `<packageDir>/dist/<name>.js` and returns that file. */
export function buildService(packageDir: string, entry?: string): Promise<string>;
/** See build.js: builds the gateway and each of subgraphs/* of the workspace at `root`; returns their files. */
export function buildServices(root: string): Promise<string[]>;
