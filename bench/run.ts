/**
 * `npm run bench`: runs each scenario beside its anchor in the same run and
 * prints one JSON object per line (first-visit-bytes: bytes on the wire, not time):
 *   {"bench": NAME, ...figures, "ratio": R, "anchor": NAME}
 * `--quick` shortens every measurement so the whole run ends within 2 minutes.
 * With BENCH_DATABASE_URL the catalog and the service-level benches run on that
 * PostgreSQL server (the latter on a scratch database) instead of embedded PGlite.
 * BENCH_READS_DATABASE=NAME keeps the reads bench's register in that database and reuses it on later runs.
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { cpuMsOf, startTarget } from './proc.js';
import { benchIngest, benchIngestApi } from './ingest.js';
import { benchEmail } from './email.js';
import { benchReads } from './reads.js';
import { benchStartup } from './startup.js';
import { benchSupport } from './support.js';
import { openScratchDatabase } from '../test/support/database.js';
import { SEARCH_TERMS } from './generate.js';
import { firstVisit } from '../test/support/wire.js';

const quick = process.argv.includes('--quick');
const seconds = quick ? 5 : 15;
const services = quick ? 2_000 : 10_000;
const connections = 10;
// `npm run bench -- --only PART` runs one part; `hello` and `search` (the anchor, then search beside it) also print the target's CPU time per request.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;


interface Figures {
  requests_per_s: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  non_2xx: number;
}

/** How many requests each load sent in all (for CPU time per request). */
const answered = new WeakMap<Figures, number>();

async function load(url: string, paths: string[]): Promise<Figures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
  const figures = {
    requests_per_s: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors,
    non_2xx: result.non2xx,
  };
  answered.set(figures, result.requests.total);
  return figures;
}

/**
 * CPU time (user + system) a target process spends from now until the returned
 * function is called, in milliseconds, from /proc (Linux): a figure that other
 * work on the machine does not change, unlike requests a second.
 */
function cpuMeter(child: ChildProcess): () => number | undefined {
  const read = (): number | undefined => cpuMsOf(child.pid);
  const before = read();
  return () => {
    const after = read();
    return before === undefined || after === undefined ? undefined : after - before;
  };
}

function cpuPerRequest(cpuMs: number | undefined, figures: Figures): Record<string, number> {
  const requests = answered.get(figures) ?? 0;
  return cpuMs === undefined || requests === 0 ? {} : { server_cpu_us_per_request: Math.round((cpuMs * 1000) / requests) };
}

function print(line: Record<string, unknown>): void {
  console.log(JSON.stringify(line));
}

/**
 * Bytes on the wire for a first visit to the portal's home page (the page and
 * every stylesheet, script, icon and manifest it links), with Brotli/gzip
 * offered, beside the same visit without compression. A size, not a speed.
 */
async function benchFirstVisit(base: string): Promise<Record<string, unknown>> {
  const compressed = await firstVisit(base, '/', 'br, gzip');
  const identity = await firstVisit(base, '/');
  return {
    bench: 'first-visit-bytes',
    path: '/',
    accept_encoding: 'br, gzip',
    responses: compressed.responses.length,
    bytes: compressed.totalBytes,
    body_bytes: compressed.bodyBytes,
    identity_bytes: identity.totalBytes,
    ratio: Math.round((compressed.totalBytes / identity.totalBytes) * 1000) / 1000,
    anchor: 'first-visit-identity',
  };
}

/** The PostgreSQL server of the server-only benches when BENCH_DATABASE_URL names none: this machine's. */
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Reads at scale on the PostgreSQL server (1,000,000 applications; --quick 100,000), beside Open Zaak's published figures. */
async function reads(): Promise<void> {
  const applications = Number(process.env.BENCH_APPLICATIONS ?? (quick ? 100_000 : 1_000_000));
  for (const line of await benchReads({ serverUrl: process.env.BENCH_DATABASE_URL ?? LOCAL_SERVER, applications, seconds: quick ? 5 : 10, keep: process.env.BENCH_READS_DATABASE })) print(line);
}

