/**
 * The workspace's notification pages over the real platform with its demo
 * data, its job queue and a real SMTP server (smtp-server in this process,
 * refusing Anna's address for good), as a browser without JavaScript (the
 * console's notification pages are tested beside the notifications module):
 * - Jānis's status change (PMLP's system, through the API) is in his inbox
 *   page, unread and counted on the workspace home; opening it marks it read
 *   and its direct link opens the application; "mark all as read"; paging;
 *   Anna sees none of it and cannot open it;
 * - in Chromium, the inbox and a notification have no WCAG 2.1 A/AA violations.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestSmtp, type TestSmtp } from '../../notifications.fixtures.js';
import type { InboxItem } from '../../index.js';
import { expectAccessible, launchChromium, signInPage, skipBrowser } from '../../../../../test/support/browser.js';
import { csrfOf, decodeHtml as decode, pageHtml as page, postAndFollow as post, signedIn, startTestPlatform, TestBrowser, type TestPlatform } from '../../../../../test/support/platform.js';
import { startResidenceJourney } from '../../../../../test/support/journeys.js';

const JANIS = '150685-12347';

let platform: TestPlatform;
let smtp: TestSmtp;
/** Jānis's application and the subject of its in_progress notification */
let receipt = { applicationId: '', number: '' };
let subject = '';

const inboxOf = (code: string, target: TestPlatform = platform) => target.notifications!.service.inbox(code, { limit: 100 });

/** A plain-HTTP browser signed in as `name`. */
const signIn = (name: string, target: TestPlatform = platform, returnTo = '/workspace'): Promise<TestBrowser> => signedIn(target, name, returnTo);

/** The inbox rows: id and whether unread. */
const inboxRows = (html: string): { id: string; unread: boolean }[] =>
  [...html.matchAll(/<tr class="govuk-table__row" data-id="([^"]+)" data-unread="(true|false)"/g)].map((match) => ({ id: match[1] as string, unread: match[2] === 'true' }));


before(async () => {
  smtp = await startTestSmtp({
    refuse: (recipient) => (recipient === 'anna.kalnina@example.com' ? 550 : undefined),
  });
  platform = await startTestPlatform({ env: { SMTP_URL: smtp.url, NOTIFICATIONS_RETRY_SECONDS: '1' } });
  ({ receipt, subject } = await startResidenceJourney(platform));
});

after(async () => {
  await platform?.close();
  await smtp?.close();
});

