/**
 * The applications API through a real HTTP server, real sign-ins (demo-rp with
 * authorization code + PKCE; demo-institution with client credentials) and a
 * real database: apply, track, move through the status register, deliver and
 * download the result; who sees what (404 for everyone else); field errors;
 * batches; representation.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { callApi, expectJson as ok, expectProblem as problem, type CallOptions } from './support/http.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';
import { accessTokenFor, demoRp, institutionToken } from './support/sso.js';

interface Receipt {
  number: string;
  applicationId: string;
  link: string;
  applicant: string;
  submittedBy: string;
  basis: string;
  expectedCompletionAt: string;
  attachments: { slot: string | null; filename: string; size: number }[];
}
interface FileInfo {
  id: string;
  purpose: string;
  filename: string;
  mediaType: string;
  size: number;
}
interface ApplicationView {
  id: string;
  number: string;
  applicant: string;
  status: { code: string; label: { lv: string; en: string } };
  expectedCompletionAt: string;
  clockPaused: boolean;
  timeline: { code: string; role: string; noteForApplicant: string | null; awaiting: string | null; response: { message: string; files: FileInfo[] } | null; note?: string | null }[];
  predictability: { expectedCompletionAt: string; leadTime: { duration: string }; completedAt: string | null };
  result: { summary: { lv: string; en: string }; data: unknown; documents: FileInfo[] } | null;
  attachments: FileInfo[];
  viewer: string;
}
interface Page {
  items: { id: string; number: string; applicant: string; status: { code: string } }[];
  total: number;
}
interface BatchReply {
  applied: number;
  duplicate: number;
  refused: number;
  results: { index: number; eventId: string | null; status: string; applicationId?: string; number?: string; problem?: { type: string; status: number; detail: string; eventIndex: number; eventId: string | null } }[];
}

const JANIS = '150685-12347';
const MARTA = '010118-23454';
const ANNA = '230390-11113';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let platform: TestPlatform;
const tokens: Record<'janis' | 'anna' | 'ilze' | 'institution', string> = { janis: '', anna: '', ilze: '', institution: '' };
let residence: { id: string; institutionId: string };
let otherService: { id: string; institutionId: string };

type Who = keyof typeof tokens | null;
const call = (method: string, path: string, who: Who, options: CallOptions = {}): Promise<Response> => callApi(platform.url, method, path, who ? tokens[who] : null, options);

const validResidence = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  fullName: 'Jānis Bērziņš',
  email: 'janis.berzins@example.com',
  address: 'Brīvības iela 1-2, Rīga, LV-1010',
  movedInOn: '2026-01-05',
  basis: 'owner',
  consent: true,
  ...overrides,
});

async function apply(who: Who, data: Record<string, unknown>, extra: { headers?: Record<string, string>; attachments?: unknown[]; serviceId?: string } = {}): Promise<Response> {
  return call('POST', '/api/v1/applications', who, {
    json: { serviceId: extra.serviceId ?? residence.id, data, ...(extra.attachments ? { attachments: extra.attachments } : {}) },
    ...(extra.headers ? { headers: extra.headers } : {}),
  });
}

before(async () => {
  platform = await startTestPlatform({ demo: true });
  const rp = await demoRp(platform);
  tokens.janis = await accessTokenFor(platform, rp, 'Jānis Bērziņš');
  tokens.anna = await accessTokenFor(platform, rp, 'Anna Kalniņa');
  tokens.ilze = await accessTokenFor(platform, rp, 'Ilze Kļaviņa');
  tokens.institution = await institutionToken(platform);
  residence = await ok(await call('GET', '/api/v1/services/dzivesvietas-deklaresana', null));
  // A service of another institution than PMLP, with an online channel (so it has a form) that asks the general questions.
  const search = await ok<{ items: { id: string; institution: { code: string } }[] }>(await call('GET', '/api/v1/services?online=true&limit=100', null));
  let other: { id: string } | undefined;
  for (const item of search.items.filter((candidate) => candidate.institution.code !== 'pmlp')) {
    const form = await ok<{ presentation: { generalReason?: unknown } }>(await call('GET', `/api/v1/services/${item.id}/form`, null));
    if (form.presentation.generalReason) {
      other = item;
      break;
    }
  }
  assert.ok(other, 'an online service of another institution');
  otherService = await ok(await call('GET', `/api/v1/services/${other.id}`, null));
});
after(async () => platform.close());

describe('the whole journey over the API', () => {
  let receipt: Receipt;

  test('the form is public: JSON Schema plus presentation, with its version as ETag', async () => {
    const response = await call('GET', `/api/v1/services/${residence.id}/form`, null);
    const form = await ok<{ version: number; schema: { properties: Record<string, unknown> }; presentation: { steps: unknown[]; attachments: { name: string }[] } }>(response);
    assert.ok(form.version >= 1);
    assert.equal(response.headers.get('etag'), `"${form.version}"`);
    assert.ok('address' in form.schema.properties && 'movedInOn' in form.schema.properties);
    assert.ok(form.presentation.attachments.some((slot) => slot.name === 'lease_contract'));
    const bySlug = await ok<{ serviceId: string; version: number }>(await call('GET', '/api/v1/services/dzivesvietas-deklaresana/form', null));
    assert.deepEqual([bySlug.serviceId, bySlug.version], [residence.id, form.version], 'the slug names the same form');
  });

  test('Jānis applies: 201, Location, a receipt with a number and the workspace direct link', async () => {
    const response = await apply('janis', validResidence({ basis: 'tenant' }), {
      attachments: [{ slot: 'lease_contract', filename: 'īres līgums.pdf', mediaType: 'application/pdf', content: PDF.toString('base64') }],
    });
    receipt = await ok<Receipt>(response, 201);
    assert.match(receipt.number, /^\d{4}-\d{6}$/);
    assert.equal(response.headers.get('location'), `/api/v1/applications/${receipt.applicationId}`);
    assert.equal(receipt.link, `/workspace/applications/${receipt.number}`);
    assert.equal(receipt.applicant, JANIS);
    assert.equal(receipt.basis, 'self');
    assert.deepEqual(receipt.attachments.map((file) => [file.slot, file.filename, file.size]), [['lease_contract', 'īres līgums.pdf', PDF.length]]);
    assert.ok(Date.parse(receipt.expectedCompletionAt) > Date.now());
  });

  test('the institution’s system sees it in its queue, moves it to in_progress (idempotent by eventId) and asks for more', async () => {
    const queue = await ok<Page>(await call('GET', `/api/v1/applications?q=${receipt.number}`, 'institution'));
    assert.deepEqual(queue.items.map((item) => item.number), [receipt.number]);
    const first = await call('POST', `/api/v1/applications/${receipt.applicationId}/status`, 'institution', { json: { code: 'in_progress', eventId: `${receipt.number}-1`, noteForApplicant: 'Izskatām.', note: 'internal only' } });
    assert.equal((await ok<{ result: string; code: string }>(first, 201)).result, 'applied');
    const again = await call('POST', `/api/v1/applications/${receipt.applicationId}/status`, 'institution', { json: { code: 'in_progress', eventId: `${receipt.number}-1` } });
    assert.equal((await ok<{ result: string }>(again, 200)).result, 'duplicate');
    await ok(await call('POST', `/api/v1/applications/${receipt.number}/status`, 'institution', { json: { code: 'awaiting_client', awaiting: 'Lūdzu, pievienojiet parakstītu īres līgumu.' } }), 201);
    const paused = await ok<ApplicationView>(await call('GET', `/api/v1/applications/${receipt.number}`, 'janis'));
    assert.equal(paused.clockPaused, true);
    assert.equal(paused.status.code, 'awaiting_client');
  });

  test('Jānis answers the request with a message and a file (multipart); the clock resumes', async () => {
    const form = new FormData();
    form.set('message', 'Pievienoju parakstīto līgumu.');
    form.set('signed', new Blob([PDF], { type: 'application/pdf' }), 'parakstīts.pdf');
    const change = await ok<{ code: string }>(await call('POST', `/api/v1/applications/${receipt.applicationId}/responses`, 'janis', { body: form }), 201);
    assert.equal(change.code, 'in_progress');
  });

  test('an invalid transition is refused with 409 naming it', async () => {
    const refused = await problem(await call('POST', `/api/v1/applications/${receipt.applicationId}/status`, 'institution', { json: { code: 'submitted' } }), 409, 'applications.invalid-transition');
    assert.match(refused.detail, /submitted/);
  });

  test('the institution decides and delivers the result with a document (multipart)', async () => {
    await ok(await call('POST', `/api/v1/applications/${receipt.applicationId}/status`, 'institution', { json: { code: 'decided', noteForApplicant: 'Dzīvesvieta deklarēta.' } }), 201);
    const form = new FormData();
    form.set('summary', JSON.stringify({ lv: 'Dzīvesvieta deklarēta', en: 'Residence declared' }));
    form.set('data', JSON.stringify({ address: 'Brīvības iela 1-2, Rīga' }));
    form.set('eventId', `${receipt.number}-result`);
    form.set('decision', new Blob([PDF], { type: 'application/pdf' }), 'lēmums.pdf');
    const delivered = await ok<{ code: string; result: string }>(await call('POST', `/api/v1/applications/${receipt.applicationId}/result`, 'institution', { body: form }), 201);
    assert.deepEqual([delivered.code, delivered.result], ['delivered', 'applied']);
    const retried = await call('POST', `/api/v1/applications/${receipt.applicationId}/result`, 'institution', {
      json: { summary: { lv: 'Dzīvesvieta deklarēta', en: 'Residence declared' }, eventId: `${receipt.number}-result` },
    });
    assert.equal((await ok<{ result: string }>(retried, 200)).result, 'duplicate');
  });

  test('Jānis sees the whole timeline, the expected completion date and the result, and downloads the document', async () => {
    const view = await ok<ApplicationView>(await call('GET', `/api/v1/applications/${receipt.applicationId}`, 'janis'));
    assert.equal(view.viewer, 'applicant');
    assert.deepEqual(view.timeline.map((entry) => entry.code), ['submitted', 'in_progress', 'awaiting_client', 'in_progress', 'decided', 'delivered']);
    assert.equal(view.timeline[1]?.noteForApplicant, 'Izskatām.');
    assert.equal(view.timeline[1]?.note, undefined, 'internal notes stay with the institution');
    assert.equal(view.timeline[2]?.awaiting, 'Lūdzu, pievienojiet parakstītu īres līgumu.');
    assert.equal(view.timeline[3]?.role, 'applicant');
    assert.equal(view.timeline[3]?.response?.message, 'Pievienoju parakstīto līgumu.');
    assert.equal(view.timeline[3]?.response?.files[0]?.filename, 'parakstīts.pdf');
    assert.equal(view.timeline[1]?.role, 'system');
    assert.match(view.expectedCompletionAt, /^\d{4}-\d{2}-\d{2}T.*Z$/);
    assert.equal(view.predictability.expectedCompletionAt, view.expectedCompletionAt);
    assert.ok(view.predictability.completedAt);
    assert.equal(view.result?.summary.en, 'Residence declared');
    assert.deepEqual(view.result?.data, { address: 'Brīvības iela 1-2, Rīga' });
    const document = view.result?.documents[0];
    assert.ok(document);
    assert.equal(document.filename, 'lēmums.pdf');

    const download = await call('GET', `/api/v1/applications/${receipt.number}/files/${document.id}`, 'janis');
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="l_mums\.pdf"; filename\*=UTF-8''l%C4%93mums\.pdf$/);
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), PDF);

    const institutionView = await ok<ApplicationView>(await call('GET', `/api/v1/applications/${receipt.number}`, 'institution'));
    assert.equal(institutionView.viewer, 'institution');
    assert.equal(institutionView.timeline[1]?.note, 'internal only');
  });

  test('the reads are in the audit trail', async () => {
    const rows = await sql<{ actor: string; action: string }>`select actor, action from audit.events where target = ${`application:${receipt.applicationId}`} and action in ('applications.read', 'applications.file_read')`.execute(platform.database.db);
    const seen = new Set(rows.rows.map((row) => `${row.actor} ${row.action}`));
    assert.ok(seen.has(`person:${JANIS} applications.read`));
    assert.ok(seen.has(`person:${JANIS} applications.file_read`));
    assert.ok(seen.has('client:demo-institution applications.read'));
  });

  test('Anna gets 404 for the application, its number, its files and its status — never 403', async () => {
    const view = await ok<ApplicationView>(await call('GET', `/api/v1/applications/${receipt.applicationId}`, 'janis'));
    const fileId = view.result?.documents[0]?.id as string;
    await problem(await call('GET', `/api/v1/applications/${receipt.applicationId}`, 'anna'), 404, 'applications.not-found');
    await problem(await call('GET', `/api/v1/applications/${receipt.number}`, 'anna'), 404, 'applications.not-found');
    await problem(await call('GET', `/api/v1/applications/${receipt.applicationId}/files/${fileId}`, 'anna'), 404, 'applications.not-found');
    await problem(await call('POST', `/api/v1/applications/${receipt.applicationId}/status`, 'anna', { json: { code: 'cancelled' } }), 404, 'applications.not-found');
    await problem(await call('POST', `/api/v1/applications/${receipt.applicationId}/withdrawal`, 'anna', { json: {} }), 404, 'applications.not-found');
    const annas = await ok<Page>(await call('GET', '/api/v1/applications', 'anna'));
    assert.ok(!annas.items.some((item) => item.id === receipt.applicationId));
    // Without a token nothing is shown at all.
    await problem(await call('GET', `/api/v1/applications/${receipt.applicationId}`, null), 401, 'auth.unauthenticated');
  });

  test('Jānis’s list holds it, delivered; the queue (open only) no longer does', async () => {
    const mine = await ok<Page>(await call('GET', '/api/v1/applications?status=delivered', 'janis'));
    assert.ok(mine.items.some((item) => item.id === receipt.applicationId && item.status.code === 'delivered'));
    const queue = await ok<Page>(await call('GET', `/api/v1/applications?q=${receipt.number}`, 'institution'));
    assert.equal(queue.total, 0);
  });
});

describe('e-form validation', () => {
  test('data that breaks the form’s schema: 400 with one error per field, in Latvian and English', async () => {
    const refused = await problem(
      await apply('janis', { fullName: '', email: 'not-an-e-mail', address: 'x', basis: 'squatter', householdSize: 99, consent: false, colour: 'blue' }),
      400,
      'applications.invalid-data',
    );
    const errors = refused.errors ?? [];
    const pointers = errors.map((error) => error.pointer).sort();
    assert.deepEqual(pointers, ['#/data/address', '#/data/basis', '#/data/colour', '#/data/consent', '#/data/email', '#/data/fullName', '#/data/householdSize', '#/data/movedInOn'].sort());
    assert.equal(new Set(pointers).size, pointers.length, 'one error per field');
    for (const error of errors) {
      assert.ok(error.messages?.lv && error.messages.en && error.keyword, `${error.pointer} has both languages and its keyword`);
      assert.notEqual(error.messages.lv, error.messages.en);
    }
  });

  test('a required attachment that is missing is named by its slot', async () => {
    const refused = await problem(await apply('janis', validResidence({ basis: 'tenant' })), 400, 'applications.invalid-attachments');
    assert.deepEqual(refused.errors?.map((error) => error.pointer), ['#/attachments/lease_contract']);
  });

  test('generated valid documents are accepted', async () => {
    const letters = fc.constantFrom(...'abcdefghijklmnoprstuvzāčēģīķļņšūž ABCDĒŠŽ-.,0123456789'.split(''));
    const text = (min: number, max: number) => fc.string({ unit: letters, minLength: min, maxLength: max }).filter((value) => value.trim().length >= min);
    const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')), minLength: 1, maxLength: 12 });
    const document = fc.record(
      {
        fullName: text(1, 60),
        email: fc.tuple(word, word, fc.constantFrom('lv', 'com', 'eu')).map(([user, host, tld]) => `${user}@${host}.${tld}`),
        phone: fc.stringMatching(/^\+?[0-9]{8,12}$/),
        request: text(0, 200),
        address: text(5, 120),
        movedInOn: fc.integer({ min: 0, max: 3650 }).map((days) => new Date(Date.UTC(2016, 0, 1) + days * 86_400_000).toISOString().slice(0, 10)),
        basis: fc.constantFrom('owner', 'family_member', 'other'),
        householdSize: fc.integer({ min: 1, max: 20 }),
        consent: fc.constant(true),
      },
      { requiredKeys: ['fullName', 'email', 'address', 'movedInOn', 'basis', 'consent'] },
    );
    await fc.assert(
      fc.asyncProperty(document, async (data) => {
        const response = await apply('janis', data);
        assert.equal(response.status, 201, `${JSON.stringify(data)} → ${await response.clone().text()}`);
      }),
      { numRuns: 12 },
    );
  });
});

describe('the status register: batches', () => {
  test('a batch sent twice is stored once; an unknown application is refused by name while the rest is kept', async () => {
    const externalId = `PMLP-${randomUUID().slice(0, 8)}`;
    const unknown = randomUUID();
    const batch = {
      events: [
        { eventId: `${externalId}-r`, externalId, applicant: JANIS, serviceId: residence.id, code: 'received', occurredAt: new Date(Date.now() - 120_000).toISOString(), submittedAt: new Date(Date.now() - 180_000).toISOString() },
        { eventId: `${externalId}-x`, applicationId: unknown, code: 'in_progress' },
        { eventId: `${externalId}-p`, externalId, code: 'in_progress', occurredAt: new Date(Date.now() - 60_000).toISOString(), noteForApplicant: 'Izskatīšanā.' },
      ],
    };
    const first = await ok<BatchReply>(await call('POST', '/api/v1/status-events', 'institution', { json: batch }));
    assert.deepEqual([first.applied, first.duplicate, first.refused], [2, 0, 1]);
    assert.deepEqual(first.results.map((result) => result.status), ['applied', 'refused', 'applied']);
    const refused = first.results[1]?.problem;
    assert.equal(refused?.type, '/problems/applications.unknown-application');
    assert.equal(refused?.eventIndex, 1);
    assert.equal(refused?.eventId, `${externalId}-x`);
    assert.match(refused?.detail ?? '', new RegExp(`Event 1 \\(eventId "${externalId}-x"\\).*${unknown}`));

    const second = await ok<BatchReply>(await call('POST', '/api/v1/status-events', 'institution', { json: batch }));
    assert.deepEqual(second.results.map((result) => result.status), ['duplicate', 'refused', 'duplicate']);
    const stored = await sql<{ n: string }>`select count(*) as n from applications.status_events where event_id like ${`${externalId}-%`}`.execute(platform.database.db);
    assert.equal(Number(stored.rows[0]?.n), 2);

    // The application submitted elsewhere is Jānis's to see, with its timeline.
    const number = first.results[0]?.number as string;
    const view = await ok<ApplicationView>(await call('GET', `/api/v1/applications/${number}`, 'janis'));
    assert.deepEqual(view.timeline.map((entry) => entry.code), ['received', 'in_progress']);
    await problem(await call('GET', `/api/v1/applications/${number}`, 'anna'), 404);
  });

  test('batches: persons may not send them; more than 1,000 events is a 400 problem', async () => {
    await problem(await call('POST', '/api/v1/status-events', 'janis', { json: { events: [{ eventId: 'x', applicationId: randomUUID(), code: 'in_progress' }] } }), 403, 'applications.not-institution');
    const events = Array.from({ length: 1001 }, (_, n) => ({ eventId: `too-many-${n}`, applicationId: randomUUID(), code: 'in_progress' }));
    const tooMany = await problem(await call('POST', '/api/v1/status-events', 'institution', { json: { events } }), 400);
    assert.ok(tooMany.errors?.some((error) => error.pointer === '#/events'));
    await problem(await call('POST', '/api/v1/status-events', 'institution', { json: { events: [] } }), 400);
    // The route takes more than the global 1 MB (1,000 events with notes), but not without bound.
    const notes = Array.from({ length: 1000 }, (_, n) => ({ eventId: `big-${n}`, applicationId: randomUUID(), code: 'in_progress', note: 'n'.repeat(4000), noteForApplicant: 'a'.repeat(4000) }));
    assert.equal((await ok<BatchReply>(await call('POST', '/api/v1/status-events', 'institution', { json: { events: notes } }))).refused, 1000);
    const huge = `{"events":[{"code":"in_progress","note":"${'x'.repeat(17 * 1024 * 1024)}"}]}`;
    await problem(await call('POST', '/api/v1/status-events', 'institution', { body: huge, headers: { 'content-type': 'application/json' } }), 413, 'payload-too-large');
  });

  test('a case handler reads their institution’s queue by naming it; a person without the role may not', async () => {
    const queue = await ok<Page>(await call('GET', `/api/v1/applications?institution=${residence.institutionId}&status=in_progress&limit=100`, 'ilze'));
    assert.ok(queue.total > 0 && queue.items.every((item) => item.status.code === 'in_progress'));
    await problem(await call('GET', `/api/v1/applications?institution=${residence.institutionId}`, 'anna'), 403, 'applications.not-institution');
  });

  test('an institution cannot touch another institution’s application (404)', async () => {
    const receipt = await ok<Receipt>(await apply('janis', { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com', request: 'Lūdzu.', consent: true }, { serviceId: otherService.id }), 201);
    await problem(await call('POST', `/api/v1/applications/${receipt.applicationId}/status`, 'institution', { json: { code: 'in_progress' } }), 404, 'applications.not-found');
    await problem(await call('GET', `/api/v1/applications/${receipt.applicationId}`, 'institution'), 404);
    const batch = await ok<BatchReply>(await call('POST', '/api/v1/status-events', 'institution', { json: { events: [{ eventId: `other-${receipt.number}`, applicationId: receipt.number, code: 'in_progress' }] } }));
    assert.equal(batch.results[0]?.status, 'refused');
  });
});

describe('representation (On-Behalf-Of)', () => {
  test('Jānis applies for Marta as her parent, sees it in her list; for Anna he is refused (403)', async () => {
    const receipt = await ok<Receipt>(await apply('janis', validResidence({ fullName: 'Marta Bērziņa' }), { headers: { 'on-behalf-of': MARTA } }), 201);
    assert.deepEqual([receipt.applicant, receipt.submittedBy, receipt.basis], [MARTA, JANIS, 'parent']);
    const martas = await ok<Page>(await call('GET', '/api/v1/applications', 'janis', { headers: { 'on-behalf-of': MARTA } }));
    assert.ok(martas.items.some((item) => item.id === receipt.applicationId));
    const view = await ok<ApplicationView>(await call('GET', `/api/v1/applications/${receipt.number}`, 'janis'));
    assert.equal(view.applicant, MARTA);

    await problem(await apply('janis', validResidence(), { headers: { 'on-behalf-of': ANNA } }), 403, 'access.no-right');
    await problem(await call('GET', '/api/v1/applications', 'janis', { headers: { 'on-behalf-of': ANNA } }), 403);
    await problem(await apply('janis', validResidence(), { headers: { 'on-behalf-of': 'nobody' } }), 400);
    // Anna does not see Marta's application either.
    await problem(await call('GET', `/api/v1/applications/${receipt.number}`, 'anna'), 404);
  });

  test('an institution system cannot submit (applications are made by people)', async () => {
    await problem(await apply('institution', validResidence()), 403, 'applications.not-a-person');
  });
});

describe('drafts, withdrawal, lead times, labels and forms', () => {
  test('a draft is kept, read back and discarded; not for a party one may not act for', async () => {
    const path = `/api/v1/services/${residence.id}/draft`;
    await problem(await call('GET', path, 'janis'), 404, 'applications.draft-not-found');
    const saved = await ok<{ data: Record<string, unknown>; step: string | null }>(await call('PUT', path, 'janis', { json: { data: { address: 'Brīvības' }, step: 'residence' } }));
    assert.deepEqual([saved.data, saved.step], [{ address: 'Brīvības' }, 'residence']);
    assert.deepEqual((await ok<{ data: unknown }>(await call('GET', path, 'janis'))).data, { address: 'Brīvības' });
    await problem(await call('GET', path, 'anna'), 404);
    await problem(await call('PUT', path, 'janis', { json: { data: {} }, headers: { 'on-behalf-of': ANNA } }), 403);
    assert.equal((await call('DELETE', path, 'janis')).status, 204);
    await problem(await call('DELETE', path, 'janis'), 404);
  });

  test('Jānis withdraws an application; withdrawing again is a conflict', async () => {
    const receipt = await ok<Receipt>(await apply('janis', validResidence()), 201);
    const change = await ok<{ code: string }>(await call('POST', `/api/v1/applications/${receipt.number}/withdrawal`, 'janis', { json: { reason: 'Pārdomāju.' } }));
    assert.equal(change.code, 'withdrawn');
    await problem(await call('POST', `/api/v1/applications/${receipt.number}/withdrawal`, 'janis'), 409);
  });

  test('the lead time is public; its service manager declares it, others may not', async () => {
    const path = `/api/v1/services/${residence.id}/lead-time`;
    const before = await ok<{ source: string; expectedCompletionAt: string }>(await call('GET', path, null));
    assert.ok(before.expectedCompletionAt);
    await problem(await call('PUT', path, 'janis', { json: { duration: 'P10D', dayKind: 'working' } }), 403, 'applications.not-service-manager');
    await problem(await call('PUT', path, 'ilze', { json: { duration: 'ten days', dayKind: 'working' } }), 400);
    const set = await ok<{ duration: string; dayKind: string; source: string }>(await call('PUT', path, 'ilze', { json: { duration: 'P10D', dayKind: 'working' } }));
    assert.deepEqual([set.duration, set.dayKind, set.source], ['P10D', 'working', 'service']);
    assert.equal((await ok<{ source: string }>(await call('GET', path, null))).source, 'service');
  });

  test('status labels: public, PMLP’s own wording; set by its service manager', async () => {
    const path = `/api/v1/institutions/${residence.institutionId}/status-labels`;
    const labels = await ok<Record<string, { lv: string; en: string }>>(await call('GET', path, null));
    assert.equal(labels.in_progress?.lv, 'Izskatīšanā');
    assert.ok(labels.delivered?.lv);
    await problem(await call('PUT', path, 'anna', { json: { in_progress: { lv: 'X', en: 'X' } } }), 403);
    const changed = await ok<Record<string, { lv: string }>>(await call('PUT', path, 'ilze', { json: { received: { lv: 'Saņemts PMLP', en: 'Received by the OCMA' }, in_progress: { lv: 'Izskatīšanā', en: 'Under review' } } }));
    assert.equal(changed.received?.lv, 'Saņemts PMLP');
    await problem(await call('PUT', path, 'ilze', { json: { nonsense: { lv: 'X', en: 'X' } } }), 400);
  });

  test('a form is saved by its service manager; a stale If-Match is a 409', async () => {
    const other = await ok<{ items: { id: string; institution: { code: string } }[] }>(await call('GET', '/api/v1/services?online=true&institution=pmlp&limit=50', null));
    const target = other.items.find((item) => item.id !== residence.id);
    assert.ok(target);
    const path = `/api/v1/services/${target.id}/form`;
    const form = await ok<{ version: number; schema: Record<string, unknown>; presentation: unknown }>(await call('GET', path, null));
    const input = { schema: form.schema, presentation: form.presentation };
    await problem(await call('PUT', path, 'janis', { json: input }), 403, 'applications.not-service-manager');
    const saved = await call('PUT', path, 'ilze', { json: input, headers: { 'if-match': `"${form.version}"` } });
    assert.equal((await ok<{ version: number }>(saved)).version, form.version + 1);
    assert.equal(saved.headers.get('etag'), `"${form.version + 1}"`);
    await problem(await call('PUT', path, 'ilze', { json: input, headers: { 'if-match': `"${form.version}"` } }), 409, 'applications.form-version-conflict');
    await problem(await call('PUT', path, 'ilze', { json: { ...input, expectedVersion: form.version } }), 409, 'applications.form-version-conflict');
    await problem(await call('PUT', path, 'ilze', { json: input, headers: { 'if-match': 'yesterday' } }), 400);
    await problem(await call('PUT', path, 'ilze', { json: { schema: { type: 'object', properties: { a: { type: 'string' } } }, presentation: form.presentation } }), 400, 'applications.invalid-form');
  });
});

describe('malformed input is a 4xx problem, never a 500', () => {
  const b64 = (bytes: Buffer) => bytes.toString('base64');

  test('bad JSON, wrong content type, bad ids, huge strings', async () => {
    await problem(await call('POST', '/api/v1/applications', 'janis', { body: '{"serviceId": ', headers: { 'content-type': 'application/json' } }), 400, 'malformed-body');
    // Routes that take JSON or multipart refuse any other body, and a missing one.
    for (const path of ['/api/v1/applications', `/api/v1/applications/${randomUUID()}/responses`, `/api/v1/applications/${randomUUID()}/result`]) {
      await problem(await call('POST', path, 'janis', { body: 'serviceId=x', headers: { 'content-type': 'text/plain' } }), 415);
      await problem(await call('POST', path, 'janis', { body: 'serviceId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
      await problem(await call('POST', path, 'janis'), 415);
    }
    await problem(await call('POST', `/api/v1/applications/${randomUUID()}/status`, 'institution', { body: 'code', headers: { 'content-type': 'text/plain' } }), 400);
    await problem(await call('POST', '/api/v1/status-events', 'institution'), 400);
    await problem(await call('GET', '/api/v1/applications/not-an-id', 'janis'), 400, 'validation');
    await problem(await call('GET', '/api/v1/services/not%20a%20slug/form', null), 400, 'validation');
    await problem(await call('GET', '/api/v1/services/no-such-service/form', null), 404, 'applications.service-not-found');
    await problem(await call('GET', `/api/v1/services/${randomUUID()}/form`, null), 404, 'applications.service-not-found');
    await problem(await call('GET', `/api/v1/applications/${randomUUID()}/files/nope`, 'janis'), 400);
    await problem(await call('GET', `/api/v1/applications/${randomUUID()}/files/${randomUUID()}`, 'janis'), 404);
    await problem(await apply('janis', validResidence({ fullName: 'x'.repeat(2_000_000) })), 400, 'applications.invalid-data');
    await problem(await call('POST', '/api/v1/status-events', 'institution', { json: { events: [{ eventId: 'e'.repeat(100_000), code: 'in_progress', applicationId: randomUUID() }] } }), 400);
    await problem(await call('POST', '/api/v1/applications', 'janis', { json: { serviceId: randomUUID(), data: [] } }), 400);
    await problem(await call('GET', '/api/v1/applications?status=lost&limit=1000', 'janis'), 400);
    await problem(await apply('janis', validResidence({ fullName: 'NUL \u0000 byte' })), 400);
  });

  test('attachments: bad base64, wrong media type, content not of its type, unknown slot, too large', async () => {
    const withFile = (file: Record<string, unknown>) => apply('janis', validResidence(), { attachments: [{ slot: 'documents', filename: 'a.pdf', mediaType: 'application/pdf', content: b64(PDF), ...file }] });
    const bad = await problem(await withFile({ content: 'not base64!!' }), 400, 'applications.invalid-attachments');
    assert.deepEqual(bad.errors?.map((error) => error.pointer), ['#/attachments/0/content']);
    await problem(await withFile({ mediaType: 'text/html', content: b64(Buffer.from('<script>alert(1)</script>')) }), 415, 'applications.attachment-type');
    await problem(await withFile({ content: b64(Buffer.from('not really a pdf')) }), 415, 'applications.attachment-type');
    await problem(await withFile({ slot: 'nope' }), 400, 'applications.invalid-attachments');
    await problem(await withFile({ content: '' }), 400, 'applications.invalid-attachments');
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    await problem(await withFile({ content: b64(big) }), 413, 'applications.attachment-too-large');
    const form = new FormData();
    form.set('serviceId', residence.id);
    form.set('data', JSON.stringify(validResidence()));
    form.set('documents', new Blob([big], { type: 'application/pdf' }), 'big.pdf');
    await problem(await call('POST', '/api/v1/applications', 'janis', { body: form }), 413, 'applications.attachment-too-large');
    const broken = new FormData();
    broken.set('serviceId', residence.id);
    broken.set('data', '{not json');
    await problem(await call('POST', '/api/v1/applications', 'janis', { body: broken }), 400, 'validation');
  });

  test('a multipart submission with its attachment is accepted', async () => {
    const form = new FormData();
    form.set('serviceId', residence.id);
    form.set('data', JSON.stringify(validResidence({ basis: 'tenant' })));
    form.set('lease_contract', new Blob([PDF], { type: 'application/pdf' }), 'līgums.pdf');
    const receipt = await ok<Receipt>(await call('POST', '/api/v1/applications', 'janis', { body: form }), 201);
    assert.deepEqual(receipt.attachments.map((file) => [file.slot, file.filename]), [['lease_contract', 'līgums.pdf']]);
  });

  test('fuzz: arbitrary JSON bodies to the write endpoints answer 4xx problems', async () => {
    const paths = ['/api/v1/applications', '/api/v1/status-events', `/api/v1/applications/${randomUUID()}/status`, `/api/v1/applications/${randomUUID()}/result`, `/api/v1/services/${residence.id}/draft`];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<Who>('janis', 'institution'), async (path, body, who) => {
        const method = path.endsWith('/draft') ? 'PUT' : 'POST';
        const response = await call(method, path, who, { json: body });
        assert.ok(response.status < 500, `${method} ${path} ${JSON.stringify(body)} → ${response.status} ${await response.clone().text()}`);
        if (response.status >= 400) assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
      }),
      { numRuns: 60 },
    );
  });

  test('every applications endpoint that needs a sign-in answers 401 problem+json without one', async () => {
    const id = randomUUID();
    const endpoints: [string, string][] = [
      ['PUT', `/api/v1/services/${residence.id}/form`],
      ['PUT', `/api/v1/services/${residence.id}/lead-time`],
      ['PUT', `/api/v1/institutions/${residence.institutionId}/status-labels`],
      ['GET', `/api/v1/services/${residence.id}/draft`],
      ['PUT', `/api/v1/services/${residence.id}/draft`],
      ['DELETE', `/api/v1/services/${residence.id}/draft`],
      ['POST', '/api/v1/applications'],
      ['GET', '/api/v1/applications'],
      ['GET', `/api/v1/applications/${id}`],
      ['GET', `/api/v1/applications/${id}/files/${id}`],
      ['POST', `/api/v1/applications/${id}/status`],
      ['POST', '/api/v1/status-events'],
      ['POST', `/api/v1/applications/${id}/responses`],
      ['POST', `/api/v1/applications/${id}/withdrawal`],
      ['POST', `/api/v1/applications/${id}/result`],
    ];
    const bodies: Record<string, unknown> = {
      form: { schema: { type: 'object', properties: {} }, presentation: { steps: [{ id: 'a', title: { lv: 'a', en: 'a' }, fields: [] }], fields: {}, attachments: [] } },
      'lead-time': { duration: 'P1D', dayKind: 'working' },
      'status-labels': {},
      draft: { data: {} },
      applications: { serviceId: residence.id, data: {} },
      status: { code: 'in_progress' },
      'status-events': { events: [{ eventId: 'a', applicationId: id, code: 'in_progress' }] },
      responses: { message: 'hi' },
      withdrawal: {},
      result: { summary: { lv: 'a', en: 'a' } },
    };
    for (const [method, path] of endpoints) {
      const body = method === 'GET' || method === 'DELETE' ? undefined : bodies[path.split('/').pop() as string];
      await problem(await call(method, path, null, body !== undefined ? { json: body } : {}), 401, 'auth.unauthenticated');
    }
  });

  test('the OpenAPI document names every applications route', async () => {
    const document = await ok<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(await call('GET', '/openapi.json', null));
    for (const path of [
      '/api/v1/services/{id}/form',
      '/api/v1/services/{id}/lead-time',
      '/api/v1/institutions/{id}/status-labels',
      '/api/v1/services/{id}/draft',
      '/api/v1/applications',
      '/api/v1/applications/{id}',
      '/api/v1/applications/{id}/status',
      '/api/v1/status-events',
      '/api/v1/applications/{id}/responses',
      '/api/v1/applications/{id}/withdrawal',
      '/api/v1/applications/{id}/result',
      '/api/v1/applications/{id}/files/{fileId}',
    ]) {
      assert.ok(document.paths[path], `${path} is documented`);
      for (const operation of Object.values(document.paths[path] ?? {})) assert.deepEqual(operation.tags, ['applications']);
    }
  });
});
