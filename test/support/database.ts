/** A migrated, empty database for service-level tests (embedded in memory, or a scratch database on the server). */
import { migrationSources } from '../../src/app.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { scratchDatabase } from './platform.js';

export async function openTestDatabase(): Promise<Database & { dispose(): Promise<void> }> {
  const scratch = await scratchDatabase();
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: 'memory://' });
  await migrate(database.db, migrationSources);
  return {
    ...database,
    async dispose() {
      await database.close();
      await scratch.drop();
    },
  };
}
