import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium; .ci/run installs it), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the browser tests leave their screenshots (not committed; CI keeps them as artifacts). */
export const ARTIFACTS_DIR = new URL('../artifacts/', import.meta.url);

/**
 * Headless Chromium for the dashboard tests. It reaches nothing but loopback: without the
 * background-networking switches it would keep trying Google's hosts, which this network refuses.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`The dashboard tests drive Chromium at ${CHROMIUM_PATH}, which is not there: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH`);
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
