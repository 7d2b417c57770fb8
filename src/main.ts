/**
 * Process entry: read the settings, open the platform, listen, shut down gracefully.
 * `npm start` runs it with `--max-semi-space-size=16`: left alone, V8 grows the young generation to some
 * 130 MB while the app starts and keeps it (measured, restart then 10 s idle: RSS 443 MB by default, 343 MB
 * with the cap, start-up CPU the same).
 * It also sets glibc's MALLOC_TRIM_THRESHOLD_: left alone, glibc raises the threshold as large blocks are freed
 * (up to 64 MB), and the arenas of V8's worker threads kept what compiling PGlite's WebAssembly to optimised code
 * had freed at start — 60–80 MB idle, malloc_stats: 83 MB held, 3 MB in use (measured, restart then 15 s idle:
 * RSS 345–355 MB without, 284–290 MB with a 1 MB threshold). Elsewhere than glibc the variable does nothing.
 */
import { setFlagsFromString } from 'node:v8';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './platform/db/database.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel });
  const started = Date.now();
  // The database opens (the embedded one reads and compiles its WebAssembly off the main thread) while the
  // app's modules load: started first, so the two overlap instead of one waiting for the other.
  const opening = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  opening.catch(() => {}); // reported below, once awaited
  const { openPlatform } = await import('./app.js');
  const platform = await openPlatform(config, logger, await opening);
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await platform.close();
  });
  await platform.app.listen({ port: config.port, host: config.host });
  // Embedded, V8 favours memory over speed from here on: a tighter heap (idle RSS 228–230 MB instead of 265–271), and a
  // page's CPU there is mostly PGlite's WebAssembly, which the flag leaves alone (a service page: 4.5–4.7 ms either way).
  // Set once ready, not before: while the app loads, the flag kept the heap so tight that V8 marked and compacted it
  // 13 times (a restart: 625 ms of garbage collection, 165 ms when set here; ready in 2.4–2.9 s instead of 2.7–3.3 s).
  // Not on a PostgreSQL server, where the instance is the platform's throughput: there the flag made requests cost
  // 2.5 times the CPU (the support bench: queue page 4.0 → 9.3 ms, queue API 1.8 → 4.2–4.9 ms per request).
  if (!config.databaseUrl) setFlagsFromString('--optimize-for-size');
  logger.info(
    { url: config.publicUrl, database: platform.database.kind, demo: config.demo, startupMs: Date.now() - started },
    `Pakalpojumi is ready at ${config.publicUrl}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
