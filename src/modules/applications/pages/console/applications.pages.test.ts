/**
 * The console for case handlers and service managers over the real platform
 * with its demo data, signed in through the demo identity provider, as a
 * browser without JavaScript (cookies, forms, redirects):
 * - Ilze Kļaviņa (PMLP's case handler) sees PMLP's queue with the application
 *   Jānis submitted, the overdue one first; the filters narrow it;
 * - she opens Jānis's application (data labelled from the form, the
 *   attachment downloads), moves it to in_progress, asks him for
 *   information (his own view then shows what is awaited, and not her
 *   internal note), and delivers a result with a file he can download;
 * - a transition the page does not offer is not offered, and a forged one is
 *   refused with the page's message; a POST without the CSRF token is refused;
 * - Anna (no staff role) gets 403; Roberts (staff, but no case handler) gets 403
 *   for the queue and "not found" for the application;
 * - as PMLP's service manager Ilze edits an e-form (broken JSON and a broken
 *   schema show their errors, a good one saves as a new version, a stale
 *   version is a conflict with her input kept), previews it, sets a lead time
 *   and words a status her institution's way;
 * - in Chromium, the queue, an application with its action forms (and with
 *   errors shown) and the managers' pages have no WCAG 2.1 A/AA violations.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { Principal } from '../../../../platform/http/auth.js';
import { createApplications, type ApplicationsService } from '../../index.js';
import { createCatalog, type Institution, type Service } from '../../../catalog/index.js';
import { expectAccessible, launchChromium, signInPage, skipBrowser } from '../../../../../test/support/browser.js';
import { csrfOf, decodeHtml as decode, pageHtml as page, postAndFollow as post, signedIn, startTestPlatform, TestBrowser, type TestPlatform } from '../../../../../test/support/platform.js';

const JANIS = '150685-12347';
const ANNA = '230390-11113';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const DECISION = Buffer.from('%PDF-1.4\n% lēmums par dzīvesvietas deklarēšanu\n%%EOF\n');

let platform: TestPlatform;
let api: ApplicationsService;
let pmlp: Institution;
let residence: Service;
let passport: Service;
let ilze: TestBrowser;
/** Jānis's application (submitted on the platform), an overdue one and a recent one registered by PMLP's system */
let number = '';
let overdueNumber = '';
let passportNumber = '';

const janis: Principal = { subject: `person:${JANIS}`, kind: 'person', via: 'session', personalCode: JANIS, displayName: 'Jānis Bērziņš', roles: [], scopes: [] };

