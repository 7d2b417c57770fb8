/**
 * The services' own e-forms and data from registers (once only), over the
 * real platform: Jānis's residence declaration shows his declared address as
 * the population register holds it, with its source, and a posted value for
 * it counts for nothing — through the pages (no JavaScript) and the API, where
 * the receipt names the source; his data-access log shows the register's
 * query. The unemployment benefit asks for his account and refuses a bad IBAN
 * saying what is wrong, in lv and en. Re-registering a vehicle offers his
 * vehicles from the register, and the API refuses one that is not his. Every
 * online service has its own form or says on its page why it has not, and
 * every own step of every such form renders its fields. In Chromium: a sample of
 * the forms passes axe in lv and en at 390 px without sideways scrolling, and
 * works by keyboard.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { byId, expectAccessible, expectSnifferClean, platformAndBrowser, signInPage, skipBrowser, tabTo, withContext } from '../../../../../test/support/browser.js';
import { expectJson, expectProblem } from '../../../../../test/support/http.js';
import { formOf, pageHtml, signedIn, type TestBrowser, type TestPlatform } from '../../../../../test/support/platform.js';
import { accessTokenFor, demoRp } from '../../../../../test/support/sso.js';
import { createCatalog } from '../../../catalog/index.js';
import { createApplications, type Form } from '../../index.js';

let platform: TestPlatform;
let browser: Browser | undefined;
platformAndBrowser((started) => ({ platform, browser } = started));

const JANIS_ADDRESS = 'Brīvības iela 58 - 12, Rīga, LV-1011';
const RESIDENCE = '/workspace/apply/dzivesvietas-deklaresana';
const UNEMPLOYMENT = '/workspace/apply/bezdarbnieka-pabalsts';

/** Posts a step as its page's form would: the hidden fields from the page, the answers from the test. */
async function postStep(client: TestBrowser, path: string, answers: Record<string, string>): Promise<Response> {
  const html = await (await client.request(path)).text();
  const { action, fields } = formOf(html, path);
  const body = new URLSearchParams(Object.entries(fields).filter(([name]) => name.startsWith('_')));
  for (const [name, value] of Object.entries(answers)) body.append(name, value);
  body.append('_action', 'continue');
  return client.request(action, { form: [...body] });
}

