/**
 * Start-up and memory of the platform as `npm start` runs it, embedded: the
 * first start on an empty DATA_DIR (the cluster is made, migrated and loaded
 * with the demo data), then a restart on the same data, each timed from spawn
 * to /readyz answering 200; then the restarted process's resident memory after
 * it has idled; beside them, the CPU each start used and what the idle process used. Goals (issue #11): restart < 3 s, first start < 6 s, idle RSS < 250 MB.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startChild, type Child } from '../test/support/child.js';
import { cpuMsOf } from './proc.js';

/**
 * How `npm start` runs the platform (package.json): the environment it sets before `node` (`NAME=value`) and
 * the Node options before the platform's own, so the bench measures the process users run.
 */
export async function startCommand(): Promise<{ env: Record<string, string>; flags: string[] }> {
  const { scripts } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const args = scripts.start.split(/\s+/);
  const node = args.indexOf('node');
  const env = Object.fromEntries(args.slice(0, node).map((assignment) => assignment.split('=', 2) as [string, string]));
  return { env, flags: args.slice(node + 1, args.indexOf('--import')) };
}

async function timedStart(env: Record<string, string>): Promise<{ child: Child; ms: number; cpuMs: number | undefined }> {
  const command = await startCommand();
  const started = performance.now();
  const child = await startChild({ ...command.env, ...env }, command.flags);
  return { child, ms: Math.round(performance.now() - started), cpuMs: cpuMsOf(child.process.pid) };
}

async function stop(child: Child): Promise<void> {
  child.process.kill('SIGTERM');
  await child.exited;
}

/** Resident memory of a process in MB, from /proc (Linux); undefined elsewhere. */
async function residentMb(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
}

/**
 * Whether this machine already keeps a new cluster for the embedded database (src/platform/db/database.ts): the
 * first start of an empty DATA_DIR copies it, or else runs initdb and keeps the result, a slower first start.
 */
async function clusterKept(): Promise<boolean> {
  const dir = new URL('../node_modules/.cache/pakalpojumi-pgdata/', import.meta.url);
  return (await readdir(dir).catch(() => [])).some((name) => name.endsWith('.tar'));
}

export async function benchStartup(options: { idleSeconds: number }): Promise<Record<string, unknown>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pk-bench-start-'));
  try {
    const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    const kept = await clusterKept();
    const first = await timedStart(env);
    await stop(first.child);
    const restart = await timedStart(env);
    await delay(options.idleSeconds * 1000);
    const rss = await residentMb(restart.child.process.pid);
    const restartIdleCpuMs = cpuMsOf(restart.child.process.pid);
    await stop(restart.child);
    return {
      bench: 'startup',
      database: 'embedded',
      first_start_ms: first.ms,
      first_start_cluster: kept ? 'copied' : 'initdb',
      restart_ms: restart.ms,
      idle_rss_mb: rss,
      first_start_cpu_ms: first.cpuMs,
      restart_cpu_ms: restart.cpuMs,
      idle_cpu_ms: restartIdleCpuMs === undefined || restart.cpuMs === undefined ? undefined : restartIdleCpuMs - restart.cpuMs,
      idle_seconds: options.idleSeconds,
      goals: { first_start_ms: 6000, restart_ms: 3000, idle_rss_mb: 250 },
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
