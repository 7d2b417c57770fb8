/**
 * Customer support over the real platform (HTTP, demo data, no JavaScript):
 * a visitor asks from a service page and confirms the e-mail, and the question
 * is in that service's institution's queue and no other's; Jānis asks about
 * his application, PMLP's agent sees the application's status and replies,
 * Jānis gets the reply in his inbox and by e-mail, answers, and the clock was
 * paused meanwhile; first-line support transfers a general question and the
 * person sees one thread with the transfer; an overdue ticket stands out.
 */
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Principal } from '../../platform/http/auth.js';
import { createAccess } from '../access/index.js';
import { createCatalog } from '../catalog/index.js';
import { createSupport, pausesOf } from './index.js';
import { eventually } from '../../../test/support/http.js';
import { applyAsJanis, waitForInbox } from '../../../test/support/journeys.js';
import { csrfOf, pageHtml, signedIn, startTestPlatform, submitForm, TestBrowser, type TestPlatform } from '../../../test/support/platform.js';
import { accessTokenFor, ALL_SCOPES, demoRp, institutionToken } from '../../../test/support/sso.js';

const JANIS = '150685-12347';
const ILZE = '120479-43216';
const ANNA = '230390-11113';
const ROBERTS = '271188-10106';
const SLUG = 'dzivesvietas-deklaresana';

let platform: TestPlatform;
let pmlp: { id: string; name: { lv: string } };
let vid: { id: string };

before(async () => {
  platform = await startTestPlatform();
  const catalog = createCatalog(platform.database.db);
  pmlp = await catalog.getInstitution('pmlp');
  vid = await catalog.getInstitution('vid');
  // Ilze answers for PMLP, Anna for VID (another institution's agent).
  const { access } = createAccess(platform.database.db, { knownServices: async (ids) => ids });
  const admin: Principal = { subject: `person:${ROBERTS}`, kind: 'person', via: 'session', personalCode: ROBERTS, roles: await access.rolesOf(ROBERTS), scopes: [] };
  await access.grantRole(admin, { personalCode: ILZE, role: 'support_agent', institutionId: pmlp.id });
  await access.grantRole(admin, { personalCode: ANNA, role: 'support_agent', institutionId: vid.id });
});
after(async () => platform?.close());

async function lastMail(address: string, containing: string): Promise<{ subject: string; text: string }> {
  return eventually(
    async () =>
      (
        await sql<{ subject: string; text: string }>`select subject, text_body as text from notifications.mail_outbox where recipient = ${address} order by created_at desc`.execute(platform.database.db)
      ).rows.find((row) => row.text.includes(containing) || row.subject.includes(containing)),
    (row) => row !== undefined,
    `a mail to ${address} with “${containing}”`,
  ) as Promise<{ subject: string; text: string }>;
}

/** A multipart body as a browser sends the form: text fields, and files as [name, type, content]. */
function formData(csrf: string, fields: Record<string, string | [string, string, string]>): FormData {
  const data = new FormData();
  data.append('_csrf', csrf);
  for (const [name, field] of Object.entries(fields)) {
    if (typeof field === 'string') data.append(name, field);
    else data.append(name, new Blob([field[2]], { type: field[1] }), field[0]);
  }
  return data;
}

const noMail = { send: async () => {}, sendReply: async () => {} };
const numberFrom = (location: string | null): number => Number(/\/support\/(\d+)/.exec(location ?? '')?.[1] ?? NaN);

