/**
 * Run by `npm install` (postinstall): gets the first `npm start` on this machine
 * off to a quick start, doing once what that start would otherwise do first:
 * it makes the embedded database's new cluster and keeps it
 * (src/platform/db/database.ts), so a first start copies it instead of running
 * initdb; it compiles and compresses the stylesheet (src/platform/web/assets.ts);
 * and it loads every module of the app, so the compiled TypeScript and V8's
 * code cache are on disk (scripts/ts-hooks.mjs). Nothing here is needed:
 * should it fail, the first start does the same work itself, and
 * `npm install` goes on.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clusterCacheFile, openDatabase } from '../src/platform/db/database.js';
import { loadStylesheet } from '../src/platform/web/assets.js';

async function prepare(): Promise<string[]> {
  const done: string[] = [];
  const cluster = await clusterCacheFile();
  if (!existsSync(cluster)) {
    // An empty DATA_DIR on disk: its first open runs initdb and keeps the new cluster.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pakalpojumi-prepare-'));
    try {
      const database = await openDatabase({ dataDir });
      await database.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    if (existsSync(cluster)) done.push('kept a new cluster of the embedded database');
  }
  if ((await loadStylesheet()).source === 'compiled') done.push('compiled the stylesheet');
  // Importing the app has no side effects: it compiles and caches every module.
  await import('../src/app.js');
  done.push('loaded every module');
  return done;
}

const started = Date.now();
prepare()
  .then((done) => console.log(`pakalpojumi: ${[done.slice(0, -1).join(', '), done.at(-1)].filter(Boolean).join(' and ')} for a quick first start (${((Date.now() - started) / 1000).toFixed(1)} s)`))
  .catch((error: unknown) => console.warn(`pakalpojumi: could not prepare the first start (${error instanceof Error ? error.message : String(error)}); it will do this work itself`));
