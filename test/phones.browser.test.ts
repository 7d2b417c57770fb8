/**
 * Phones first (P16): in real Chromium at 390 × 844, no workspace or console
 * page scrolls sideways. The pages are listed from the app's own route table
 * (every GET under /workspace and /console, so a page added later is covered
 * too); a page with a parameter is reached by following a link to it from the
 * pages already visited, over demo data made for the purpose (an application,
 * a mandate). Each page must satisfy `scrollWidth <= innerWidth`. Then the
 * header on a phone: its menu folded behind a "Menu" toggle that works without
 * JavaScript, who is signed in and for whom, the idle timeout and the warning
 * before it (a fake clock), and the way out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApplications } from '../src/modules/applications/index.js';
import type { Principal } from '../src/platform/http/auth.js';
import { expectAccessible, focused, platformAndBrowser, signInPage, skipBrowser, tabTo, withContext } from './support/browser.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let browser: Browser | undefined;

platformAndBrowser((started) => ({ platform, browser } = started));

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Every GET path of the app, from Fastify's printed route tree (each line's depth is its indentation). */
function routePaths(tree: string): string[] {
  const stack: string[] = [];
  const paths: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = (match[1] as string).length / 4;
    stack.length = depth;
    stack.push(match[2] as string);
    if ((match[3] as string).split(', ').includes('GET')) paths.push(stack.join('').replace(/^\/+/, '/'));
  }
  return paths;
}

/** The pattern a route's path matches (`:name` is one segment). */
const patternOf = (route: string): RegExp => new RegExp(`^${route.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/?#]+')}$`);

interface Visit {
  route: string;
  path: string;
  scrollWidth: number;
}

/** Visits every route of `routes` reachable by `page`: first those without parameters, then the others through links found on the way. */
async function visitAll(page: Page, routes: string[], known: string[], measured: ReadonlySet<string>): Promise<{ visited: Visit[]; unreached: string[] }> {
  const visited: Visit[] = [];
  // Addresses no page links to but the portal's service pages (a form's steps).
  const links = new Set<string>(known);
  const open = async (route: string, path: string): Promise<void> => {
    // A download or an empty answer (204) is no page: Chromium aborts the navigation.
    const response = await page.goto(path, { waitUntil: 'domcontentloaded' }).catch((error: Error) => (/Download is starting|ERR_ABORTED/.test(error.message) ? null : Promise.reject(error)));
    // Downloads and refusals (another role's page) are not pages of this person.
    if (!response || response.status() !== 200 || !(response.headers()['content-type'] ?? '').startsWith('text/html')) return;
    const found = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, links: Array.from(document.querySelectorAll('a[href]'), (a) => new URL((a as HTMLAnchorElement).href).pathname) }));
    for (const link of found.links) links.add(link);
    visited.push({ route, path, scrollWidth: found.scrollWidth });
  };
  // A page measured already as someone else is not measured again (their links are still followed).
  for (const route of routes.filter((candidate) => !candidate.includes(':') && !measured.has(candidate))) await open(route, route);
  const unreached: string[] = [];
  for (const route of routes.filter((candidate) => candidate.includes(':') && !measured.has(candidate))) {
    const link = [...links].find((candidate) => patternOf(route).test(candidate));
    if (link) await open(route, link);
    else unreached.push(route);
  }
  return { visited, unreached };
}

