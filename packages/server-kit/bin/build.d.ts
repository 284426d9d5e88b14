/** See build.js: bundles `<packageDir>/<entry>` (src/index.ts) into `<packageDir>/dist/<name>.js` and returns that file. */
export function buildService(packageDir: string, entry?: string): Promise<string>;
