/**
 * Applying and tracking through the workspace pages, without JavaScript (a
 * cookie-keeping test browser over the real platform and database): Jānis
 * declares his residence step by step — field errors in Latvian and English,
 * a draft resumed after leaving, a conditional attachment uploaded — submits
 * and gets his number and receipt; the institution's system asks him for more
 * and he answers with a file; the result reaches his workspace and downloads;
 * Anna cannot see any of it; acting for Marta he applies for her and withdraws.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createApplications } from '../../index.js';
import { createCatalog } from '../../../catalog/index.js';
import type { Principal } from '../../../../platform/http/auth.js';
import { sql } from 'kysely';
import { chooseDemoPerson, csrfOf, formOf, signedIn as signedInAt, startTestPlatform, type TestBrowser, type TestPlatform } from '../../../../../test/support/platform.js';

const MARTA = '010118-23454';
const SERVICE = 'dzivesvietas-deklaresana';
const APPLY = `/workspace/apply/${SERVICE}`;
const PDF: Uint8Array<ArrayBuffer> = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG: Uint8Array<ArrayBuffer> = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let platform: TestPlatform;
let pmlp: Principal;

before(async () => {
  platform = await startTestPlatform();
  const institution = await createCatalog(platform.database.db).getInstitution('pmlp');
  // PMLP's own information system, as its client_credentials token makes it.
  pmlp = { subject: 'client:demo-institution', kind: 'system', via: 'token', roles: [], scopes: ['applications.read', 'applications.write'], institutionId: institution.id };
});

after(async () => {
  await platform?.close();
});

const signedIn = (name: string, start = '/workspace'): Promise<TestBrowser> => signedInAt(platform, name, start);

const pathOf = (response: Response): string => new URL(response.headers.get('location') ?? '', platform.url).pathname + new URL(response.headers.get('location') ?? '', platform.url).search;

/** Posts a step of the e-form as the page's own form would (multipart when it has file inputs). */
async function postStep(client: TestBrowser, path: string, fields: Record<string, string | string[]>, files: { field: string; name: string; type: string; bytes: Uint8Array<ArrayBuffer> }[] = []): Promise<Response> {
  const html = await (await client.request(path)).text();
  const { action, fields: inputs } = formOf(html, path.split('?')[0] as string);
  // Only the hidden fields (_csrf, _fields, _slots): the test chooses every answer itself.
  const hidden = Object.fromEntries(Object.entries(inputs).filter(([name]) => name.startsWith('_')));
  const multipart = /enctype="multipart\/form-data"/.test(html);
  if (!multipart) {
    assert.equal(files.length, 0, `${path} takes no files`);
    const body = new URLSearchParams(hidden);
    for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    body.append('_action', 'continue');
    return client.request(action, { form: [...body] });
  }
  const form = new FormData();
  for (const [name, value] of Object.entries(hidden)) form.append(name, value);
  for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  for (const file of files) form.append(file.field, new Blob([file.bytes], { type: file.type }), file.name);
  form.append('_action', 'continue');
  return sendMultipart(client, action, form);
}

const sendMultipart = (client: TestBrowser, action: string, form: FormData): Promise<Response> => client.request(action, { multipart: form });