describe('the workspace inbox', () => {
  test('Jānis’s status change is in his inbox, unread and counted; opening it marks it read and its link opens the application', async () => {
    const janis = await signIn('Jānis Bērziņš');
    const home = await page(janis, '/workspace');
    const { unread } = await inboxOf(JANIS);
    assert.ok(unread >= 2, 'the submission and the status change');
    assert.ok(home.includes(`Paziņojumi (${unread} nelasīti)`), 'the home page counts the unread ones');

    const inbox = await page(janis, '/workspace/notifications');
    assert.ok(inbox.includes(subject), 'the status change is listed');
    const item = (await inboxOf(JANIS)).items.find((entry) => entry.subject === subject) as InboxItem;
    const rows = inboxRows(inbox);
    assert.deepEqual(rows[0], { id: item.id, unread: true }, 'newest first, marked unread');
    assert.ok(inbox.includes('Iesniegts'), 'the submission is listed too');

    const opened = await page(janis, `/workspace/notifications/${item.id}`);
    assert.ok(opened.includes('Pārbaudām adresi.'), 'the text is shown');
    const href = decode(/<a class="govuk-button"[^>]*href="([^"]+)" id="direct-link"/.exec(opened)?.[1] ?? '');
    assert.equal(href, `/workspace/applications/${receipt.number}`);
    assert.deepEqual(inboxRows(await page(janis, '/workspace/notifications'))[0], { id: item.id, unread: false }, 'opening it marked it read');
    assert.ok((await page(janis, href)).includes(receipt.number), 'the direct link opens the application');

    // In English the link stays in English.
    const english = await page(janis, `/en/workspace/notifications/${item.id}`);
    assert.match(english, /href="\/en\/workspace\/applications\/[0-9-]+" id="direct-link"/);
    assert.ok(english.includes('Open the application'));
  });

  test('“mark all as read” needs the form’s token and leaves nothing unread; the inbox pages', async () => {
    const janis = await signIn('Jānis Bērziņš');
    const inbox = await page(janis, '/workspace/notifications');
    const refused = await janis.request('/workspace/notifications/read-all', { form: { _csrf: 'forged' } });
    assert.equal(refused.status, 403);
    assert.ok((await inboxOf(JANIS)).unread > 0, 'nothing was marked');

    const marked = await post(janis, '/workspace/notifications/read-all', { _csrf: csrfOf(inbox) });
    assert.equal(marked.status, 303);
    assert.match(marked.html, /atzīmēt[si] kā izlasīt[si]/);
    assert.ok(marked.html.includes('Visi paziņojumi izlasīti'));
    assert.equal((await inboxOf(JANIS)).unread, 0);
    assert.ok(inboxRows(marked.html).every((row) => !row.unread));
    assert.ok(!marked.html.includes('/workspace/notifications/read-all'), 'nothing left to mark');

    // 21 more: the first page shows 20, newest first, and links the next.
    for (let i = 1; i <= 21; i++) {
      await platform.notifications!.service.notify({ dedupKey: `pages-bulk-${i}`, recipient: JANIS, kind: 'message', template: 'message', personalisation: { subject: `Ziņa ${i}`, body: 'Teksts.' } });
    }
    const first = await page(janis, '/workspace/notifications');
    assert.equal(inboxRows(first).length, 20);
    assert.ok(first.includes('Ziņa 21') && !first.includes('Ziņa 1<'), 'newest first');
    assert.ok(first.includes('href="/workspace/notifications?page=2"'));
    const total = (await inboxOf(JANIS)).total;
    assert.equal(inboxRows(await page(janis, '/workspace/notifications?page=2')).length, Math.min(20, total - 20));
    assert.equal((await janis.navigate('/workspace/notifications?page=abc')).response.status, 200, 'a nonsense page is the first');
  });

  test('Anna sees none of Jānis’s notifications and cannot open them', async () => {
    const anna = await signIn('Anna Kalniņa');
    const item = (await inboxOf(JANIS)).items.find((entry) => entry.subject === subject) as InboxItem;
    assert.ok(!(await page(anna, '/workspace/notifications')).includes(subject));
    await page(anna, `/workspace/notifications/${item.id}`, 404);
    await page(anna, '/workspace/notifications/not-an-id', 404);
    const anonymous = await new TestBrowser(platform.url).request('/workspace/notifications');
    assert.equal(anonymous.status, 303, 'an anonymous visitor is sent to sign in');
  });
});


describe('accessibility in Chromium', { skip: skipBrowser }, () => {
  let browser: Browser | undefined;
  after(async () => {
    await browser?.close();
  });

  async function signInTab(name: string, start: string): Promise<Page> {
    return signInPage(await (browser as Browser).newContext({ bypassCSP: true, baseURL: platform.url }), name, start);
  }

  test('the inbox and a notification have no axe violations', async () => {
    browser = await launchChromium();
    // JavaScript on only so that axe-core can be injected: the pages have no scripts.
    const janis = await signInTab('Jānis Bērziņš', '/workspace/notifications');
    await expectAccessible(janis, 'the inbox');
    const item = (await inboxOf(JANIS)).items.find((entry) => entry.subject === subject) as InboxItem;
    await janis.goto(`/en/workspace/notifications/${item.id}`);
    await expectAccessible(janis, 'a notification in English');
    await janis.goto('/workspace');
    await expectAccessible(janis, 'the workspace home with the inbox');
  });
});
