/**
 * The platform as `npm start` runs it, in a child process (crash tests kill it
 * and start another on the same data).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from './database.js';
import { freePort } from './platform.js';
import { serverTemplate, unpackEmbeddedTemplate } from './templates.js';

const root = path.resolve(import.meta.dirname, '../..');
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Child {
  process: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** `nodeFlags`: Node options before the platform's own (the start-up bench passes those of `npm start`). */
export async function startChild(env: Record<string, string>, nodeFlags: string[] = []): Promise<Child> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: env.PUBLIC_URL ?? url, DEMO: 'true', LOG_LEVEL: 'warn' };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [...nodeFlags, '--import', './scripts/ts-hooks.mjs', 'src/main.ts'], { cwd: root, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (gone) throw new Error(`the platform exited before it was ready:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`the platform was not ready in time:\n${stderr}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return { process: child, url, exited };
}


/**
 * Data for child platforms that has seen one start with the demo data, as crash
 * tests need (a fresh embedded database reaches its files only at its first
 * clean shutdown; measured: a kill in the first session loses even its
 * tables): a scratch database on DATABASE_URL's server, or a DATA_DIR. Copied
 * from this run's demo template when there is one (./templates.ts); else a
 * child starts on it once and stops. `env` names it for startChild.
 */
export async function startedData(prefix: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (server) {
    const template = serverTemplate(server, 'demo');
    const scratch = await createScratchDatabase(server, 'pk_test', template);
    if (!template) await stopCleanly(await startChild({ DATABASE_URL: scratch.url }));
    return { env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  const drop = () => rm(dataDir, { recursive: true, force: true });
  try {
    if (!(await unpackEmbeddedTemplate('demo', dataDir))) await stopCleanly(await startChild({ DATA_DIR: dataDir }));
  } catch (error) {
    await drop();
    throw error;
  }
  return { env: { DATA_DIR: dataDir }, drop };
}

async function stopCleanly(child: Child): Promise<void> {
  child.process.kill('SIGTERM');
  const code = await child.exited;
  if (code !== 0) throw new Error(`the first start did not shut down cleanly (exit ${code})`);
}