async function seedJanis(): Promise<void> {
  const janis: Principal = { subject: 'person:150685-12347', kind: 'person', via: 'session', roles: [], scopes: [], personalCode: '150685-12347' };
  const residence = (await (await fetch(`${platform.url}/api/v1/services/dzivesvietas-deklaresana`)).json()) as { id: string };
  await createApplications(platform.database.db).submit(janis, { party: '150685-12347', partyKind: 'person', basis: 'self' }, {
    serviceId: residence.id,
    data: { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com', address: 'Brīvības iela 1-2, Rīga, LV-1010', movedInOn: '2026-01-05', basis: 'owner', consent: true },
  });
}

test('at 390 × 844 no workspace or console page scrolls sideways', { skip: skipBrowser }, async () => {
  await seedJanis();
  const routes = routePaths(platform.app.printRoutes({ commonPrefix: false, method: 'GET' }));
  // Pages, not files: no file downloads or data exports.
  const ofShell = (prefix: string): string[] => routes.filter((route) => (route === prefix || route.startsWith(`${prefix}/`)) && !/\/files\/|\.[a-z]+$/.test(route));
  const wide: string[] = [];
  const reached: string[] = [];
  const unreachedBy: Record<string, string[]> = {};
  const apply = '/workspace/apply/dzivesvietas-deklaresana';
  const known = [apply, `${apply}/step/residence`, `${apply}/check`];
  const check = async (context: BrowserContext, who: string, prefix: string, start: string): Promise<void> => {
    const page = await signInPage(context, who, start);
    const { visited, unreached } = await visitAll(page, ofShell(prefix), known, new Set(reached));
    unreachedBy[who] = unreached;
    for (const visit of visited) {
      reached.push(visit.route);
      if (visit.scrollWidth > PHONE.viewport.width) wide.push(`${visit.path} (${who}): ${visit.scrollWidth} px`);
    }
  };
  const options = { ...PHONE, baseURL: platform.url };
  await withContext(browser as Browser, options, (context) => check(context, 'Jānis Bērziņš', '/workspace', '/workspace'));
  await withContext(browser as Browser, options, (context) => check(context, 'Ilze Kļaviņa', '/console', '/console'));
  await withContext(browser as Browser, options, (context) => check(context, 'Roberts Liepa', '/console', '/console'));
  assert.deepEqual(wide, [], 'pages wider than the phone');
  // The route table was read, and the pages most used on a phone were among those measured.
  for (const route of ['/workspace', '/workspace/applications', '/workspace/applications/:number', '/workspace/apply/:ref/step/:step', '/console', '/console/applications', '/console/applications/:number', '/console/staff']) {
    assert.ok(reached.includes(route), `${route} was measured (not reached: ${JSON.stringify(unreachedBy)})`);
  }
  const measured = new Set(reached).size;
  assert.ok(measured >= 30, `${measured} routes measured`);
});

test('on a phone the menu folds behind “Izvēlne” (no JavaScript), the header says who is signed in and for whom, with sign-out', { skip: skipBrowser }, async () => {
  const signedIn = async (context: BrowserContext): Promise<Page> => {
    const page = await signInPage(context, 'Jānis Bērziņš', '/workspace');
    await page.goto('/workspace/applications');
    return page;
  };
  await withContext(browser as Browser, { ...PHONE, baseURL: platform.url, bypassCSP: true }, async (context) => {
    const page = await signedIn(context);
    const menuLink = page.locator('.govuk-service-navigation__link', { hasText: 'Iestādēm' });
    assert.equal(await menuLink.isVisible(), false, 'folded on a phone');
    await expectAccessible(page, 'my applications on a phone, menu folded');
    await tabTo(page, 'the menu toggle', (element) => element.tag === 'summary');
    await page.keyboard.press('Enter');
    assert.equal(await menuLink.isVisible(), true, 'Enter on “Izvēlne” opens it');
    assert.match(await page.locator('#signed-in').innerText(), /Pieslēdzies: Jānis Bērziņš[\s\S]*Izrakstīties/);
    assert.match(await page.locator('#idle-timeout').innerText(), /Bez darbībām sesija beidzas pēc 30 min/);
    // Two minutes before the idle timeout a warning takes the focus; "Stay signed in" keeps the session and hides it.
    await page.clock.install();
    await page.reload();
    assert.equal(await page.locator('#idle-warning').isVisible(), false);
    await page.clock.fastForward('28:01');
    assert.equal(await page.locator('#idle-warning').isVisible(), true, 'warned before the timeout');
    assert.equal((await focused(page)).id, 'idle-stay');
    await Promise.all([page.waitForResponse((response) => response.url().endsWith('/workspace/session') && response.status() === 204), page.keyboard.press('Enter')]);
    await page.locator('#idle-warning').waitFor({ state: 'hidden' });
    // The applications table reads as a summary list: each cell under its column's name.
    assert.match(await page.locator('#applications tbody td').first().getAttribute('data-label') ?? '', /\S/);
  });
  await withContext(browser as Browser, { viewport: { width: 1024, height: 768 }, baseURL: platform.url, javaScriptEnabled: false }, async (context) => {
    const page = await signedIn(context);
    assert.equal(await page.locator('.govuk-service-navigation__link', { hasText: 'Iestādēm' }).isVisible(), true, 'open on a wide screen');
    assert.equal(await page.locator('.pk-menu__toggle').isVisible(), false, 'and without its toggle');
  });
});