test('signed out, a visitor asks from a service page, confirms the e-mail, and only that institution’s agents see it', async () => {
  const visitor = new TestBrowser(platform.url);
  const service = await pageHtml(visitor, `/services/${SLUG}`);
  const ask = `/support?service=${SLUG}`;
  assert.ok(service.includes(`href="${ask}"`), 'the service page links to asking about it');
  assert.equal((await visitor.request('/palidziba')).headers.get('location'), '/support');

  const empty = await submitForm(visitor, ask, ask, { name: '', email: 'nav-adrese', subject: '', message: '' });
  assert.equal(empty.status, 400);
  const errors = await empty.text();
  for (const id of ['name', 'subject', 'message']) assert.ok(errors.includes(`href="#${id}"`), `the error summary links to ${id}`);

  const forged = await visitor.request(ask, { form: { name: 'X', email: 'x@example.org', subject: 'other', message: 'x' } });
  assert.equal(forged.status, 403, 'a form without its CSRF token is refused');
  const email = `liga.${Date.now()}@example.org`;
  const sent = await submitForm(visitor, ask, ask, { name: 'Līga Zariņa', email, subject: 'applying', message: 'Vai deklarēt var arī īrnieks?' });
  assert.equal(sent.status, 303);
  assert.equal(sent.headers.get('location'), '/support/sent');
  const mail = await lastMail(email, '/support/confirm?token=');
  const link = /(http\S+\/support\/confirm\?token=[\w-]+)/.exec(mail.text)?.[1] ?? '';
  const path = new URL(link).pathname + new URL(link).search;

  const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/support');
  const number = Number(/Nr\. (\d+)/.exec(await pageHtml(visitor, path))?.[1]);
  assert.ok(number > 0, 'the confirmation page names the question');
  assert.ok(!(await pageHtml(ilze, '/console/support')).includes(`id="ticket-${number}"`), 'not in a queue before the e-mail is confirmed');

  const confirmed = await submitForm(visitor, path, '/support/confirm', { token: new URL(link).searchParams.get('token') ?? '' });
  assert.equal(confirmed.status, 200);
  assert.match(await confirmed.text(), new RegExp(`jautājums Nr\\. ${number} ir nodots`));
  const queue = await pageHtml(ilze, '/console/support');
  assert.ok(queue.includes(`id="ticket-${number}"`), 'in PMLP’s queue');
  assert.match(await pageHtml(ilze, `/console/support/${number}`), /Līga Zariņa/);
  // The visitor has no inbox: the reply reaches the confirmed address.
  const replied = await submitForm(ilze, `/console/support/${number}`, `/console/support/${number}/reply`, { reply: 'Jā, arī īrnieks var deklarēt.' });
  assert.equal(replied.status, 303);
  const answer = await lastMail(email, 'Jā, arī īrnieks var deklarēt.');
  assert.match(answer.subject, /Klientu atbalsts: atbilde/);

  const anna = await signedIn(platform, 'Anna Kalniņa', '/console/support');
  assert.ok(!(await pageHtml(anna, '/console/support')).includes(`id="ticket-${number}"`), 'not in VID’s queue');
  assert.equal((await anna.request(`/console/support/${number}`)).status, 404, 'VID’s agent cannot open it');
  const refused = await anna.request(`/console/support/${number}/reply`, { form: { _csrf: 'x', reply: 'hi' } });
  assert.ok(refused.status === 403 || refused.status === 404);
  // Jānis, no agent, gets no desk.
  const janis = await signedIn(platform, 'Jānis Bērziņš', '/workspace');
  assert.equal((await janis.request('/console/support')).status, 403);
});

