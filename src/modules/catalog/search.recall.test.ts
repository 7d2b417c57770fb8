/**
 * Recall of catalog search over the demo register: natural queries as people
 * type them (inflected, derived, without diacritics, with typos, synonyms and
 * service managers' keywords), each with the service expected near the top.
 * Served by the in-memory index (search.index.ts); one platform for the file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCatalog, createSearchingCatalog, type CatalogService, type SearchIndex } from './index.js';
import type { Principal } from '../../platform/http/auth.js';
import type { Audience, Lang } from './catalog.schemas.js';
import { fold } from './search.stem.js';
import { eventually, expectJson } from '../../../test/support/http.js';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';

let platform: TestPlatform;
let catalog: CatalogService;
let searchIndex: SearchIndex;

before(async () => {
  platform = await startTestPlatform({ demo: true });
  ({ catalog, searchIndex } = createSearchingCatalog(platform.database.db));
  await searchIndex.refresh();
});

after(async () => {
  await searchIndex.stop();
  await platform.close();
});

interface Case {
  q: string;
  lang: Lang;
  audience?: Audience;
  slug: string;
  /** the expected service is among the first `top` results */
  top: 3 | 5;
}

const CASES: Case[] = [
  // Latvian: inflected and derived forms
  { q: 'uzņēmuma reģistrēšana', lang: 'lv', audience: 'business', slug: 'sabiedribas-ar-ierobezotu-atbildibu-registracija', top: 3 },
  { q: 'uznemuma registresana', lang: 'lv', audience: 'business', slug: 'sabiedribas-ar-ierobezotu-atbildibu-registracija', top: 3 },
  { q: 'reģistrēt uzņēmumu', lang: 'lv', slug: 'sabiedribas-ar-ierobezotu-atbildibu-registracija', top: 5 },
  { q: 'firmas reģistrācija', lang: 'lv', slug: 'sabiedribas-ar-ierobezotu-atbildibu-registracija', top: 3 },
  { q: 'komersants', lang: 'lv', audience: 'business', slug: 'sabiedribas-ar-ierobezotu-atbildibu-registracija', top: 5 },
  { q: 'SIA dibināšana', lang: 'lv', slug: 'sabiedribas-ar-ierobezotu-atbildibu-registracija', top: 3 },
  { q: 'pvn', lang: 'lv', audience: 'business', slug: 'registracija-pvn-maksataju-registra', top: 3 },
  { q: 'pvn maksataja registracija', lang: 'lv', slug: 'registracija-pvn-maksataju-registra', top: 3 },
  { q: 'pase', lang: 'lv', slug: 'pases-izsniegsana', top: 3 },
  { q: 'pasi', lang: 'lv', audience: 'citizen', slug: 'pases-izsniegsana', top: 3 },
  { q: 'pases izsniegšana', lang: 'lv', slug: 'pases-izsniegsana', top: 3 },
  { q: 'bezdarbnieka pabalstu', lang: 'lv', slug: 'bezdarbnieka-pabalsts', top: 3 },
  { q: 'bezdarbnieku pabalsti', lang: 'lv', slug: 'bezdarbnieka-pabalsts', top: 3 },
  { q: 'dzimsanas registracija', lang: 'lv', slug: 'dzimsanas-registracija', top: 3 },
  { q: 'bērna dzimšanas reģistrēšana', lang: 'lv', slug: 'dzimsanas-registracija', top: 5 },
  { q: 'dzivesvietas deklaresana', lang: 'lv', slug: 'dzivesvietas-deklaresana', top: 3 },
  { q: 'deklarēt dzīvesvietu', lang: 'lv', slug: 'dzivesvietas-deklaresana', top: 3 },
  { q: 'vecuma pensija', lang: 'lv', slug: 'vecuma-pensijas-pieskirsana', top: 3 },
  { q: 'laulibas registresana', lang: 'lv', slug: 'laulibas-registracija', top: 3 },
  { q: 'buvatlauja', lang: 'lv', slug: 'buvatlaujas-sanemsana', top: 3 },
  { q: 'transportlidzekla registracija', lang: 'lv', slug: 'transportlidzekla-registracija', top: 3 },
  // Latvian: typos and unfinished words
  { q: 'bezdarbneika pabalts', lang: 'lv', slug: 'bezdarbnieka-pabalsts', top: 3 },
  { q: 'uzņēmuma reģistrac', lang: 'lv', slug: 'sabiedribas-ar-ierobezotu-atbildibu-registracija', top: 3 },
  { q: 'naturalizacjia', lang: 'lv', slug: 'latvijas-pilsonibas-iegusana-naturalizacijas-kartiba', top: 3 },
  { q: 'gimenes arst', lang: 'lv', slug: 'gimenes-arsta-izvele-un-maina', top: 3 },
  // English
  { q: 'passport', lang: 'en', slug: 'pases-izsniegsana', top: 3 },
  { q: 'pasport', lang: 'en', slug: 'pases-izsniegsana', top: 3 },
  { q: 'register a company', lang: 'en', audience: 'business', slug: 'sabiedribas-ar-ierobezotu-atbildibu-registracija', top: 3 },
  { q: 'company registration', lang: 'en', slug: 'sabiedribas-ar-ierobezotu-atbildibu-registracija', top: 3 },
  { q: 'VAT registration', lang: 'en', slug: 'registracija-pvn-maksataju-registra', top: 3 },
  { q: 'unemployment benefits', lang: 'en', slug: 'bezdarbnieka-pabalsts', top: 3 },
  { q: 'registering a birth', lang: 'en', slug: 'dzimsanas-registracija', top: 3 },
  { q: 'declare my address', lang: 'en', slug: 'dzivesvietas-deklaresana', top: 3 },
  { q: 'old age pension', lang: 'en', slug: 'vecuma-pensijas-pieskirsana', top: 3 },
  { q: 'building permit', lang: 'en', slug: 'buvatlaujas-sanemsana', top: 3 },
  { q: 'marriage registraton', lang: 'en', slug: 'laulibas-registracija', top: 3 },
  { q: 'choose family doctor', lang: 'en', slug: 'gimenes-arsta-izvele-un-maina', top: 3 },
];