/** The support desk's queue on the PostgreSQL server (100,000 tickets; --quick 20,000): the agent's page and the API at 10 connections. */
async function support(): Promise<void> {
  const tickets = Number(process.env.BENCH_TICKETS ?? (quick ? 20_000 : 100_000));
  for (const line of await benchSupport({ serverUrl: process.env.BENCH_DATABASE_URL ?? LOCAL_SERVER, tickets, seconds: quick ? 5 : 10 })) print(line);
}

/** The central status register's batch ingest: service level, then through the HTTP API on the PostgreSQL server, each beside its anchor. */
async function ingest(): Promise<void> {
  // Service level, beside the same rows written by one batched raw insert per batch on the same database.
  const database = await openScratchDatabase(process.env.BENCH_DATABASE_URL, 'pk_bench');
  try {
    print({ ...(await benchIngest(database, { applications: quick ? 1_000 : 10_000 })) });
  } finally {
    await database.dispose();
  }
  // The same ingest through POST /api/v1/status-events over real HTTP, on the PostgreSQL server (BENCH_DATABASE_URL or the local one).
  print({ ...(await benchIngestApi({ ...(process.env.BENCH_DATABASE_URL ? { serverUrl: process.env.BENCH_DATABASE_URL } : {}), applications: quick ? 5_000 : 20_000 })) });
}

/** E-mails delivered by the notifications pipeline beside a bare nodemailer → smtp-server loop. */
async function email(): Promise<void> {
  print(await benchEmail({ quick, databaseUrl: process.env.BENCH_DATABASE_URL }));
}

/** How long `npm start` takes to be ready (first start, restart) and what it holds idle, embedded. */
async function startup(): Promise<void> {
  print(await benchStartup({ idleSeconds: quick ? 5 : 15 }));
}

/** The hello-world anchor: printed, and its figures returned for the ratios. */
async function hello(): Promise<Figures> {
  const target = await startTarget('hello');
  const cpu = cpuMeter(target.child);
  const anchor = await load(`http://127.0.0.1:${target.port}`, ['/']);
  const used = cpu();
  target.child.kill();
  print({ bench: 'fastify-hello', ...anchor, seconds, connections, ...(only ? cpuPerRequest(used, anchor) : {}), ratio: 1, anchor: 'fastify-hello' });
  return anchor;
}

/** Catalog search over `services` generated services beside the anchor; then (unless `--only search`) the portal's first-visit bytes. */
async function search(anchor: Figures): Promise<void> {
  const catalog = await startTarget('catalog', String(services));
  const paths = SEARCH_TERMS.flatMap((term) => [`/api/v1/services?q=${encodeURIComponent(term)}`, `/api/v1/services?q=${encodeURIComponent(term)}&audience=citizen&online=true&limit=10`]);
  const cpu = cpuMeter(catalog.child);
  const figures = await load(`http://127.0.0.1:${catalog.port}`, paths);
  const used = cpu();
  const visit = only ? undefined : await benchFirstVisit(`http://127.0.0.1:${catalog.port}`);
  catalog.child.kill();
  print({
    bench: 'catalog-search',
    ...figures,
    services,
    database: process.env.BENCH_DATABASE_URL ? 'postgres' : 'embedded',
    seconds,
    connections,
    ...(only ? cpuPerRequest(used, figures) : {}),
    ratio: Math.round((figures.requests_per_s / anchor.requests_per_s) * 1000) / 1000,
    anchor: 'fastify-hello',
  });
  if (visit) print(visit);
}

async function main(): Promise<void> {
  await search(await hello());
  await ingest();
  await email();
  await startup();
  await reads();
  await support();
}

const parts: Record<string, () => Promise<void>> = {
  reads,
  support,
  ingest,
  email,
  startup,
  hello: async () => void (await hello()),
  search: async () => search(await hello()),
};
const part = only === undefined ? main : parts[only];
if (part) await part();
else throw new Error(`--only knows: ${Object.keys(parts).join(', ')} (not ${only})`);