test('Jānis asks about his application; PMLP’s agent sees its status and replies; Jānis is told, answers, and the clock was paused', async () => {
  const token = await accessTokenFor(platform, await demoRp(platform), 'Jānis Bērziņš');
  const residence = await createCatalog(platform.database.db).lookup(SLUG);
  const receipt = await applyAsJanis(platform, token, (residence as { service: { id: string } }).service.id);
  const janis = await signedIn(platform, 'Jānis Bērziņš', `/workspace/applications/${receipt.number}`);
  const ask = `/workspace/support/new?application=${receipt.number}`;
  assert.ok((await pageHtml(janis, `/workspace/applications/${receipt.number}`)).includes(`href="${ask}"`), 'the application page links to asking about it');
  const asked = await submitForm(janis, ask, ask, { subject: 'status', message: 'Kad būs izskatīts?' });
  assert.equal(asked.status, 303);
  const number = numberFrom(asked.headers.get('location'));

  const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/support');
  const desk = await pageHtml(ilze, `/console/support/${number}`);
  const status = /id="application-status">([\s\S]*?)<\/dd>/.exec(desk)?.[1] ?? '';
  assert.match(status, /govuk-tag/, 'the agent sees the application’s status');
  const audited = await sql<{ n: string }>`select count(*) as n from audit.events where action = 'applications.read' and actor = ${`person:${ILZE}`} and details->>'as' = 'support'`.execute(platform.database.db);
  assert.ok(Number(audited.rows[0]?.n) >= 1, 'the read is in the audit trail');

  await submitForm(ilze, `/console/support/${number}`, `/console/support/${number}/note`, { note: 'Iekšēji: pārbaudīt adresi' });
  const replied = await submitForm(ilze, `/console/support/${number}`, `/console/support/${number}/reply`, { reply: 'Pieteikumu izskatīsim 5 darba dienās.' });
  assert.equal(replied.status, 303);

  const subject = `Klientu atbalsts: jautājums Nr. ${number} (Pieteikuma izpilde un statuss)`;
  const item = await waitForInbox(platform, JANIS, subject);
  assert.equal(item.link, `/workspace/support/${number}`);
  const mail = await lastMail('janis.berzins@example.com', `jautājums Nr. ${number}`);
  assert.match(mail.text, /Pieteikumu izskatīsim 5 darba dienās/);

  const thread = await pageHtml(janis, `/workspace/support/${number}`);
  assert.match(thread, /Pieteikumu izskatīsim 5 darba dienās/);
  assert.ok(!thread.includes('pārbaudīt adresi'), 'the internal note is not shown to the person');
  assert.ok(thread.includes('id="paused"'), 'the clock is paused while support awaits Jānis');
  // Jānis answers with a file, as the form (multipart, no JavaScript) sends it.
  assert.ok(thread.includes(`action="/workspace/support/${number}/reply" enctype="multipart/form-data"`), 'the answer form takes files');
  const pdf = '%PDF-1.4 deklarācijas kopija';
  const refusedFile = await janis.request(`/workspace/support/${number}/reply`, { multipart: formData(csrfOf(thread), { message: 'Pielikumā', files: ['bilde.png', 'image/png', 'nav attēls'] }) });
  assert.equal(refusedFile.status, 400, 'a file whose content is not its type is refused');
  assert.match(await refusedFile.text(), /id="files-error"[\s\S]*bilde\.png/);
  const answered = await janis.request(`/workspace/support/${number}/reply`, { multipart: formData(csrfOf(thread), { message: 'Paldies, gaidīšu.', files: ['deklaracija.pdf', 'application/pdf', pdf] }) });
  assert.equal(answered.status, 303);
  const after = await pageHtml(janis, `/workspace/support/${number}`);
  assert.ok(after.includes('Paldies, gaidīšu.') && !after.includes('id="paused"'), 'the answer is in the thread and the clock runs again');
  // The agent sees the file on the answer and downloads it; the download is audited; another institution's agent cannot.
  const withFile = await pageHtml(ilze, `/console/support/${number}`);
  const href = /href="(\/console\/support\/\d+\/files\/[0-9a-f-]{36})"[^>]*>deklaracija\.pdf/.exec(withFile)?.[1];
  assert.ok(href, 'the agent sees the file on Jānis’s answer');
  const download = await ilze.request(href);
  assert.equal(download.status, 200);
  assert.match(download.headers.get('content-disposition') ?? '', /attachment; filename="deklaracija\.pdf"/);
  assert.equal(await download.text(), pdf);
  const fileReads = await sql<{ n: string }>`select count(*) as n from audit.events where action = 'support.file_read' and actor = ${`person:${ILZE}`}`.execute(platform.database.db);
  assert.equal(Number(fileReads.rows[0]?.n), 1, 'the download is in the audit trail');
  const anna = await signedIn(platform, 'Anna Kalniņa', '/console/support');
  assert.equal((await anna.request(href)).status, 404, 'VID’s agent cannot download it');
  assert.equal((await janis.request(href.replace('/console/', '/workspace/'))).status, 200, 'Jānis downloads his own file');
  const support = createSupport(platform.database.db, { publicUrl: platform.url, catalog: createCatalog(platform.database.db), applications: { getApplication: () => Promise.reject(new Error('unused')) }, mailer: noMail });
  const [ticket] = (await support.ticketsOf(JANIS)).filter((t) => t.number === number);
  // The clock stood still from the reply to Jānis's answer with the file: one pause, ended by that answer.
  const entries = (await support.ticketOf(JANIS, number, JANIS)).entries;
  const withTheFile = entries.find((entry) => entry.files.some((file) => file.filename === 'deklaracija.pdf'));
  const reply = entries.find((entry) => entry.kind === 'reply');
  assert.deepEqual(pausesOf(entries.map((entry) => ({ kind: entry.kind, created_at: new Date(entry.at) }))), [{ from: reply?.at, until: withTheFile?.at }]);
  assert.equal(ticket?.state, 'open');
  assert.ok(ticket?.clock && ticket.firstReplyAt, 'the first reply was recorded');
  const list = await pageHtml(janis, '/workspace/support');
  assert.ok(list.includes(`href="/workspace/support/${number}"`), 'the question is in My questions');
});

