/**
 * Fees in the e-application, end to end over the real platform (HTTP server,
 * database, the development provider's hosted page and its signed callbacks):
 * - Jānis applies for a passport at the 2-day speed; the check page shows
 *   75,00 € before submission; he pays through the development provider; the
 *   provider's success callback sent twice, a later "started" and the
 *   `payments.captured` event delivered again leave one captured payment and
 *   one submitted application; a callback with a bad signature is refused;
 * - a cancelled payment leaves the application unsubmitted and awaiting
 *   payment; paying again (through a 3-D Secure step, while reconciliation
 *   asks the provider) submits it once; Ilze refunds it in the console, and the
 *   refund shows in the console and in Jānis's workspace; PMLP's daily CSV;
 * - a callback lost: reconciliation asks the provider, and the application is
 *   submitted from the captured event;
 * - the state machine alone, and the pages in Chromium: axe, keyboard, lv/en.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createApplications } from '../applications/index.js';
import { createCatalog } from '../catalog/index.js';
import type { Principal } from '../../platform/http/auth.js';
import { expectAccessible, expectSnifferClean, launchChromium, signInPage, skipBrowser, withContext } from '../../../test/support/browser.js';
import { eventually } from '../../../test/support/http.js';
import { csrfOf, formOf, pageHtml, signedIn, startTestPlatform, type TestBrowser, type TestPlatform } from '../../../test/support/platform.js';
import { createDevProvider, type DevProvider } from './dev-provider.js';
import { createPayments, type PaymentsService } from './payments.service.js';
import { moves } from './payments.states.js';

const JANIS = '150685-12347';
const SERVICE = 'pases-izsniegsana';
const CHECK = `/workspace/apply/${SERVICE}/check`;

let platform: TestPlatform;
let payments: PaymentsService;
let dev: DevProvider;
let serviceId: string;
let pmlpId: string;
let janis: TestBrowser;

const janisPrincipal: Principal = { subject: 'janis', kind: 'person', via: 'session', roles: [], scopes: [], personalCode: JANIS };
const self = { party: JANIS, partyKind: 'person' as const, basis: 'self' as const };

/** Jānis's passport draft, answered up to the check page. */
async function passportDraft(speed: '10d' | '2d'): Promise<void> {
  const applications = createApplications(platform.database.db);
  await applications.saveDraft(janisPrincipal, self, serviceId, {
    data: { fullName: 'Jānis Bērziņš', email: 'janis@example.lv', reason: 'expired', speed, feeGroup: 'standard', collectAt: 'riga-center', consent: true },
    step: 'check',
  });
}

/** Presses the check page's pay button; returns the provider's page it leads to. */
async function pressPay(client: TestBrowser): Promise<{ url: string; html: string }> {
  const html = await pageHtml(client, CHECK);
  const { response, url } = await client.navigate(CHECK, { form: { _csrf: csrfOf(html) } });
  assert.equal(response.status, 200);
  assert.match(new URL(url).pathname, /^\/dev-pay\/[0-9a-f-]{36}$/, 'the payer is on the provider’s page');
  return { url, html: await response.text() };
}

/** Posts the provider page's form; follows back to the platform. */
async function onProviderPage(client: TestBrowser, url: string, html: string, fields: Record<string, string>): Promise<{ url: string; html: string; status: number }> {
  const action = new URL(url).pathname + (fields.action === 'confirm' || fields.action === 'reject' ? '/3ds' : '');
  const { response, url: landed } = await client.navigate(action, { form: { _csrf: csrfOf(html), ...fields } });
  return { url: landed, html: await response.text(), status: response.status };
}

/** Jānis's passport applications made by this test (the demo data has some of its own). */
let demoApplications = new Set<string>();
async function applicationsOfJanis(): Promise<{ id: string; number: string }[]> {
  const applications = createApplications(platform.database.db);
  const page = await applications.listApplications(janisPrincipal, { party: JANIS, limit: 100, offset: 0 });
  return page.items.filter((item) => item.serviceId === serviceId && !demoApplications.has(item.id)).map((item) => ({ id: item.id, number: item.number }));
}

async function callback(body: object, eventId?: string, tamper = false): Promise<Response> {
  const signed = dev.sign(JSON.stringify(body), eventId);
  return fetch(`${platform.url}/api/v1/payments/callbacks/dev`, { method: 'POST', headers: signed.headers, body: tamper ? signed.body.replace('success', 'failed') : signed.body });
}

