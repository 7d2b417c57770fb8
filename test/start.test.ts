/**
 * `npm start` as a user runs it: a real process on an empty DATA_DIR becomes
 * ready, stops gracefully on SIGTERM, and a restart keeps the data without
 * loading the demo data twice. On the server (DATABASE_URL) the same holds for
 * a fresh database with DEMO on.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { scratchDatabase } from './support/database.js';
import { freePort } from './support/platform.js';

const root = path.resolve(import.meta.dirname, '..');
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function startProcess(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', './scripts/ts-hooks.mjs', 'src/main.ts'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  // Generous: a first start builds the database from nothing, and the suite runs files side by side.
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) assert.fail(`the platform exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await delay(100);
  }
  assert.fail(`the platform did not become ready:\n${output()}`);
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

async function serviceCount(url: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/services?limit=1`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { total: number }).total;
}

test('a fresh start becomes ready with the demo data; a restart keeps the data and does not load it twice', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pakalpojumi-start-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const scratch = await scratchDatabase();
  cleanups.push(scratch.drop);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { PORT: String(port), DATA_DIR: dataDir, DEMO: 'true', DATABASE_URL: scratch.url ?? '' };

  const first = startProcess(env);
  cleanups.push(async () => void (await stop(first.child)));
  await waitReady(url, first.child, first.output);
  const count = await serviceCount(url);
  assert.ok(count >= 40, `expected the demo catalog, found ${count} services`);
  assert.match(first.output(), /demo catalog loaded/);
  assert.equal(await stop(first.child), 0, first.output());

  const second = startProcess(env);
  cleanups.push(async () => void (await stop(second.child)));
  await waitReady(url, second.child, second.output);
  assert.equal(await serviceCount(url), count);
  assert.match(second.output(), /demo data already loaded/);
  assert.doesNotMatch(second.output(), /demo catalog loaded/);
  assert.equal(await stop(second.child), 0, second.output());
});

test('a bad setting stops the start with a clear message', async () => {
  const { child, output } = startProcess({ PORT: 'eighty', DATA_DIR: 'unused' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 2);
  assert.match(output(), /PORT must be an integer/);
});
