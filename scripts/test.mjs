#!/usr/bin/env node
// `npm test`: runs every test file (unit, API, database, browser) with Node's
// test runner. On a fresh machine it first gets what the browser tests need
// (Debian's chromium) or says exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
const files = only.length > 0 ? only : [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))].sort();
console.log(`Running ${files.length} test files on ${process.env.DATABASE_URL ? 'the PostgreSQL server' : 'embedded PGlite'}`);
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(result.status ?? 1);