test('Jānis applies through the pages, is asked for more, answers, and receives the result; Anna sees nothing', async () => {
  const janis = await signedIn('Jānis Bērziņš');

  // The service page's start button leads to the form, which starts at its first step.
  const servicePage = await (await fetch(`${platform.url}/services/${SERVICE}`)).text();
  assert.match(servicePage, new RegExp(`href="${APPLY}"[^>]*class="govuk-button govuk-button--start"`));
  // Jānis may act for Marta too: he is first asked whom this is for, and answering leads to the form.
  const who = await janis.request(APPLY);
  assert.equal(who.status, 200);
  const whoHtml = await who.text();
  assert.match(whoHtml, /Kam ir šis pieteikums\?/);
  assert.match(whoHtml, /value="150685-12347" checked/);
  assert.match(whoHtml, /value="010118-23454"/);
  const chosen = await janis.request('/workspace/acting-for', { form: { _csrf: csrfOf(whoHtml), party: '150685-12347', returnTo: `${APPLY}?who=1` } });
  assert.equal(pathOf(chosen), `${APPLY}?who=1`);
  const start = await janis.request(pathOf(chosen));
  assert.equal(start.status, 303);
  assert.equal(pathOf(start), `${APPLY}/step/applicant`);

  // Prefilled with what the platform knows.
  const first = await (await janis.request(`${APPLY}/step/applicant`)).text();
  assert.match(first, /id="f-fullName"[^>]*value="Jānis Bērziņš"/);
  assert.match(first, /id="f-email"[^>]*value="janis.berzins@example.com"/);

  // One error per field, in the page's language, in the summary and inline.
  const lv = await postStep(janis, `${APPLY}/step/applicant`, { fullName: '', email: 'ne-epasts', phone: '' });
  assert.equal(lv.status, 400);
  const lvHtml = await lv.text();
  assert.match(lvHtml, /<title>Kļūda: /);
  // Each error says what to do, worded for its widget, with an example.
  assert.match(lvHtml, /href="#f-fullName">Vārds, uzvārds: Aizpildiet šo lauku</);
  assert.match(lvHtml, /href="#f-email">E-pasta adrese: Ievadiet derīgu e-pasta adresi, piemēram, vards@example\.com</);
  assert.equal([...lvHtml.matchAll(/class="govuk-error-message"/g)].length, 2);
  assert.match(lvHtml, /value="ne-epasts"/, 'what was typed is kept');
  const en = await postStep(janis, `/en${APPLY}/step/applicant`, { fullName: '', email: 'not-an-email' });
  assert.equal(en.status, 400);
  const enHtml = await en.text();
  assert.match(enHtml, /href="#f-fullName">Full name: Fill in this field</);
  assert.match(enHtml, /href="#f-email">E-mail address: Enter a valid e-mail address, for example name@example\.com</);
  const phone = await postStep(janis, `${APPLY}/step/applicant`, { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com', phone: '20-00-00-00' });
  assert.match(await phone.text(), /Tālrunis \(nav obligāts\): Ievadiet tālruņa numuru tikai ar cipariem, piemēram, \+371 20000000/);

  const applicant = await postStep(janis, `${APPLY}/step/applicant`, { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com', phone: '+371 20000000' });
  assert.equal(applicant.status, 303);
  assert.equal(pathOf(applicant), `${APPLY}/step/residence`);
  const residence = await postStep(janis, `${APPLY}/step/residence`, { address: 'Brīvības iela 1-5, Rīga, LV-1010', movedInOn: '2026-01-10', basis: 'tenant', householdSize: '2' });
  assert.equal(residence.status, 303, await residence.clone().text());
  assert.equal(pathOf(residence), `${APPLY}/step/request`);

  // He leaves; coming back to the service's form resumes where he was.
  assert.equal((await janis.request('/workspace')).status, 200);
  const resumed = await janis.request(APPLY);
  assert.equal(pathOf(resumed), `${APPLY}/step/request?resumed=1`);
  const requestPage = await (await janis.request(`${APPLY}/step/request?resumed=1`)).text();
  assert.match(requestPage, /id="resumed"/);
  assert.match(requestPage, /enctype="multipart\/form-data"/);
  assert.match(requestPage, /name="file:lease_contract"/, 'renting: the lease contract is asked for');
  const list = await (await janis.request('/workspace/applications')).text();
  assert.match(list, /Nepabeigti pieteikumi[\s\S]*Dzīvesvietas deklarēšana/);

  // The lease contract is required, and must be a PDF or an image; a CSRF token is required too.
  const missing = await postStep(janis, `${APPLY}/step/request`, { request: '' });
  assert.equal(missing.status, 400);
  assert.match(await missing.text(), /href="#file-lease_contract">Īres līgums: Pievienojiet: Īres līgums/);
  const wrongType = await postStep(janis, `${APPLY}/step/request`, {}, [{ field: 'file:lease_contract', name: 'ligums.txt', type: 'text/plain', bytes: new TextEncoder().encode('hello') }]);
  assert.equal(wrongType.status, 400);
  assert.match(await wrongType.text(), /Datnei “ligums.txt” jābūt šādā formātā: PDF, PNG, JPEG/);
  const forged = new FormData();
  forged.append('_fields', 'request');
  forged.append('request', 'x');
  assert.equal((await sendMultipart(janis, `${APPLY}/step/request`, forged)).status, 403);
  const uploaded = await postStep(janis, `${APPLY}/step/request`, { request: '' }, [{ field: 'file:lease_contract', name: 'īres līgums.pdf', type: 'application/pdf', bytes: PDF }]);
  assert.equal(uploaded.status, 303);
  assert.equal(pathOf(uploaded), `${APPLY}/step/confirm`);

  const unticked = await postStep(janis, `${APPLY}/step/confirm`, {});
  assert.equal(unticked.status, 400);
  assert.match(await unticked.text(), /Atzīmējiet šo izvēles rūtiņu, lai turpinātu\./);
  const confirmed = await postStep(janis, `${APPLY}/step/confirm`, { consent: 'true' });
  assert.equal(pathOf(confirmed), `${APPLY}/check`);

  // Check your answers, with change links, then submit.
  const check = await (await janis.request(`${APPLY}/check`)).text();
  assert.match(check, /Brīvības iela 1-5, Rīga, LV-1010/);
  assert.match(check, /Īrēju/);
  assert.match(check, /īres līgums\.pdf/);
  assert.match(check, new RegExp(`href="${APPLY}/step/residence\\?from=check#f-address"`));
  const submitted = await janis.request(`${APPLY}/check`, { form: { _csrf: csrfOf(check) } });
  assert.equal(submitted.status, 303);
  const number = /\/workspace\/applications\/(\d{4}-\d{6})\/submitted$/.exec(pathOf(submitted))?.[1];
  assert.ok(number, `submission leads to the confirmation (${pathOf(submitted)})`);

  const confirmation = await (await janis.request(`/workspace/applications/${number}/submitted`)).text();
  assert.match(confirmation, /govuk-panel--confirmation[\s\S]*Pieteikums iesniegts[\s\S]*Jūsu pieteikuma numurs/);
  assert.match(confirmation, new RegExp(`href="/workspace/applications/${number}"`));
  assert.match(confirmation, new RegExp(sha256(PDF)), 'the receipt names the attachment’s hash');
  const applications = createApplications(platform.database.db);
  const janisPrincipal: Principal = { subject: 'person:150685-12347', kind: 'person', via: 'session', roles: [], scopes: [], personalCode: '150685-12347' };
  const view = await applications.getApplication(janisPrincipal, number as string);
  assert.equal(view.data.basis, 'tenant');
  assert.equal(view.data.householdSize, 2, 'numbers are numbers');
  assert.ok(!('$files' in view.data), 'the draft’s files are not data');
  assert.match(confirmation, new RegExp(view.receipt?.dataSha256 ?? 'missing'));

  // His list; the draft is gone.
  const listed = await (await janis.request('/workspace/applications')).text();
  assert.match(listed, new RegExp(`href="/workspace/applications/${number}">${number}</a>[\\s\\S]*Iesniegts`));
  assert.doesNotMatch(listed, /Nepabeigti pieteikumi/);
  const filtered = await (await janis.request('/workspace/applications?status=delivered')).text();
  assert.doesNotMatch(filtered, new RegExp(`>${number}<`));

  // The application's page and its attachment.
  const page = await (await janis.request(`/workspace/applications/${number}`)).text();
  assert.match(page, /Pieteikuma vēsture[\s\S]*Iesniegts/);
  const attachment = /href="(\/workspace\/applications\/[^"]+\/files\/[0-9a-f-]{36})"/.exec(page)?.[1] as string;
  const downloaded = await janis.request(attachment);
  assert.equal(downloaded.status, 200);
  assert.deepEqual(new Uint8Array(await downloaded.arrayBuffer()), PDF);
  assert.match(downloaded.headers.get('content-disposition') ?? '', /attachment/);

  // PMLP's system asks for more: the clock pauses and Jānis is asked.
  await applications.recordStatus(pmlp, view.id, { code: 'awaiting_client', awaiting: 'Īpašnieka piekrišana', noteForApplicant: 'Lūdzu, pievienojiet īpašnieka piekrišanu.' });
  const asked = await (await janis.request(`/workspace/applications/${number}`)).text();
  assert.match(asked, /Iestāde gaida jūsu atbildi[\s\S]*Nepieciešams: Īpašnieka piekrišana/);
  assert.match(asked, /id="paused"/);
  assert.match(asked, /Nepieciešama papildu informācija/, 'PMLP’s own wording of the status');
  const askedEn = await (await janis.request(`/en/workspace/applications/${number}`)).text();
  assert.match(askedEn, /The institution is waiting for your reply[\s\S]*More information needed/);

  const empty = new FormData();
  empty.append('_csrf', csrfOf(asked));
  empty.append('message', '');
  const refused = await sendMultipart(janis, `/workspace/applications/${number}/respond`, empty);
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /href="#message">Ierakstiet atbildi iestādei/);
  const answer = new FormData();
  answer.append('_csrf', csrfOf(asked));
  answer.append('message', 'Pievienoju īpašnieka piekrišanu.');
  answer.append('files', new Blob([PNG], { type: 'image/png' }), 'piekrisana.png');
  const answered = await sendMultipart(janis, `/workspace/applications/${number}/respond`, answer);
  assert.equal(answered.status, 303);
  assert.equal(pathOf(answered), `/workspace/applications/${number}?done=answered`);
  const afterAnswer = await (await janis.request(`/workspace/applications/${number}?done=answered`)).text();
  assert.match(afterAnswer, /Atbilde nosūtīta/);
  assert.match(afterAnswer, /Atbilde: Pievienoju īpašnieka piekrišanu\.[\s\S]*piekrisana\.png/);
  assert.doesNotMatch(afterAnswer, /id="awaiting"/);

  // The result is delivered into his workspace.
  const decision = new TextEncoder().encode('%PDF-1.4\n% lēmums\n%%EOF\n');
  await applications.deliverResult(pmlp, view.id, { summary: { lv: 'Dzīvesvieta deklarēta.', en: 'Residence declared.' }, documents: [{ filename: 'lemums.pdf', mediaType: 'application/pdf', content: decision }] });
  const decided = await (await janis.request(`/en/workspace/applications/${number}`)).text();
  assert.match(decided, /<h2 class="govuk-heading-m" id="result">Result<\/h2>[\s\S]*Residence declared\./);
  assert.match(decided, /Result delivered/);
  assert.doesNotMatch(decided, /Withdraw the application/, 'a decided application cannot be withdrawn');
  const resultHref = /id="result"[\s\S]*?href="(\/en\/workspace\/applications\/[^"]+\/files\/[0-9a-f-]{36})"/.exec(decided)?.[1] as string;
  const result = await janis.request(resultHref);
  assert.equal(result.status, 200);
  assert.deepEqual(new Uint8Array(await result.arrayBuffer()), decision);

  // Anna: none of it exists.
  const anna = await signedIn('Anna Kalniņa');
  for (const path of [`/workspace/applications/${number}`, `/en/workspace/applications/${number}`, `/workspace/applications/${number}/submitted`, attachment, resultHref, `/workspace/applications/${number}/withdraw`, '/workspace/applications/not-a-number']) {
    assert.equal((await anna.request(path)).status, 404, path);
  }
  assert.doesNotMatch(await (await anna.request('/workspace/applications')).text(), new RegExp(number as string));
});