test('first-line support transfers a general question; the person sees the transfer in one thread', async () => {
  const anna = await signedIn(platform, 'Anna Kalniņa', '/workspace/support/new');
  const asked = await submitForm(anna, '/workspace/support/new', '/workspace/support/new', { subject: 'other', message: 'Kur deklarēt dzīvesvietu?' });
  const number = numberFrom(asked.headers.get('location'));
  const roberts = await signedIn(platform, 'Roberts Liepa', '/console/support');
  assert.ok((await pageHtml(roberts, '/console/support?queue=unassigned')).includes(`id="ticket-${number}"`), 'in the first line’s queue');
  const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/support');
  assert.equal((await ilze.request(`/console/support/${number}`)).status, 404, 'not PMLP’s yet');

  const moved = await submitForm(roberts, `/console/support/${number}`, `/console/support/${number}/transfer`, { institution: pmlp.id, transferNote: 'Jautājums par deklarēšanu' });
  assert.equal(moved.status, 303);
  assert.equal((await roberts.request(`/console/support/${number}`)).status, 404, 'the first line hands it over');
  assert.match(await pageHtml(ilze, `/console/support/${number}`), /Kur deklarēt dzīvesvietu\?/);

  const thread = await pageHtml(anna, `/workspace/support/${number}`);
  assert.ok(thread.includes(`Jautājums nodots iestādei: ${pmlp.name.lv}`), 'the transfer is visible to the person');
  assert.ok(thread.includes('Kur deklarēt dzīvesvietu?') && thread.includes('Jautājums par deklarēšanu'), 'one thread: the question and the transfer');
  const closed = await submitForm(anna, `/workspace/support/${number}`, `/workspace/support/${number}/close`, {});
  assert.equal(closed.status, 303);
  const reopen = await pageHtml(anna, `/workspace/support/${number}?done=closed`);
  assert.ok(reopen.includes(`action="/workspace/support/${number}/reopen"`), 'a closed question can be reopened');
  // Once closed, the answer is rated once.
  const unrated = await submitForm(anna, `/workspace/support/${number}`, `/workspace/support/${number}/rate`, { comment: 'bez vērtējuma' });
  assert.equal(unrated.status, 400);
  assert.ok((await unrated.text()).includes('href="#rating"'));
  assert.equal((await submitForm(anna, `/workspace/support/${number}`, `/workspace/support/${number}/rate`, { rating: '4', comment: 'Ātri' })).status, 303);
  const rated = await pageHtml(anna, `/workspace/support/${number}`);
  assert.match(rated, /Jūsu vērtējums: 4 no 5/);
  assert.ok(!rated.includes(`action="/workspace/support/${number}/rate"`), 'rated once');
  // The desk finds it by number (closed ones too) and by subject; the agent reopens it.
  assert.ok(!(await pageHtml(ilze, '/console/support')).includes(`id="ticket-${number}"`), 'a closed question leaves the queue');
  assert.ok((await pageHtml(ilze, `/console/support?q=${number}`)).includes(`id="ticket-${number}"`), 'search finds it');
  assert.ok((await pageHtml(ilze, `/console/support?q=${ANNA}&subject=other`)).includes(`id="ticket-${number}"`), 'by personal code and subject');
  assert.ok(!(await pageHtml(ilze, `/console/support?q=${ANNA}&subject=documents`)).includes(`id="ticket-${number}"`), 'not under another subject');
  assert.equal((await submitForm(ilze, `/console/support/${number}`, `/console/support/${number}/reopen`, {})).status, 303);
  assert.ok((await pageHtml(ilze, '/console/support')).includes(`id="ticket-${number}"`), 'reopened, it is back in the queue');
});

test('an overdue ticket stands out in the queue', async () => {
  const residence = (await createCatalog(platform.database.db).lookup(SLUG)) as { service: { id: string } };
  const past = new Date(Date.now() - 30 * 86_400_000);
  const old = createSupport(platform.database.db, {
    publicUrl: platform.url,
    catalog: createCatalog(platform.database.db),
    applications: { getApplication: () => Promise.reject(new Error('unused')) },
    mailer: noMail,
    now: () => past,
  });
  const principal: Principal = { subject: `person:${ANNA}`, kind: 'person', via: 'session', personalCode: ANNA, roles: [], scopes: [] };
  const ticket = await old.ask({ askedBy: ANNA, principal, requester: ANNA, requesterKind: 'person', subject: 'applying', message: 'Sen jautāju', about: { serviceId: residence.service.id }, channel: 'workspace', language: 'lv' });
  const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/support');
  const overdue = await pageHtml(ilze, '/console/support?queue=overdue');
  const row = new RegExp(`<tr class="govuk-table__row pk-overdue" id="ticket-${ticket.number}">[\\s\\S]*?</tr>`).exec(overdue)?.[0] ?? '';
  assert.match(row, /Nokavēts/, 'flagged overdue');
  const english = await pageHtml(ilze, '/en/console/support?queue=overdue');
  assert.match(english, /Overdue/);
});

