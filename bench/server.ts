/**
 * A benchmark target in its own process (so the load generator does not share
 * its CPU time): `catalog` serves the platform over a register of N generated
 * services; `hello` is a bare Fastify hello-world, the anchor.
 * Prints "READY <port>" when listening.
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { migrationSources } from '../src/app.js';
import { createCatalog } from '../src/modules/catalog/index.js';
import { inTransaction } from '../src/platform/db/database.js';
import { generateService, random } from './generate.js';
import { createScratchDatabase } from '../test/support/database.js';

const [mode = 'hello', countText = '10000'] = process.argv.slice(2);

async function serveHello(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
}

async function serveCatalog(count: number): Promise<void> {
  const config = loadConfig({ ...process.env, DEMO: 'false', LOG_LEVEL: 'silent' });
  // On a PostgreSQL server the register goes into a scratch database, dropped when the bench stops this process (SIGTERM):
  // loading it into the server's own database left it there, and the next run failed on duplicate institutions.
  const scratch = process.env.BENCH_DATABASE_URL ? await createScratchDatabase(process.env.BENCH_DATABASE_URL, 'pk_bench_catalog') : undefined;
  const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: 'memory://' });
  process.once('SIGTERM', () => {
    void database
      .close()
      .then(() => scratch?.drop())
      .finally(() => process.exit(0));
  });
  await migrate(database.db, migrationSources);
  const started = Date.now();
  const events = ['birth', 'moving', 'taxes', 'construction', 'start-business'];
  await inTransaction(database.db, async (trx) => {
    const catalog = createCatalog(trx);
    for (const [index, code] of events.entries()) {
      await catalog.importEvent({ code, kind: index < 2 ? 'life' : 'business', label: { lv: code, en: code }, description: { lv: code, en: code }, position: index });
    }
    const institutions = [];
    for (let i = 0; i < 20; i++) {
      institutions.push(await catalog.importInstitution({ code: `iestade-${i}`, name: { lv: `Iestāde ${i}`, en: `Institution ${i}` }, shortName: { lv: `I${i}`, en: `I${i}` }, contactPoint: {} }));
    }
    const rnd = random(20261125);
    for (let n = 0; n < count; n++) {
      await catalog.importService(institutions[n % institutions.length]!.id, generateService(n, rnd, events), 'published');
    }
  });
  await sql`analyze`.execute(database.db);
  console.error(`loaded ${count} services in ${Date.now() - started} ms`);
  const app = await buildApp(config, database, false);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
}

if (mode === 'hello') await serveHello();
else await serveCatalog(Number(countText));