test('acting for Marta, Jānis applies for her; it is listed as hers, and he withdraws it after confirming', async () => {
  const janis = await signedIn('Jānis Bērziņš');
  const home = await (await janis.request('/workspace')).text();
  assert.equal((await janis.request('/workspace/acting-for', { form: { _csrf: csrfOf(home), party: MARTA } })).status, 303);

  const applicantStep = await (await janis.request(`${APPLY}/step/applicant`)).text();
  assert.match(applicantStep, /data-party="010118-23454"/, 'the page says whom he acts for');
  assert.equal((await postStep(janis, `${APPLY}/step/applicant`, { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com' })).status, 303);
  assert.equal((await postStep(janis, `${APPLY}/step/residence`, { address: 'Brīvības iela 1-5, Rīga', movedInOn: '2026-01-10', basis: 'family_member' })).status, 303);
  const request = await (await janis.request(`${APPLY}/step/request`)).text();
  assert.doesNotMatch(request, /name="file:lease_contract"/, 'not renting: no lease contract asked');
  assert.equal((await postStep(janis, `${APPLY}/step/request`, { request: 'Meitas dzīvesvieta' })).status, 303);
  assert.equal((await postStep(janis, `${APPLY}/step/confirm`, { consent: 'true' })).status, 303);
  const check = await (await janis.request(`${APPLY}/check`)).text();
  assert.match(check, /Marta Bērziņa \(010118-23454\)/);
  const submitted = await janis.request(`${APPLY}/check`, { form: { _csrf: csrfOf(check) } });
  const number = /(\d{4}-\d{6})/.exec(pathOf(submitted))?.[1] as string;
  assert.ok(number);

  const hers = await (await janis.request('/workspace/applications')).text();
  assert.match(hers, new RegExp(`>${number}</a>`));
  const page = await (await janis.request(`/workspace/applications/${number}`)).text();
  assert.match(page, /Iesniedzējs<\/dt>\s*<dd class="govuk-summary-list__value">Marta Bērziņa \(010118-23454\)/);
  assert.match(page, /Iesniedza<\/dt>\s*<dd class="govuk-summary-list__value">Jānis Bērziņš \(150685-12347\)/);

  // Withdrawing asks first.
  const confirm = await (await janis.request(`/workspace/applications/${number}/withdraw`)).text();
  assert.match(confirm, /Vai tiešām atsaukt pieteikumu/);
  const withdrawn = await janis.request(`/workspace/applications/${number}/withdraw`, { form: { _csrf: csrfOf(confirm), reason: 'Pārdomājām' } });
  assert.equal(pathOf(withdrawn), `/workspace/applications/${number}?done=withdrawn`);
  const after = await (await janis.request(`/workspace/applications/${number}?done=withdrawn`)).text();
  assert.match(after, /Pieteikums atsaukts\./);
  assert.match(after, /govuk-tag--grey">Atsaukts/);

  // Acting for himself again, Marta's application is not in his own list.
  const again = await (await janis.request('/workspace')).text();
  await janis.request('/workspace/acting-for', { form: { _csrf: csrfOf(again), party: '150685-12347' } });
  assert.doesNotMatch(await (await janis.request('/workspace/applications')).text(), new RegExp(`>${number}<`));
});

test('a question that depends on an answer on the same step appears once that answer is saved, without JavaScript', async () => {
  const anna = await signedIn('Anna Kalniņa', '/en/workspace');
  const birth = '/en/workspace/apply/dzimsanas-registracija';
  assert.equal(pathOf(await anna.request(birth)), `${birth}/step/applicant`);
  assert.equal((await postStep(anna, `${birth}/step/applicant`, { fullName: 'Anna Kalniņa', email: 'anna.kalnina@example.com' })).status, 303);
  // The date in three boxes (day, month, year), as the page has them.
  const child = { childGivenName: 'Līva', childFamilyName: 'Kalniņa', 'birthDate-day': '2', 'birthDate-month': '3', 'birthDate-year': '2026', birthPlace: 'Rīga', childSex: 'female', bornInHospital: 'true', parentsMarried: 'true' };
  const before = await (await anna.request(`${birth}/step/child`)).text();
  assert.doesNotMatch(before, /name="secondParentPersonalCode"/, 'hidden until the parents are said to be married');

  const added = await postStep(anna, `${birth}/step/child`, child);
  assert.equal(added.status, 200, 'not an error: a question was added');
  const addedHtml = await added.text();
  assert.match(addedHtml, /id="added"/);
  assert.match(addedHtml, /name="secondParentPersonalCode"/);
  assert.match(addedHtml, /id="f-birthDate"[^>]*name="birthDate-day"[^>]*inputmode="numeric"[^>]*value="2"/, 'the day kept, its box numeric');
  assert.match(addedHtml, /id="f-birthDate-month"[^>]*value="3"/);
  assert.match(addedHtml, /id="f-birthDate-year"[^>]*value="2026"/);
  assert.doesNotMatch(addedHtml, /govuk-error-summary/);

  const wrong = await postStep(anna, `${birth}/step/child`, { ...child, secondParentPersonalCode: '123' });
  assert.equal(wrong.status, 400);
  assert.match(await wrong.text(), /Personal code of the other parent: Enter a valid personal code/);
  const wrongDate = await postStep(anna, `${birth}/step/child`, { ...child, 'birthDate-day': '31', 'birthDate-month': '2', secondParentPersonalCode: '150685-12347' });
  const wrongDateHtml = await wrongDate.text();
  assert.match(wrongDateHtml, /href="#f-birthDate">Date of birth: Enter a real date: the day, month and year, for example 27 3 2026/);
  assert.match(wrongDateHtml, /id="f-birthDate"[^>]*value="31"/, 'what was typed stays in the boxes');
  assert.match(wrongDateHtml, /id="f-birthDate-month"[^>]*govuk-input--error|class="[^"]*govuk-input--error[^"]*" id="f-birthDate-month"/);
  const right = await postStep(anna, `${birth}/step/child`, { ...child, secondParentPersonalCode: '150685-12347' });
  assert.equal(pathOf(right), `${birth}/step/request`);

  // Unmarried after all: the hidden answer is dropped, not submitted.
  assert.equal((await postStep(anna, `${birth}/step/child`, { ...child, parentsMarried: '' })).status, 303);
  const check = await (await anna.request(`${birth}/check`)).text();
  assert.doesNotMatch(check, /Personal code of the other parent/);
  assert.match(check, /02 March 2026|2 March 2026/);
});

test('answers too long to keep as a draft are refused on the page, and the saved draft stays as it was', async () => {
  // A form of thirty long answers: each within its field's limit, together past what a draft keeps (256 KB).
  const service = await createCatalog(platform.database.db).lookup('pases-izsniegsana');
  assert.equal(service.kind, 'found');
  const names = Array.from({ length: 30 }, (_, index) => `note${index + 1}`);
  const ilze: Principal = { subject: 'person:120479-43216', kind: 'person', via: 'session', personalCode: '120479-43216', roles: [{ role: 'service_manager', institutionId: pmlp.institutionId as string }], scopes: [] };
  await createApplications(platform.database.db).saveForm(ilze, service.service.id, {
    schema: { type: 'object', properties: Object.fromEntries(names.map((name) => [name, { type: 'string', maxLength: 10_000 }])) },
    presentation: {
      steps: [{ id: 'notes', title: { lv: 'Piezīmes', en: 'Notes' }, fields: names }],
      fields: Object.fromEntries(names.map((name) => [name, { label: { lv: `Piezīme ${name}`, en: `Note ${name}` }, widget: 'textarea' }])),
      attachments: [],
    },
  });
  const anna = await signedIn('Anna Kalniņa', '/en/workspace');
  const form = '/en/workspace/apply/pases-izsniegsana';
  assert.equal((await postStep(anna, `${form}/step/notes`, { note1: 'first answer' })).status, 303);
  const long = Object.fromEntries(names.map((name) => [name, 'x'.repeat(9_000)]));
  const refused = await postStep(anna, `${form}/step/notes`, long);
  assert.equal(refused.status, 413);
  const html = await refused.text();
  assert.match(html, /govuk-error-summary[\s\S]*The answers are too long to be saved/);
  assert.match(html, /x{9000}<\/textarea>/, 'what was typed is shown again to be shortened');
  const lv = await postStep(anna, '/workspace/apply/pases-izsniegsana/step/notes', long);
  assert.match(await lv.text(), /Atbildes ir pārāk garas, lai tās saglabātu/);
  // The draft saved before is untouched.
  const again = await (await anna.request(`${form}/step/notes`)).text();
  assert.match(again, /first answer<\/textarea>/);
  assert.doesNotMatch(again, /x{9000}/);
});

test('Anna, with Jānis’s mandate, applies for him: his data on the form, she the submitter; a change returns to the step and to the check page', async () => {
  const janis = await signedIn('Jānis Bērziņš');
  const mandateForm = await (await janis.request('/workspace/mandates/new')).text();
  assert.equal((await janis.request('/workspace/mandates/new', { form: { _csrf: csrfOf(mandateForm), representative: '230390-11113', scope: 'all' } })).status, 303);

  const anna = await signedIn('Anna Kalniņa');
  const who = await (await anna.request(APPLY)).text();
  assert.match(who, /Kam ir šis pieteikums\?/);
  assert.match(who, /value="150685-12347"/);
  const chosen = await anna.request('/workspace/acting-for', { form: { _csrf: csrfOf(who), party: '150685-12347', returnTo: `${APPLY}?who=1` } });
  assert.equal(pathOf(await anna.request(pathOf(chosen))), `${APPLY}/step/applicant`);
  const applicant = await (await anna.request(`${APPLY}/step/applicant`)).text();
  assert.match(applicant, /id="f-fullName"[^>]*value="Jānis Bērziņš"/, 'the party’s name, not hers');
  assert.match(applicant, /id="f-email"[^>]*value="janis.berzins@example.com"/);
  assert.equal((await postStep(anna, `${APPLY}/step/applicant`, { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com' })).status, 303);

  // "Change" whom she acts for on step 2 comes back to step 2.
  const residence = await (await anna.request(`${APPLY}/step/residence`)).text();
  const change = /id="acting-for"[\s\S]*?href="([^"]+)"/.exec(residence)?.[1] ?? '';
  assert.match(change, /returnTo=%2Fworkspace%2Fapply%2Fdzivesvietas-deklaresana%2Fstep%2Fresidence#switch$/);
  const home = await (await anna.request(change.replace(/&amp;/g, '&').replace(/#.*/, ''))).text();
  const switched = await anna.request('/workspace/acting-for', { form: { _csrf: csrfOf(home), party: '150685-12347', returnTo: /name="returnTo" value="([^"]+)"/.exec(home)?.[1] ?? '' } });
  assert.equal(pathOf(switched), `${APPLY}/step/residence`);

  assert.equal((await postStep(anna, `${APPLY}/step/residence`, { address: 'Brīvības iela 1-5, Rīga', movedInOn: '2026-01-10', basis: 'owner' })).status, 303);
  assert.equal((await postStep(anna, `${APPLY}/step/request`, { request: 'Jāņa dzīvesvieta' })).status, 303);
  assert.equal((await postStep(anna, `${APPLY}/step/confirm`, { consent: 'true' })).status, 303);
  const check = await (await anna.request(`${APPLY}/check`)).text();
  assert.match(check, /Kā vārdā<\/dt>\s*<dd class="govuk-summary-list__value">Jānis Bērziņš \(150685-12347\)/);
  assert.match(check, /Iesniedz<\/dt>\s*<dd class="govuk-summary-list__value">Anna Kalniņa \(230390-11113\)/);
  // A change from the check page, once saved, returns to it.
  const back = await postStep(anna, `${APPLY}/step/request?from=check`, { request: 'Jāņa Bērziņa dzīvesvieta' });
  assert.equal(pathOf(back), `${APPLY}/check`);
  const submitted = await anna.request(`${APPLY}/check`, { form: { _csrf: csrfOf(check) } });
  const number = /(\d{4}-\d{6})/.exec(pathOf(submitted))?.[1] as string;
  assert.ok(number);
  const janisPrincipal: Principal = { subject: 'person:150685-12347', kind: 'person', via: 'session', roles: [], scopes: [], personalCode: '150685-12347' };
  const view = await createApplications(platform.database.db).getApplication(janisPrincipal, number);
  assert.equal(view.data.fullName, 'Jānis Bērziņš', 'the submitted data name Jānis');
  assert.equal(view.data.request, 'Jāņa Bērziņa dzīvesvieta');
  const page = await (await anna.request(`/workspace/applications/${number}`)).text();
  assert.match(page, /Iesniedza<\/dt>\s*<dd class="govuk-summary-list__value">Anna Kalniņa \(230390-11113\)/);
});

test('Pēteris starts VAT registration from the business portal, chooses his company and finds the form filled with it', async () => {
  const vat = 'registracija-pvn-maksataju-registra';
  const business = await (await fetch(`${platform.url}/services/${vat}`)).text();
  assert.match(business, new RegExp(`href="/workspace/apply/${vat}"`));
  const peteris = await signedIn('Pēteris Ozols');
  const who = await (await peteris.request(`/workspace/apply/${vat}`)).text();
  assert.match(who, /Šo pakalpojumu piesaka uzņēmumi/);
  assert.match(who, /value="40003012340"/);
  assert.doesNotMatch(who, /value="081275-05556"/, 'a business service lists only the companies');
  const chosen = await peteris.request('/workspace/acting-for', { form: { _csrf: csrfOf(who), party: '40003012340', returnTo: `/workspace/apply/${vat}?who=1` } });
  assert.equal(pathOf(await peteris.request(pathOf(chosen))), `/workspace/apply/${vat}/step/applicant`);
  const applicant = await (await peteris.request(`/workspace/apply/${vat}/step/applicant`)).text();
  assert.match(applicant, /id="f-fullName"[^>]*value="SIA &#34;Demo Būve&#34;"/);
  assert.equal((await postStep(peteris, `/workspace/apply/${vat}/step/applicant`, { fullName: 'SIA "Demo Būve"', email: 'peteris.ozols@example.com' })).status, 303);
  const step = await (await peteris.request(`/workspace/apply/${vat}/step/business`)).text();
  assert.match(step, /id="f-registrationNumber"[^>]*value="40003012340"/);
});

test('a session that ends on step 2 brings the person back to step 2 after signing in, with what they had typed', async () => {
  const anna = await signedIn('Anna Kalniņa');
  const birth = '/workspace/apply/dzimsanas-registracija';
  assert.equal((await postStep(anna, `${birth}/step/applicant`, { fullName: 'Anna Kalniņa', email: 'anna.kalnina@example.com' })).status, 303);
  const step = await (await anna.request(`${birth}/step/child`)).text();
  assert.match(step, /Bez darbībām sesija beidzas pēc 30 min/, 'the page states the idle timeout');
  // Thirty idle minutes later the session is gone (as the identity module prunes it).
  await sql`delete from identity.sessions`.execute(platform.database.db);
  const { fields: hidden } = formOf(step, `${birth}/step/child`);
  const typed = { childGivenName: 'Elza', childFamilyName: 'Kalniņa', 'birthDate-day': '2', 'birthDate-month': '3', 'birthDate-year': '2026', birthPlace: 'Rīga' };
  const sent = await anna.request(`${birth}/step/child`, { form: { ...hidden, ...typed, _action: 'continue' } });
  assert.equal(sent.status, 303);
  assert.equal(pathOf(sent), `/login?returnTo=${encodeURIComponent(`${birth}/step/child`)}`, 'sent to sign in, to come back to the step');
  let back = await anna.navigate(pathOf(sent));
  if (back.url.includes('/interaction/')) back = await chooseDemoPerson(anna, await back.response.text(), 'Anna Kalniņa');
  assert.equal(new URL(back.url).pathname, `${birth}/step/child`);
  const restored = await back.response.text();
  assert.match(restored, /id="restored"/);
  assert.match(restored, /id="f-childGivenName"[^>]*value="Elza"/);
  assert.match(restored, /id="f-birthDate-year"[^>]*value="2026"/);
  // Once: reloading shows the saved draft, which never held the lost post.
  assert.doesNotMatch(await (await anna.request(`${birth}/step/child`)).text(), /id="restored"/);
});