describe('catalog search recall', () => {
  for (const item of CASES) {
    test(`${item.lang}${item.audience ? `/${item.audience}` : ''}: “${item.q}” finds ${item.slug} in the top ${item.top}`, async () => {
      const result = await catalog.search({ q: item.q, lang: item.lang, ...(item.audience ? { audience: item.audience } : {}), limit: item.top });
      const slugs = result.items.map((service) => service.slug);
      assert.ok(slugs.includes(item.slug), `got ${JSON.stringify(slugs)} of ${result.total}`);
    });
  }

  test('at least 30 queries are checked', () => {
    assert.ok(CASES.length >= 30);
  });
});

describe('hints across portals and languages', () => {
  const page = async (path: string): Promise<string> => {
    const response = await fetch(`${platform.url}${path}`);
    assert.equal(response.status, 200);
    return response.text();
  };

  test('“uzņēmuma reģistrēšana” finds company registration on the business portal', async () => {
    // The app builds its own index just after start; until then SQL answers (and misses this one).
    const reply = await eventually(
      async () => expectJson<{ items: { slug: string }[] }>(await fetch(`${platform.url}/api/v1/services?q=${encodeURIComponent('uzņēmuma reģistrēšana')}&audience=business&limit=3`)),
      (body) => body.items.length > 0,
      'the index answers',
      5_000,
    );
    assert.ok(reply.items.map((item) => item.slug).includes('sabiedribas-ar-ierobezotu-atbildibu-registracija'));
  });

  test('the citizen portal points “uzņēmuma reģistrēšana” and “PVN” to the business portal', async () => {
    for (const q of ['uzņēmuma reģistrēšana', 'PVN']) {
      const html = await page(`/search?q=${encodeURIComponent(q)}&audience=citizen`);
      assert.match(html, /id="elsewhere-heading"/);
      const wanted = `/search?${new URLSearchParams({ q, audience: 'business' }).toString()}`;
      assert.ok(html.replaceAll('&amp;', '&').includes(`href="${wanted}"`), `no business link for ${q}`);
    }
    const api = await expectJson<{ total: number; elsewhere?: { audience?: { audience: string; total: number } } }>(await fetch(`${platform.url}/api/v1/services?q=PVN&audience=citizen`));
    assert.equal(api.total, 0);
    assert.equal(api.elsewhere?.audience?.audience, 'business');
    assert.ok((api.elsewhere?.audience?.total ?? 0) >= 1);
  });

  test('“passport” on the Latvian portal points to the English results, and back', async () => {
    const lv = await page('/search?q=passport');
    assert.ok(lv.includes('href="/en/search?q=passport"'), 'no English link');
    const en = await page('/en/search?q=pase');
    assert.ok(en.includes('href="/search?q=pase"'), 'no Latvian link');
  });

  test('a query with enough results shows no hint', async () => {
    const html = await page('/search?q=pabalsts&audience=citizen');
    assert.doesNotMatch(html, /id="elsewhere-heading"/);
  });
});