const api = (path: string, token: string, body?: unknown): Promise<Response> =>
  fetch(`${platform.url}${path}`, body === undefined ? { headers: { authorization: `Bearer ${token}` } } : { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('Jānis’s residence declaration shows his register address as given, with its source; a posted value changes nothing; his log shows the query', async () => {
  const janis = await signedIn(platform, 'Jānis Bērziņš');
  const step = await pageHtml(janis, `${RESIDENCE}/step/residence`);
  const given = /<div class="govuk-form-group pk-given" id="f-currentAddress">([\s\S]*?)<\/div>/.exec(step)?.[1] ?? '';
  assert.ok(given.includes(JANIS_ADDRESS), 'the address as the register holds it');
  assert.match(given, /Avots: Fizisko personu reģistrs \(PMLP\)\. Saņemts: \d{4}\. gada \d{1,2}\. [a-zāēīū]+\./);
  assert.ok(!/name="currentAddress"/.test(step), 'no input for a given value');
  assert.ok(/id="f-registerNote"/.test(step), 'a correction goes in a note');

  await postStep(janis, `${RESIDENCE}/step/applicant`, { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com' });
  const posted = await postStep(janis, `${RESIDENCE}/step/residence`, { currentAddress: 'Viltus iela 1, Rīga', address: 'Tērbatas iela 5 - 3, Rīga, LV-1011', movedInOn: '01.12.2026', basis: 'owner' });
  assert.equal(posted.status, 303);
  await postStep(janis, `${RESIDENCE}/step/request`, {});
  await postStep(janis, `${RESIDENCE}/step/confirm`, { consent: 'true' });
  const check = await pageHtml(janis, `${RESIDENCE}/check`);
  assert.ok(check.includes(JANIS_ADDRESS) && check.includes('no reģistra: Fizisko personu reģistrs (PMLP)') && !check.includes('Viltus iela'));
  const sent = await postStep(janis, `${RESIDENCE}/check`, {});
  assert.equal(sent.status, 303);
  const number = /\/workspace\/applications\/(\d{4}-\d{6})\/submitted/.exec(sent.headers.get('location') ?? '')?.[1];
  assert.ok(number, 'submitted');
  assert.ok((await pageHtml(janis, `/workspace/applications/${number}`)).includes(`${JANIS_ADDRESS} (no valsts reģistra)`), 'what was sent says where the address came from');

  const token = await accessTokenFor(platform, await demoRp(platform), 'Jānis Bērziņš');
  const application = await expectJson<{ data: Record<string, unknown>; receipt: { registerData?: { field: string; source: string }[] } }>(await api(`/api/v1/applications/${number}`, token));
  assert.equal(application.data.currentAddress, JANIS_ADDRESS);
  assert.deepEqual(application.receipt.registerData?.map(({ field, source }) => [field, source]), [['currentAddress', 'population.address']]);

  // The API too: the register's value replaces the posted one, and the receipt says where it came from.
  const residence = await expectJson<{ id: string }>(await fetch(`${platform.url}/api/v1/services/dzivesvietas-deklaresana`));
  const data = { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com', currentAddress: 'Viltus iela 1', address: 'Tērbatas iela 5 - 3, Rīga', movedInOn: '2026-12-01', basis: 'owner', consent: true };
  const receipt = await expectJson<{ number: string; registerData: { field: string; source: string; at: string }[] }>(await api('/api/v1/applications', token, { serviceId: residence.id, data }), 201);
  assert.deepEqual(receipt.registerData.map(({ field, source }) => [field, source]), [['currentAddress', 'population.address']]);
  assert.equal((await expectJson<{ data: Record<string, unknown> }>(await api(`/api/v1/applications/${receipt.number}`, token))).data.currentAddress, JANIS_ADDRESS);

  const log = (await expectJson<{ items: { actor: { kind: string }; action: string; target: string }[] }>(await api('/api/v1/me/data-access', token))).items;
  assert.ok(log.some((entry) => entry.action === 'registers.population_read' && entry.actor.kind === 'platform' && entry.target === 'party:150685-12347'));
  const page = await pageHtml(janis, '/workspace/data-access');
  assert.ok(page.includes('saņēma ziņas no Fizisko personu reģistra veidlapas aizpildei'));
  assert.ok((await pageHtml(janis, '/en/workspace/data-access')).includes('read the Register of Natural Persons to fill in a form'));
});

test('the unemployment benefit asks for the bank account and refuses a bad IBAN saying what is wrong', async () => {
  const janis = await signedIn(platform, 'Jānis Bērziņš');
  const payment = `${UNEMPLOYMENT}/step/payment`;
  const html = await pageHtml(janis, payment);
  assert.match(html, /<label class="govuk-label govuk-label--s" for="f-iban">\s*Konta numurs \(IBAN\) izmaksai/);
  const cases: [string, RegExp][] = [
    ['LV80BANK0000435195002', /IBAN kontrolcipari nesakrīt — visticamāk, kādā ciparā ir drukas kļūda/],
    ['LV80 BANK 0000 4351 9500', /Latvijas IBAN ir 21 rakstzīme, jūs ievadījāt 20/],
    ['konta nr 12345', /Ievadiet IBAN: 2 burti \(valsts\), 2 kontrolcipari/],
  ];
  for (const [iban, message] of cases) {
    const refused = await postStep(janis, payment, { iban });
    assert.equal(refused.status, 400, iban);
    const text = await refused.text();
    assert.match(text, message, iban);
    assert.match(text, /class="govuk-error-summary"[\s\S]*href="#f-iban"/);
  }
  const english = await postStep(janis, `/en${payment}`, { iban: 'LV80BANK0000435195002' });
  assert.match(await english.text(), /The IBAN’s check digits do not match — most likely a digit is mistyped/);
  const accepted = await postStep(janis, payment, { iban: 'lv80 bank 0000 4351 9500 1' });
  assert.equal(accepted.status, 303);
  const check = await pageHtml(janis, `${UNEMPLOYMENT}/check`);
  assert.ok(check.includes('LV80BANK0000435195001'), 'kept as one word in capitals');
});

test('re-registering a vehicle offers his vehicles from the register; the API refuses one that is not his', async () => {
  const janis = await signedIn(platform, 'Jānis Bērziņš');
  const html = await pageHtml(janis, '/workspace/apply/transportlidzekla-registracija/step/sale');
  assert.match(html, /type="radio" value="HN-4521"/);
  assert.ok(html.includes('Volkswagen Golf (2016), HN-4521') && html.includes('Škoda Octavia Combi (2019), KL-8830'));
  assert.ok(html.includes('Saraksts no: Transportlīdzekļu reģistrs (CSDD).'));
  const token = await accessTokenFor(platform, await demoRp(platform), 'Jānis Bērziņš');
  const service = await expectJson<{ id: string }>(await fetch(`${platform.url}/api/v1/services/transportlidzekla-registracija`));
  const data = { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com', consent: true, buyerKind: 'person', buyerPersonalCode: '230390-11113', saleDate: '2026-12-01', odometer: 120500 };
  const problem = await expectProblem(await api('/api/v1/applications', token, { serviceId: service.id, data: { ...data, vehicle: 'GT-6402' } }), 400);
  assert.deepEqual(problem.errors?.map((error) => [error.pointer, error.detail]), [['#/data/vehicle', 'Choose one of the entries found in the register.']]);
  await expectJson(await api('/api/v1/applications', token, { serviceId: service.id, data: { ...data, vehicle: 'HN-4521' } }), 201);
});

test('every online service has its own form or says on its page why not; every step of every own form renders its fields', async () => {
  const catalog = createCatalog(platform.database.db);
  const applications = createApplications(platform.database.db);
  const online = (await catalog.listAllPublished()).filter((service) => service.channels.some((channel) => channel.type === 'online'));
  const own: { slug: string; form: Form }[] = [];
  for (const service of online) {
    const form = await applications.getForm(service.id);
    if (form.presentation.generalReason) continue;
    assert.ok(form.presentation.steps.length > 3, `${service.slug} has its own form or a reason`);
    own.push({ slug: service.slug, form });
  }
  assert.ok(own.length >= 17, `${own.length} services have their own forms`);
  const reasoned = await (await fetch(`${platform.url}/services/gada-ienakumu-deklaracijas-iesniegsana`)).text();
  assert.match(reasoned, /Kāpēc veidlapa ir vispārīga<\/h2>\s*<p class="govuk-body">Šo pakalpojumu VID apstrādā Elektroniskās deklarēšanas sistēmā/);
  assert.match(await (await fetch(`${platform.url}/en/services/gada-ienakumu-deklaracijas-iesniegsana`)).text(), /Why the form is general/);
  assert.ok(!(await (await fetch(`${platform.url}/services/bezdarbnieka-pabalsts`)).text()).includes('Kāpēc veidlapa ir vispārīga'));

  const janis = await signedIn(platform, 'Jānis Bērziņš');
  // The general steps (applicant, request, confirmation) are the same in every form and tested with the generic one.
  const general = new Set(['applicant', 'request', 'confirm']);
  for (const { slug, form } of own) {
    for (const [index, step] of form.presentation.steps.entries()) {
      if (general.has(step.id)) continue;
      // Every own step in Latvian, the first one in English too.
      for (const prefix of index === 1 ? ['', '/en'] : ['']) {
        const html = await pageHtml(janis, `${prefix}/workspace/apply/${slug}/step/${step.id}`);
        for (const name of step.fields.filter((field) => !form.presentation.fields[field]?.showIf)) {
          assert.ok(html.includes(`id="f-${name.replace(/\//g, '--')}"`), `${prefix}${slug}/${step.id} renders ${name}`);
        }
      }
    }
  }
});

test('a sample of the forms in Chromium: axe in lv and en at 390 px, no sideways scroll, by keyboard', { skip: skipBrowser }, async () => {
  await withContext(browser!, { baseURL: platform.url, bypassCSP: true, viewport: { width: 390, height: 844 } }, async (context) => {
    const page = await signInPage(context, 'Jānis Bērziņš', `${RESIDENCE}/step/residence`);
    const sample = [
      `${RESIDENCE}/step/residence`,
      `${UNEMPLOYMENT}/step/payment`,
      '/workspace/apply/transportlidzekla-registracija/step/sale',
      '/workspace/apply/eiropas-veselibas-apdrosinasanas-kartes-evak-sanemsana/step/card',
    ];
    for (const path of sample) {
      for (const prefix of ['', '/en']) {
        await page.goto(`${prefix}${path}`);
        await expectAccessible(page, `${prefix}${path}`);
        await expectSnifferClean(page, `${prefix}${path}`);
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${prefix}${path} does not scroll sideways`);
      }
    }

    // By keyboard: choose a vehicle from the register with the arrow keys, then continue with Enter.
    await page.goto('/en/workspace/apply/transportlidzekla-registracija/step/sale');
    await tabTo(page, 'the first vehicle', byId('f-vehicle'));
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#f-vehicle-2').isChecked(), true);
    // A bad IBAN typed and sent by keyboard: the error summary names it, and its link leads to the field.
    await page.goto(`/en${UNEMPLOYMENT}/step/payment`);
    await tabTo(page, 'the IBAN field', byId('f-iban'));
    await page.keyboard.type('LV80 BANK 0000 4351 9500 2');
    await Promise.all([page.waitForURL(/step\/payment/), page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForSelector('.govuk-error-summary');
    assert.match(await page.locator('.govuk-error-summary').innerText(), /check digits do not match/);
    await expectAccessible(page, 'the IBAN error');
    await expectSnifferClean(page, 'the IBAN error');
  });
});
