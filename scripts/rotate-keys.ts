/**
 * `npm run keys:rotate`: new OpenID signing and cookie keys for the platform's
 * database (DATA_DIR or DATABASE_URL, as `npm start` uses). The previous keys
 * stay published so issued tokens keep verifying; restart the instances to sign
 * with the new ones. Stop an embedded (single-process) platform first.
 */
import { migrationSources } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { rotateIdentityKeys } from '../src/modules/identity/index.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(database.db, migrationSources);
  const rotated = await rotateIdentityKeys(database.db);
  console.log(JSON.stringify(rotated));
} finally {
  await database.close();
}