before(async () => {
  platform = await startTestPlatform();
  api = createApplications(platform.database.db);
  const catalog = createCatalog(platform.database.db);
  pmlp = await catalog.getInstitution('pmlp');
  const services = await catalog.listAllPublished();
  residence = services.find((service) => service.slug === 'dzivesvietas-deklaresana') as Service;
  passport = services.find((service) => service.slug === 'pases-izsniegsana') as Service;
  assert.ok(residence && passport, 'the demo PMLP services');

  const receipt = await api.submit(
    janis,
    { party: JANIS, partyKind: 'person', basis: 'self' },
    {
      serviceId: residence.id,
      data: { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com', address: 'Brīvības iela 1-2, Rīga, LV-1010', movedInOn: '2026-01-05', basis: 'owner', consent: true },
      attachments: [{ slot: 'documents', filename: 'ipasuma-apliecinajums.pdf', mediaType: 'application/pdf', content: new Uint8Array(PDF) }],
    },
  );
  number = receipt.number;
  // PMLP's own system registers two applications received elsewhere: one long overdue, one fresh.
  const system: Principal = { subject: 'client:demo-institution', kind: 'system', via: 'token', institutionId: pmlp.id, roles: [], scopes: [] };
  const longAgo = new Date(Date.now() - 60 * 86_400_000).toISOString();
  const results = await api.ingestBatch(system, [
    { eventId: 'console-old-1', externalId: 'PMLP-OLD-1', applicant: ANNA, serviceId: residence.id, code: 'received', submittedAt: longAgo, occurredAt: longAgo },
    { eventId: 'console-pass-1', externalId: 'PMLP-PASS-1', applicant: ANNA, serviceId: passport.id, code: 'received' },
  ]);
  assert.deepEqual(
    results.map((result) => result.status),
    ['applied', 'applied'],
  );
  overdueNumber = results[0]?.number ?? '';
  passportNumber = results[1]?.number ?? '';
  ilze = await signIn('Ilze Kļaviņa');
});

after(async () => {
  await platform?.close();
});

// ---- helpers ----

/** A plain-HTTP browser signed in as `name`, who lands on `returnTo`. */
const signIn = (name: string, returnTo = '/console'): Promise<TestBrowser> => signedIn(platform, name, returnTo);

/** The numbers of the queue's rows, in order. */
const rows = (html: string): string[] => [...html.matchAll(/<tr class="govuk-table__row" data-number="([^"]+)"/g)].map((match) => match[1] as string);

const radiosOf = (html: string, name: string): string[] => [...html.matchAll(new RegExp(`name="${name}" type="radio" value="([^"]+)"`, 'g'))].map((match) => match[1] as string);

const textareaOf = (html: string, id: string): string => decode(new RegExp(`<textarea[^>]*id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1] ?? '');

const postMultipart = (browser: TestBrowser, url: string, form: FormData): Promise<Response> => browser.request(url, { multipart: form });

// ---- case handling ----

describe('Ilze Kļaviņa, PMLP’s case handler', () => {
  test('sees PMLP’s queue with Jānis’s application, the overdue one first, and the filters narrow it', async () => {
    const home = await page(ilze, '/console');
    assert.match(home, /href="\/console\/applications"/, 'the console home links to the queue');

    const html = await page(ilze, '/console/applications');
    assert.match(html, /<h1 class="govuk-heading-l">Pieteikumi: PMLP<\/h1>/);
    const order = rows(html);
    assert.ok(order.includes(number) && order.includes(overdueNumber) && order.includes(passportNumber), `all three are in the queue: ${order.join(', ')}`);
    assert.equal(order[0], overdueNumber, 'the overdue application comes first');
    const overdueRow = new RegExp(`data-number="${overdueNumber}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
    assert.match(overdueRow, /govuk-tag--red">Nokavēts/);
    assert.match(overdueRow, /PMLP-OLD-1/);
    const janisRow = new RegExp(`data-number="${number}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
    assert.match(janisRow, /Jānis Bērziņš/);
    assert.match(janisRow, /Dzīvesvietas deklarēšana/);
    assert.doesNotMatch(janisRow, /Nokavēts/);

    assert.deepEqual(rows(await page(ilze, '/console/applications?institution=pmlp&overdue=1')), [overdueNumber]);
    assert.deepEqual(rows(await page(ilze, `/console/applications?institution=pmlp&q=${number}`)), [number]);
    assert.deepEqual(rows(await page(ilze, '/console/applications?q=PMLP-PASS-1')), [passportNumber]);
    assert.deepEqual(rows(await page(ilze, '/console/applications?q=15068512347')), [number], 'the applicant’s code without its hyphen');
    assert.deepEqual(rows(await page(ilze, `/console/applications?service=${passport.id}`)), [passportNumber]);
    assert.deepEqual(rows(await page(ilze, '/console/applications?status=submitted')), [number]);
    assert.deepEqual(new Set(rows(await page(ilze, '/console/applications?status=received&status=submitted'))), new Set([number, overdueNumber, passportNumber]));
    assert.match(await page(ilze, '/console/applications?q=2099-999999'), /Ar šiem nosacījumiem pieteikumu nav/);
    // Nonsense in the query is ignored, never a failure.
    assert.ok(rows(await page(ilze, '/console/applications?status=bogus&service=nope&page=-3&institution=zzz')).length >= 3);

    const english = await page(ilze, '/en/console/applications');
    assert.match(english, /<h1 class="govuk-heading-l">Applications: OCMA<\/h1>|<h1 class="govuk-heading-l">Applications: [^<]+<\/h1>/);
    assert.match(english, /Overdue/);
  });

  test('opens Jānis’s application: the data labelled from the form, the attachment downloads, only allowed statuses are offered', async () => {
    const html = await page(ilze, `/console/applications/${number}`);
    assert.match(html, /Pieteikums \d{4}-\d{6}/);
    assert.match(html, /Jaunās dzīvesvietas adrese/, 'labels from the form’s presentation');
    assert.match(html, /Brīvības iela 1-2, Rīga, LV-1010/);
    assert.match(html, /Esmu īpašnieks/, 'an option’s label, not its value');
    assert.match(html, /Paredzamā izpilde/);
    assert.match(html, /Vēl par maz pabeigtu pieteikumu/, 'no statistics yet');
    const codes = radiosOf(html, 'code');
    assert.deepEqual(new Set(codes), new Set(['received', 'in_progress', 'decided', 'rejected', 'cancelled']), 'what may follow submitted, less those with their own form');

    const link = /href="(\/console\/applications\/[^"]+\/files\/[^"]+)"/.exec(html)?.[1];
    assert.ok(link, 'the attachment is linked');
    const file = await ilze.request(link);
    assert.equal(file.status, 200);
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), PDF);
    assert.equal((await ilze.request(`/console/applications/${number}/files/00000000-0000-4000-8000-000000000000`)).status, 404);
    assert.equal((await ilze.request('/console/applications/not-a-number')).status, 404);
  });

  test('moves it to in_progress and asks Jānis for information; his view shows what is awaited, not her internal note', async () => {
    const html = await page(ilze, `/console/applications/${number}`);
    const moved = await post(ilze, `/console/applications/${number}/status`, {
      _csrf: csrfOf(html),
      code: 'in_progress',
      statusNote: 'Pārbaudīt adresi VZD datos',
      noteForApplicant: 'Sākām izskatīt jūsu deklarāciju.',
    });
    assert.equal(moved.status, 303);
    assert.match(moved.html, /Statuss mainīts/);
    assert.match(moved.html, /Pārbaudīt adresi VZD datos/, 'the internal note is in the institution’s timeline');
    assert.match(moved.html, /Izskatīšanā/, 'PMLP’s own wording of in_progress');

    const empty = await post(ilze, `/console/applications/${number}/request`, { _csrf: csrfOf(html), awaiting: '  ' });
    assert.equal(empty.status, 400);
    assert.match(empty.html, /govuk-error-summary[\s\S]*Ierakstiet, ko gaidām no iesniedzēja/);

    const asked = await post(ilze, `/console/applications/${number}/request`, { _csrf: csrfOf(html), awaiting: 'Lūdzu, pievienojiet īres līgumu.', requestNote: 'Īpašums nav reģistrēts' });
    assert.equal(asked.status, 303);
    assert.match(asked.html, /Lūgums nosūtīts iesniedzējam/);

    const seen = await api.getApplication(janis, number);
    assert.equal(seen.status.code, 'awaiting_client');
    assert.equal(seen.awaiting, 'Lūdzu, pievienojiet īres līgumu.');
    const last = seen.timeline.at(-1);
    assert.equal(last?.awaiting, 'Lūdzu, pievienojiet īres līgumu.');
    assert.equal(last?.role, 'case_handler');
    assert.equal(seen.timeline.find((entry) => entry.code === 'in_progress')?.noteForApplicant, 'Sākām izskatīt jūsu deklarāciju.');
    assert.ok(
      seen.timeline.every((entry) => entry.note === undefined),
      'the applicant never sees internal notes',
    );
  });

  test('a transition not offered is refused with the page’s message; so is a POST without the CSRF token', async () => {
    const html = await page(ilze, `/console/applications/${number}`);
    assert.ok(!radiosOf(html, 'code').includes('submitted'));
    for (const code of ['submitted', 'delivered', 'no-such-status']) {
      const forged = await post(ilze, `/console/applications/${number}/status`, { _csrf: csrfOf(html), code, statusNote: 'kept' });
      assert.equal(forged.status, 409, `${code} is refused`);
      assert.match(forged.html, /govuk-error-summary[\s\S]*nedrīkst sekot pašreizējam statusam/);
      assert.match(forged.html, /<title>Kļūda:/);
      assert.match(textareaOf(forged.html, 'statusNote'), /kept/, 'the input is kept');
    }
    const none = await post(ilze, `/console/applications/${number}/status`, { _csrf: csrfOf(html) });
    assert.equal(none.status, 400);
    assert.match(none.html, /Izvēlieties jauno statusu/);
    const noToken = await post(ilze, `/console/applications/${number}/status`, { code: 'in_progress' });
    assert.equal(noToken.status, 403);
    assert.equal((await api.getApplication(janis, number)).status.code, 'awaiting_client', 'nothing changed');
  });

  test('delivers the result with a file (errors first); Jānis downloads it', async () => {
    const html = await page(ilze, `/console/applications/${number}`);
    const form = (fields: Record<string, string>, file?: { name: string; type: string; content: Buffer }): FormData => {
      const data = new FormData();
      for (const [name, value] of Object.entries(fields)) data.append(name, value);
      data.append('documents', file ? new Blob([new Uint8Array(file.content)], { type: file.type }) : new Blob([], { type: 'application/octet-stream' }), file?.name ?? '');
      return data;
    };
    const url = `/console/applications/${number}/result`;

    const noToken = await postMultipart(ilze, url, form({ summaryLv: 'x', summaryEn: 'x' }, { name: 'lemums.pdf', type: 'application/pdf', content: DECISION }));
    assert.equal(noToken.status, 403);

    const missing = await postMultipart(ilze, url, form({ _csrf: csrfOf(html), summaryLv: 'Dzīvesvieta deklarēta.' }));
    assert.equal(missing.status, 400);
    const missingHtml = await missing.text();
    assert.match(missingHtml, /Ierakstiet rezultāta kopsavilkumu angliski/);
    assert.match(textareaOf(missingHtml, 'summaryLv'), /Dzīvesvieta deklarēta\./, 'the input is kept');

    const wrongType = await postMultipart(ilze, url, form({ _csrf: csrfOf(html), summaryLv: 'Dzīvesvieta deklarēta.', summaryEn: 'Residence declared.' }, { name: 'lapa.html', type: 'text/html', content: Buffer.from('<script>alert(1)</script>') }));
    assert.equal(wrongType.status, 415);
    assert.match(await wrongType.text(), /Datne „lapa.html” nav atļautā formātā/);

    const urlencoded = await ilze.request(url, { form: { _csrf: csrfOf(html), summaryLv: 'x', summaryEn: 'x' } });
    assert.equal(urlencoded.status, 400, 'a result form that is not multipart is refused, not a failure');

    const delivered = await postMultipart(ilze, url, form({ _csrf: csrfOf(html), summaryLv: 'Dzīvesvieta deklarēta.', summaryEn: 'Residence declared.' }, { name: 'lēmums.pdf', type: 'application/pdf', content: DECISION }));
    assert.equal(delivered.status, 303);
    const after = await page(ilze, delivered.headers.get('location') ?? '');
    assert.match(after, /Rezultāts izsniegts iesniedzējam/);
    assert.match(after, /lēmums\.pdf/);
    assert.match(after, /Pieteikums ir noslēgts/);
    assert.deepEqual(radiosOf(after, 'code'), [], 'no status can follow delivered');

    const seen = await api.getApplication(janis, number);
    assert.equal(seen.status.code, 'delivered');
    assert.deepEqual(seen.result?.summary, { lv: 'Dzīvesvieta deklarēta.', en: 'Residence declared.' });
    const document = seen.result?.documents[0];
    assert.equal(document?.filename, 'lēmums.pdf');
    const downloaded = await api.getFile(janis, number, document?.id ?? '');
    assert.deepEqual(Buffer.from(downloaded.content), DECISION);
  });
});

describe('who may not handle cases', () => {
  test('Anna (no staff role) gets 403; Roberts (staff, not a case handler) gets 403 for the queue and 404 for the application', async () => {
    const anna = await signIn('Anna Kalniņa', '/');
    assert.equal((await anna.navigate('/console/applications')).response.status, 403);
    assert.equal((await anna.navigate(`/console/applications/${number}`)).response.status, 403);
    assert.equal((await anna.request(`/console/applications/${overdueNumber}/status`, { form: { code: 'in_progress' } })).status, 403);

    const roberts = await signIn('Roberts Liepa');
    const queue = await roberts.navigate('/console/applications');
    assert.equal(queue.response.status, 403);
    assert.match(await queue.response.text(), /pieteikumu izskatītāji/);
    assert.equal((await roberts.navigate(`/console/applications/${overdueNumber}`)).response.status, 404);
    assert.doesNotMatch(await page(roberts, '/console'), /href="\/console\/applications"/);
  });

  test('an anonymous visitor is sent to sign in', async () => {
    const visitor = new TestBrowser(platform.url);
    const response = await visitor.request('/console/applications');
    assert.equal(response.status, 303);
    assert.match(response.headers.get('location') ?? '', /^\/login\?returnTo=/);
    const result = await visitor.request(`/console/applications/${number}/result`, { method: 'POST' });
    assert.equal(result.status, 303);
  });
});

// ---- service managers ----

describe('Ilze Kļaviņa, PMLP’s service manager', () => {
  test('edits the e-form: broken JSON and a broken schema show their errors, a good one saves as a new version, a stale one is a conflict', async () => {
    const service = await page(ilze, `/console/services/${residence.id}`);
    assert.match(service, new RegExp(`href="/console/services/${residence.id}/form"`), 'the service page links to its e-form');

    const html = await page(ilze, `/console/services/${residence.id}/form`);
    const version = Number(/name="expectedVersion" value="(\d+)"/.exec(html)?.[1]);
    const schema = JSON.parse(textareaOf(html, 'schema')) as { properties: Record<string, unknown> };
    const presentation = JSON.parse(textareaOf(html, 'presentation')) as { fields: Record<string, { label: { lv: string; en: string } }> };
    assert.ok(schema.properties.address && presentation.fields.address, 'the current form is shown as JSON');
    const url = `/console/services/${residence.id}/form`;

    const brokenJson = await post(ilze, url, { _csrf: csrfOf(html), expectedVersion: String(version), schema: '{"type": ', presentation: JSON.stringify(presentation) });
    assert.equal(brokenJson.status, 400);
    assert.match(brokenJson.html, /JSON shēma: nav derīgs JSON/);
    assert.equal(textareaOf(brokenJson.html, 'schema'), '{"type": ', 'the input is kept');

    const { householdSize: _dropped, ...fewer } = schema.properties;
    const brokenSchema = await post(ilze, url, { _csrf: csrfOf(html), expectedVersion: String(version), schema: JSON.stringify({ ...schema, properties: fewer }), presentation: JSON.stringify(presentation) });
    assert.equal(brokenSchema.status, 400);
    const problem = /Attēlojums, vieta #\/fields\/householdSize: the schema has no field &#34;householdSize&#34;/;
    assert.match(brokenSchema.html.slice(brokenSchema.html.indexOf('govuk-error-summary')), problem, 'in the error summary, by pointer');
    assert.match(brokenSchema.html.slice(brokenSchema.html.indexOf('id="presentation-error"')), problem, 'and at the presentation');
    assert.match(brokenSchema.html, /href="#presentation"/, 'the summary links to the presentation');

    presentation.fields.address = { ...presentation.fields.address!, label: { lv: 'Jaunā adrese', en: 'New address' } };
    const saved = await post(ilze, url, { _csrf: csrfOf(html), expectedVersion: String(version), schema: JSON.stringify(schema), presentation: JSON.stringify(presentation) });
    assert.equal(saved.status, 303);
    assert.match(saved.html, new RegExp(`Veidlapa saglabāta kā versija ${version + 1}`));
    const stored = await api.getForm(residence.id);
    assert.equal(stored.version, version + 1);
    assert.equal(stored.presentation.fields.address?.label.lv, 'Jaunā adrese');

    const stale = await post(ilze, url, { _csrf: csrfOf(html), expectedVersion: String(version), schema: JSON.stringify(schema), presentation: '{"steps": [] , "kept": true}' });
    // Broken presentation and a stale version: the presentation's errors are the first thing to fix.
    assert.equal(stale.status, 400);
    const conflict = await post(ilze, url, { _csrf: csrfOf(html), expectedVersion: String(version), schema: JSON.stringify(schema), presentation: JSON.stringify(presentation, null, 1) });
    assert.equal(conflict.status, 409);
    assert.match(conflict.html, /Kamēr labojāt, veidlapu saglabāja kāds cits/);
    assert.equal(textareaOf(conflict.html, 'presentation'), JSON.stringify(presentation, null, 1), 'her input is kept');
    assert.match(conflict.html, new RegExp(`name="expectedVersion" value="${version + 1}"`), 'saving again replaces the current version');
  });

  test('previews the form’s first step as GOV.UK fields', async () => {
    const html = await page(ilze, `/console/services/${residence.id}/form/preview`);
    assert.match(html, /1\. solis no 4/);
    assert.match(html, /<label class="govuk-label govuk-label--s" for="preview-fullName">Vārds, uzvārds<\/label>/);
    assert.match(html, /<input class="govuk-input[^"]*" id="preview-email"[^>]*type="email"/);
    assert.match(html, /Tālrunis \(nav obligāts\)/);
    assert.doesNotMatch(html, /\(nav obligāts\) \(nav obligāts\)/);
    assert.doesNotMatch(html, /<form[^>]*method="post"[^>]*preview/);
    assert.match(await page(ilze, `/en/console/services/${residence.id}/form/preview`), /Step 1 of 4/);
  });

  test('sets the lead time (errors first)', async () => {
    const url = `/console/services/${residence.id}/lead-time`;
    const html = await page(ilze, url);
    assert.match(html, /no pakalpojuma apraksta katalogā/, 'until now the catalog’s processing time');
    const bad = await post(ilze, url, { _csrf: csrfOf(html), duration: 'desmit dienas', dayKind: 'working' });
    assert.equal(bad.status, 400);
    assert.match(bad.html, /Ievadiet termiņu ISO 8601 formātā/);
    const months = await post(ilze, url, { _csrf: csrfOf(html), duration: 'P1M', dayKind: 'working' });
    assert.equal(months.status, 400);
    assert.match(months.html, /Šādu termiņu nevar noteikt/);
    const half = await post(ilze, url, { _csrf: csrfOf(html), duration: 'P15D', dayKind: 'working', legalBasisLv: 'Dzīvesvietas deklarēšanas likums' });
    assert.equal(half.status, 400);
    assert.match(half.html, /abās valodās vai nevienā/);
    const saved = await post(ilze, url, { _csrf: csrfOf(html), duration: 'p15d', dayKind: 'working', legalBasisLv: 'Dzīvesvietas deklarēšanas likums', legalBasisEn: 'Law on the Declaration of the Place of Residence' });
    assert.equal(saved.status, 303);
    assert.match(saved.html, /Izpildes termiņš saglabāts/);
    assert.match(saved.html, /15 dienas/);
    const leadTime = await api.getLeadTime(residence.id);
    assert.deepEqual(
      { duration: leadTime.duration, dayKind: leadTime.dayKind, source: leadTime.source, en: leadTime.legalBasis?.en },
      { duration: 'P15D', dayKind: 'working', source: 'service', en: 'Law on the Declaration of the Place of Residence' },
    );
  });

  test('words a status PMLP’s way (a half-filled pair first)', async () => {
    const html = await page(ilze, '/console/status-labels');
    assert.match(html, /Statusu nosaukumi: PMLP/);
    assert.match(html, /name="lv\.in_progress" type="text" value="Izskatīšanā"/, 'PMLP’s own wording fills the fields');
    assert.match(html, /name="lv\.submitted" type="text" value=""/, 'the platform’s wording leaves a field empty');
    const fields: Record<string, string> = { _csrf: csrfOf(html) };
    for (const match of html.matchAll(/name="((?:lv|en)\.[a-z_]+)" type="text" value="([^"]*)"/g)) fields[match[1] as string] = decode(match[2] as string);

    const half = await post(ilze, '/console/status-labels?institution=pmlp', { ...fields, 'lv.decided': 'PMLP lēmums pieņemts' });
    assert.equal(half.status, 400);
    assert.match(half.html, /Ievadiet nosaukumu abās valodās/);
    const saved = await post(ilze, '/console/status-labels?institution=pmlp', { ...fields, 'lv.decided': 'PMLP lēmums pieņemts', 'en.decided': 'OCMA has decided' });
    assert.equal(saved.status, 303);
    assert.match(saved.html, /Statusu nosaukumi saglabāti/);
    const labels = await api.statusLabels(pmlp.id);
    assert.deepEqual(labels.decided, { lv: 'PMLP lēmums pieņemts', en: 'OCMA has decided' });
    assert.deepEqual(labels.in_progress, { lv: 'Izskatīšanā', en: 'Under review' }, 'the other labels are kept');
    assert.deepEqual(labels.submitted, { lv: 'Iesniegts', en: 'Submitted' });
  });
});

// ---- accessibility ----

describe('accessibility in Chromium', { skip: skipBrowser }, () => {
  let browser: Browser | undefined;

  after(async () => {
    await browser?.close();
  });

  test('the queue, an application with its forms (also with errors shown) and the managers’ pages have no axe violations', async () => {
    browser = await launchChromium();
    // JavaScript on only so that axe-core can be injected: the pages have no scripts.
    const tab = await signInPage(await browser.newContext({ bypassCSP: true, baseURL: platform.url }), 'Ilze Kļaviņa', '/console/applications');
    await expectAccessible(tab, 'the queue');
    await tab.goto('/en/console/applications?overdue=1');
    await expectAccessible(tab, 'the queue in English, filtered');

    await tab.goto(`/console/applications/${overdueNumber}`);
    assert.equal(await tab.locator('form[action$="/status"], form[action$="/request"], form[action$="/result"]').count(), 3, 'all three action forms');
    await expectAccessible(tab, 'an open application');
    await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: 'Mainīt statusu' }).click()]);
    assert.match(await tab.locator('.govuk-error-summary').innerText(), /Izvēlieties jauno statusu/);
    await expectAccessible(tab, 'an application with an error shown');
    await tab.goto(`/en/console/applications/${number}`);
    await expectAccessible(tab, 'a delivered application in English');

    for (const path of [`/console/services/${residence.id}/form`, `/console/services/${residence.id}/form/preview`, `/console/services/${residence.id}/lead-time`, '/console/status-labels']) {
      await tab.goto(path);
      await expectAccessible(tab, path);
    }
  });
});
