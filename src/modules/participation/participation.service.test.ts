/**
 * Participation's rules without HTTP, over a real database with the demo
 * catalog: masking and device classes; page feedback (path without query,
 * the service it is about, one comment through a one-time key, masked; the
 * rate limit per network); the facts kept from real applications.status_changed
 * events; ratings once, by the applicant only, after the result; performance
 * figures with on-time and late applications and suppressed cells.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { loadDemoData } from '../../app.js';
import type { Principal } from '../../platform/http/auth.js';
import { AppError } from '../../platform/errors.js';
import { eventsAfter } from '../../platform/jobs/outbox.js';
import { createApplications, type ApplicationsService } from '../applications/index.js';
import { createCatalog, type Service } from '../catalog/index.js';
import { openTestDatabase } from '../../../test/support/database.js';
import { createParticipation, deviceClass, maskPersonalData, type Participation } from './index.js';
import { randomUUID } from 'node:crypto';
import * as repo from './participation.repo.js';
import { computePerformance, performanceCsv } from './performance.js';
import { informationQuality } from './information-quality.js';

const JANIS = '150685-12347';
const MARTA = '010118-23454';
const ANNA = '230390-11113';

const refusedWith = (kind: string, code?: string) => (error: unknown): boolean => {
  assert.ok(error instanceof AppError, String(error));
  assert.equal(error.kind, kind);
  if (code) assert.equal(error.code, code);
  return true;
};

test('personal codes, e-mail addresses and phone numbers are masked; the rest of the text stays', () => {
  const masked = maskPersonalData('Mans kods 120379-12345, jaunais 321234-56789, arī 12037912345; raksti janis.berzins@example.com vai zvani +371 26 123 456 vai 67123456. Lapa 3 no 10, 2026. gads.');
  assert.doesNotMatch(masked, /120379|12345|321234|56789|12037912345|janis|example\.com|26 123 456|67123456/);
  assert.match(masked, /Mans kods \[personas kods\], jaunais \[personas kods\], arī \[personas kods\]; raksti \[e-pasts\] vai zvani \[tālrunis\] vai \[tālrunis\]\. Lapa 3 no 10, 2026\. gads\./);
});

test('device classes from User-Agent strings', () => {
  assert.equal(deviceClass('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148'), 'mobile');
  assert.equal(deviceClass('Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120 Mobile Safari/537.36'), 'mobile');
  assert.equal(deviceClass('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)'), 'tablet');
  assert.equal(deviceClass('Mozilla/5.0 (Linux; Android 14; SM-X710) Chrome/120 Safari/537.36'), 'tablet');
  assert.equal(deviceClass('Mozilla/5.0 (X11; Linux x86_64) Chrome/120'), 'desktop');
  assert.equal(deviceClass(undefined), 'desktop');
});

describe('participation over a database', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let participation: Participation;
  let applications: ApplicationsService;
  let residence: Service;
  let pmlp: Principal;
  let clock = new Date();

  /** Every status change on the outbox so far, handed to participation as the bus would (it de-duplicates by event id). */
  async function relay(): Promise<void> {
    const total = Number((await sql<{ n: string }>`select count(*)::text as n from platform.outbox`.execute(database.db)).rows[0]?.n);
    for (const deadline = Date.now() + 30_000; ; await delay(50)) {
      const events = await eventsAfter(database.db, { tx: '0', position: '0' }, 100_000);
      if (events.length >= total) {
        for (const event of events) await participation.handleEvent(event);
        return;
      }
      assert.ok(Date.now() < deadline, 'outbox events became readable');
    }
  }

  before(async () => {
    database = await openTestDatabase();
    await loadDemoData(database);
    const catalog = createCatalog(database.db);
    participation = createParticipation(database.db, { catalog, now: () => clock, rateLimit: { hits: 3, windowMs: 600_000 } });
    applications = createApplications(database.db);
    const found = await catalog.lookup('dzivesvietas-deklaresana');
    assert.equal(found.kind, 'found');
    residence = (found as { service: Service }).service;
    pmlp = { subject: 'client:pmlp-system', kind: 'system', via: 'token', roles: [], scopes: ['applications.write'], institutionId: residence.institutionId };
  });
  after(async () => database.dispose());

  test('figures counted by the database: median (the middle two’s mean when even), P90 by nearest rank, on-time share, months in UTC; counts from 1 to 4 suppressed; CSV carries the same cells', async () => {
    // A service and an institution of their own, so the demo's facts do not count.
    const serviceId = randomUUID();
    const institutionId = randomUUID();
    const day = (month: number, d: number, hour = 12): Date => new Date(Date.UTC(2026, month, d, hour));
    const fact = (started: Date, expected: Date | null, completed: Date | null, code: string | null) =>
      repo.insertFacts(database.db, {
        application_id: randomUUID(),
        number: `2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
        service_id: serviceId,
        institution_id: institutionId,
        applicant: ANNA,
        submitted_by: null,
        started_at: started,
        expected_at: expected,
        completed_at: completed,
        completed_code: code,
        last_event_at: completed ?? started,
      });
    // November: six decided in 1…6 days, by the 10th; one rejected after 20 days, late: 7 decided, median 4, P90 20.
    for (const n of [1, 2, 3, 4, 5, 6]) await fact(day(10, 1), day(10, 10), day(10, 1 + n), 'decided');
    await fact(day(10, 1), day(10, 10), day(10, 21), 'rejected');
    // One withdrawn and one still open: begun, not decided.
    await fact(day(10, 2), day(10, 10), day(10, 3), 'withdrawn');
    await fact(day(10, 3), null, null, null);
    // October: one open, begun at 23:30 on 31 October in UTC (1 November in Riga): October's.
    await fact(new Date(Date.UTC(2026, 9, 31, 23, 30)), null, null, null);
    // December: six decided in 1, 2, 3, 4, 5, 7 days (even: median 3.5), none with an expected date.
    for (const n of [1, 2, 3, 4, 5, 7]) await fact(day(11, 1), null, day(11, 1 + n), 'delivered');

    const counted = await repo.factFigures(database.db, { serviceId });
    const month = (key: string | null) => counted.find((row) => row.month === key);
    assert.deepEqual(month('2026-11'), { month: '2026-11', applications: 9, decided: 7, withExpected: 7, onTime: 6, medianDays: 4, p90Days: 20 });
    assert.deepEqual(month('2026-10'), { month: '2026-10', applications: 1, decided: 0, withExpected: 0, onTime: 0, medianDays: null, p90Days: null });
    assert.deepEqual(month('2026-12'), { month: '2026-12', applications: 6, decided: 6, withExpected: 0, onTime: 0, medianDays: 3.5, p90Days: 7 });
    // In total: 13 decided, 1…7 and 20 days; the 7th of 13 is 4, the 12th (ceil 11.7) is 7.
    assert.deepEqual(month(null), { month: null, applications: 16, decided: 13, withExpected: 7, onTime: 6, medianDays: 4, p90Days: 7 });
    assert.equal(counted.length, 4);
    assert.deepEqual(await repo.factFigures(database.db, { serviceId: randomUUID() }), [], 'a service with no facts has no rows');
    const byInstitution = await repo.factTotalsByInstitution(database.db);
    assert.deepEqual(byInstitution.get(institutionId), { ...month(null), month: null }, 'the institution’s totals are its one service’s');

    const performance = computePerformance(counted, [{ month: '2026-11', count: 2, sum: 9 }], []);
    const november = performance.months.find((row) => row.month === '2026-11');
    assert.deepEqual(
      { applications: november?.applications, decided: november?.decided, onTime: november?.decidedOnTime, share: november?.onTimeShare, median: november?.medianDays, p90: november?.p90Days },
      { applications: 9, decided: 7, onTime: 6, share: 0.857, median: 4, p90: 20 },
    );
    assert.equal(november?.ratings, null);
    assert.deepEqual(november?.suppressed, ['ratings', 'satisfaction']);
    const october = performance.months.find((row) => row.month === '2026-10');
    assert.equal(october?.applications, null, 'one application is suppressed');
    assert.ok(october?.suppressed.includes('applications'));
    assert.equal(performance.total.applications, 16);
    assert.equal(performance.total.ratings, null, 'two ratings in all: suppressed');
    assert.deepEqual(performance.coverage, { start: '2026-10', end: '2026-12' });
    const csv = performanceCsv(performance).trim().split('\r\n');
    assert.equal(csv[0], 'month,applications,decided,decidedOnTime,onTimeShare,medianDays,p90Days,ratings,satisfaction,feedback,usefulShare');
    assert.equal(csv[1], '2026-10,[c],0,0,,,,0,,0,', 'zero is shown; figures drawn from no case are empty');
    assert.equal(csv[2], '2026-11,9,7,6,0.857,4,20,[c],[c],0,');
    assert.equal(csv[3], '2026-12,6,6,0,,3.5,7,0,,0,');
  });

  test('information quality: the nine items of Regulation 2018/1724 Art. 10 from the register’s record', async () => {
    const quality = informationQuality(residence);
    assert.equal(quality.max, 9);
    assert.equal(quality.score, 9 - quality.missing.length);
    for (const item of ['steps', 'authority', 'evidence', 'fees', 'deadlines', 'languages'] as const) assert.ok(!quality.missing.includes(item), item);
    const bare = informationQuality({ ...residence, steps: [], evidence: [], requirements: [], processingTime: undefined, channels: [], description: { lv: 'x', en: 'x' }, legalBasis: [], outputs: [] } as Service);
    assert.deepEqual(bare.missing, ['steps', 'authentication', 'evidence', 'redress', 'deadlines', 'silence']);
    const full = informationQuality({ ...residence, description: { lv: 'Lēmumu var apstrīdēt. Ja atbilde netiek sniegta mēneša laikā, … Pieslēdzieties ar eID.', en: '' } });
    assert.deepEqual(full.missing, []);
  });

  test('page feedback: the path without its query, the service it is about, one masked comment, a rate limit per network', async () => {
    clock = new Date('2026-11-20T10:00:00Z');
    const yes = await participation.giveFeedback({ path: `/en/services/${residence.slug}?q=secret#top`, lang: 'en', useful: true, userAgent: 'Mozilla/5.0 (iPhone) Mobile', ip: '192.0.2.10' });
    assert.equal(yes.commentKey, null, 'a "yes" takes no comment');
    const no = await participation.giveFeedback({ path: `/services/${residence.slug}`, lang: 'lv', useful: false, ip: '192.0.2.11' });
    assert.ok(no.commentKey);
    const stored = await participation.addComment(no.commentKey, 'Nevarēju pieteikties, mans kods 120379-12345, raksti uz a.b@example.com');
    assert.equal(stored.comment, 'Nevarēju pieteikties, mans kods [personas kods], raksti uz [e-pasts]');
    await assert.rejects(participation.addComment(no.commentKey, 'otrreiz'), refusedWith('conflict', 'participation.comment-closed'));
    const seen = await participation.feedbackFor({ institutionIds: [residence.institutionId], serviceId: residence.id });
    assert.deepEqual(
      seen.map((row) => [row.path, row.lang, row.device, row.day, row.useful, row.comment]).sort(),
      [
        ['/en/services/dzivesvietas-deklaresana', 'en', 'mobile', '2026-11-20', true, null],
        ['/services/dzivesvietas-deklaresana', 'lv', 'desktop', '2026-11-20', false, 'Nevarēju pieteikties, mans kods [personas kods], raksti uz [e-pasts]'],
      ].sort(),
    );
    assert.deepEqual(await participation.feedbackFor({ institutionIds: [residence.institutionId], useful: false, withComment: true }).then((rows) => rows.length), 1);
    // Another institution's managers see none of it.
    const other = (await createCatalog(database.db).listInstitutions()).find((institution) => institution.id !== residence.institutionId);
    assert.deepEqual(await participation.feedbackFor({ institutionIds: [other?.id ?? ''] }), []);
    // A path of another site is refused; the third post from one /24 network passes, the fourth not; another network still may.
    await assert.rejects(participation.giveFeedback({ path: '//evil.example/x', lang: 'lv', useful: true, ip: '192.0.2.12' }), refusedWith('invalid'));
    await participation.giveFeedback({ path: '/', lang: 'lv', useful: true, ip: '192.0.2.13' });
    await assert.rejects(participation.giveFeedback({ path: '/', lang: 'lv', useful: true, ip: '192.0.2.14' }), refusedWith('rate_limited'));
    await participation.giveFeedback({ path: '/', lang: 'lv', useful: true, ip: '198.51.100.1' });
    // Nothing stored names the network or the address.
    const windows = (await sql<{ network: string }>`select network from participation.rate_windows`.execute(database.db)).rows;
    assert.ok(windows.every((row) => !row.network.includes('192.0.2') && !row.network.includes('198.51')));
  });

  test('ratings: once, after the result, by the applicant or whoever acts for them; nobody else', async () => {
    clock = new Date();
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const results = await applications.ingestBatch(pmlp, [
      { eventId: 'pt-r1', externalId: 'PT-R-1', applicant: JANIS, serviceId: residence.id, code: 'received', occurredAt: at },
      { eventId: 'pt-r2', externalId: 'PT-R-2', applicant: MARTA, serviceId: residence.id, code: 'received', occurredAt: at },
    ]);
    assert.deepEqual(results.map((result) => result.status), ['applied', 'applied']);
    const [janisNumber, martaNumber] = results.map((result) => result.number ?? '');
    await relay();
    const before = await participation.rateable({ personalCode: JANIS }, janisNumber ?? '');
    assert.equal(before.rateable, false);
    await assert.rejects(participation.rate({ personalCode: JANIS }, janisNumber ?? '', { score: 4 }), refusedWith('conflict', 'participation.not-rateable'));

    await applications.ingestBatch(pmlp, [
      { eventId: 'pt-r3', externalId: 'PT-R-1', code: 'decided' },
      { eventId: 'pt-r4', externalId: 'PT-R-2', code: 'rejected' },
    ]);
    await relay();
    const rating = await participation.rate({ personalCode: JANIS }, janisNumber ?? '', { score: 4, ease: 'easy', comment: 'Ātri. Mans tālrunis 26123456.' });
    assert.equal(rating.score, 4);
    assert.equal(rating.comment, 'Ātri. Mans tālrunis [tālrunis].');
    assert.equal(rating.serviceId, residence.id);
    await assert.rejects(participation.rate({ personalCode: JANIS }, janisNumber ?? '', { score: 1 }), refusedWith('conflict', 'participation.already-rated'));
    await assert.rejects(participation.rate({ personalCode: ANNA }, janisNumber ?? '', { score: 1 }), refusedWith('not_found', 'participation.application-not-found'));
    await assert.rejects(participation.rate({ personalCode: ANNA, actingFor: ANNA }, martaNumber ?? '', { score: 1 }), refusedWith('not_found'));
    await assert.rejects(participation.rate({ personalCode: JANIS }, martaNumber ?? '', { score: 0 }), refusedWith('invalid'));
    // Jānis acting for Marta, his child, may rate hers.
    assert.equal((await participation.rate({ personalCode: JANIS, actingFor: MARTA }, martaNumber ?? '', { score: 2, ease: 'hard' })).score, 2);
    const ratings = await participation.ratingsFor({ institutionIds: [residence.institutionId], serviceId: residence.id });
    assert.deepEqual(ratings.map((row) => row.score).sort(), [2, 4]);
    // A replayed stream changes nothing.
    await relay();
    assert.equal((await participation.rateable({ personalCode: JANIS }, janisNumber ?? '')).rating?.score, 4);
  });

  test('performance of a service from the events: on time and late, per month, suppressed under 5', async () => {
    const now = Date.now();
    const recent = new Date(now - 2 * 3_600_000).toISOString();
    const old = '2025-03-03T09:00:00.000Z';
    const events = [
      ...[1, 2, 3, 4, 5, 6].flatMap((n) => [
        { eventId: `pt-p${n}a`, externalId: `PT-P-${n}`, applicant: ANNA, serviceId: residence.id, code: 'received', occurredAt: recent, submittedAt: recent },
        { eventId: `pt-p${n}b`, externalId: `PT-P-${n}`, code: 'decided' },
      ]),
      ...[7, 8].flatMap((n) => [
        { eventId: `pt-p${n}a`, externalId: `PT-P-${n}`, applicant: ANNA, serviceId: residence.id, code: 'received', occurredAt: old, submittedAt: old },
        { eventId: `pt-p${n}b`, externalId: `PT-P-${n}`, code: 'decided' },
      ]),
    ];
    const results = await applications.ingestBatch(pmlp, events);
    assert.ok(results.every((result) => result.status === 'applied'), JSON.stringify(results.filter((result) => result.status !== 'applied')));
    await relay();
    const { performance } = await participation.servicePerformance(residence.slug);
    const march = performance.months.find((row) => row.month === '2025-03');
    assert.equal(march?.applications, null, 'two late applications in March 2025: suppressed');
    assert.ok(march?.suppressed.includes('applications') && march.suppressed.includes('decided'));
    // With the two rated in the test before (decided within the hour: on time).
    const total = performance.total;
    assert.equal(total.applications, 10);
    assert.equal(total.decided, 10);
    assert.equal(total.decidedOnTime, 8, 'the recent ones were on time, the two from 2025 late');
    assert.equal(total.onTimeShare, 0.8);
    assert.ok(total.p90Days !== null && total.p90Days > 200, 'the late ones make the P90');
    const institution = await participation.institutionPerformance('pmlp');
    assert.equal(institution.institution.id, residence.institutionId);
    assert.ok((institution.performance.total.applications ?? 0) >= 8);
  });

  test('ideas: proposed (masked), supported once by each other person, answered by the institution’s managers only, hidden by a platform administrator', async () => {
    clock = new Date('2026-12-01T10:00:00Z');
    const idea = await participation.proposeIdea(ANNA, residence.slug, { title: 'Atgādinājums pirms termiņa', body: 'Sūtiet e-pastu uz anna@example.com nedēļu iepriekš.' });
    assert.equal(idea.state, 'proposed');
    assert.equal(idea.body, 'Sūtiet e-pastu uz [e-pasts] nedēļu iepriekš.');
    await assert.rejects(participation.supportIdea(ANNA, idea.id), refusedWith('conflict', 'participation.own-idea'));
    assert.equal((await participation.supportIdea(JANIS, idea.id)).supporters, 1);
    await assert.rejects(participation.supportIdea(JANIS, idea.id), refusedWith('conflict', 'participation.already-supported'));
    assert.equal((await participation.supportIdea('081275-05556', idea.id)).supporters, 2);
    await assert.rejects(participation.setIdeaState({ personalCode: '120479-43216', institutionIds: ['00000000-0000-4000-8000-000000000000'] }, idea.id, 'planned', 'Nākamgad.'), refusedWith('forbidden'));
    await assert.rejects(participation.setIdeaState({ personalCode: '120479-43216', institutionIds: [residence.institutionId] }, idea.id, 'planned', '  '), refusedWith('invalid'));
    const planned = await participation.setIdeaState({ personalCode: '120479-43216', institutionIds: [residence.institutionId] }, idea.id, 'planned', 'Ieviesīsim 2027. gadā.');
    assert.deepEqual([planned.state, planned.stateReason], ['planned', 'Ieviesīsim 2027. gadā.']);
    assert.equal((await participation.myIdeas(ANNA)).find((mine) => mine.id === idea.id)?.state, 'planned', 'the author sees the state');
    clock = new Date('2026-12-01T11:00:00Z');
    const other = await participation.proposeIdea(JANIS, residence.slug, { title: 'Otrā', body: 'Vēl viena.' });
    assert.deepEqual((await participation.ideasOfService(residence.slug, 'supported')).ideas.map((item) => item.id), [idea.id, other.id]);
    assert.deepEqual((await participation.ideasOfService(residence.slug, 'newest')).ideas.map((item) => item.id), [other.id, idea.id]);
    await assert.rejects(participation.proposeIdea(ANNA, residence.slug, { title: '', body: 'x' }), refusedWith('invalid'));
    // Moderation: only a platform administrator hides, with a reason the author sees; nobody else finds it.
    await assert.rejects(participation.hideIdea({ personalCode: '120479-43216', platformAdmin: false }, other.id, 'Reklāma.'), refusedWith('forbidden'));
    await participation.hideIdea({ personalCode: '271188-10106', platformAdmin: true }, other.id, 'Reklāma.');
    assert.deepEqual((await participation.ideasOfService(residence.slug)).ideas.map((item) => item.id), [idea.id]);
    assert.equal((await participation.myIdeas(JANIS)).find((mine) => mine.id === other.id)?.hiddenReason, 'Reklāma.');
    assert.equal((await participation.getIdea(other.id, JANIS)).hiddenReason, 'Reklāma.');
    await assert.rejects(participation.getIdea(other.id, ANNA), refusedWith('not_found'));
    await assert.rejects(participation.supportIdea(ANNA, other.id), refusedWith('not_found'));
  });
});
