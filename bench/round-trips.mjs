/**
 * Preloaded into the platform's process by bench/reads.ts (NODE_OPTIONS=--import):
 * counts the statements the process sends to the database (one round trip each,
 * pg sends no pipeline), so the bench can report round trips per request. On
 * SIGWINCH (ignored by default, and by close-with-grace, which stops the process on SIGUSR2) it writes the count so far to the file named in BENCH_ROUND_TRIPS_FILE.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const pg = createRequire(path.join(process.cwd(), 'package.json'))('pg');
const query = pg.Client.prototype.query;
let count = 0;
pg.Client.prototype.query = function countedQuery(...args) {
  count += 1;
  return query.apply(this, args);
};
process.on('SIGWINCH', () => writeFileSync(process.env.BENCH_ROUND_TRIPS_FILE, String(count)));
