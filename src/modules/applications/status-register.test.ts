/** The central status register: single changes and batches from institutions' systems. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { StatusEventInput } from './index.js';
import { openFixture, rejectsWith, residenceData, self, type Fixture } from './applications.fixtures.js';

describe('status register', () => {
  let f: Fixture;
  const count = async (query: ReturnType<typeof sql<{ n: number }>>): Promise<number> => Number((await query.execute(f.db.db)).rows[0]?.n ?? 0);
  const eventsOf = (institutionId: string) => count(sql<{ n: number }>`select count(*)::int as n from applications.status_events where institution_id = ${institutionId}::uuid`);
  const outboxSize = () => count(sql<{ n: number }>`select count(*)::int as n from platform.outbox where type = 'applications.status_changed'`);

  before(async () => {
    f = await openFixture(new Date('2026-11-02T08:00:00Z'));
  });
  after(async () => f.dispose());

  const submitResidence = async () => f.api.submit(f.people.janis, self(f.people.janis), { serviceId: f.service('dzivesvietas-deklaresana').id, data: residenceData() });

  test('a batch sent twice is stored once', async () => {
    const pmlp = f.system(f.institutions.pmlp);
    const residence = f.service('dzivesvietas-deklaresana');
    const apps = [await submitResidence(), await submitResidence(), await submitResidence()];
    f.clock.now = new Date('2026-11-02T12:00:00Z');
    const batch: StatusEventInput[] = [
      ...apps.flatMap((app, i) => [
        { eventId: `twice-${i}-a`, applicationId: app.applicationId, code: 'received', occurredAt: '2026-11-02T09:00:00Z' },
        { eventId: `twice-${i}-b`, applicationId: app.number, code: 'in_progress', occurredAt: '2026-11-02T10:00:00Z', noteForApplicant: 'Sākām darbu.' },
      ]),
      // Submitted at PMLP's office: registered on first sight.
      { eventId: 'twice-ext-1', externalId: 'PMLP-2026-77', applicant: f.people.anna.personalCode!, serviceId: residence.id, code: 'received', occurredAt: '2026-11-02T09:30:00Z', submittedAt: '2026-11-02T09:15:00Z' },
      { eventId: 'twice-ext-2', externalId: 'PMLP-2026-77', code: 'in_progress', occurredAt: '2026-11-02T11:00:00Z' },
    ];
    const eventsBefore = await eventsOf(f.institutions.pmlp.id);
    const outboxBefore = await outboxSize();
    const first = await f.api.ingestBatch(pmlp, batch);
    assert.deepEqual(first.map((result) => result.status), batch.map(() => 'applied'));
    assert.deepEqual(first.map((result) => result.eventId), batch.map((event) => event.eventId));
    assert.equal(await eventsOf(f.institutions.pmlp.id), eventsBefore + batch.length);
    assert.equal(await outboxSize(), outboxBefore + batch.length);

    const again = await f.api.ingestBatch(pmlp, batch);
    assert.deepEqual(again.map((result) => result.status), batch.map(() => 'duplicate'));
    assert.equal(await eventsOf(f.institutions.pmlp.id), eventsBefore + batch.length);
    assert.equal(await outboxSize(), outboxBefore + batch.length);

    // The application submitted elsewhere: numbered, visible to Anna with its timeline.
    const external = first.find((result) => result.eventId === 'twice-ext-1');
    assert.match(external?.number ?? '', /^2026-\d{6}$/);
    const seen = await f.api.getApplication(f.people.anna, external!.applicationId!);
    assert.equal(seen.origin, 'external');
    assert.equal(seen.externalId, 'PMLP-2026-77');
    assert.equal(seen.submittedAt, '2026-11-02T09:15:00.000Z');
    assert.deepEqual(seen.timeline.map((entry) => entry.code), ['received', 'in_progress']);
    await rejectsWith(f.api.getApplication(f.people.janis, external!.applicationId!), 'applications.not-found');
    for (const app of apps) assert.equal((await f.api.getApplication(f.people.janis, app.number)).status.code, 'in_progress');
  });

  test('the same batch sent by two instances at once is stored once', async () => {
    const pmlp = f.system(f.institutions.pmlp);
    const residence = f.service('dzivesvietas-deklaresana');
    const app = await submitResidence();
    const batch: StatusEventInput[] = [
      { eventId: 'race-1', applicationId: app.applicationId, code: 'in_progress' },
      { eventId: 'race-2', externalId: 'PMLP-RACE', applicant: f.people.anna.personalCode!, serviceId: residence.id, code: 'received' },
    ];
    const before = await eventsOf(f.institutions.pmlp.id);
    const [a, b] = await Promise.all([f.api.ingestBatch(pmlp, batch), f.api.ingestBatch(pmlp, batch)]);
    const statuses = [...a!, ...b!].map((result) => result.status).sort();
    assert.deepEqual(statuses, ['applied', 'applied', 'duplicate', 'duplicate']);
    assert.equal(await eventsOf(f.institutions.pmlp.id), before + 2);
    assert.equal(await count(sql<{ n: number }>`select count(*)::int as n from applications.applications where external_id = 'PMLP-RACE'`), 1);
  });

  test('events for unknown applications are refused by name; the rest of the batch is kept', async () => {
    const pmlp = f.system(f.institutions.pmlp);
    const mine = await submitResidence();
    const vidService = f.service('registracija-pvn-maksataju-registra');
    const theirs = await f.api.submit(f.people.peteris, { party: '40003012340', partyKind: 'company', basis: 'board_member' }, {
      serviceId: vidService.id,
      data: { fullName: 'Pēteris Ozols', email: 'peteris.ozols@example.com', consent: true, registrationNumber: '40003012340', expectedTurnover: 50000, activity: 'Būvniecības darbi', startDate: '2026-12-01', euTrade: false },
    });
    const batch: StatusEventInput[] = [
      { eventId: 'mix-0', applicationId: mine.applicationId, code: 'received' },
      { eventId: 'mix-1', applicationId: randomUUID(), code: 'received' },
      { eventId: 'mix-2', applicationId: '2026-999999', code: 'received' },
      { eventId: 'mix-3', externalId: 'NOBODY-KNOWS', code: 'in_progress' },
      { eventId: 'mix-4', applicationId: theirs.applicationId, code: 'received' },
      { eventId: 'mix-5', applicationId: mine.applicationId, code: 'teleported' },
      { applicationId: mine.applicationId, code: 'in_progress' },
      { eventId: 'mix-7', externalId: 'VID-1', applicant: f.people.anna.personalCode!, serviceId: vidService.id, code: 'received' },
      { eventId: 'mix-8', externalId: 'BAD-APPLICANT', applicant: '123', serviceId: vidService.id, code: 'received' },
      { eventId: 'mix-9', applicationId: mine.applicationId, code: 'in_progress' },
    ];
    const results = await f.api.ingestBatch(pmlp, batch);
    const byIndex = results.map((result) => [result.index, result.eventId, result.status, result.problem?.code]);
    assert.deepEqual(byIndex, [
      [0, 'mix-0', 'applied', undefined],
      [1, 'mix-1', 'refused', 'applications.unknown-application'],
      [2, 'mix-2', 'refused', 'applications.unknown-application'],
      [3, 'mix-3', 'refused', 'applications.unknown-application'],
      // Another institution's application does not exist for PMLP.
      [4, 'mix-4', 'refused', 'applications.unknown-application'],
      [5, 'mix-5', 'refused', 'applications.invalid-event'],
      [6, null, 'refused', 'applications.invalid-event'],
      [7, 'mix-7', 'refused', 'applications.unknown-service'],
      [8, 'mix-8', 'refused', 'applications.invalid-event'],
      [9, 'mix-9', 'applied', undefined],
    ]);
    assert.ok(results.every((result) => result.status !== 'refused' || (result.problem?.detail.length ?? 0) > 0));
    assert.equal((await f.api.getApplication(f.people.janis, mine.number)).status.code, 'in_progress');
    assert.equal((await f.api.getApplication(f.people.peteris, theirs.number)).status.code, 'submitted');
  });

  test('events apply in occurredAt order per application; invalid transitions and stale events are refused by name', async () => {
    const pmlp = f.system(f.institutions.pmlp);
    f.clock.now = new Date('2026-11-02T08:00:00Z');
    const app = await submitResidence();
    f.clock.now = new Date('2026-11-03T12:00:00Z');
    const results = await f.api.ingestBatch(pmlp, [
      { eventId: 'ord-3', applicationId: app.applicationId, code: 'decided', occurredAt: '2026-11-03T10:00:00Z' },
      { eventId: 'ord-1', applicationId: app.applicationId, code: 'received', occurredAt: '2026-11-02T09:00:00Z' },
      { eventId: 'ord-2', applicationId: app.applicationId, code: 'submitted', occurredAt: '2026-11-02T09:30:00Z' },
      { eventId: 'ord-4', applicationId: app.applicationId, code: 'in_progress', occurredAt: '2026-11-03T11:00:00Z' },
      { eventId: 'ord-5', applicationId: app.applicationId, code: 'delivered', occurredAt: '2026-11-03T11:30:00Z' },
    ]);
    assert.deepEqual(
      results.map((result) => [result.eventId, result.status, result.problem?.code]),
      [
        ['ord-3', 'applied', undefined],
        ['ord-1', 'applied', undefined],
        ['ord-2', 'refused', 'applications.invalid-transition'],
        ['ord-4', 'refused', 'applications.invalid-transition'],
        ['ord-5', 'applied', undefined],
      ],
    );
    const view = await f.api.getApplication(f.people.janis, app.number);
    assert.deepEqual(view.timeline.map((entry) => entry.code), ['submitted', 'received', 'decided', 'delivered']);
    assert.equal(view.completedAt, '2026-11-03T10:00:00.000Z');
    const stale = await f.api.ingestBatch(pmlp, [{ eventId: 'ord-6', applicationId: app.applicationId, code: 'cancelled', occurredAt: '2026-11-03T09:00:00Z' }]);
    assert.equal(stale[0]?.problem?.code, 'applications.out-of-order');
    const future = await f.api.ingestBatch(pmlp, [{ eventId: 'ord-7', applicationId: app.applicationId, code: 'cancelled', occurredAt: '2027-01-01T00:00:00Z' }]);
    assert.equal(future[0]?.problem?.code, 'applications.invalid-event');
  });

  test('awaiting the applicant through a batch pauses the clock; the stored expected date follows', async () => {
    const pmlp = f.system(f.institutions.pmlp);
    f.clock.now = new Date('2026-11-09T08:00:00Z'); // Monday
    const app = await submitResidence();
    const expectedAt = async () => (await sql<{ expected_at: Date | null }>`select expected_at from applications.applications where id = ${app.applicationId}::uuid`.execute(f.db.db)).rows[0]?.expected_at ?? null;
    assert.equal((await expectedAt())?.toISOString(), '2026-11-10T21:59:59.999Z');
    await f.api.ingestBatch(pmlp, [{ eventId: 'pause-1', applicationId: app.applicationId, code: 'awaiting_client', awaiting: 'Īpašnieka piekrišana' }]);
    assert.equal(await expectedAt(), null);
    f.clock.now = new Date('2026-11-12T08:00:00Z'); // Thursday
    const paused = await f.api.getApplication(f.people.janis, app.number);
    assert.equal(paused.clockPaused, true);
    assert.equal(paused.overdue, false);
    assert.equal(paused.expectedCompletionAt, '2026-11-13T21:59:59.999Z');
    // The institution resumes (e.g. the answer came by post) on Friday: one working day left → Monday.
    f.clock.now = new Date('2026-11-13T08:00:00Z');
    await f.api.ingestBatch(pmlp, [{ eventId: 'pause-2', applicationId: app.applicationId, code: 'in_progress' }]);
    assert.equal((await expectedAt())?.toISOString(), '2026-11-16T21:59:59.999Z');
  });

  test('who may record statuses: the institution’s systems and case handlers only', async () => {
    const app = await submitResidence();
    await rejectsWith(f.api.ingestBatch(f.people.ilze, [{ eventId: 'x', applicationId: app.applicationId, code: 'received' }]), 'applications.not-institution');
    await rejectsWith(f.api.recordStatus(f.people.janis, app.applicationId, { code: 'received' }), 'applications.not-institution');
    await rejectsWith(f.api.recordStatus(f.people.roberts, app.applicationId, { code: 'received' }), 'applications.not-found');
    await rejectsWith(f.api.recordStatus(f.system(f.institutions.pmlp), app.applicationId, { code: 'bogus' }), 'applications.invalid-event');
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ eventId: `e${i}`, applicationId: app.applicationId, code: 'received' }));
    await rejectsWith(f.api.ingestBatch(f.system(f.institutions.pmlp), tooMany), 'applications.batch-too-large');
    const change = await f.api.recordStatus(f.people.ilze, app.applicationId, { code: 'received', eventId: 'ilze-1' });
    assert.equal(change.result, 'applied');
    const repeated = await f.api.recordStatus(f.people.ilze, app.applicationId, { code: 'received', eventId: 'ilze-1' });
    assert.equal(repeated.result, 'duplicate');
    const timeline = (await f.api.getApplication(f.people.janis, app.number)).timeline;
    assert.deepEqual(timeline.map((entry) => [entry.code, entry.role]), [
      ['submitted', 'applicant'],
      ['received', 'case_handler'],
    ]);
  });

  test('institution-specific labels replace the platform’s wording', async () => {
    const labels = await f.api.statusLabels(f.institutions.pmlp.id);
    assert.deepEqual(labels.in_progress, { lv: 'Izskatīšanā', en: 'Under review' });
    assert.deepEqual(labels.submitted, { lv: 'Iesniegts', en: 'Submitted' });
    await rejectsWith(f.api.setStatusLabels(f.people.janis, f.institutions.pmlp.id, { decided: { lv: 'X', en: 'X' } }), 'applications.not-service-manager');
    const updated = await f.api.setStatusLabels(f.people.ilze, f.institutions.pmlp.id, { decided: { lv: 'Lēmums gatavs', en: 'Decision ready' } });
    assert.deepEqual(updated.decided, { lv: 'Lēmums gatavs', en: 'Decision ready' });
    assert.deepEqual(updated.in_progress, { lv: 'Tiek izskatīts', en: 'In progress' });
  });
});