test('statistics per institution and month count overdue tickets; JSON and CSV suppress counts under 5', async () => {
  const catalog = createCatalog(platform.database.db);
  const published = await catalog.listAllPublished();
  // Two institutions no other test (nor the demo questions, at VID and the first line) asks.
  const untouched = published.filter((service) => service.institutionId !== vid.id && service.institutionId !== pmlp.id);
  const measuredService = untouched[0];
  const other = untouched.find((service) => service.institutionId !== measuredService?.institutionId);
  assert.ok(measuredService && other);
  const measured = { id: measuredService.institutionId };
  const past = new Date(Date.now() - 10 * 86_400_000);
  const month = past.toISOString().slice(0, 7);
  const old = createSupport(platform.database.db, { publicUrl: platform.url, catalog, applications: { getApplication: () => Promise.reject(new Error('unused')) }, mailer: noMail, now: () => past });
  const principal: Principal = { subject: `person:${ANNA}`, kind: 'person', via: 'session', personalCode: ANNA, roles: [], scopes: [] };
  const ask = (serviceId: string) => old.ask({ askedBy: ANNA, principal, requester: ANNA, requesterKind: 'person', subject: 'documents', message: 'Kur ir mans dokuments?', about: { serviceId }, channel: 'workspace', language: 'lv' });
  // Five stay open, unanswered and so overdue now; five are closed and rated.
  for (let i = 0; i < 5; i++) await ask(measuredService.id);
  for (const rating of [4, 5, 5, 3, 4]) {
    const ticket = await ask(measuredService.id);
    await old.closeByPerson(ANNA, ANNA, ticket.number);
    await old.rate(ANNA, ticket.number, rating, '');
  }
  for (let i = 0; i < 2; i++) await ask(other.id);

  const response = await fetch(`${platform.url}/api/v1/support/statistics?month=${month}`);
  assert.equal(response.status, 200);
  const statistics = (await response.json()) as { suppressedBelow: number; queues: { institutionId: string | null; requests: number | null; overdue: number | null; ratings: number | null; satisfaction: number | null; byChannel: Record<string, number | null>; bySubject: Record<string, number | null> }[] };
  assert.equal(statistics.suppressedBelow, 5);
  const measuredRow = statistics.queues.find((queue) => queue.institutionId === measured.id);
  assert.equal(measuredRow?.requests, 10);
  assert.equal(measuredRow?.overdue, 5, 'the overdue tickets are counted');
  assert.equal(measuredRow?.ratings, 5);
  assert.equal(measuredRow?.satisfaction, 4.2);
  assert.equal(measuredRow?.byChannel.workspace, 10);
  assert.equal(measuredRow?.byChannel.portal, 0);
  assert.equal(measuredRow?.bySubject.documents, 10);
  assert.equal(statistics.queues.find((queue) => queue.institutionId === other.institutionId)?.requests, null, 'two requests are suppressed');

  const csv = await fetch(`${platform.url}/api/v1/support/statistics.csv?month=${month}`);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  const [header, ...rows] = (await csv.text()).trimEnd().split('\r\n').map((line) => line.split(','));
  const column = (name: string): number => header?.indexOf(name) ?? -1;
  const rowOf = (code: string) => rows.find((row) => row[column('institution')] === code);
  const measuredCode = (await catalog.getInstitution(measured.id)).code;
  const otherCode = (await catalog.getInstitution(other.institutionId)).code;
  assert.equal(rowOf(measuredCode)?.[column('requests')], '10');
  assert.equal(rowOf(measuredCode)?.[column('overdue')], '5');
  assert.equal(rowOf(measuredCode)?.[column('satisfaction')], '4.2');
  assert.equal(rowOf(otherCode)?.[column('requests')], '', 'a suppressed count is an empty cell');
  assert.ok(rows.every((row) => row.length === header?.length), 'every row has every column');
  const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/support');
  const page = await pageHtml(ilze, `/console/support/statistics?month=${month}`);
  assert.ok(page.includes('id="statistics"') && page.includes(`href="/api/v1/support/statistics.csv?month=${month}"`), 'staff see the figures and the open data');
  const invalid = await fetch(`${platform.url}/api/v1/support/statistics?month=2026-13`);
  assert.equal(invalid.status, 400);
  assert.match(invalid.headers.get('content-type') ?? '', /problem\+json/);
});

