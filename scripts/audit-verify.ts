/**
 * `npm run audit:verify`: walks the audit trail's hash chain in the platform's
 * database (DATABASE_URL, or the embedded one under DATA_DIR, as `npm start`
 * uses) and recomputes every hash. Exit 0: the chain is intact. Exit 1: names
 * the first entry that breaks it (its id and time). Exit 2: could not check
 * (no database, or one not yet migrated: start the platform once first).
 * Only reads; stop an embedded (single-process) platform first.
 */
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { verifyAuditChain } from '../src/modules/audit/index.js';

let exitCode = 2;
let database: Database | undefined;
try {
  const config = loadConfig();
  database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { rows } = await sql<{ ready: boolean }>`select to_regclass('audit.chain_head') is not null as ready`.execute(database.db);
  if (!rows[0]?.ready) {
    console.error('audit:verify: this database has no hash-chained audit trail yet; start the platform once (npm start) so it is migrated, then run this again');
  } else {
    const report = await verifyAuditChain(database.db);
    if (report.intact) {
      console.log(`audit trail intact: ${report.entries} entries checked, head entry ${report.head.seq}, head hash ${report.head.hash}`);
      exitCode = 0;
    } else {
      const where = report.broken.entry
        ? `entry id ${report.broken.entry.id} (chain position ${report.broken.entry.seq}, recorded ${report.broken.entry.occurredAt})`
        : 'an empty trail';
      console.error(`audit trail BROKEN at ${where}: ${report.broken.reason}. ${report.entries} entries before it are intact.`);
      exitCode = 1;
    }
  }
} catch (error) {
  console.error(`audit:verify: could not check the trail: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await database?.close();
}
process.exit(exitCode);
