/**
 * Starts the real platform for a test: a real HTTP server on a free port over a
 * real database. Without DATABASE_URL the database is embedded PGlite in
 * memory; with it, each test file gets a fresh database on that server, dropped
 * afterwards, so test files never see each other's data. Under `npm test` each
 * starts as a copy of a template (./templates.ts) instead of from nothing.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { openPlatform, type Platform } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { createScratchDatabase, scratchDatabase, type ScratchDatabase } from './database.js';
import { embeddedTemplate, serverTemplate } from './templates.js';

export { scratchDatabase };

export interface TestPlatform extends Platform {
  /** PUBLIC_URL: the address users see (and the OpenID issuer) */
  url: string;
  /** where this instance really listens (differs from `url` when PUBLIC_URL was given) */
  address: string;
  /** the server database this instance uses (undefined in embedded mode) */
  databaseUrl: string | undefined;
  config: Config;
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

/**
 * This test's own database: the given one, else a copy of this run's template
 * (demo or empty: ./templates.ts) or, without templates, a fresh one that the
 * platform builds from nothing as it starts.
 */
async function databaseFor(options: TestPlatformOptions): Promise<{ scratch: ScratchDatabase; embeddedTemplate?: Blob }> {
  if (options.databaseUrl) return { scratch: { url: options.databaseUrl, drop: async () => {} } };
  const kind = (options.demo ?? true) ? 'demo' : 'empty';
  const server = process.env.DATABASE_URL;
  if (server) return { scratch: await createScratchDatabase(server, 'pk_test', serverTemplate(server, kind)) };
  const template = embeddedTemplate(kind);
  return { scratch: { url: undefined, drop: async () => {} }, ...(template ? { embeddedTemplate: await template } : {}) };
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const { scratch, embeddedTemplate: template } = await databaseFor(options);
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
    const opened = template ? await openDatabase({ dataDir: 'memory://', embeddedTemplate: template }) : undefined;
    platform = await openPlatform({ ...config, dataDir: 'memory://' }, false, opened);
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
      const closing = platform.close();
      // The test is over: a response it left unread would hold the close for the server's grace period.
      platform.app.server.closeAllConnections();
      await closing;
      await scratch.drop();
    },
  };
}

// ---- a small browser for tests: cookies, forms, redirects (no JavaScript) ----

/** Form fields by name, or as pairs where a name repeats. */
export type FormFields = Record<string, string> | [string, string][];

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

  /** One request, no redirect following; `form` is sent urlencoded (pairs for repeated names), `multipart` as multipart/form-data. */
  async request(url: string, init: { method?: string; form?: FormFields; multipart?: FormData; headers?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url, this.base);
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
    const cookie = this.cookieHeader(target.pathname);
    if (cookie) headers.cookie = cookie;
    let body: string | FormData | undefined = init.multipart;
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
  async navigate(url: string, init: { method?: string; form?: FormFields } = {}): Promise<{ response: Response; url: string; leftTo?: string }> {
    let current = new URL(url, this.base).href;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops++) {
      const location = new URL(response.headers.get('location') ?? '', current);
      if (location.origin !== new URL(this.base).origin) return { response, url: current, leftTo: location.href };
      current = location.href;
      // A body left unread keeps its connection busy, and the platform's close waits for it (a browser reads it too).
      await response.body?.cancel();
      response = await this.request(current);
    }
    return { response, url: current };
  }
}

/** Text of an HTML attribute or element as the browser reads it (the entities the pages write). */
export const decodeHtml = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;|&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The CSRF token of the page's forms. */
export const csrfOf = (html: string): string => decodeHtml(/name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '');

/** The named hidden and submit values of the HTML form whose action contains `actionPart`. */
export function formOf(html: string, actionPart: string): { action: string; fields: Record<string, string> } {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = forms.find((match) => (/action="([^"]*)"/.exec(match[1] ?? '')?.[1] ?? '').includes(actionPart));
  if (!form) throw new Error(`no form posting to ${actionPart}`);
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? '').matchAll(/<input\b([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(input[1] ?? '')?.[1];
    const value = /value="([^"]*)"/.exec(input[1] ?? '')?.[1];
    if (name && value !== undefined) fields[name] = decodeHtml(value);
  }
  return { action: decodeHtml(/action="([^"]*)"/.exec(form[1] ?? '')?.[1] ?? ''), fields };
}

/**
 * On the demo identity provider's page (`html`, reached in `browser`), presses
 * the button of the person named `name` and follows the redirects.
 */
export async function chooseDemoPerson(browser: TestBrowser, html: string, name: string): Promise<{ response: Response; url: string; leftTo?: string }> {
  const form = formOf(html, '/demo');
  return browser.navigate(form.action, { form: { ...form.fields, person: personButton(html, name) } });
}

/** The value of the demo identity provider's button for the person `name` (the person's id). */
export function personButton(html: string, name: string): string {
  const match = new RegExp(`<button[^>]*name="person" value="([^"]+)"[^>]*>\\s*<span[^>]*>${name}</span>`).exec(html);
  assert.ok(match?.[1], `the demo page lists ${name}`);
  return match[1];
}

/**
 * A cookie-keeping test browser (no JavaScript) in which `name` signed in
 * through the demo identity provider, starting at `start` and brought back there.
 */
export async function signedIn(platform: { url: string }, name: string, start = '/workspace'): Promise<TestBrowser> {
  const browser = new TestBrowser(platform.url);
  const page = await browser.navigate(`/login?returnTo=${encodeURIComponent(start)}`);
  const done = await chooseDemoPerson(browser, await page.response.text(), name);
  assert.equal(done.response.status, 200, `${name} reaches ${start}`);
  await done.response.body?.cancel();
  const back = new URL(done.url);
  assert.equal(back.pathname + back.search, start, `${name} comes back to ${start}`);
  return browser;
}

/** The HTML at `url` (redirects followed), which must answer `status`. */
export async function pageHtml(browser: TestBrowser, url: string, status = 200): Promise<string> {
  const { response } = await browser.navigate(url);
  const html = await response.text();
  assert.equal(response.status, status, `${url} answers ${status}`);
  return html;
}

/** POSTs a urlencoded form and, on 303, follows to the page it leads to. */
export async function postAndFollow(browser: TestBrowser, url: string, form: FormFields): Promise<{ status: number; html: string; location: string | null }> {
  const response = await browser.request(url, { form });
  const location = response.headers.get('location');
  if (response.status === 303 && location) return { status: 303, location, html: await pageHtml(browser, location) };
  return { status: response.status, location, html: await response.text() };
}

/** Posts `fields` to `action` as the form on `page` that posts there would, with its CSRF token; no redirect followed. */
export async function submitForm(browser: TestBrowser, page: string, action: string, fields: FormFields): Promise<Response> {
  const html = await (await browser.request(page)).text();
  assert.ok(html.includes(`action="${action}"`), `${page} has a form posting to ${action}`);
  const { fields: hidden } = formOf(html, action);
  return browser.request(action, { form: [['_csrf', hidden._csrf ?? ''], ...(Array.isArray(fields) ? fields : Object.entries(fields))] });
}