describe('listings', () => {
  test('listings (no text) and the services per life event come from the index as SQL gives them, by title', async () => {
    // A catalog without an index asks SQL, as a cold start does.
    const sqlCatalog = createCatalog(platform.database.db);
    const events = await sqlCatalog.listEvents();
    const institutions = await sqlCatalog.listInstitutions();
    const asked = [
      { lang: 'lv' as const, audience: 'citizen' as const, limit: 100 },
      { lang: 'en' as const, audience: 'business' as const, limit: 100 },
      { lang: 'lv' as const, event: events[0]?.code, limit: 100 },
      { lang: 'en' as const, institution: institutions[0]?.code, online: true, limit: 100 },
      { lang: 'lv' as const, limit: 5, offset: 5 },
    ];
    for (const params of asked) {
      const [indexed, fromSql] = await Promise.all([catalog.search(params), sqlCatalog.search(params)]);
      const label = JSON.stringify(params);
      assert.equal(indexed.total, fromSql.total, `${label}: the same total`);
      const titles = indexed.items.map((service) => fold(service.title[params.lang]));
      assert.deepEqual(titles, [...titles].sort(), `${label}: by title`);
      if (params.limit === 100) assert.deepEqual(indexed.items.map((service) => service.id).sort(), fromSql.items.map((service) => service.id).sort(), `${label}: the same services`);
    }
    assert.ok((await catalog.search({ lang: 'lv', limit: 100 })).total >= 10, 'the demo register is listed');
    assert.deepEqual(
      (await catalog.listEvents()).map((event) => [event.code, event.serviceCount]),
      events.map((event) => [event.code, event.serviceCount]),
    );
    assert.ok(events.some((event) => event.serviceCount > 0));
    // A life event imported through this catalog is listed at once, as SQL has it.
    const first = events[0]!;
    const { serviceCount: _count, ...stored } = first;
    await catalog.importEvent({ ...stored, label: { ...stored.label, en: `${stored.label.en} (renamed)` } });
    try {
      assert.equal((await catalog.listEvents()).find((event) => event.code === first.code)?.label.en, `${stored.label.en} (renamed)`);
      assert.equal((await catalog.getEvent(first.code)).label.en, `${stored.label.en} (renamed)`);
    } finally {
      await catalog.importEvent(stored);
    }
    assert.equal((await catalog.getEvent(first.code)).label.en, stored.label.en);
  });
});

describe('freshness', () => {
  test('an edit made elsewhere (another instance) is found by this one within a second', async () => {
    // This instance's index polls the register; the edit goes through a catalog without an index, as another instance's would.
    const other = createCatalog(platform.database.db);
    const admin: Principal = { subject: 'person:recall-admin', kind: 'person', via: 'session', roles: [{ role: 'platform_admin' }], scopes: [] };
    const lookup = await other.lookup('pases-izsniegsana');
    assert.equal(lookup.kind, 'found');
    const passports = lookup.service;
    await searchIndex.start(100);
    // Asked twice before the edit: the API keeps that empty answer, and must drop it when the index changes.
    const api = async (): Promise<{ total: number; items: { slug: string }[] }> => expectJson(await fetch(`${platform.url}/api/v1/services?q=zilonkaula`));
    assert.equal((await api()).total, 0);
    assert.equal((await api()).total, 0);
    const { slug: _slug, id: _id, institutionId: _institution, status: _status, version: _version, createdAt: _created, updatedAt: _updated, publishedAt: _published, ...content } = passports;
    await other.update(admin, passports.id, { ...content, identifier: passports.identifier, keywords: { lv: [...(content.keywords?.lv ?? []), 'zilonkauls'], en: content.keywords?.en ?? [] } }, passports.version);
    const found = await eventually(
      () => catalog.search({ q: 'ziloņkauls', limit: 3 }),
      (result) => result.items.some((service) => service.slug === 'pases-izsniegsana'),
      'the new keyword is found',
      1_000,
    );
    assert.equal(found.total, 1);
    // The app's own index (500 ms poll) and its cached replies follow too.
    const reply = await eventually(api, (body) => body.total === 1, 'the API finds the new keyword', 1_500);
    assert.equal(reply.items[0]?.slug, 'pases-izsniegsana');
  });
});
