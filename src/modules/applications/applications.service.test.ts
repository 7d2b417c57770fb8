/** Applying, tracking and receiving, at the service level against a real database. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAudit } from '../audit/index.js';
import { eventsAbout } from '../../platform/jobs/outbox.js';
import type { StatusChangedData } from './applications.events.js';
import { openFixture, PDF, rejectsWith, residenceData, self, type Fixture } from './applications.fixtures.js';
import { genericForm } from './forms.defaults.js';

describe('applications: apply, track, receive', () => {
  let f: Fixture;

  before(async () => {
    f = await openFixture();
  });
  after(async () => f.dispose());

  test('Jānis applies; the institution’s system moves it on and delivers a result; Jānis sees all of it; Anna gets not-found', async () => {
    const { janis, anna, ilze } = f.people;
    const service = f.service('dzivesvietas-deklaresana');
    const pmlp = f.system(f.institutions.pmlp);
    f.clock.now = new Date('2026-11-02T08:00:00Z'); // a Monday

    const receipt = await f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData() });
    assert.match(receipt.number, /^2026-\d{6}$/);
    assert.equal(receipt.link, `/workspace/applications/${receipt.number}`);
    assert.equal(receipt.applicant, janis.personalCode);
    assert.equal(receipt.submittedBy, janis.personalCode);
    assert.equal(receipt.basis, 'self');
    assert.match(receipt.dataSha256, /^[0-9a-f]{64}$/);
    // P1D in working days from Monday: Tuesday, end of day in Riga (UTC+2 in November).
    assert.equal(receipt.expectedCompletionAt, '2026-11-03T21:59:59.999Z');

    f.clock.now = new Date('2026-11-02T09:00:00Z');
    const moved = await f.api.recordStatus(pmlp, receipt.applicationId, { code: 'in_progress', noteForApplicant: 'Pārbaudām adresi.', note: 'internal: owner check', eventId: 'pmlp-1' });
    assert.equal(moved.result, 'applied');
    f.clock.now = new Date('2026-11-02T10:00:00Z');
    await f.api.recordStatus(pmlp, receipt.number, { code: 'decided', eventId: 'pmlp-2' });
    f.clock.now = new Date('2026-11-02T10:05:00Z');
    const delivered = await f.api.deliverResult(pmlp, receipt.applicationId, {
      summary: { lv: 'Dzīvesvieta deklarēta.', en: 'Residence declared.' },
      data: { declaredAddress: 'Brīvības iela 1-2, Rīga, LV-1010', from: '2026-11-02' },
      documents: [{ filename: 'izzina.pdf', mediaType: 'application/pdf', content: PDF }],
    });
    assert.equal(delivered.code, 'delivered');

    const seen = await f.api.getApplication(janis, receipt.number);
    assert.equal(seen.viewer, 'applicant');
    assert.deepEqual(seen.timeline.map((entry) => entry.code), ['submitted', 'in_progress', 'decided', 'delivered']);
    assert.deepEqual(seen.timeline.map((entry) => entry.role), ['applicant', 'system', 'system', 'system']);
    assert.equal(seen.timeline[1]?.institutionId, f.institutions.pmlp.id);
    assert.equal(seen.timeline[1]?.noteForApplicant, 'Pārbaudām adresi.');
    // PMLP words in_progress its own way; internal notes stay inside the institution.
    assert.deepEqual(seen.timeline[1]?.label, { lv: 'Izskatīšanā', en: 'Under review' });
    assert.equal(seen.timeline[1]?.note, undefined);
    assert.equal(seen.status.code, 'delivered');
    assert.equal(seen.predictability.expectedCompletionAt, '2026-11-03T21:59:59.999Z');
    assert.equal(seen.predictability.overdue, false);
    assert.equal(seen.predictability.completedAt, '2026-11-02T10:00:00.000Z');
    assert.deepEqual(seen.result?.summary, { lv: 'Dzīvesvieta deklarēta.', en: 'Residence declared.' });
    assert.equal(seen.result?.documents.length, 1);
    const document = await f.api.getFile(janis, receipt.number, seen.result!.documents[0]!.id);
    assert.deepEqual(Buffer.from(document.content), Buffer.from(PDF));
    assert.equal(document.mediaType, 'application/pdf');

    // Anna: the application does not exist for her, nor its files.
    await rejectsWith(f.api.getApplication(anna, receipt.number), 'applications.not-found');
    await rejectsWith(f.api.getApplication(anna, receipt.applicationId), 'applications.not-found');
    await rejectsWith(f.api.getFile(anna, receipt.number, seen.result!.documents[0]!.id), 'applications.not-found');
    await rejectsWith(f.api.recordStatus(anna, receipt.applicationId, { code: 'cancelled' }), 'applications.not-found');
    assert.equal((await f.api.listApplications(anna)).total, 0);
    // Another institution's system neither sees nor changes it.
    await rejectsWith(f.api.recordStatus(f.system(f.institutions.vid), receipt.applicationId, { code: 'cancelled' }), 'applications.not-found');
    await rejectsWith(f.api.getApplication(f.system(f.institutions.vid), receipt.applicationId), 'applications.not-found');

    // The case handler of PMLP sees the internal note and the event ids.
    const asInstitution = await f.api.getApplication(ilze, receipt.applicationId);
    assert.equal(asInstitution.viewer, 'institution');
    assert.equal(asInstitution.timeline[1]?.note, 'internal: owner check');
    assert.equal(asInstitution.timeline[1]?.eventId, 'pmlp-1');

    const mine = await f.api.listApplications(janis);
    assert.ok(mine.items.some((item) => item.number === receipt.number && item.status.code === 'delivered'));

    // Reads of personal data and every status change are in the audit trail.
    const trail = await createAudit(f.db.db).list({ target: `application:${receipt.applicationId}` });
    const actions = trail.map((entry) => entry.action);
    for (const action of ['applications.submitted', 'applications.status_recorded', 'applications.result_delivered', 'applications.read', 'applications.file_read']) {
      assert.ok(actions.includes(action), `${action} audited`);
    }
    // Subscribers will find one event on the platform's outbox per status change.
    const outbox = await eventsAbout(f.db.db, receipt.applicationId);
    assert.deepEqual(outbox.map((event) => [event.type, (event.data as StatusChangedData).code]), [
      ['applications.status_changed', 'submitted'],
      ['applications.status_changed', 'in_progress'],
      ['applications.status_changed', 'decided'],
      ['applications.status_changed', 'delivered'],
    ]);
  });

  test('a parent applies for a minor; the right is checked again, and the child’s applications are listed for the parent', async () => {
    const { janis, marta, anna } = f.people;
    const service = f.service('dzivesvietas-deklaresana');
    const forMarta = { party: marta.personalCode!, partyKind: 'person' as const, basis: 'parent' as const };
    const receipt = await f.api.submit(janis, forMarta, { serviceId: service.id, data: residenceData({ fullName: 'Marta Bērziņa' }) });
    assert.equal(receipt.applicant, marta.personalCode);
    assert.equal(receipt.submittedBy, janis.personalCode);
    assert.equal(receipt.basis, 'parent');
    assert.equal((await f.api.getApplication(janis, receipt.number)).applicant, marta.personalCode);
    assert.ok((await f.api.listApplications(janis, { party: marta.personalCode! })).items.some((item) => item.id === receipt.applicationId));
    // Anna has no right for Marta, whatever she claims.
    await rejectsWith(f.api.submit(anna, forMarta, { serviceId: service.id, data: residenceData() }), 'applications.not-applicant');
    await rejectsWith(f.api.listApplications(anna, { party: marta.personalCode! }), 'applications.not-applicant');
  });

  test('schema-breaking data: one error per field, in Latvian and English', async () => {
    const { janis } = f.people;
    const service = f.service('dzivesvietas-deklaresana');
    const error = await rejectsWith(
      f.api.submit(janis, self(janis), {
        serviceId: service.id,
        data: { fullName: '', email: 'not-an-address', address: 'x', movedInOn: '30.10.2026', basis: 'squatter', householdSize: 0, consent: false, extra: 1 },
      }),
      'applications.invalid-data',
    );
    const byPointer = new Map((error.errors ?? []).map((item) => [item.pointer, item as typeof item & { messages: { lv: string; en: string } }]));
    assert.deepEqual([...byPointer.keys()].sort(), [
      '#/data/address',
      '#/data/basis',
      '#/data/consent',
      '#/data/email',
      '#/data/extra',
      '#/data/fullName',
      '#/data/householdSize',
      '#/data/movedInOn',
    ]);
    assert.equal(byPointer.get('#/data/email')?.messages.lv, 'Ievadiet derīgu e-pasta adresi.');
    assert.equal(byPointer.get('#/data/email')?.messages.en, 'Enter a valid e-mail address.');
    assert.equal(byPointer.get('#/data/consent')?.messages.en, 'Tick this box to continue.');
    assert.equal(byPointer.get('#/data/fullName')?.messages.lv, 'Šis lauks ir obligāts.');
    // Missing required fields are named too.
    const missing = await rejectsWith(f.api.submit(janis, self(janis), { serviceId: service.id, data: {} }), 'applications.invalid-data');
    assert.deepEqual((missing.errors ?? []).map((item) => item.pointer).sort(), ['#/data/address', '#/data/basis', '#/data/consent', '#/data/email', '#/data/fullName', '#/data/movedInOn']);
  });

  test('attachments: the slot’s conditions, size and media type; the content hash is in the receipt', async () => {
    const { janis } = f.people;
    const service = f.service('dzivesvietas-deklaresana');
    // A tenant must attach the lease contract.
    const missing = await rejectsWith(f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData({ basis: 'tenant' }) }), 'applications.invalid-attachments');
    assert.equal(missing.errors?.[0]?.pointer, '#/attachments/lease_contract');
    await rejectsWith(
      f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData({ basis: 'tenant' }), attachments: [{ slot: 'lease_contract', filename: 'a.exe', mediaType: 'application/x-msdownload', content: PDF }] }),
      'applications.attachment-type',
    );
    await rejectsWith(
      f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData({ basis: 'tenant' }), attachments: [{ slot: 'lease_contract', filename: 'fake.pdf', mediaType: 'application/pdf', content: new Uint8Array([1, 2, 3]) }] }),
      'applications.attachment-type',
    );
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    await rejectsWith(
      f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData({ basis: 'tenant' }), attachments: [{ slot: 'lease_contract', filename: 'big.pdf', mediaType: 'application/pdf', content: big }] }),
      'applications.attachment-too-large',
    );
    await rejectsWith(
      f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData(), attachments: [{ slot: 'nope', filename: 'x.pdf', mediaType: 'application/pdf', content: PDF }] }),
      'applications.invalid-attachments',
    );
    const receipt = await f.api.submit(janis, self(janis), {
      serviceId: service.id,
      data: residenceData({ basis: 'tenant' }),
      attachments: [{ slot: 'lease_contract', filename: '../../līgums.pdf', mediaType: 'application/pdf', content: PDF }],
    });
    assert.equal(receipt.attachments[0]?.filename, 'līgums.pdf');
    assert.equal(receipt.attachments[0]?.size, PDF.byteLength);
    const view = await f.api.getApplication(janis, receipt.applicationId);
    assert.equal(view.attachments[0]?.sha256, receipt.attachments[0]?.sha256);
    const file = await f.api.getFile(f.people.ilze, receipt.applicationId, view.attachments[0]!.id);
    assert.deepEqual(Buffer.from(file.content), Buffer.from(PDF));
  });

  test('drafts are kept per applicant and author, and submission removes the draft', async () => {
    const { janis, marta } = f.people;
    const service = f.service('dzivesvietas-deklaresana');
    const forMarta = { party: marta.personalCode!, partyKind: 'person' as const, basis: 'parent' as const };
    await f.api.saveDraft(janis, self(janis), service.id, { data: { address: 'Draft iela 1' }, step: 'residence' });
    await f.api.saveDraft(janis, forMarta, service.id, { data: { address: 'Martas iela 2' } });
    assert.equal((await f.api.getDraft(janis, self(janis), service.id))?.data.address, 'Draft iela 1');
    assert.equal((await f.api.getDraft(janis, forMarta, service.id))?.data.address, 'Martas iela 2');
    const updated = await f.api.saveDraft(janis, self(janis), service.id, { data: { address: 'Draft iela 3' }, step: 'confirm' });
    assert.equal(updated.step, 'confirm');
    assert.equal((await f.api.listDrafts(janis, self(janis))).length, 1);
    await f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData() });
    assert.equal(await f.api.getDraft(janis, self(janis), service.id), null);
    assert.notEqual(await f.api.getDraft(janis, forMarta, service.id), null);
    await f.api.deleteDraft(janis, forMarta, service.id);
    await rejectsWith(f.api.deleteDraft(janis, forMarta, service.id), 'applications.draft-not-found');
  });

  test('awaiting the applicant: the answer with files resumes processing; withdrawal only before the decision', async () => {
    const { janis, ilze, anna } = f.people;
    const service = f.service('dzivesvietas-deklaresana');
    f.clock.now = new Date('2026-11-02T08:00:00Z');
    const receipt = await f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData() });
    await rejectsWith(f.api.respond(janis, receipt.number, { message: 'too early' }), 'applications.invalid-transition');
    // The case handler asks for the owner's consent.
    await f.api.recordStatus(ilze, receipt.applicationId, { code: 'awaiting_client', awaiting: 'Pievienojiet īpašnieka piekrišanu.' });
    let view = await f.api.getApplication(janis, receipt.number);
    assert.equal(view.status.code, 'awaiting_client');
    assert.equal(view.awaiting, 'Pievienojiet īpašnieka piekrišanu.');
    assert.equal(view.predictability.clockPaused, true);
    await rejectsWith(f.api.respond(anna, receipt.number, { message: 'hi' }), 'applications.not-found');
    await rejectsWith(f.api.respond(ilze, receipt.number, { message: 'hi' }), 'applications.not-applicant');
    f.clock.now = new Date('2026-11-04T08:00:00Z');
    await f.api.respond(janis, receipt.number, { message: 'Piekrišana pielikumā.', files: [{ filename: 'piekrisana.pdf', mediaType: 'application/pdf', content: PDF }] });
    view = await f.api.getApplication(janis, receipt.number);
    assert.equal(view.status.code, 'in_progress');
    assert.equal(view.awaiting, null);
    assert.equal(view.predictability.clockPaused, false);
    const answer = view.timeline.at(-1);
    assert.equal(answer?.role, 'applicant');
    assert.equal(answer?.response?.message, 'Piekrišana pielikumā.');
    assert.equal(answer?.response?.files[0]?.filename, 'piekrisana.pdf');
    // Paused from Monday to Wednesday: one working day left, counted from Wednesday → Thursday.
    assert.equal(view.expectedCompletionAt, '2026-11-05T21:59:59.999Z');

    await rejectsWith(f.api.withdraw(ilze, receipt.number), 'applications.not-applicant');
    const withdrawn = await f.api.withdraw(janis, receipt.number, { reason: 'Pārdomāju.' });
    assert.equal(withdrawn.code, 'withdrawn');
    await rejectsWith(f.api.withdraw(janis, receipt.number), 'applications.invalid-transition');
    await rejectsWith(f.api.recordStatus(ilze, receipt.applicationId, { code: 'in_progress' }), 'applications.invalid-transition');

    const decided = await f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData() });
    await f.api.recordStatus(ilze, decided.applicationId, { code: 'decided' });
    await rejectsWith(f.api.withdraw(janis, decided.number), 'applications.invalid-transition');
    // The institution cannot withdraw for the applicant.
    const other = await f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData() });
    await rejectsWith(f.api.recordStatus(ilze, other.applicationId, { code: 'withdrawn' }), 'applications.invalid-transition');
  });

  test('20 parallel submissions get 20 distinct consecutive numbers', async () => {
    const { janis } = f.people;
    const service = f.service('dzivesvietas-deklaresana');
    const receipts = await Promise.all(Array.from({ length: 20 }, () => f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData() })));
    const numbers = receipts.map((receipt) => receipt.number);
    assert.equal(new Set(numbers).size, 20);
    const sequence = numbers.map((number) => Number(number.slice(5))).sort((a, b) => a - b);
    assert.equal(sequence.at(-1)! - sequence[0]!, 19);
  });

  test('the queue: the institution’s open applications, overdue first; others are refused', async () => {
    const { janis, ilze, anna } = f.people;
    const service = f.service('dzivesvietas-deklaresana');
    f.clock.now = new Date('2026-11-09T08:00:00Z');
    const late = await f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData() });
    f.clock.now = new Date('2026-11-12T08:00:00Z');
    const fresh = await f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData() });
    const queue = await f.api.queue(ilze, f.institutions.pmlp.id, { limit: 100 });
    const positions = [late.number, fresh.number].map((number) => queue.items.findIndex((item) => item.number === number));
    assert.ok(positions[0]! >= 0 && positions[1]! >= 0);
    assert.ok(positions[0]! < positions[1]!, 'overdue first');
    assert.equal(queue.items[positions[0]!]?.overdue, true);
    assert.equal(queue.items[positions[1]!]?.overdue, false);
    assert.ok(queue.items.every((item) => !['delivered', 'withdrawn', 'rejected', 'cancelled'].includes(item.status.code)));
    // The page is read in runs (overdue, not yet due, decided): paging walks the same order, and the count is exact below its cap.
    assert.deepEqual([queue.total, queue.totalCapped], [queue.items.length, false]);
    const second = await f.api.queue(ilze, f.institutions.pmlp.id, { limit: 1, offset: 1 });
    assert.equal(second.items[0]?.id, queue.items[1]?.id);
    await f.api.recordStatus(ilze, fresh.applicationId, { code: 'decided' });
    const decided = await f.api.queue(ilze, f.institutions.pmlp.id, { status: ['decided', 'received'], limit: 100 });
    assert.ok(decided.items.some((item) => item.id === fresh.applicationId && item.status.code === 'decided'));
    assert.ok((await f.api.queue(ilze, f.institutions.pmlp.id, { limit: 100 })).items.some((item) => item.id === fresh.applicationId), 'a decided application stays in the queue until closed');
    const overdue = await f.api.queue(f.system(f.institutions.pmlp), f.institutions.pmlp.id, { overdue: true, limit: 100 });
    assert.ok(overdue.items.every((item) => item.overdue));
    assert.ok(overdue.items.some((item) => item.number === late.number));
    assert.equal((await f.api.queue(ilze, f.institutions.pmlp.id, { q: fresh.number })).items[0]?.id, fresh.applicationId);
    assert.ok((await f.api.listApplications(janis, { overdue: true })).items.some((item) => item.number === late.number));
    await rejectsWith(f.api.queue(anna, f.institutions.pmlp.id), 'applications.not-institution');
    await rejectsWith(f.api.queue(ilze, f.institutions.vid.id), 'applications.not-institution');
  });

  test('lead times: set by the service’s managers only; the register’s processing time by default; statistics once history exists', async () => {
    const { ilze, anna, janis } = f.people;
    const service = f.service('dzivesvietas-deklaresana');
    const before = await f.api.getLeadTime(service.id);
    assert.equal(before.source, 'catalog');
    assert.equal(before.duration, 'P1D');
    assert.equal(before.dayKind, 'working');
    await rejectsWith(f.api.setLeadTime(anna, service.id, { duration: 'P5D', dayKind: 'working' }), 'applications.not-service-manager');
    await rejectsWith(f.api.setLeadTime(ilze, f.service('registracija-pvn-maksataju-registra').id, { duration: 'P5D', dayKind: 'working' }), 'applications.not-service-manager');
    await rejectsWith(f.api.setLeadTime(ilze, service.id, { duration: 'P1M', dayKind: 'working' }), 'applications.invalid-lead-time');
    const legalBasis = { lv: 'Dzīvesvietas deklarēšanas likums, 6. pants', en: 'Declaration of Place of Residence Law, Section 6' };
    const set = await f.api.setLeadTime(ilze, service.id, { duration: 'P3D', dayKind: 'working', legalBasis });
    assert.deepEqual([set.source, set.duration, set.legalBasis], ['service', 'P3D', legalBasis]);
    f.clock.now = new Date('2026-11-13T08:00:00Z'); // Friday; 18 November (Wednesday) is a holiday
    assert.equal((await f.api.expectedFor(service.id)).expectedCompletionAt, '2026-11-19T21:59:59.999Z');

    for (let i = 0; i < 3; i++) {
      const receipt = await f.api.submit(janis, self(janis), { serviceId: service.id, data: residenceData() });
      f.clock.now = new Date(f.clock.now.getTime() + (i + 1) * 3_600_000);
      await f.api.recordStatus(ilze, receipt.applicationId, { code: 'decided' });
    }
    const stats = await f.api.completionStatistics(service.id);
    assert.ok(stats, 'history exists');
    assert.ok(stats.sampleSize >= 3);
    assert.match(stats.median, /^P/);
    assert.ok(stats.p90Days >= stats.medianDays);
    const view = await f.api.getApplication(janis, (await f.api.listApplications(janis, { limit: 1 })).items[0]!.id);
    assert.deepEqual(view.predictability.statistics, stats);
  });

  test('forms: the demo forms are stored; service managers save new versions; bad forms are refused naming the field', async () => {
    const { ilze, anna } = f.people;
    const service = f.service('dzivesvietas-deklaresana');
    const form = await f.api.getForm(service.id);
    assert.equal(form.version, 1);
    assert.ok(form.presentation.steps.some((step) => step.id === 'residence'));
    // Naturalisation is applied for in person only: no stored form, so the platform's generic form as version 0.
    const noOnline = await f.api.getForm(f.service('latvijas-pilsonibas-iegusana-naturalizacijas-kartiba').id);
    assert.equal(noOnline.version, 0);
    assert.equal(noOnline.updatedBy, null);
    assert.deepEqual({ schema: noOnline.schema, presentation: noOnline.presentation }, genericForm());
    await rejectsWith(f.api.saveForm(anna, service.id, form), 'applications.not-service-manager');
    const bad = await rejectsWith(
      f.api.saveForm(ilze, service.id, { ...form, presentation: { ...form.presentation, fields: { ...form.presentation.fields, ghost: { label: { lv: 'Spoks', en: 'Ghost' } } } } }),
      'applications.invalid-form',
    );
    assert.equal(bad.errors?.[0]?.pointer, '#/presentation/fields/ghost');
    await rejectsWith(f.api.saveForm(ilze, service.id, { ...form, schema: { type: 'object', properties: { a: { type: 'nonsense' } } } }), 'applications.invalid-form');
    const saved = await f.api.saveForm(ilze, service.id, { ...form, expectedVersion: 1 });
    assert.equal(saved.version, 2);
    await rejectsWith(f.api.saveForm(ilze, service.id, { ...form, expectedVersion: 1 }), 'applications.form-version-conflict');
    assert.equal((await f.api.getForm(service.id)).version, 2);
    const prefilled = f.api.prefill(form, f.people.janis, self(f.people.janis), { email: 'janis.berzins@example.com' });
    assert.deepEqual(prefilled, { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com' });
  });
});
