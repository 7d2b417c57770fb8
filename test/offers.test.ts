/**
 * Proactive offers at the service level over the demo catalog and demo rules:
 * real status changes (an institution's system registers a birth and decides
 * it) produce outbox events; fed to the offers module, a rule fires once for
 * the applicant it concerns and nobody else; replays fire nothing more; a
 * service published in a life event reaches that event's earlier subscribers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { loadDemoData } from '../src/app.js';
import type { Principal } from '../src/platform/http/auth.js';
import { AppError } from '../src/platform/errors.js';
import { createApplications, STATUS_CHANGED, type ApplicationsService } from '../src/modules/applications/index.js';
import { eventsAfter } from '../src/platform/jobs/outbox.js';
import { createCatalog, type CatalogService, type Service } from '../src/modules/catalog/index.js';
import { createOffers, type OffersService } from '../src/modules/offers/index.js';
import { openTestDatabase } from './support/database.js';

const JANIS = '150685-12347';
const ANNA = '230390-11113';
const PETERIS = '081275-05556';

describe('offers', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let catalog: CatalogService;
  let applications: ApplicationsService;
  let offers: OffersService;
  let riga: Principal;
  let service: (slug: string) => Promise<Service>;

  /**
   * Every event on the outbox so far. The bus reads only rows older than every
   * open transaction, and on a shared server that horizon spans all databases
   * (other test files' transactions too), so wait until every row is readable.
   */
  async function readableEvents(): Promise<Awaited<ReturnType<typeof eventsAfter>>> {
    const total = Number((await sql<{ n: string }>`select count(*)::text as n from platform.outbox`.execute(database.db)).rows[0]?.n);
    for (const deadline = Date.now() + 30_000; ; await delay(50)) {
      const events = await eventsAfter(database.db, { tx: '0', position: '0' }, 100_000);
      if (events.length >= total) return events;
      assert.ok(Date.now() < deadline, `only ${events.length} of ${total} outbox events became readable`);
    }
  }
  /** Every status change on the outbox so far, handed to the offers module as the event bus would; the number of offers made. */
  async function relay(): Promise<number> {
    let fired = 0;
    for (const event of await readableEvents()) {
      if (event.type === STATUS_CHANGED) fired += await offers.handleEvent(event.type, event.data as Record<string, unknown>);
    }
    return fired;
  }
  const sentOffers = async (): Promise<{ personal_code: string; dedup_key: string; template: string; personalisation: Record<string, string>; service_id: string }[]> =>
    (await sql<{ personal_code: string; dedup_key: string; template: string; personalisation: Record<string, string>; service_id: string }>`select * from offers.dev_notifications order by created_at`.execute(database.db)).rows;

  before(async () => {
    database = await openTestDatabase();
    await loadDemoData(database);
    catalog = createCatalog(database.db);
    applications = createApplications(database.db);
    offers = createOffers(database.db, { publicUrl: 'https://pakalpojumi.example' });
    const institution = await catalog.getInstitution('riga');
    riga = { subject: 'client:riga-system', kind: 'system', via: 'token', roles: [], scopes: ['applications.write'], institutionId: institution.id };
    service = async (slug) => {
      const found = await catalog.lookup(slug);
      assert.equal(found.kind, 'found', slug);
      return (found as { service: Service }).service;
    };
  });
  after(async () => database.dispose());

  test('the demo rules exist: birth → child-birth benefit, self-employed → micro-enterprise tax, new services in subscribed events', async () => {
    const rules = await offers.listRules();
    const birth = rules.find((rule) => rule.code === 'birth-registered-child-benefit');
    assert.equal(birth?.sourceServiceId, (await service('dzimsanas-registracija')).id);
    assert.equal(birth?.offerServiceId, (await service('berna-piedzimsanas-pabalsts')).id);
    assert.equal(birth?.statusCode, 'decided');
    assert.ok(rules.some((rule) => rule.code === 'self-employed-micro-enterprise-tax' && rule.trigger === 'status_reached'));
    assert.ok(rules.some((rule) => rule.trigger === 'service_published' && rule.eventCode === null));
  });

  test('a registered birth offers the child-birth benefit to its applicant once, to nobody else, and replays offer nothing more', async () => {
    const birthRegistration = await service('dzimsanas-registracija');
    const benefit = await service('berna-piedzimsanas-pabalsts');
    // Anna follows the life event "birth": a status rule still concerns only the applicant.
    await offers.subscribe(ANNA, 'event', 'birth');

    const results = await applications.ingestBatch(riga, [
      { eventId: 'dz-1', externalId: 'DZ-2026-1', applicant: JANIS, serviceId: birthRegistration.id, code: 'received' },
      { eventId: 'dz-2', externalId: 'DZ-2026-1', code: 'in_progress' },
    ]);
    assert.deepEqual(results.map((result) => result.status), ['applied', 'applied']);
    assert.equal(await relay(), 0, 'not decided yet: no offer');

    await applications.ingestBatch(riga, [{ eventId: 'dz-3', externalId: 'DZ-2026-1', code: 'decided' }]);
    assert.equal(await relay(), 1);
    const sent = await sentOffers();
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.personal_code, JANIS);
    assert.equal(sent[0]?.service_id, benefit.id);
    assert.equal(sent[0]?.template, 'offer');
    assert.equal(sent[0]?.personalisation.link, `https://pakalpojumi.example/services/${benefit.slug}`);
    assert.equal(sent[0]?.personalisation.service, benefit.title.lv);
    assert.match(sent[0]?.personalisation.number ?? '', /^\d{4}-\d{6}$/);

    // The relay delivers again (a crash before it marked them published): nothing more.
    assert.equal(await relay(), 0);
    assert.equal((await sentOffers()).length, 1);

    // A second birth registered for Jānis: the rule already fired for him.
    await applications.ingestBatch(riga, [
      { eventId: 'dz-4', externalId: 'DZ-2026-2', applicant: JANIS, serviceId: birthRegistration.id, code: 'received' },
      { eventId: 'dz-5', externalId: 'DZ-2026-2', code: 'decided' },
    ]);
    assert.equal(await relay(), 0);

    assert.deepEqual((await offers.received(JANIS)).map((offer) => [offer.serviceId, offer.rule]), [[benefit.id, 'birth-registered-child-benefit']]);
    assert.deepEqual(await offers.received(ANNA), []);
    assert.deepEqual(await offers.received(PETERIS), []);
  });

  test('the offer reaches a company applicant nobody; foreign topics and malformed payloads make nothing', async () => {
    const birthRegistration = await service('dzimsanas-registracija');
    const before = (await sentOffers()).length;
    assert.equal(await offers.handleEvent('applications.status_changed', { applicationId: 'x', serviceId: birthRegistration.id, applicant: '40003012340', code: 'decided' }), 0);
    assert.equal(await offers.handleEvent('applications.status_changed', { serviceId: 42, applicant: null }), 0);
    assert.equal(await offers.handleEvent('mandates.granted', { applicant: ANNA }), 0);
    assert.equal(await offers.handleEvent('catalog.service_published', { serviceId: 'not-a-uuid' }), 0);
    assert.equal((await sentOffers()).length, before);
  });

  test('a service newly published in a life event is offered to that event’s earlier subscribers, once', async () => {
    const template = await service('berna-piedzimsanas-pabalsts');
    const vsaa = await catalog.getInstitution('vsaa');
    // Pēteris follows "birth" too, and Jānis follows nothing.
    await offers.subscribe(PETERIS, 'event', 'birth');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { id: _id, slug: _slug, identifier: _identifier, institutionId: _institution, status: _status, version: _version, createdAt: _c, updatedAt: _u, publishedAt: _p, ...content } = template;
    const fresh = await catalog.importService(vsaa.id, { ...content, slug: 'jauna-pabalsta-pieteiksana', identifier: 'VSAA-099', events: ['birth'] }, 'published');

    assert.equal(await offers.scanPublished(), 2);
    const published = (await sentOffers()).filter((row) => row.service_id === fresh.id);
    assert.deepEqual(published.map((row) => row.personal_code).sort(), [PETERIS, ANNA].sort());
    // The event that announces it, and later scans, offer nothing more.
    assert.equal(await offers.handleEvent('catalog.service_published', { serviceId: fresh.id }), 0);
    assert.equal(await offers.scanPublished(), 0);
    assert.equal((await offers.received(JANIS)).filter((offer) => offer.serviceId === fresh.id).length, 0);
  });

  test('subscriptions name real events and published services', async () => {
    await offers.setEvents(JANIS, ['birth', 'start-business']);
    const benefit = await service('berna-piedzimsanas-pabalsts');
    await offers.subscribe(JANIS, 'service', benefit.id);
    assert.deepEqual((await offers.subscriptions(JANIS)).map((s) => `${s.kind}:${s.topic}`).sort(), ['event:birth', 'event:start-business', `service:${benefit.id}`].sort());
    await offers.setEvents(JANIS, ['education']);
    await offers.unsubscribe(JANIS, 'service', benefit.id);
    assert.deepEqual((await offers.subscriptions(JANIS)).map((s) => `${s.kind}:${s.topic}`), ['event:education']);
    for (const attempt of [() => offers.subscribe(JANIS, 'event', 'no-such-event'), () => offers.subscribe(JANIS, 'service', '00000000-0000-4000-8000-000000000000'), () => offers.setEvents(JANIS, ['Birth!'])]) {
      await assert.rejects(attempt(), (error: unknown) => error instanceof AppError && error.kind === 'not_found');
    }
    await assert.rejects(offers.subscribe('123', 'event', 'birth'), (error: unknown) => error instanceof AppError && error.code === 'offers.invalid-personal-code');
  });
});