before(async () => {
  platform = await startTestPlatform();
  const catalog = createCatalog(platform.database.db);
  serviceId = (await catalog.lookup(SERVICE)).kind === 'found' ? ((await catalog.lookup(SERVICE)) as { service: { id: string } }).service.id : '';
  pmlpId = (await catalog.getInstitution('pmlp')).id;
  const settings = platform.config.payments;
  assert.ok(settings, 'payments are configured');
  dev = createDevProvider({ db: platform.database.db, publicUrl: platform.url, secret: settings.devSecret });
  payments = createPayments(platform.database.db, { providers: [dev], publicUrl: platform.url });
  janis = await signedIn(platform, 'Jānis Bērziņš');
  demoApplications = new Set((await applicationsOfJanis()).map((application) => application.id));
});

after(async () => {
  await platform?.close();
});

test('the state machine only moves forward: a late "started" or a second final state changes nothing', () => {
  assert.ok(moves('created', 'started') && moves('started', 'success') && moves('submitted', 'cancelled'));
  assert.ok(!moves('success', 'started') && !moves('success', 'success') && !moves('success', 'failed') && !moves('cancelled', 'success'));
});

describe('Jānis pays 75,00 € for a 2-day passport', () => {
  let paymentId: string;
  let applicationId: string;

  test('the check page shows what is due; paying through the provider submits the application', async () => {
    await passportDraft('10d');
    // He chooses the 2-day speed on the form's passport step, as the page posts it.
    const stepPath = `/workspace/apply/${SERVICE}/step/passport`;
    const step = await pageHtml(janis, stepPath);
    assert.match(step, /2 darbdienu laikā/);
    const { fields: hidden } = formOf(step, stepPath);
    const posted = await janis.request(stepPath, { form: { _csrf: hidden._csrf ?? '', _fields: hidden._fields ?? '', _slots: hidden._slots ?? '', reason: 'expired', speed: '2d', feeGroup: 'standard', collectAt: 'riga-center', _action: 'continue' } });
    assert.equal(posted.status, 303);
    const html = await pageHtml(janis, CHECK);
    assert.match(html, /Valsts nodeva par pases izsniegšanu 2 darbdienu laikā/);
    assert.match(html, /Maksāt 75,00\s€ un iesniegt/);
    assert.doesNotMatch(html, /10 darbdienu laikā<\/dt>/, 'only the fee of the speed chosen');
    const provider = await pressPay(janis);
    assert.match(provider.html, /75,00\s€/);
    const back = await onProviderPage(janis, provider.url, provider.html, { action: 'pay', card: '4242 4242 4242 4242', expiry: '12/30', cvc: '123', holder: 'JANIS BERZINS' });
    assert.equal(back.status, 200);
    assert.match(new URL(back.url).pathname, /^\/workspace\/applications\/\d{4}-\d{6}\/submitted$/, 'back on the platform, submitted');
    const submitted = await applicationsOfJanis();
    const applications = createApplications(platform.database.db);
    const views = await Promise.all(submitted.map((one) => applications.getApplication(janisPrincipal, one.id)));
    assert.equal(submitted.length, 1, JSON.stringify(views.map((view) => [view.number, view.receipt, view.submittedAt])));
    applicationId = (submitted[0] as { id: string }).id;
    const [payment] = await payments.forApplications([applicationId]);
    assert.ok(payment);
    assert.deepEqual([payment.state, payment.amount, payment.lines.map((line) => line.code)], ['success', 7500, ['passport-2d']]);
    paymentId = payment.id;
  });

  test('the success callback twice, a late "started" and the captured event again leave one payment and one application', async () => {
    const [payment] = await payments.forApplications([applicationId]);
    const providerId = payment?.providerPaymentId as string;
    const success = { payment: providerId, state: 'success' };
    assert.equal((await callback(success, 'evt_success_again')).status, 204);
    assert.equal((await callback(success, 'evt_success_again')).status, 204, 'the same callback again');
    assert.equal((await callback(success)).status, 204, 'a success with another event id');
    assert.equal((await callback({ payment: providerId, state: 'started' })).status, 204, 'a late "started"');
    assert.equal((await callback({ payment: providerId, state: 'failed' })).status, 204, 'a conflicting final state');
    const refused = await callback(success, undefined, true);
    assert.equal(refused.status, 401, 'a body that is not what was signed');
    assert.equal(((await refused.json()) as { type: string }).type, '/problems/payments.callback-rejected');
    // The captured event reaches the applications module (again: it was delivered or is about to be).
    await platform.bus?.runOnce();
    await platform.bus?.runOnce();
    const all = await payments.forApplications([applicationId]);
    assert.deepEqual(
      all.map((one) => [one.id, one.state]),
      [[paymentId, 'success']],
    );
    assert.equal((await applicationsOfJanis()).length, 1, 'one submitted application');
    const applications = createApplications(platform.database.db);
    const view = await applications.getApplication(janisPrincipal, applicationId);
    assert.deepEqual(view.receipt?.payment, { id: paymentId, amount: 7500, currency: 'EUR' });
  });
});

