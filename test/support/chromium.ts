/**
 * How the browser tests run Debian's Chromium: headless, without the
 * background traffic (updates, sync, QUIC) that would make runs differ. Run as
 * a script, it is `npm test`'s one Chromium for the whole run: it prints the
 * address to connect to and stays until it is stopped (SIGTERM).
 */
import { chromium, type LaunchOptions } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

if (import.meta.main) {
  const server = await chromium.launchServer(CHROMIUM_OPTIONS);
  process.stdout.write(`${server.wsEndpoint()}\n`);
  process.once('SIGTERM', () => void server.close().finally(() => process.exit(0)));
}
