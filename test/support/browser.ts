/**
 * Page tests in a real browser: Debian's Chromium through playwright-core, and
 * axe-core's WCAG 2.1 A/AA rules. Without Chromium the browser tests are
 * skipped locally with a message (pass `{ skip: skipBrowser }`); in CI (CI set)
 * they run, and fail.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { createRequire } from 'node:module';
import type axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_OPTIONS } from './chromium.js';
import { startTestPlatform, type TestPlatform } from './platform.js';

export { CHROMIUM } from './chromium.js';

/** The reason to skip browser tests, or false when they run. */
export const skipBrowser: string | false =
  !existsSync(CHROMIUM) && !process.env.CI ? `Chromium not found at ${CHROMIUM} (install it or set CHROMIUM_PATH); browser tests skipped. In CI they fail.` : false;

/** Where `npm test`'s one Chromium for the whole run listens (scripts/test.mjs starts it); unset: each file starts its own. */
export const SHARED_BROWSER_ENV = 'PK_TEST_BROWSER_WS';

/**
 * A Chromium for a test file: a connection to the run's shared one when there
 * is one (closing it only disconnects; each file's contexts stay its own),
 * else one of its own.
 */
export function launchChromium(): Promise<Browser> {
  const shared = process.env[SHARED_BROWSER_ENV];
  return shared ? chromium.connect(shared) : chromium.launch(CHROMIUM_OPTIONS);
}

/**
 * A test file's platform and Chromium (none when browser tests are skipped):
 * started before its tests, handed to `take`, and closed after them.
 */
export function platformAndBrowser(take: (started: { platform: TestPlatform; browser: Browser | undefined }) => void): void {
  let platform: TestPlatform | undefined;
  let browser: Browser | undefined;
  before(async () => {
    platform = await startTestPlatform();
    if (!skipBrowser) browser = await launchChromium();
    take({ platform, browser });
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
  });
}

/** Runs `work` in a fresh context of `browser`, closed afterwards. */
export async function withContext<T>(browser: Browser, options: BrowserContextOptions, work: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}

/**
 * Opens `start` in a new tab of `context` as an anonymous visitor, who is sent
 * to the demo identity provider, presses the button of the person `name` and
 * waits to be back at `start`.
 */
export async function signInPage(context: BrowserContext, name: string, start: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(start);
  assert.match(page.url(), /\/interaction\/[^/]+\/demo/, 'an anonymous visitor is sent to sign in');
  const back = new URL(start, 'http://x').pathname;
  await Promise.all([page.waitForURL((url) => url.pathname === back), page.locator('button[name="person"]', { hasText: name }).click()]);
  return page;
}

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown; failureSummary?: string }[];
}

/** The checkers' browser bundles, by the path the checkers' server gives them (the packages' main files are for Node). */
const CHECKERS = { '/axe.js': 'axe-core/axe.min.js', '/htmlcs.js': 'html_codesniffer/build/HTMLCS.js' } as const;
type Checker = keyof typeof CHECKERS;
const checkerSources = new Map<Checker, string>();
let checkerOrigin: Promise<string> | undefined;

/** A checker's source, read once. */
function checkerSource(path: Checker): string {
  let source = checkerSources.get(path);
  if (source === undefined) checkerSources.set(path, (source = readFileSync(createRequire(import.meta.url).resolve(CHECKERS[path]), 'utf8')));
  return source;
}

/**
 * Where pages load axe-core and HTML_CodeSniffer from: a loopback server of
 * this test process's own, started on first use. The page fetches a checker
 * itself, instead of its text crossing Playwright's protocol on every check
 * (measured over the browser test files: injecting axe's 1.5 MB source took
 * 376 ms a check, more than running it). Each answer closes its connection, so
 * Chromium holds nothing that keeps the test process alive.
 */
function checkersServer(): Promise<string> {
  checkerOrigin ??= new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      const path = request.url as Checker;
      const found = Object.hasOwn(CHECKERS, path);
      response.writeHead(found ? 200 : 404, { 'content-type': 'text/javascript; charset=utf-8', connection: 'close' }).end(found ? checkerSource(path) : undefined);
    });
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
  return checkerOrigin;
}

/**
 * Loads a checker into the page (the context must allow scripts and bypass
 * CSP); a page that is offline (the offline tests) is handed its text instead.
 */
async function injectChecker(page: Page, path: Checker): Promise<void> {
  const url = `${await checkersServer()}${path}`;
  await page.addScriptTag({ url }).catch(() => page.addScriptTag({ content: checkerSource(path) }));
}