describe('a cancelled payment, paying again, a refund', () => {
  let number: string;
  let ilze: TestBrowser;

  test('cancelling leaves the application unsubmitted and awaiting payment', async () => {
    await passportDraft('10d');
    const provider = await pressPay(janis);
    assert.match(provider.html, /30,00\s€/);
    const back = await onProviderPage(janis, provider.url, provider.html, { action: 'cancel' });
    assert.equal(new URL(back.url).pathname + new URL(back.url).search, `${CHECK}?payment=cancelled`);
    assert.match(back.html, /Maksājums tika atcelts\. Pieteikums nav iesniegts un gaida samaksu/);
    assert.equal((await applicationsOfJanis()).length, 1, 'nothing more submitted');
    const list = await pageHtml(janis, '/workspace/applications');
    assert.match(list, /Gaida samaksu/);
  });

  test('paying again, through a 3-D Secure step, submits it once', async () => {
    const provider = await pressPay(janis);
    const step = await onProviderPage(janis, provider.url, provider.html, { action: 'pay', card: '4000 0000 0000 3220', expiry: '01/29', cvc: '321', holder: '' });
    assert.match(step.html, /3-D Secure/);
    // Meanwhile reconciliation asks the provider: the payment waits, nothing is submitted.
    const asked = await payments.reconcile(0);
    assert.ok(asked.asked >= 1);
    assert.equal((await applicationsOfJanis()).length, 1);
    const back = await onProviderPage(janis, step.url, step.html, { action: 'confirm' });
    const found = /\/workspace\/applications\/(\d{4}-\d{6})\/submitted$/.exec(new URL(back.url).pathname);
    assert.ok(found, 'submitted after confirming');
    number = found[1] as string;
    await platform.bus?.runOnce();
    assert.equal((await applicationsOfJanis()).length, 2, 'one more application, once');
    assert.doesNotMatch(await pageHtml(janis, '/workspace/applications'), /Gaida samaksu/);
  });

  test('Ilze refunds it in the console; the refund shows there and in Jānis’s workspace; the day’s CSV has both', async () => {
    ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console');
    const page = `/console/applications/${number}`;
    const html = await pageHtml(ilze, page);
    assert.match(html, /id="payments"/);
    const paymentId = /action="\/console\/payments\/([0-9a-f-]{36})\/refund"/.exec(html)?.[1] as string;
    assert.ok(paymentId, 'a refund form');
    const wrong = await ilze.request(`/console/payments/${paymentId}/refund`, { form: { _csrf: csrfOf(html), number, [`amount-${paymentId}`]: '99,00', [`reason-${paymentId}`]: 'Pārmaksa' } });
    assert.match(wrong.headers.get('location') ?? '', /refundError=amount/);
    const made = await ilze.navigate(`/console/payments/${paymentId}/refund`, { form: { _csrf: csrfOf(html), number, [`amount-${paymentId}`]: '30,00', [`reason-${paymentId}`]: 'Pase netiks izgatavota' } });
    const after = await made.response.text();
    assert.match(after, /Atmaksa veikta\./);
    assert.match(after, /Atmaksāti 30,00\s€/);
    assert.match(after, /Pase netiks izgatavota/);
    const mine = await pageHtml(janis, `/workspace/applications/${number}`);
    assert.match(mine, /Atmaksāti 30,00\s€/);
    assert.match(mine, /Pase netiks izgatavota/);
    const receipt = await pageHtml(janis, `/workspace/payments/${paymentId}`);
    assert.match(receipt, /Pase netiks izgatavota/);
    const en = await pageHtml(janis, `/en/workspace/payments/${paymentId}`);
    assert.match(en, /Payment receipt/);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());
    const csv = await ilze.request(`/api/v1/payments/daily.csv?institution=${pmlpId}&date=${today}`, { headers: { accept: 'text/csv' } });
    assert.equal(csv.status, 200);
    const lines = (await csv.text()).trim().split('\r\n');
    assert.equal(lines[0], 'kind,at,payment,provider,provider_reference,application,service,fees,amount,currency,payer');
    assert.equal(lines.filter((line) => line.startsWith('payment,')).length, 2);
    assert.ok(lines.some((line) => line.startsWith('payment,') && line.includes(',passport-2d,75.00,EUR,')));
    assert.ok(lines.some((line) => line.startsWith('refund,') && line.includes(',-30.00,')));
    const anonymous = await fetch(`${platform.url}/api/v1/payments/daily.csv?institution=${pmlpId}&date=${today}`);
    assert.equal(anonymous.status, 401);
    const notTheirs = await janis.request(`/api/v1/payments/daily.csv?institution=${pmlpId}&date=${today}`, { headers: { accept: 'text/csv' } });
    assert.equal(notTheirs.status, 403);
  });
});

