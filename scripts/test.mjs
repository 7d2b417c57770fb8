#!/usr/bin/env node
// `npm test`: runs every test file (unit, API, database, browser) with Node's
// test runner. On a fresh machine it first gets what the browser tests need
// (Debian's chromium) or says exactly what to install. Then it builds this
// run's template databases (test/support/templates.ts: migrated, and started
// once with the demo data), so each test file copies one instead of building
// its database from nothing, and drops them when the runner is done.
// TEST_TEMPLATES=off runs without them.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Test files run side by side, two at a time on this 2-core machine. More is slower, not faster: measured on the
 * same tree, four at a time took 455 s of wall time and 668 s of CPU, two at a time 315 s and 308 s of CPU (each
 * file alone adds up to 278 s of CPU): files that contend for the cores (PGlite's WebAssembly, Chromium) cost
 * twice the CPU, and waiting files are few now that waits are for events, not timers.
 */
const concurrency = Number(process.env.TEST_CONCURRENCY ?? 2);
/**
 * Each test file is a process of its own that opens PGlite's WebAssembly build (~10 MB) once and runs for seconds:
 * V8's optimising tier (TurboFan) recompiling its hot functions costs more CPU than it saves in so short a life.
 * Measured on four PGlite test files: 31.9 s of CPU with it, 26.8 s with the baseline compiler only. The test
 * runner hands these flags to every file's process. TEST_WASM_OPTIMISE=on keeps V8's default.
 */
const WASM_FLAGS = process.env.TEST_WASM_OPTIMISE === 'on' ? [] : ['--liftoff-only'];

function ensureChromium() {
  if (existsSync(chromium)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian\'s chromium for the browser tests (apt-get install chromium)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    return;
  }
  console.error(`The browser tests need Chromium at ${chromium}. Install it with:\n  sudo apt-get install -y chromium\nor set CHROMIUM_PATH to a Chromium binary.`);
  process.exit(1);
}

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (/\.test\.tsx?$/.test(name)) found.push(path.relative(root, full));
  }
  return found;
}

ensureChromium();
const only = process.argv.slice(2);
/**
 * Files that take longest go first, so that the last minutes are not one long
 * file running alone (measured: starting child platforms, driving Chromium,
 * fuzzing every operation). Otherwise alphabetical.
 */
const LONG_FIRST = [/\.crash\.test\./, /chain\.service\.test\./, /console\.pages\.test\./, /identity\.(pages|sessions)\.test\./, /browser\.test\./, /fuzz\.test\./, /start\.test\./, /pages\.test\./, /migrate\.test\./, /oidc\.test\./];
const rank = (file) => {
  const index = LONG_FIRST.findIndex((pattern) => pattern.test(file));
  return index === -1 ? LONG_FIRST.length : index;
};
const byLength = (a, b) => rank(a) - rank(b) || a.localeCompare(b);
const files = only.length > 0 ? only : [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test')), ...findTests(path.join(root, 'packages'))].sort(byLength);
console.log(`Running ${files.length} test files on ${process.env.DATABASE_URL ? 'the PostgreSQL server' : 'embedded PGlite'}`);

const env = { ...process.env, NODE_ENV: 'test' };
const templates = path.join(root, 'test', 'support', 'templates.ts');
const useTemplates = process.env.TEST_TEMPLATES !== 'off';
if (useTemplates) {
  // Named per run (time and random), so runs side by side on one server keep apart and a killed run's leftovers can be told by age.
  const stamp = `${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  if (process.env.DATABASE_URL) {
    env.PK_TEST_TEMPLATE_EMPTY = `pk_tmpl_${stamp}_empty`;
    env.PK_TEST_TEMPLATE_DEMO = `pk_tmpl_${stamp}_demo`;
  } else {
    env.PK_TEST_TEMPLATE_EMPTY = path.join(tmpdir(), `pakalpojumi-template-${stamp.replace('_', '-')}-empty.tar`);
    env.PK_TEST_TEMPLATE_DEMO = path.join(tmpdir(), `pakalpojumi-template-${stamp.replace('_', '-')}-demo.tar`);
  }
}
const templateScript = (command) => spawnSync(process.execPath, ['--import', './scripts/ts-hooks.mjs', templates, command], { cwd: root, stdio: 'inherit', env });

// Ctrl-C reaches the runner too (one process group); staying alive until it has stopped lets `finally` drop the templates.
process.on('SIGINT', () => {});

/**
 * One Chromium for the whole run (test/support/chromium.ts as a script): each
 * browser test file connects to it and opens its own contexts, instead of
 * starting a Chromium of its own. TEST_SHARED_BROWSER=off: each starts its own.
 */
async function startSharedBrowser() {
  const child = spawn(process.execPath, ['--import', './scripts/ts-hooks.mjs', path.join(root, 'test', 'support', 'chromium.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env });
  let out = '';
  for await (const chunk of child.stdout) {
    out += chunk.toString();
    if (out.includes('\n')) break;
  }
  const endpoint = out.trim();
  if (!endpoint.startsWith('ws://')) throw new Error(`the shared Chromium did not start (${endpoint || 'no address'})`);
  return { endpoint, stop: async () => (child.kill('SIGTERM'), child.exitCode === null ? await once(child, 'exit') : undefined) };
}

let status = 1;
let browser;
try {
  if (useTemplates && templateScript('build').status !== 0) throw new Error('could not build the template databases');
  if (process.env.TEST_SHARED_BROWSER !== 'off') {
    browser = await startSharedBrowser();
    env.PK_TEST_BROWSER_WS = browser.endpoint;
  }
  const result = spawnSync(process.execPath, [...WASM_FLAGS, '--import', './scripts/ts-hooks.mjs', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=300000', ...files], { cwd: root, stdio: 'inherit', env });
  status = result.status ?? 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  await browser?.stop();
  if (useTemplates) templateScript('drop');
}
process.exit(status);
