/**
 * Participation over HTTP on the real platform with its demo data, without
 * JavaScript (a plain HTTP client that keeps cookies and reads forms):
 * - "No" on a service page with a comment holding a personal code stores it
 *   masked with the page's path, and PMLP's service manager sees it (page and CSV);
 * - Jānis rates his decided application once from the workspace; a second
 *   rating and Anna's rating of his application are refused;
 * - an idea gets two supporters, one vote each; PMLP marks it planned; its
 *   author sees the state in her workspace;
 * - public page visits are counted per day, path, country and device;
 * - the performance JSON and CSV of a service count applications registered
 *   here (on time and late), agree with each other and suppress cells under 5;
 *   the HTML page shows the same figures; the API is in /openapi.json.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCatalog, type Service } from '../catalog/index.js';
import { createParticipation, type Participation } from './index.js';
import { eventually, expectJson } from '../../../test/support/http.js';
import { csrfOf, decodeHtml, formOf, signedIn, startTestPlatform, submitForm, TestBrowser, type TestPlatform } from '../../../test/support/platform.js';
import { applyAsJanis } from '../../../test/support/journeys.js';
import { accessTokenFor, demoRp, institutionToken } from '../../../test/support/sso.js';

const RESIDENCE = 'dzivesvietas-deklaresana';

let platform: TestPlatform;
let participation: Participation;
let institution: string;

before(async () => {
  platform = await startTestPlatform({ env: { VISIT_COUNTRY_HEADER: 'X-Country' } });
  participation = createParticipation(platform.database.db);
  institution = await institutionToken(platform, 'applications.read applications.write');
});
after(async () => platform?.close());

async function service(slug: string): Promise<Service> {
  const found = await createCatalog(platform.database.db).lookup(slug);
  assert.equal(found.kind, 'found');
  return (found as { service: Service }).service;
}

const postStatus = async (id: string, code: string, eventId: string): Promise<void> => {
  const response = await fetch(`${platform.url}/api/v1/applications/${id}/status`, {
    method: 'POST',
    headers: { authorization: `Bearer ${institution}`, 'content-type': 'application/json' },
    body: JSON.stringify({ code, eventId }),
  });
  assert.ok(response.status < 300, `${code}: ${response.status} ${await response.text()}`);
};

describe('page feedback without JavaScript', () => {
  test('"No" with a comment holding a personal code: stored masked with the page’s path; PMLP’s manager sees it', async () => {
    const visitor = new TestBrowser(platform.url);
    const page = `/services/${RESIDENCE}`;
    const html = await (await visitor.request(`${page}?from=search`)).text();
    const form = formOf(html, '/feedback');
    assert.equal(form.action, '/feedback');
    assert.equal(form.fields.page, page, 'the form names the page without its query string');
    assert.match(html, /Vai šī lapa bija noderīga\?/);

    const no = await visitor.request('/feedback', { form: { page: form.fields.page ?? '', useful: 'no' }, headers: { 'user-agent': 'Mozilla/5.0 (iPhone) Mobile' } });
    assert.equal(no.status, 303);
    const next = no.headers.get('location') ?? '';
    assert.match(next, /^\/feedback\/comment\?page=%2Fservices%2Fdzivesvietas-deklaresana&key=[A-Za-z0-9_-]{32}$/);
    const commentPage = await (await visitor.request(next)).text();
    assert.match(commentPage, /Kas nebija kārtībā\?/);
    const commentForm = formOf(commentPage, '/feedback/comment');
    // An empty comment is shown again with an error summary.
    const empty = await visitor.request('/feedback/comment', { form: { ...commentForm.fields, comment: '  ' } });
    assert.equal(empty.status, 400);
    assert.match(await empty.text(), /govuk-error-summary[\s\S]*href="#comment"/);
    const sent = await visitor.request('/feedback/comment', { form: { ...commentForm.fields, comment: 'Neatradu veidlapu. Mans personas kods ir 120379-12345, zvaniet 26123456.' } });
    assert.equal(sent.status, 303);
    assert.equal(sent.headers.get('location'), `/feedback/thanks?page=${encodeURIComponent(page)}`);
    const thanks = await (await visitor.request(sent.headers.get('location') ?? '')).text();
    assert.match(thanks, /Paldies par atsauksmi/);
    assert.match(thanks, new RegExp(`href="${page}"`));
    // The key works once.
    assert.equal((await visitor.request('/feedback/comment', { form: { ...commentForm.fields, comment: 'vēlreiz' } })).status, 409);

    const residence = await service(RESIDENCE);
    const stored = (await participation.feedbackFor({ institutionIds: [residence.institutionId], withComment: true })).find((row) => row.comment?.startsWith('Neatradu veidlapu'));
    assert.deepEqual(
      { path: stored?.path, lang: stored?.lang, device: stored?.device, useful: stored?.useful, serviceId: stored?.serviceId, comment: stored?.comment },
      { path: page, lang: 'lv', device: 'mobile', useful: false, serviceId: residence.id, comment: 'Neatradu veidlapu. Mans personas kods ir [personas kods], zvaniet [tālrunis].' },
    );

    const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/participation');
    const consolePage = decodeHtml(await (await ilze.request(`/console/participation?service=${residence.id}&answer=no`)).text());
    assert.match(consolePage, /Mans personas kods ir \[personas kods\], zvaniet \[tālrunis\]/);
    assert.doesNotMatch(consolePage, /120379-12345/);
    const csv = await ilze.request(`/console/participation/feedback.csv?service=${residence.id}`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const csvText = await csv.text();
    assert.match(csvText, /"\/services\/dzivesvietas-deklaresana","lv","no","Neatradu veidlapu\. Mans personas kods ir \[personas kods\]/);
    // The platform's administrator reads every institution's: services to filter by once an institution is chosen
    // (or named by a service in the link), never the whole register in one list.
    const roberts = await signedIn(platform, 'Roberts Liepa', '/console/participation');
    const all = await (await roberts.request('/console/participation')).text();
    assert.match(all, /<select[^>]*name="institution"/);
    assert.doesNotMatch(all, /<select[^>]*name="service"/);
    assert.match(decodeHtml(all), /Mans personas kods ir \[personas kods\]/, 'all institutions’ feedback, with its service named');
    const choices = (html: string): string[] => [...(/<select[^>]*name="service"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '').matchAll(/value="([^"]*)"/g)].map((match) => match[1] as string).filter(Boolean);
    const pmlpServices = (await createCatalog(platform.database.db).listAllPublished()).filter((item) => item.institutionId === residence.institutionId).map((item) => item.id);
    assert.deepEqual(choices(await (await roberts.request(`/console/participation?institution=${residence.institutionId}`)).text()).sort(), [...pmlpServices].sort());
    const linked = await (await roberts.request(`/console/participation?service=${residence.id}&answer=no`)).text();
    assert.match(linked, new RegExp(`<option value="${residence.id}" selected`), 'a link naming a service chooses it and its institution');
    assert.match(decodeHtml(linked), /Mans personas kods ir \[personas kods\]/);
    // Anna holds no staff role: no console page for her.
    const anna = await signedIn(platform, 'Anna Kalniņa', '/workspace');
    assert.equal((await anna.request('/console/participation')).status, 403);
  });

  test('"Yes" in English thanks in English; a cross-site post and a malformed one are refused', async () => {
    const visitor = new TestBrowser(platform.url);
    const html = await (await visitor.request('/en/')).text();
    const form = formOf(html, '/en/feedback');
    assert.equal(form.fields.page, '/en/');
    const yes = await visitor.request('/en/feedback', { form: { page: '/en/', useful: 'yes' } });
    assert.equal(yes.status, 303);
    assert.equal(yes.headers.get('location'), '/en/feedback/thanks?page=%2Fen%2F');
    assert.match(await (await visitor.request('/en/feedback/thanks?page=%2Fen%2F')).text(), /Thank you for your feedback/);
    assert.equal((await visitor.request('/feedback', { form: { page: '/', useful: 'no' }, headers: { origin: 'https://elsewhere.example' } })).status, 403);
    assert.equal((await visitor.request('/feedback', { form: { page: '/', useful: 'no' }, headers: { 'sec-fetch-site': 'cross-site' } })).status, 403);
    assert.equal((await visitor.request('/feedback', { form: { page: 'https://elsewhere.example/', useful: 'no' } })).status, 400);
    assert.equal((await visitor.request('/feedback', { form: { page: '/', useful: 'maybe' } })).status, 400);
    // A return address of another site is never offered.
    assert.doesNotMatch(await (await visitor.request('/feedback/thanks?page=%2F%2Felsewhere.example')).text(), /elsewhere/);
  });
});

describe('rating a service after its result', () => {
  test('Jānis rates his decided application once; a second rating and Anna’s are refused', async () => {
    const residence = await service(RESIDENCE);
    const janisToken = await accessTokenFor(platform, await demoRp(platform), 'Jānis Bērziņš');
    const receipt = await applyAsJanis(platform, janisToken, residence.id);
    const janis = await signedIn(platform, 'Jānis Bērziņš', '/workspace');
    const page = `/workspace/rate/${receipt.number}`;
    await eventually(() => participation.rateable({ personalCode: '150685-12347' }, receipt.number).catch(() => undefined), (found) => found !== undefined, 'the application reaches participation');
    assert.match(await (await janis.request(page)).text(), /id="not-yet"/, 'not before the result');
    assert.doesNotMatch(await (await janis.request(`/workspace/applications/${receipt.number}`)).text(), /id="rating"/);

    await postStatus(receipt.applicationId, 'decided', `pt-decide-${receipt.number}`);
    await eventually(() => participation.rateable({ personalCode: '150685-12347' }, receipt.number), (found) => found.rateable, 'the decision reaches participation');
    const application = await (await janis.request(`/workspace/applications/${receipt.number}`)).text();
    assert.match(application, new RegExp(`id="rating"[\\s\\S]*href="${page}"`), 'the application page links to the rating');

    // A rating outside 1–5 is shown again with an error.
    const wrong = await submitForm(janis, page, page, { score: '9' });
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /href="#score"/);
    const rated = await submitForm(janis, page, page, [['score', '5'], ['ease', 'easy'], ['comment', 'Ērti. E-pasts janis.berzins@example.com']]);
    assert.equal(rated.status, 303);
    assert.equal(rated.headers.get('location'), `${page}?done=rated`);
    assert.match(await (await janis.request(`${page}?done=rated`)).text(), /Paldies! Jūsu vērtējums ir saņemts\.[\s\S]*id="rated"/);
    const rating = await participation.rateable({ personalCode: '150685-12347' }, receipt.number);
    assert.deepEqual({ score: rating.rating?.score, ease: rating.rating?.ease, comment: rating.rating?.comment }, { score: 5, ease: 'easy', comment: 'Ērti. E-pasts [e-pasts]' });

    // A second rating: the page no longer offers the form, and a replayed post is refused.
    const html = await (await janis.request(page)).text();
    assert.doesNotMatch(html, /name="score"/);
    const token = csrfOf(await (await janis.request('/workspace/offers')).text());
    assert.ok(token);
    const again = await janis.request(page, { form: { _csrf: token, score: '1' } });
    assert.equal(again.status, 409);
    assert.equal((await participation.rateable({ personalCode: '150685-12347' }, receipt.number)).rating?.score, 5);

    // Anna may not see or rate Jānis's application.
    const anna = await signedIn(platform, 'Anna Kalniņa', '/workspace');
    assert.equal((await anna.request(page)).status, 404);
    const annaToken = csrfOf(await (await anna.request('/workspace/offers')).text());
    assert.ok(annaToken);
    assert.equal((await anna.request(page, { form: { _csrf: annaToken, score: '1' } })).status, 404);
    assert.equal((await participation.ratingsFor({ institutionIds: [residence.institutionId], serviceId: residence.id })).length, 1);

    // The manager sees the rating, masked.
    const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/participation');
    assert.match(decodeHtml(await (await ilze.request('/console/participation')).text()), /Ērti\. E-pasts \[e-pasts\]/);
    assert.match(await (await ilze.request('/console/participation/ratings.csv')).text(), /"5","easy","Ērti\. E-pasts \[e-pasts\]"/);
  });
});

describe('public performance: open data and page', () => {
  test('JSON and CSV of a service count applications registered here, agree, and suppress cells under 5', async () => {
    const residence = await service(RESIDENCE);
    const others = (await createCatalog(platform.database.db).listAllPublished()).filter((candidate) => candidate.institutionId === residence.institutionId && candidate.id !== residence.id);
    const target = others[0];
    assert.ok(target, 'PMLP has another service');
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    const old = '2025-03-03T09:00:00.000Z';
    const events = [
      ...[1, 2, 3, 4, 5, 6].flatMap((n) => [
        { eventId: `pt-http-${n}a`, externalId: `PT-HTTP-${n}`, applicant: '230390-11113', serviceId: target.id, code: 'received', occurredAt: recent, submittedAt: recent },
        { eventId: `pt-http-${n}b`, externalId: `PT-HTTP-${n}`, code: 'decided' },
      ]),
      ...[7, 8].flatMap((n) => [
        { eventId: `pt-http-${n}a`, externalId: `PT-HTTP-${n}`, applicant: '230390-11113', serviceId: target.id, code: 'received', occurredAt: old, submittedAt: old },
        { eventId: `pt-http-${n}b`, externalId: `PT-HTTP-${n}`, code: 'decided' },
      ]),
    ];
    const batch = await expjson(
      await fetch(`${platform.url}/api/v1/status-events`, { method: 'POST', headers: { authorization: `Bearer ${institution}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) }),
    );
    assert.equal(batch.applied, 16, JSON.stringify(batch).slice(0, 500));

    const url = `/api/v1/participation/services/${target.slug}/performance`;
    interface Row {
      month: string;
      applications: number | null;
      decided: number | null;
      decidedOnTime: number | null;
      onTimeShare: number | null;
      suppressed: string[];
      [figure: string]: unknown;
    }
    interface Reply {
      dataset: { title: { lv: string; en: string }; description: { en: string }; publisher: { identifier: string }; license: string; temporal: { startDate: string; endDate: string } | null; distribution: { mediaType: string; accessURL: string }[] };
      subject: { id: string };
      suppressBelow: number;
      months: Row[];
      total: Row;
    }
    const json = await eventually(
      async () => expectJson<Reply>(await fetch(`${platform.url}${url}`)),
      (reply) => reply.total.decided === 8,
      'the decisions reach the figures',
    );
    assert.equal(json.subject.id, target.id);
    assert.equal(json.dataset.publisher.identifier, 'pmlp');
    assert.match(json.dataset.license, /^https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/$/);
    assert.equal(json.dataset.temporal?.startDate, '2025-03-01');
    assert.ok(json.dataset.distribution.some((item) => item.mediaType === 'text/csv' && item.accessURL === `${platform.url}${url}.csv`));
    assert.equal(json.suppressBelow, 5);
    assert.equal((json as unknown as { informationQuality: { max: number } }).informationQuality.max, 9);
    const march = json.months.find((row) => row.month === '2025-03');
    assert.deepEqual({ applications: march?.applications, decided: march?.decided }, { applications: null, decided: null }, 'two late applications: suppressed');
    assert.ok(march?.suppressed.includes('applications'));
    assert.deepEqual(
      { applications: json.total.applications, decided: json.total.decided, onTime: json.total.decidedOnTime, share: json.total.onTimeShare },
      { applications: 8, decided: 8, onTime: 6, share: 0.75 },
    );

    const csvResponse = await fetch(`${platform.url}${url}.csv`);
    assert.equal(csvResponse.status, 200);
    assert.match(csvResponse.headers.get('content-type') ?? '', /^text\/csv/);
    const [header = '', ...lines] = (await csvResponse.text()).trim().split('\r\n');
    const columns = header.split(',');
    assert.equal(columns[0], 'month');
    const rows = [...json.months, json.total];
    assert.equal(lines.length, rows.length);
    // Every cell of the CSV is the JSON's: the value, [c] when suppressed, empty when there is none.
    lines.forEach((line, index) => {
      const row = rows[index] as Row;
      const cells = line.split(',');
      assert.equal(cells[0], row.month);
      columns.slice(1).forEach((figure, at) => {
        const expected = row.suppressed.includes(figure) ? '[c]' : row[figure] === null ? '' : String(row[figure]);
        assert.equal(cells[at + 1], expected, `${row.month} ${figure}`);
      });
    });
    assert.match(lines.find((line) => line.startsWith('2025-03')) ?? '', /^2025-03,\[c\],\[c\],/);

    // The page shows the same figures in its table, with the chart.
    const html = await (await fetch(`${platform.url}/performance/services/${target.slug}`)).text();
    assert.match(html, /<svg[^>]*role="img"[^>]*aria-labelledby="chart-title chart-desc"/);
    assert.match(html, /id="quality"[\s\S]*no 9 ziņām/);
    assert.match(html, /data-month="total"[\s\S]*?data-figure="applications"[^>]*>8<[\s\S]*?data-figure="decidedOnTime"[^>]*>6</);
    assert.match(html, /data-month="2025-03"[\s\S]*?data-figure="applications"[^>]*>mazāk par 5</);
    assert.equal((await fetch(`${platform.url}/en/performance/institutions/pmlp`)).status, 200);
    const national = await (await fetch(`${platform.url}/performance`)).text();
    assert.match(national, /id="institutions"[\s\S]*href="\/performance\/institutions\/pmlp"/);
    assert.match(national, /href="\/api\/v1\/participation\/performance\.csv"/, 'the national page links its open data');
    // A service page links to its figures and ideas (the page-end slot).
    assert.match(await (await fetch(`${platform.url}/services/${target.slug}`)).text(), new RegExp(`id="participation-links"[\\s\\S]*href="/performance/services/${target.slug}"[\\s\\S]*href="/ideas/services/${target.slug}"`));
    assert.equal((await fetch(`${platform.url}/performance/services/no-such-service`)).status, 404);
    assert.equal((await fetch(`${platform.url}/api/v1/participation/services/no-such-service/performance`)).status, 404);

    // The demo's year of figures for a VSAA service (DEMO mode).
    const demo = await expectJson<Reply>(await fetch(`${platform.url}/api/v1/participation/services/gimenes-valsts-pabalsts/performance`));
    assert.ok(demo.months.length >= 12);
    assert.ok((demo.total.applications ?? 0) > 48 && (demo.total.onTimeShare ?? 0) > 0);

    // The national overview as open data: JSON and CSV agree, and it counts at least this service's applications.
    const whole = await expectJson<Reply & { subject: { kind: string } }>(await fetch(`${platform.url}/api/v1/participation/performance`));
    assert.equal(whole.subject.kind, 'national');
    assert.ok((whole.total.applications ?? 0) >= 8, 'the nation counts at least the service’s applications');
    const wholeCsv = (await (await fetch(`${platform.url}/api/v1/participation/performance.csv`)).text()).trim().split('\r\n');
    const wholeColumns = wholeCsv[0]?.split(',') ?? [];
    const wholeTotal = wholeCsv.at(-1)?.split(',') ?? [];
    assert.equal(wholeTotal[0], whole.total.month);
    assert.equal(wholeTotal[wholeColumns.indexOf('applications')], String(whole.total.applications));

    const openapi = await expectJson<{ paths: Record<string, unknown> }>(await fetch(`${platform.url}/openapi.json`));
    for (const path of ['/api/v1/participation/performance', '/api/v1/participation/performance.csv', '/api/v1/participation/services/{ref}/performance', '/api/v1/participation/services/{ref}/performance.csv', '/api/v1/participation/institutions/{ref}/performance', '/api/v1/participation/institutions/{ref}/performance.csv']) {
      assert.ok(openapi.paths[path], `${path} is documented`);
    }
  });
});

describe('ideas without JavaScript', () => {
  test('Anna proposes an idea; Jānis and Pēteris support it once each; PMLP marks it planned; Anna sees the state', async () => {
    const anna = await signedIn(platform, 'Anna Kalniņa', '/workspace');
    const proposed = await submitForm(anna, `/workspace/ideas/new?service=${RESIDENCE}`, '/workspace/ideas/new', { service: RESIDENCE, title: 'Atgādinājums pirms termiņa', body: 'Nosūtiet atgādinājumu nedēļu pirms termiņa. Mans tālrunis +371 26123456.' });
    assert.equal(proposed.status, 303);
    assert.equal(proposed.headers.get('location'), '/workspace/ideas?done=proposed');
    const mine = await (await anna.request('/workspace/ideas?done=proposed')).text();
    const id = /data-idea="([0-9a-f-]{36})"/.exec(mine)?.[1] ?? '';
    assert.ok(id, 'Anna sees her idea');
    const list = decodeHtml(await (await fetch(`${platform.url}/ideas/services/${RESIDENCE}`)).text());
    assert.match(list, /Atgādinājums pirms termiņa[\s\S]*Mans tālrunis \[tālrunis\]\./);
    assert.doesNotMatch(list, /Anna|230390/);

    const page = `/workspace/ideas/${id}`;
    assert.match(await (await anna.request(page)).text(), /id="own"/, 'no support button on one’s own idea');
    for (const name of ['Jānis Bērziņš', 'Pēteris Ozols']) {
      const person = await signedIn(platform, name, '/workspace');
      const supported = await submitForm(person, page, `${page}/support`, {});
      assert.equal(supported.status, 303, name);
      const after = await (await person.request(`${page}?done=supported`)).text();
      assert.match(after, /id="supported"/);
      if (name === 'Jānis Bērziņš') {
        // A second vote (a replayed form) is refused and counts nothing.
        const token = csrfOf(await (await person.request('/workspace/offers')).text());
        assert.equal((await person.request(`${page}/support`, { form: { _csrf: token } })).status, 409);
      }
    }
    assert.equal((await participation.getIdea(id)).supporters, 2);

    const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/participation/ideas');
    const empty = await submitForm(ilze, '/console/participation/ideas', `/console/participation/ideas/${id}/state`, { [`state-${id}`]: 'planned', [`reason-${id}`]: '' });
    assert.equal(empty.status, 400, 'a state needs its reason');
    const saved = await submitForm(ilze, '/console/participation/ideas', `/console/participation/ideas/${id}/state`, { [`state-${id}`]: 'planned', [`reason-${id}`]: 'Ieviesīsim 2027. gada sākumā.' });
    assert.equal(saved.status, 303);
    const answered = decodeHtml(await (await anna.request('/workspace/ideas')).text());
    assert.match(answered, new RegExp(`data-idea="${id}"[\\s\\S]*Plānota[\\s\\S]*Ieviesīsim 2027\\. gada sākumā\\.`));
    const api = await expectJson<{ items: { id: string; state: string; supporters: number }[] }>(await fetch(`${platform.url}/api/v1/participation/services/${RESIDENCE}/ideas?order=supported`));
    const institutionList = await (await fetch(`${platform.url}/ideas/institutions/pmlp?order=supported`)).text();
    assert.match(institutionList, new RegExp(`data-idea="${id}"`));
    const item = api.items.find((candidate) => candidate.id === id);
    assert.deepEqual([item?.state, item?.supporters], ['planned', 2]);
  });
});

describe('page-visit statistics', () => {
  test('public pages are counted per day, path, country and device; no query string, no workspace page, nothing per person', async () => {
    const slug = 'pases-izsniegsana';
    const visitors: Record<string, string>[] = [{ 'x-country': 'lv', 'user-agent': 'Mozilla/5.0 (iPhone) Mobile' }, { 'x-country': 'EE' }, { 'x-country': 'not a country' }];
    for (const headers of visitors) {
      assert.equal((await fetch(`${platform.url}/services/${slug}?q=secret`, { headers: { accept: 'text/html', ...headers } })).status, 200);
    }
    const janis = await signedIn(platform, 'Jānis Bērziņš', '/workspace');
    assert.equal((await janis.request('/workspace')).status, 200);
    const day = new Date().toISOString().slice(0, 10);
    const countries = await eventually(
      () => participation.visitsBy('country', day, day),
      (rows) => (rows.find((row) => row.key === 'EE')?.visits ?? 0) >= 1,
      'the visits are written',
    );
    assert.ok((countries.find((row) => row.key === 'LV')?.visits ?? 0) >= 1);
    assert.ok((countries.find((row) => row.key === '--')?.visits ?? 0) >= 1);
    const pages = await participation.visitsBy('path', day, day, 1000);
    assert.ok((pages.find((row) => row.key === `/services/${slug}`)?.visits ?? 0) >= 3);
    assert.ok(pages.every((row) => !row.key.includes('?') && !row.key.startsWith('/workspace') && !row.key.startsWith('/console')));
    assert.ok(((await participation.visitsBy('device', day, day)).find((row) => row.key === 'mobile')?.visits ?? 0) >= 1);
    const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/participation/visits');
    assert.match(await (await ilze.request('/console/participation/visits')).text(), new RegExp(`id="visits-pages"[\\s\\S]*/services/${slug}`));
  });
});

async function expjson(response: Response): Promise<{ applied: number }> {
  return expectJson<{ applied: number }>(response);
}