/**
 * axe-core's WCAG 2.1 A/AA violations on the page (the context must allow
 * scripts and bypass CSP to inject axe). Only violations are gathered: axe's
 * passes and incomplete results would cost a third of its run for nothing.
 */
async function axeViolations(page: Page): Promise<Violation[]> {
  await injectChecker(page, '/axe.js');
  return page.evaluate(async () => {
    const runner = (window as unknown as { axe: typeof axe }).axe;
    const result = await runner.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  });
}

/**
 * The page `label` has unique ids and no WCAG 2.1 A/AA violations. Unique ids
 * are no longer among axe's WCAG rules, but labels and hints point at ids, so
 * each must be unique. The violations' details go to stderr.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const ids = await page.evaluate(() => Array.from(document.querySelectorAll('[id]'), (element) => element.id));
  assert.deepEqual(
    ids.filter((id, index) => ids.indexOf(id) !== index),
    [],
    `${label} has duplicate ids`,
  );
  const violations = await axeViolations(page);
  if (violations.length > 0) console.error(`axe violations on ${label}:\n${JSON.stringify(violations, null, 2)}`);
  assert.deepEqual(
    violations.map((violation) => violation.id),
    [],
    `${label} has accessibility violations`,
  );
}

/** One HTML_CodeSniffer error: the sniff's code, its message and the start tag of the element it names. */
export interface SnifferError {
  code: string;
  message: string;
  element: string;
}

/**
 * HTML_CodeSniffer's WCAG 2 AA errors on the page (its warnings and notices
 * ask for a human's judgement, so only errors are returned). Like axe, it is
 * injected, so the context must allow scripts and bypass CSP.
 */
export async function snifferErrors(page: Page): Promise<SnifferError[]> {
  await injectChecker(page, '/htmlcs.js');
  return page.evaluate(
    () =>
      new Promise<SnifferError[]>((resolve, reject) => {
        interface Message { type: number; code: string; msg: string; element: Element | null }
        const htmlcs = (window as unknown as { HTMLCS: { process: (standard: string, content: Document, done: () => void, failed: () => void) => void; getMessages: () => Message[] } }).HTMLCS;
        const ERROR = 1;
        // HTMLCS 2.5.1 lacks some messages' English text (H98's autocomplete ones) and throws where it would report them: report the code instead.
        const withText = htmlcs as unknown as { getTranslation: (key: string) => string | undefined };
        const translate = withText.getTranslation.bind(htmlcs);
        withText.getTranslation = (key) => translate(key) ?? key;
        const startTag = (element: Element | null): string => {
          const html = element?.outerHTML ?? '';
          return html.slice(0, Math.min(html.indexOf('>') + 1 || 200, 200));
        };
        htmlcs.process(
          'WCAG2AA',
          document,
          () =>
            resolve(
              htmlcs
                .getMessages()
                .filter((message) => message.type === ERROR)
                .map((message) => ({ code: message.code, message: message.msg, element: startTag(message.element) })),
            ),
          () => reject(new Error('HTML_CodeSniffer failed to run')),
        );
      }),
  );
}

/** The page `label` has no HTML_CodeSniffer WCAG 2 AA errors; their details go to stderr. */
export async function expectSnifferClean(page: Page, label: string): Promise<void> {
  const errors = await snifferErrors(page);
  if (errors.length > 0) console.error(`HTML_CodeSniffer errors on ${label}:\n${JSON.stringify(errors, null, 2)}`);
  assert.deepEqual(
    errors.map((error) => error.code),
    [],
    `${label} has HTML_CodeSniffer WCAG2AA errors`,
  );
}

export interface Focused {
  id: string;
  text: string;
  href: string;
  tag: string;
  /** the focus is drawn: an outline or a box shadow */
  visible: boolean;
}

/** What has the keyboard focus, and whether it is visibly marked. */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { id: '', text: '', href: '', tag: '', visible: false };
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    const shadowed = style.boxShadow !== 'none' && style.boxShadow !== '';
    return { id: element.id, text: (element.textContent ?? '').trim(), href: element.getAttribute('href') ?? '', tag: element.tagName.toLowerCase(), visible: outlined || shadowed };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches; asserts that its focus is visible. */
export async function tabTo(page: Page, what: string, matches: (element: Focused) => boolean, backwards = false): Promise<Focused> {
  for (let presses = 0; presses < 150; presses++) {
    const element = await focused(page);
    if (element.tag && matches(element)) {
      assert.ok(element.visible, `the focus on ${what} is visible`);
      return element;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`the keyboard never reached ${what}`);
}

export const byId =
  (id: string) =>
  (element: Focused): boolean =>
    element.id === id;
