/** The register's rules, tested against a real database without HTTP. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../test/support/database.js';
import type { Principal } from '../../platform/http/auth.js';
import { AppError } from '../../platform/errors.js';
import { createCatalog, createSearchingCatalog, type CatalogService, type Institution, type ServiceContent } from './index.js';
import { serviceContent } from './catalog.fixtures.js';
import { buildSearchTerms, fold, slugify, stemLatvian } from './catalog.service.js';

const text = (lv: string, en: string) => ({ lv, en });

function content(overrides: Partial<ServiceContent> = {}): ServiceContent {
  return serviceContent({
    title: text('Bērna dzimšanas reģistrācija', 'Registration of a child’s birth'),
    description: text('Reģistrē bērna dzimšanu dzimtsarakstu nodaļā.', 'Registers the birth of a child at a registry office.'),
    keywords: { lv: ['dzimšana', 'bērns'], en: ['birth', 'baby'] },
    events: ['birth'],
    channels: [{ type: 'online', url: 'https://example.lv/e-pakalpojums', processingTime: 'P1D' }],
    processingTime: 'P1D',
    ...overrides,
  });
}

const manager = (institutionId: string): Principal => ({
  subject: 'person:ilze',
  kind: 'person', via: 'session',
  roles: [{ role: 'service_manager', institutionId }],
  scopes: [],
});
const stranger: Principal = { subject: 'person:anna', kind: 'person', via: 'session', roles: [], scopes: [] };

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof AppError && error.code === code);
}

describe('catalog service', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let catalog: CatalogService;
  let pmlp: Institution;
  let vid: Institution;

  before(async () => {
    db = await openTestDatabase();
    catalog = createCatalog(db.db);
    await catalog.importEvent({ code: 'birth', kind: 'life', label: text('Bērna piedzimšana', 'Birth of a child'), description: text('Bērns', 'Child'), position: 1 });
    await catalog.importEvent({ code: 'taxes', kind: 'business', label: text('Nodokļi', 'Taxes'), description: text('Nodokļi', 'Taxes'), position: 1 });
    const contactPoint = { email: 'info@example.lv' };
    pmlp = await catalog.importInstitution({ code: 'pmlp', name: text('Pilsonības un migrācijas lietu pārvalde', 'Office of Citizenship and Migration Affairs'), shortName: text('PMLP', 'OCMA'), contactPoint });
    vid = await catalog.importInstitution({ code: 'vid', name: text('Valsts ieņēmumu dienests', 'State Revenue Service'), shortName: text('VID', 'SRS'), contactPoint });
    await catalog.importService(pmlp.id, { ...content(), slug: 'dzimsanas-registracija', identifier: 'PMLP-1' }, 'published');
    await catalog.importService(
      pmlp.id,
      { ...content({ title: text('Dzīvesvietas deklarēšana', 'Declaring the place of residence'), description: text('Paziņo savu adresi valstij.', 'Tell the state your address.'), events: [], channels: [], keywords: { lv: ['adrese'], en: ['address'] } }), slug: 'dzivesvietas-deklaresana', identifier: 'PMLP-2' },
      'published',
    );
    await catalog.importService(
      vid.id,
      { ...content({ title: text('PVN maksātāja reģistrācija', 'VAT registration'), description: text('Uzņēmums kļūst par nodokļa maksātāju.', 'A company becomes a taxpayer.'), audience: ['business'], events: ['taxes'], keywords: { lv: ['pievienotās vērtības nodoklis'], en: ['value added tax'] } }), slug: 'pvn-registracija', identifier: 'VID-1' },
      'published',
    );
    await catalog.importService(vid.id, { ...content({ title: text('Melnraksts', 'Draft service') }), slug: 'melnraksts', identifier: 'VID-2' }, 'draft');
  });
  after(async () => db.dispose());

  test('search ignores diacritics both ways and finds other inflections', async () => {
    const plain = await catalog.search({ q: 'dzimsanas' });
    const accented = await catalog.search({ q: 'dzimšanas' });
    assert.deepEqual(plain.items.map((s) => s.slug), ['dzimsanas-registracija']);
    assert.deepEqual(accented.items.map((s) => s.slug), plain.items.map((s) => s.slug));
    const otherForm = await catalog.search({ q: 'dzīvesvietu deklarēt' });
    assert.deepEqual(otherForm.items.map((s) => s.slug), ['dzivesvietas-deklaresana']);
  });

  test('search is prefix-friendly, works in English and never shows drafts', async () => {
    assert.deepEqual((await catalog.search({ q: 'dekl' })).items.map((s) => s.slug), ['dzivesvietas-deklaresana']);
    assert.deepEqual((await catalog.search({ q: 'registering vat', lang: 'en' })).items.map((s) => s.slug), ['pvn-registracija']);
    assert.deepEqual((await catalog.search({ q: 'value added', lang: 'en' })).items.map((s) => s.slug), ['pvn-registracija']);
    assert.equal((await catalog.search({ q: 'melnraksts' })).total, 0);
    assert.equal((await catalog.search({})).total, 3);
  });

  test('search finds a title with a typo and ranks the title match first', async () => {
    assert.equal((await catalog.search({ q: 'dzimsanass registracija' })).items[0]?.slug, 'dzimsanas-registracija');
    const byInstitution = await catalog.search({ q: 'pmlp' });
    assert.equal(byInstitution.total, 2);
  });

  test('filters by audience, event, institution and online channel; pages with a stable total', async () => {
    assert.deepEqual((await catalog.search({ audience: 'business' })).items.map((s) => s.slug), ['pvn-registracija']);
    assert.deepEqual((await catalog.search({ event: 'birth' })).items.map((s) => s.slug), ['dzimsanas-registracija']);
    assert.equal((await catalog.search({ institution: 'pmlp' })).total, 2);
    assert.equal((await catalog.search({ institution: vid.id })).total, 1);
    assert.equal((await catalog.search({ institution: 'nav-tadas' })).total, 0);
    assert.deepEqual((await catalog.search({ online: false })).items.map((s) => s.slug), ['dzivesvietas-deklaresana']);
    const page1 = await catalog.search({ limit: 2, offset: 0 });
    const page2 = await catalog.search({ limit: 2, offset: 2 });
    const beyond = await catalog.search({ limit: 2, offset: 50 });
    assert.equal(page1.items.length, 2);
    assert.equal(page2.items.length, 1);
    assert.deepEqual([page1.total, page2.total, beyond.total], [3, 3, 3]);
    assert.equal(new Set([...page1.items, ...page2.items].map((s) => s.id)).size, 3);
  });

  test('only service managers of the owning institution may edit', async () => {
    await rejectsWith(catalog.create(stranger, pmlp.id, content({ title: text('Jauns', 'New') })), 'catalog.not-service-manager');
    await rejectsWith(catalog.create(manager(vid.id), pmlp.id, content({ title: text('Jauns', 'New') })), 'catalog.not-service-manager');
    const draft = await catalog.create(manager(pmlp.id), pmlp.id, content({ title: text('Pases izsniegšana', 'Issuing a passport'), events: [] }));
    assert.equal(draft.status, 'draft');
    assert.equal(draft.slug, 'pases-izsniegsana');
    await rejectsWith(catalog.publish(manager(vid.id), draft.id), 'catalog.not-service-manager');
  });

  test('a title change gives a new slug; the old one still leads to the service (P7)', async () => {
    const created = await catalog.create(manager(pmlp.id), pmlp.id, content({ title: text('ID kartes izsniegšana', 'Issuing an ID card'), events: [] }));
    const published = await catalog.publish(manager(pmlp.id), created.id);
    assert.equal(published.status, 'published');
    assert.ok(published.publishedAt);
    const renamed = await catalog.update(manager(pmlp.id), created.id, content({ title: text('eID kartes izsniegšana', 'Issuing an eID card'), events: [] }), published.version);
    assert.equal(renamed.slug, 'eid-kartes-izsniegsana');
    assert.equal(renamed.version, published.version + 1);
    const old = await catalog.lookup('id-kartes-izsniegsana');
    assert.equal(old.kind, 'moved');
    assert.equal(old.kind === 'moved' && old.service.id, created.id);
    const history = await catalog.versions(manager(pmlp.id), created.id);
    assert.deepEqual(history.map((v) => [v.version, v.status, v.slug]), [
      [3, 'published', 'eid-kartes-izsniegsana'],
      [2, 'published', 'id-kartes-izsniegsana'],
      [1, 'draft', 'id-kartes-izsniegsana'],
    ]);
    // A stale edit is refused rather than silently overwriting the newer version.
    await rejectsWith(catalog.update(manager(pmlp.id), created.id, content({ events: [] }), published.version), 'catalog.version-conflict');
    // Renaming back reclaims the old slug: it stops redirecting.
    const back = await catalog.update(manager(pmlp.id), created.id, content({ title: text('ID kartes izsniegšana', 'Issuing an ID card'), events: [] }));
    assert.equal(back.slug, 'id-kartes-izsniegsana');
    assert.equal((await catalog.lookup('id-kartes-izsniegsana')).kind, 'found');
    assert.equal((await catalog.lookup('eid-kartes-izsniegsana')).kind, 'moved');
  });

  test('an institution’s published services: SQL’s before the index is built, the index’s after, the same ones', async () => {
    const slugs = async (from: CatalogService, institution: Institution): Promise<string[]> => (await from.listPublishedOf(institution.id)).map((service) => service.slug).sort();
    const [pmlpFromSql, vidFromSql] = [await slugs(catalog, pmlp), await slugs(catalog, vid)];
    assert.ok(pmlpFromSql.includes('dzimsanas-registracija') && pmlpFromSql.includes('dzivesvietas-deklaresana') && !pmlpFromSql.includes('pvn-registracija'), 'its own');
    assert.ok(vidFromSql.includes('pvn-registracija') && !vidFromSql.includes('melnraksts'), 'published ones only');
    const { catalog: searching, searchIndex } = createSearchingCatalog(db.db);
    await searchIndex.start(60_000);
    try {
      assert.deepEqual([await slugs(searching, pmlp), await slugs(searching, vid)], [pmlpFromSql, vidFromSql]);
    } finally {
      await searchIndex.stop();
    }
  });

  test('withdrawing takes a service out of the catalog; invalid transitions are refused', async () => {
    const created = await catalog.create(manager(vid.id), vid.id, content({ title: text('Mikrouzņēmumu nodoklis', 'Micro-enterprise tax'), audience: ['business'], events: ['taxes'] }));
    await rejectsWith(catalog.withdraw(manager(vid.id), created.id), 'catalog.invalid-transition');
    await catalog.publish(manager(vid.id), created.id);
    assert.equal((await catalog.search({ q: 'mikrouznemumu' })).total, 1);
    await rejectsWith(catalog.publish(manager(vid.id), created.id), 'catalog.invalid-transition');
    await catalog.withdraw(manager(vid.id), created.id);
    assert.equal((await catalog.search({ q: 'mikrouznemumu' })).total, 0);
    assert.equal((await catalog.lookup(created.slug)).kind, 'missing');
    assert.equal((await catalog.lookup(created.slug, { includeUnpublished: true })).kind, 'found');
  });

  test('unknown events, taken slugs and identifiers are refused and change nothing', async () => {
    const before = await catalog.countServices();
    await rejectsWith(catalog.create(manager(pmlp.id), pmlp.id, content({ events: ['no-such-event'] })), 'catalog.unknown-event');
    await rejectsWith(catalog.create(manager(pmlp.id), pmlp.id, content({ slug: 'pvn-registracija' })), 'catalog.slug-taken');
    await rejectsWith(catalog.create(manager(pmlp.id), pmlp.id, content({ identifier: 'PMLP-1', title: text('Cits', 'Other') })), 'catalog.identifier-taken');
    await rejectsWith(catalog.update(manager(pmlp.id), '00000000-0000-4000-8000-000000000000', content()), 'catalog.service-not-found');
    assert.equal(await catalog.countServices(), before);
  });

  test('any text becomes a tsquery PostgreSQL accepts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60, unit: 'binary' }), fc.constantFrom('lv' as const, 'en' as const), async (q, lang) => {
        const terms = buildSearchTerms(q, lang);
        if (!terms) return;
        const config = lang === 'en' ? 'english' : 'simple';
        await sql`select to_tsquery(${config}::regconfig, ${terms.tsquery})`.execute(db.db);
        const result = await catalog.search({ q, lang, limit: 5 });
        // a page is the first `limit` of the `total` hits: consistent whatever the text
        assert.ok(Number.isInteger(result.total));
        assert.equal(result.items.length, Math.min(result.total, 5));
      }),
      { numRuns: 150 },
    );
  });
});

test('folding, stemming and slugs', () => {
  assert.equal(fold('Dzimšanas REĢISTRĀCIJA ķēžu'), 'dzimsanas registracija kezu');
  assert.equal(stemLatvian('dzimsanas'), 'dzimsan');
  assert.equal(stemLatvian('pase'), 'pase');
  assert.equal(slugify('Bērna dzimšanas reģistrācija!'), 'berna-dzimsanas-registracija');
  assert.equal(slugify('   '), '');
  assert.deepEqual(buildSearchTerms('  Dzimšanas & | ! reģ:*  ', 'lv'), { tsquery: 'dzimsan:* & reg:*', folded: 'dzimsanas reg' });
  assert.equal(buildSearchTerms('!!! ---', 'lv'), undefined);
});