test('the API: a person asks, lists, reads a thread and answers with support.read/support.write; others get 404, tokens without the scope 403', async () => {
  const rp = await demoRp(platform);
  const token = await accessTokenFor(platform, rp, 'Jānis Bērziņš', `${ALL_SCOPES} support.read support.write`);
  const call = (method: string, path: string, json?: unknown, bearer = token) =>
    fetch(`${platform.url}${path}`, { method, headers: { authorization: `Bearer ${bearer}`, ...(json ? { 'content-type': 'application/json' } : {}) }, body: json ? JSON.stringify(json) : undefined });
  const created = await call('POST', '/api/v1/support/tickets', { subject: 'technical', message: 'Nevaru atvērt dokumentu.' });
  assert.equal(created.status, 201, await created.clone().text());
  const ticket = (await created.json()) as { number: number; queueInstitutionId: string | null; state: string };
  assert.equal(ticket.queueInstitutionId, null, 'a general question goes to the first line');
  const list = (await (await call('GET', '/api/v1/support/tickets')).json()) as { number: number }[];
  assert.ok(list.some((item) => item.number === ticket.number));
  const pdf = '%PDF-1.4 ekrānuzņēmums';
  const notBase64 = await call('POST', `/api/v1/support/tickets/${ticket.number}/messages`, { message: 'Fails', files: [{ filename: 'a.pdf', mediaType: 'application/pdf', content: 'no base64!' }] });
  assert.equal(notBase64.status, 400);
  const answered = await call('POST', `/api/v1/support/tickets/${ticket.number}/messages`, {
    message: 'Papildinu: PDF fails.',
    files: [{ filename: 'dokuments.pdf', mediaType: 'application/pdf', content: Buffer.from(pdf).toString('base64') }],
  });
  assert.equal(answered.status, 200, await answered.clone().text());
  const thread = (await (await call('GET', `/api/v1/support/tickets/${ticket.number}`)).json()) as { entries: { kind: string; body: string | null; files: { id: string; filename: string }[] }[] };
  assert.deepEqual(thread.entries.map((entry) => entry.kind), ['message', 'message']);
  const file = thread.entries[1]?.files[0];
  assert.equal(file?.filename, 'dokuments.pdf');
  const fetched = await call('GET', `/api/v1/support/tickets/${ticket.number}/files/${file?.id}`);
  assert.equal(fetched.status, 200);
  assert.equal(await fetched.text(), pdf);

  const bad = await call('POST', '/api/v1/support/tickets', { subject: 'technical' });
  assert.equal(bad.status, 400);
  const unknown = await call('POST', '/api/v1/support/tickets', { subject: 'nope', message: 'x' });
  assert.equal(unknown.status, 400);
  const narrow = await accessTokenFor(platform, rp, 'Jānis Bērziņš', ALL_SCOPES);
  assert.equal((await call('GET', '/api/v1/support/tickets', undefined, narrow)).status, 403);
  const anna = await accessTokenFor(platform, rp, 'Anna Kalniņa', `${ALL_SCOPES} support.read support.write`);
  assert.equal((await call('GET', `/api/v1/support/tickets/${ticket.number}`, undefined, anna)).status, 404);
  assert.equal((await fetch(`${platform.url}/api/v1/support/tickets`)).status, 401);

  // PMLP's own help desk works its queue through the API with its system's token.
  const residence = (await createCatalog(platform.database.db).lookup(SLUG)) as { service: { id: string } };
  const aboutResidence = (await (await call('POST', '/api/v1/support/tickets', { subject: 'applying', message: 'Vai var deklarēt divas adreses?', serviceId: residence.service.id })).json()) as { number: number; queueInstitutionId: string };
  assert.equal(aboutResidence.queueInstitutionId, pmlp.id);
  const system = await institutionToken(platform, 'support.read support.write');
  const queueResponse = await call('GET', '/api/v1/support/queue?filter=unassigned&limit=200', undefined, system);
  const queue = (await queueResponse.json()) as { number: number }[];
  assert.equal(Number(queueResponse.headers.get('x-total-count')), queue.length, 'the header tells how many all pages hold');
  assert.ok(queue.some((item) => item.number === aboutResidence.number) && !queue.some((item) => item.number === ticket.number), 'PMLP’s queue, not the first line’s');
  assert.equal((await call('GET', `/api/v1/support/queue/${ticket.number}`, undefined, system)).status, 404);
  assert.equal((await call('GET', `/api/v1/support/queue/${ticket.number}/files/${file?.id}`, undefined, system)).status, 404, 'another queue’s file is not PMLP’s to read');
  assert.equal((await call('GET', `/api/v1/support/tickets/${ticket.number}/files/${file?.id}`, undefined, anna)).status, 404, 'nor another person’s');
  const reply = await call('POST', `/api/v1/support/queue/${aboutResidence.number}/replies`, { message: 'Papildu adresi var norādīt.' }, system);
  assert.equal(reply.status, 200, await reply.clone().text());
  assert.equal(((await reply.json()) as { state: string }).state, 'awaiting_person');
  const seen = (await (await call('GET', `/api/v1/support/tickets/${aboutResidence.number}`)).json()) as { entries: { kind: string; body: string | null }[] };
  assert.deepEqual(seen.entries.map((entry) => [entry.kind, entry.body]).at(-1), ['reply', 'Papildu adresi var norādīt.']);
  assert.equal((await call('GET', '/api/v1/support/queue')).status, 403, 'a person who is no agent has no queue');

  const openapi = (await (await fetch(`${platform.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
  assert.ok(openapi.paths['/api/v1/support/tickets'] && openapi.paths['/api/v1/support/statistics.csv'], 'in the OpenAPI document');
});

test('platform administrators edit the subjects; retired ones are no longer offered; others may not', async () => {
  const roberts = await signedIn(platform, 'Roberts Liepa', '/console/support/subjects');
  const PAGE = '/console/support/subjects';
  const bad = await submitForm(roberts, PAGE, PAGE, { code: 'Nav Kods', 'lv-new': 'Maksājumi', 'en-new': 'Payments', active: 'yes' });
  assert.equal(bad.status, 400);
  assert.ok((await bad.text()).includes('href="#code"'));
  const added = await submitForm(roberts, PAGE, PAGE, { code: 'payments', 'lv-new': 'Maksājumi un nodevas', 'en-new': 'Payments and fees', active: 'yes' });
  assert.equal(added.status, 303);
  const retired = await submitForm(roberts, PAGE, PAGE, { code: 'technical', 'lv-technical': 'Tehniska problēma', 'en-technical': 'Technical problem' });
  assert.equal(retired.status, 303);
  const janis = await signedIn(platform, 'Jānis Bērziņš', '/workspace/support/new');
  const form = await pageHtml(janis, '/workspace/support/new');
  assert.ok(form.includes('value="payments"') && form.includes('Maksājumi un nodevas'), 'the new subject is offered');
  assert.ok(!form.includes('value="technical"'), 'the retired subject is not');
  const subjects = (await (await fetch(`${platform.url}/api/v1/support/subjects`)).json()) as { code: string }[];
  assert.ok(subjects.some((subject) => subject.code === 'payments') && !subjects.some((subject) => subject.code === 'technical'));
  const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/support');
  assert.equal((await ilze.request(PAGE)).status, 403);
  // Back as it was: the API test asks with "technical".
  await submitForm(roberts, PAGE, PAGE, { code: 'technical', 'lv-technical': 'Tehniska problēma', 'en-technical': 'Technical problem', active: 'yes' });
});

test('prepared answers of a queue fill the reply with the person’s name and the number; other queues do not see them', async () => {
  const janis = await signedIn(platform, 'Jānis Bērziņš', `/workspace/support/new?service=${SLUG}`);
  const asked = await submitForm(janis, `/workspace/support/new?service=${SLUG}`, `/workspace/support/new?service=${SLUG}`, { subject: 'documents', message: 'Kur ir apliecinājums?' });
  const number = numberFrom(asked.headers.get('location'));
  const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/support/answers');
  const PAGE = '/console/support/answers';
  const missing = await submitForm(ilze, PAGE, PAGE, { queue: pmlp.id, title: 'Apliecinājums', lv: 'Labdien, {name}!', en: '' });
  assert.equal(missing.status, 400);
  assert.ok((await missing.text()).includes('href="#en"'));
  const added = await submitForm(ilze, PAGE, PAGE, {
    queue: pmlp.id,
    title: 'Apliecinājums',
    lv: 'Labdien, {name}! Apliecinājums par jautājumu Nr. {number} ir jūsu darba vietā.',
    en: 'Hello {name}, the certificate for question No. {number} is in your workspace.',
  });
  assert.equal(added.status, 303);
  const ticketPage = await pageHtml(ilze, `/console/support/${number}`);
  const id = /<option value="([0-9a-f-]{36})"[^>]*>Apliecinājums<\/option>/.exec(ticketPage)?.[1];
  assert.ok(id, 'the ticket offers the queue’s prepared answer');
  const filled = await pageHtml(ilze, `/console/support/${number}?canned=${id}`);
  assert.ok(filled.includes(`Labdien, Jānis Bērziņš! Apliecinājums par jautājumu Nr. ${number} ir jūsu darba vietā.</textarea>`), 'filled in the ticket’s language');
  const anna = await signedIn(platform, 'Anna Kalniņa', PAGE);
  assert.ok(!(await pageHtml(anna, PAGE)).includes('Apliecinājums'), 'VID’s agent does not see PMLP’s answers');
  const forged = await anna.request(`${PAGE}/delete`, { form: { _csrf: csrfOf(await pageHtml(anna, PAGE)), id: id ?? '' } });
  assert.equal(forged.status, 303);
  assert.ok((await pageHtml(ilze, PAGE)).includes('Apliecinājums'), 'nor delete them');
});

test('a service’s frequently asked questions: its institution’s staff write them, the service page shows them', async () => {
  const residence = (await createCatalog(platform.database.db).lookup(SLUG)) as { service: { id: string } };
  const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/support');
  const PAGE = `/console/support/faq?service=${residence.service.id}`;
  assert.ok((await pageHtml(ilze, `/console/services/${residence.service.id}`)).includes(`href="${PAGE}"`), 'the service’s console page links to its FAQ');
  const missing = await submitForm(ilze, PAGE, PAGE, { qlv: 'Vai var deklarēt īrnieks?', alv: 'Jā.', qen: 'Can a tenant declare?', aen: '' });
  assert.equal(missing.status, 400);
  assert.ok((await missing.text()).includes('href="#aen"'));
  // Catalog search finds the service by a word of its FAQ's answer (inflected otherwise), in both languages, page and API.
  const found = async (q: string, lang: 'lv' | 'en'): Promise<string[]> =>
    ((await (await fetch(`${platform.url}/api/v1/services?q=${encodeURIComponent(q)}&lang=${lang}`)).json()) as { items: { slug: string }[] }).items.map((item) => item.slug);
  assert.ok(!(await found('kooperatīvs', 'lv')).includes(SLUG) && !(await found('housing cooperative', 'en')).includes(SLUG), 'not found by the FAQ’s words before it has them');
  const added = await submitForm(ilze, PAGE, PAGE, {
    qlv: 'Vai var deklarēt īrnieks?',
    alv: 'Jā, ar īres līgumu vai dzīvokļu kooperatīva izziņu.',
    qen: 'Can a tenant declare?',
    aen: 'Yes, with the lease or a letter from the housing cooperative.',
  });
  assert.equal(added.status, 303);
  const visitor = new TestBrowser(platform.url);
  assert.match(await pageHtml(visitor, `/services/${SLUG}`), /<details class="govuk-details">[\s\S]*Vai var deklarēt īrnieks\?[\s\S]*Jā, ar īres līgumu/);
  assert.match(await pageHtml(visitor, `/en/services/${SLUG}`), /Can a tenant declare\?[\s\S]*Yes, with the lease/);
  assert.ok((await found('kooperatīvs', 'lv')).includes(SLUG), 'the API’s search finds the service by its FAQ answer’s word');
  assert.ok((await found('housing cooperative', 'en')).includes(SLUG), 'in English too');
  assert.ok((await pageHtml(visitor, `/search?q=${encodeURIComponent('kooperatīva izziņa')}`)).includes(`href="/services/${SLUG}"`), 'the search page finds it');
  const roberts = await signedIn(platform, 'Roberts Liepa', '/console');
  assert.ok(!(await pageHtml(roberts, `/console/services/${residence.service.id}`)).includes(PAGE), 'the platform’s administrator (first-line support, not PMLP’s) is not offered it');
  const anna = await signedIn(platform, 'Anna Kalniņa', '/console/support');
  const refused = await anna.request(PAGE);
  assert.equal(refused.status, 403, 'another institution’s staff cannot write it');
  assert.match(await refused.text(), /raksta tikai tās iestādes pakalpojumu pārvaldnieki un klientu atbalsta speciālisti/, 'and are told who can');
  assert.equal((await anna.request(`/console/support/faq?service=${randomUUID()}`)).status, 404, 'an unknown service is not found');

  // An agent turns a reply into an FAQ entry: the question and the reply fill the form.
  const janis = await signedIn(platform, 'Jānis Bērziņš', `/workspace/support/new?service=${SLUG}`);
  const asked = await submitForm(janis, `/workspace/support/new?service=${SLUG}`, `/workspace/support/new?service=${SLUG}`, { subject: 'applying', message: 'Vai var deklarēt vasarnīcu?' });
  const number = numberFrom(asked.headers.get('location'));
  await submitForm(ilze, `/console/support/${number}`, `/console/support/${number}/reply`, { reply: 'Jā, ja tā ir dzīvošanai derīga.' });
  const from = `${PAGE}&ticket=${number}`;
  const desk = await pageHtml(ilze, `/console/support/${number}`);
  assert.ok(desk.includes(`href="${from}"`), `the ticket offers turning the reply into an FAQ entry: ${/href="[^"]*ticket=[^"]*"/.exec(desk)?.[0]}`);
  // The same question asked twice: the agent merges the duplicate into the first.
  const twice = await submitForm(janis, `/workspace/support/new?service=${SLUG}`, `/workspace/support/new?service=${SLUG}`, { subject: 'applying', message: 'Vai var deklarēt vasarnīcu? (vēlreiz)' });
  const duplicate = numberFrom(twice.headers.get('location'));
  const wrong = await submitForm(ilze, `/console/support/${duplicate}`, `/console/support/${duplicate}/merge`, { into: String(duplicate) });
  assert.equal(wrong.status, 400);
  assert.ok((await wrong.text()).includes('href="#into"'));
  const merged = await submitForm(ilze, `/console/support/${duplicate}`, `/console/support/${duplicate}/merge`, { into: String(number) });
  assert.equal(merged.headers.get('location'), `/console/support/${number}?done=merged`);
  assert.match(await pageHtml(janis, `/workspace/support/${duplicate}`), new RegExp(`Apvienots ar jautājumu Nr\\. ${number}`));
  assert.match(await pageHtml(janis, `/workspace/support/${number}`), /Vai var deklarēt vasarnīcu\? \(vēlreiz\)/);
  const prefilled = await pageHtml(ilze, `${PAGE}&ticket=${number}`);
  assert.ok(prefilled.includes('value="Vai var deklarēt vasarnīcu?"') && prefilled.includes('Jā, ja tā ir dzīvošanai derīga.</textarea>'));
});
