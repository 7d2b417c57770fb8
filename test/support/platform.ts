/**
 * Starts the real platform for a test: a real HTTP server on a free port over a
 * real database. Without DATABASE_URL the database is embedded PGlite in
 * memory; with it, each test file gets a fresh database on that server, dropped
 * afterwards, so test files never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { openPlatform, type Platform } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';

export interface TestPlatform extends Platform {
  url: string;
  config: Config;
}

async function createScratchDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** A fresh database URL on the test server, or undefined in embedded mode. */
export async function scratchDatabase(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (!server) return { url: undefined, drop: async () => {} };
  return createScratchDatabase(server);
}

/** A port that was free a moment ago, so PUBLIC_URL can name it before the app is built. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startTestPlatform(options: { demo?: boolean; env?: Record<string, string> } = {}): Promise<TestPlatform> {
  const scratch = await scratchDatabase();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: 'memory://',
    DEMO: String(options.demo ?? true),
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  if (scratch.url) env.DATABASE_URL = scratch.url;
  const config = loadConfig(env);
  let platform: Platform;
  try {
    platform = await openPlatform({ ...config, dataDir: 'memory://' }, false);
  } catch (error) {
    await scratch.drop();
    throw error;
  }
  await platform.app.listen({ port, host: '127.0.0.1' });
  return {
    ...platform,
    url: config.publicUrl,
    config,
    async close() {
      await platform.close();
      await scratch.drop();
    },
  };
}