test('a lost callback: the reconciliation job’s run finds the payment paid, and the application is submitted once', async () => {
  const before = (await applicationsOfJanis()).length;
  await passportDraft('10d');
  const provider = await pressPay(janis);
  const transaction = /\/dev-pay\/([0-9a-f-]{36})/.exec(provider.url)?.[1] as string;
  // The bank takes the money, and its callback never arrives.
  await sql`update payments.dev_transactions set state = 'success' where id = ${transaction}`.execute(platform.database.db);
  assert.equal((await applicationsOfJanis()).length, before);
  const outcome = await payments.reconcile(0);
  assert.ok(outcome.changed >= 1, 'the provider was asked and the payment moved');
  // The bus delivers `payments.captured` (in the background, or now).
  await platform.bus?.runOnce();
  await eventually(applicationsOfJanis, (list) => list.length > before, 'the application submitted from the captured event');
  await platform.bus?.runOnce();
  assert.equal((await applicationsOfJanis()).length, before + 1, 'submitted once');
  assert.doesNotMatch(await pageHtml(janis, '/workspace/applications'), /Gaida samaksu/);
});

describe('in Chromium', { skip: skipBrowser }, () => {
  test('the check page, the provider’s pages and the receipts pass axe in lv and en, and the card page works by keyboard', async () => {
    await passportDraft('2d');
    const browser = await launchChromium();
    try {
      await withContext(browser, { baseURL: platform.url, bypassCSP: true }, async (context) => {
        const page = await signInPage(context, 'Jānis Bērziņš', CHECK);
        await expectAccessible(page, 'the check page with its fee');
        await expectSnifferClean(page, 'the check page with its fee');
        await page.goto(`/en${CHECK}`);
        await expectAccessible(page, 'the check page in English');
        await expectSnifferClean(page, 'the check page in English');
        // By keyboard: Tab to the pay button, Enter; type the card; Enter on the provider's pay button.
        const onPay = (): Promise<boolean> => page.evaluate(() => document.activeElement?.tagName === 'BUTTON' && (document.activeElement.textContent ?? '').startsWith('Pay'));
        for (let i = 0; i < 80 && !(await onPay()); i++) await page.keyboard.press('Tab');
        assert.ok(await onPay(), 'the pay button is reached by Tab');
        await Promise.all([page.waitForURL(/\/en\/dev-pay\//), page.keyboard.press('Enter')]);
        await expectAccessible(page, 'the provider’s card page');
        await expectSnifferClean(page, 'the provider’s card page');
        await page.getByLabel('Card number').focus();
        await page.keyboard.type('4000000000003220');
        await page.keyboard.press('Tab');
        await page.keyboard.type('11/31');
        await page.keyboard.press('Tab');
        await page.keyboard.type('999');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        await Promise.all([page.waitForURL(/\/en\/dev-pay\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);
        await page.getByRole('button', { name: 'Confirm' }).waitFor();
        await expectAccessible(page, 'the 3-D Secure step');
        await expectSnifferClean(page, 'the 3-D Secure step');
        await page.getByRole('button', { name: 'Confirm' }).focus();
        await Promise.all([page.waitForURL(/\/submitted$/), page.keyboard.press('Enter')]);
        await page.goto('/workspace/payments');
        await expectAccessible(page, 'the receipts');
        await expectSnifferClean(page, 'the receipts');
        const receipt = await page.locator('a[href*="/workspace/payments/"]').first().getAttribute('href');
        await page.goto(receipt as string);
        await expectAccessible(page, 'a receipt');
        await expectSnifferClean(page, 'a receipt');
      });
      await withContext(browser, { baseURL: platform.url, bypassCSP: true }, async (context) => {
        const [application] = await applicationsOfJanis();
        const page = await signInPage(context, 'Ilze Kļaviņa', `/console/applications/${(application as { number: string }).number}`);
        await expectAccessible(page, 'the console’s payments panel');
        await expectSnifferClean(page, 'the console’s payments panel');
      });
    } finally {
      await browser.close();
    }
  });
});
