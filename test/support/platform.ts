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
  /** PUBLIC_URL: the address users see (and the OpenID issuer) */
  url: string;
  /** where this instance really listens (differs from `url` when PUBLIC_URL was given) */
  address: string;
  /** the server database this instance uses (undefined in embedded mode) */
  databaseUrl: string | undefined;
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

export interface TestPlatformOptions {
  demo?: boolean;
  env?: Record<string, string>;
  /**
   * An existing server database (another instance's `databaseUrl`): this instance
   * joins it instead of making a scratch database, and leaves it in place on close.
   */
  databaseUrl?: string;
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const scratch = options.databaseUrl ? { url: options.databaseUrl, drop: async () => {} } : await scratchDatabase();
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
    address: `http://127.0.0.1:${port}`,
    databaseUrl: scratch.url,
    config,
    async close() {
      await platform.close();
      await scratch.drop();
    },
  };
}

// ---- a small browser for tests: cookies, forms, redirects (no JavaScript) ----

interface StoredCookie {
  value: string;
  path: string;
}

/**
 * Keeps cookies like a browser on one site (path matching, deletion by
 * Max-Age=0 or an empty value) and follows redirects within the site only.
 */
export class TestBrowser {
  readonly cookies = new Map<string, StoredCookie>();

  constructor(readonly base: string) {}

  cookieHeader(path: string): string {
    return [...this.cookies.entries()]
      .filter(([, cookie]) => path === cookie.path || path.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`) || cookie.path === '/')
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }

  remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const attribute = (key: string): string | undefined =>
        attributes.find((item) => item.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const maxAge = attribute('max-age');
      const expires = attribute('expires');
      const gone = value === '' || (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) < Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, { value, path: attribute('path') ?? '/' });
    }
  }

  /** One request, no redirect following; `form` is sent urlencoded. */
  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url, this.base);
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
    const cookie = this.cookieHeader(target.pathname);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(target, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.remember(response);
    return response;
  }

  /**
   * Requests `url` and follows redirects on this site. Returns the last
   * response, or the first redirect that leaves the site (its Location in `leftTo`).
   */
  async navigate(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ response: Response; url: string; leftTo?: string }> {
    let current = new URL(url, this.base).href;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops++) {
      const location = new URL(response.headers.get('location') ?? '', current);
      if (location.origin !== new URL(this.base).origin) return { response, url: current, leftTo: location.href };
      current = location.href;
      response = await this.request(current);
    }
    return { response, url: current };
  }
}

/** The named hidden and submit values of the HTML form whose action contains `actionPart`. */
export function formOf(html: string, actionPart: string): { action: string; fields: Record<string, string> } {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = forms.find((match) => (/action="([^"]*)"/.exec(match[1] ?? '')?.[1] ?? '').includes(actionPart));
  if (!form) throw new Error(`no form posting to ${actionPart}`);
  const decode = (text: string): string => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? '').matchAll(/<input\b([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(input[1] ?? '')?.[1];
    const value = /value="([^"]*)"/.exec(input[1] ?? '')?.[1];
    if (name && value !== undefined) fields[name] = decode(value);
  }
  return { action: decode(/action="([^"]*)"/.exec(form[1] ?? '')?.[1] ?? ''), fields };
}

/**
 * On the demo identity provider's page (`html`, reached in `browser`), presses
 * the button of the person named `name` and follows the redirects.
 */
export async function chooseDemoPerson(browser: TestBrowser, html: string, name: string): Promise<{ response: Response; url: string; leftTo?: string }> {
  const match = new RegExp(`<button[^>]*name="person" value="([^"]+)"[^>]*>\\s*<span[^>]*>${name}</span>`).exec(html);
  if (!match?.[1]) throw new Error(`the demo page does not list ${name}`);
  const form = formOf(html, '/demo');
  return browser.navigate(form.action, { form: { ...form.fields, person: match[1] } });
}
