/**
 * CPSV-AP 3.2.0 export: the JSON-LD is turned into RDF offline and validated
 * against the official SHACL shapes (../shared/standards/cpsv-ap-3.2.0, or the
 * file named by CPSV_SHACL).
 *
 * Run: node --import ./scripts/ts-hooks.mjs --test src/modules/catalog/cpsv.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Quad } from 'n3';
import type { CatalogEvent, Institution, Service } from './catalog.schemas.js';
import { catalogToCpsv, eventIri, institutionIri, serviceIri, serviceToCpsv, toXsdDuration } from './catalog.cpsv.js';
import { formatViolations, jsonLdToQuads, validateCpsv } from './cpsv.validate.js';

const BASE = 'https://pakalpojumi.example.lv';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const CV = 'http://data.europa.eu/m8g/';
const DCT = 'http://purl.org/dc/terms/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

// ---------------------------------------------------------------- fixtures

const vid: Institution = {
  id: '0b6f7a52-3f0e-4d1c-9a51-6f1f3c2a9b01',
  code: 'vid',
  name: { lv: 'Valsts ieņēmumu dienests', en: 'State Revenue Service' },
  shortName: { lv: 'VID', en: 'SRS' },
  registrationNumber: '90000069281',
  homepage: 'https://www.vid.gov.lv',
  contactPoint: {
    email: 'vid@vid.gov.lv',
    phone: '+371 67120000',
    url: 'https://www.vid.gov.lv/lv/kontakti',
    address: { lv: 'Talejas iela 1, Rīga, LV-1978', en: 'Talejas iela 1, Riga, LV-1978, Latvia' },
    openingHours: { lv: 'P.–Pk. 8.15–17.00', en: 'Mon–Fri 8:15–17:00' },
  },
};

/** An institution with only the mandatory fields. */
const pmlp: Institution = {
  id: '5c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e',
  code: 'pmlp',
  name: { lv: 'Pilsonības un migrācijas lietu pārvalde', en: 'Office of Citizenship and Migration Affairs' },
  shortName: { lv: 'PMLP', en: 'OCMA' },
  contactPoint: {},
};

const events: CatalogEvent[] = [
  {
    code: 'starting-business',
    kind: 'business',
    label: { lv: 'Uzņēmējdarbības uzsākšana', en: 'Starting a business' },
    description: { lv: 'Pakalpojumi, kas nepieciešami, lai uzsāktu uzņēmējdarbību.', en: 'Services needed to start a business.' },
    position: 1,
  },
  {
    code: 'moving-house',
    kind: 'life',
    label: { lv: 'Dzīvesvietas maiņa', en: 'Moving house' },
    description: { lv: 'Pārcelšanās uz jaunu dzīvesvietu.', en: 'Moving to a new place of residence.' },
    position: 2,
  },
  {
    code: 'birth-of-child',
    kind: 'life',
    label: { lv: 'Bērna piedzimšana', en: 'Birth of a child' },
    description: { lv: 'Pakalpojumi pēc bērna piedzimšanas.', en: 'Services after the birth of a child.' },
    position: 1,
  },
];

const timestamps = { createdAt: '2025-01-10T09:00:00.000Z', updatedAt: '2025-03-02T12:30:00.000Z' };

/** Every field filled, all six channel types. */
const vatRegistration: Service = {
  id: '7e0c1a9d-2b3c-4d5e-8f60-718293a4b5c6',
  slug: 'pvn-maksataja-registracija',
  identifier: 'VID-PVN-01',
  institutionId: vid.id,
  status: 'published',
  version: 3,
  ...timestamps,
  publishedAt: '2025-03-02T12:30:00.000Z',
  title: { lv: 'Reģistrācija PVN maksātāju reģistrā', en: 'Registration in the VAT register' },
  description: {
    lv: 'Saimnieciskās darbības veicējs reģistrējas VID pievienotās vērtības nodokļa maksātāju reģistrā.',
    en: 'A business registers in the State Revenue Service register of value added tax payers.',
  },
  keywords: { lv: ['PVN', 'nodokļi'], en: ['VAT', 'taxes'] },
  audience: ['business', 'citizen'],
  events: ['starting-business', 'no-such-event'],
  channels: [
    {
      type: 'online',
      url: 'https://eds.vid.gov.lv',
      processingTime: 'P5D',
      description: { lv: 'Iesniegums Elektroniskās deklarēšanas sistēmā (EDS).', en: 'Application in the Electronic Declaration System (EDS).' },
    },
    {
      type: 'in_person',
      address: { lv: 'Talejas iela 1, Rīga', en: 'Talejas iela 1, Riga' },
      openingHours: { lv: 'P.–Pk. 8.15–17.00', en: 'Mon–Fri 8:15–17:00' },
      processingTime: 'P5D',
      url: 'https://www.vid.gov.lv/lv/klientu-apkalposanas-centri',
    },
    { type: 'phone', phone: '+371 67120000', openingHours: { lv: 'P.–Pk. 8.15–17.00', en: 'Mon–Fri 8:15–17:00' } },
    { type: 'e_address', description: { lv: 'Oficiālā e-adrese: VID', en: 'Official e-address: VID' } },
    { type: 'email', email: 'pvn@vid.gov.lv', processingTime: 'PT48H' },
    { type: 'post', address: { lv: 'Talejas iela 1, Rīga, LV-1978', en: 'Talejas iela 1, Riga, LV-1978' }, processingTime: 'P2W' },
  ],
  processingTime: 'P5D',
  costs: [
    { value: 0, currency: 'EUR', description: { lv: 'Reģistrācija ir bez maksas.', en: 'Registration is free of charge.' } },
    { value: 12.5, currency: 'EUR', description: { lv: 'Reģistrācijas apliecības dublikāts.', en: 'Duplicate of the registration certificate.' } },
  ],
  requirements: [
    { name: { lv: 'Reģistrēts saimnieciskās darbības veicējs', en: 'Registered business' }, description: { lv: 'UR vai VID reģistrā.', en: 'In the Register of Enterprises or the SRS register.' } },
    { name: { lv: 'Plānotais apgrozījums', en: 'Expected turnover' } },
  ],
  evidence: [{ name: { lv: 'Iesniegums', en: 'Application' }, description: { lv: 'Noteiktas formas iesniegums.', en: 'Application on the official form.' } }],
  outputs: [{ name: { lv: 'PVN maksātāja numurs', en: 'VAT number' }, description: { lv: 'Piešķirtais PVN numurs.', en: 'The VAT number assigned.' } }],
  steps: [{ name: { lv: 'Iesniedz iesniegumu', en: 'Submit the application' } }],
  legalBasis: [
    { title: { lv: 'Pievienotās vērtības nodokļa likums', en: 'Value Added Tax Law' }, url: 'https://likumi.lv/ta/id/253451' },
    { title: { lv: 'MK noteikumi Nr. 40', en: 'Cabinet Regulation No. 40' } },
  ],
  languages: ['lv', 'en', 'ru'],
  contactPoint: {
    email: 'pvn@vid.gov.lv',
    phone: '+371 67120000',
    url: 'https://www.vid.gov.lv/lv/pvn',
    address: { lv: 'Talejas iela 1, Rīga', en: 'Talejas iela 1, Riga' },
    openingHours: { lv: 'P.–Pk. 8.15–17.00', en: 'Mon–Fri 8:15–17:00' },
  },
};

/** A second service of the same institution, in the same event, on the same law. */
const selfEmployedRegistration: Service = {
  id: '8f1d2b0e-3c4d-4e5f-9a71-8293a4b5c6d7',
  slug: 'saimnieciskas-darbibas-registracija',
  identifier: 'VID-SDV-01',
  institutionId: vid.id,
  status: 'published',
  version: 1,
  ...timestamps,
  publishedAt: '2025-01-10T09:00:00.000Z',
  title: { lv: 'Saimnieciskās darbības veicēja reģistrācija', en: 'Registration as a self-employed person' },
  description: { lv: 'Fiziskās personas reģistrācija par saimnieciskās darbības veicēju.', en: 'Registration of a natural person as self-employed.' },
  audience: ['citizen'],
  events: ['starting-business'],
  channels: [{ type: 'online', url: 'https://eds.vid.gov.lv' }],
  costs: [],
  requirements: [],
  evidence: [],
  outputs: [],
  steps: [],
  legalBasis: [{ title: { lv: 'Pievienotās vērtības nodokļa likums', en: 'Value Added Tax Law' }, url: 'https://likumi.lv/ta/id/253451' }],
  languages: ['lv'],
};

/** Minimal: no channels, costs, events, keywords, contact point; a draft. */
const residenceDeclaration: Service = {
  id: '9a2e3c1f-4d5e-4f60-8b82-93a4b5c6d7e8',
  slug: 'dzivesvietas-deklaresana',
  identifier: 'PMLP-DZD',
  institutionId: pmlp.id,
  status: 'draft',
  version: 1,
  ...timestamps,
  publishedAt: null,
  title: { lv: 'Dzīvesvietas deklarēšana', en: 'Declaration of place of residence' },
  description: { lv: 'Deklarētās dzīvesvietas adreses reģistrēšana.', en: 'Registering the address of the declared place of residence.' },
  audience: ['citizen'],
  events: [],
  channels: [],
  costs: [],
  requirements: [],
  evidence: [],
  outputs: [],
  steps: [],
  legalBasis: [],
  languages: ['lv'],
};

const services = [vatRegistration, selfEmployedRegistration, residenceDeclaration];
const institutions = [vid, pmlp];

// ---------------------------------------------------------------- helpers

type GraphNode = { '@id': string; '@type': string[]; [key: string]: unknown };
const graphOf = (doc: Record<string, unknown>): GraphNode[] => doc['@graph'] as GraphNode[];
const clone = <T>(x: T): T => structuredClone(x);

async function assertConforms(doc: Record<string, unknown>, what: string): Promise<void> {
  const result = await validateCpsv(doc);
  assert.equal(result.conforms, true, `${what} does not conform to CPSV-AP 3.2.0:\n${formatViolations(result.violations)}`);
  assert.deepEqual(result.violations, []);
}

/** Every IRI used as an object (other than a class) is described and typed in the same graph. */
function assertSelfContained(quads: Quad[], what: string): void {
  const typed = new Set(quads.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.subject.value));
  const untyped = new Set<string>();
  for (const q of quads) {
    if (q.predicate.value === RDF_TYPE) continue;
    if (q.object.termType === 'NamedNode' && !typed.has(q.object.value)) untyped.add(`${q.predicate.value} → ${q.object.value}`);
    if (q.object.termType === 'BlankNode') untyped.add(`${q.predicate.value} → blank node`);
  }
  assert.deepEqual([...untyped], [], `${what}: referenced IRIs not typed in the graph`);
  for (const q of quads) assert.equal(q.graph.termType, 'DefaultGraph', `${what}: everything is in the default graph`);
}

const objectsOf = (quads: Quad[], subject: string, predicate: string): Quad['object'][] =>
  quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
const typesOf = (quads: Quad[], subject: string): string[] => objectsOf(quads, subject, RDF_TYPE).map((o) => o.value);

// ---------------------------------------------------------------- tests

test('a fully described service conforms to the CPSV-AP 3.2.0 shapes', async () => {
  const doc = serviceToCpsv(vatRegistration, vid, events, BASE);
  assert.equal(typeof doc['@context'], 'object', 'inline @context, no remote context');
  await assertConforms(doc, 'full service');

  const quads = await jsonLdToQuads(doc);
  assertSelfContained(quads, 'full service');
  const svc = serviceIri(BASE, vatRegistration.id);
  assert.deepEqual(typesOf(quads, svc), ['http://purl.org/vocab/cpsv#PublicService']);
  assert.deepEqual(
    objectsOf(quads, svc, `${DCT}title`).map((o) => [o.value, o.termType === 'Literal' ? o.language : '']).sort(),
    [
      ['Registration in the VAT register', 'en'],
      ['Reģistrācija PVN maksātāju reģistrā', 'lv'],
    ],
  );
  assert.deepEqual(objectsOf(quads, svc, `${CV}hasCompetentAuthority`).map((o) => o.value), [institutionIri(BASE, vid.id)]);
  assert.deepEqual(typesOf(quads, institutionIri(BASE, vid.id)).sort(), [`${CV}PublicOrganisation`, 'http://www.w3.org/ns/org#Organization']);
  assert.equal(objectsOf(quads, institutionIri(BASE, vid.id), `${SKOS}prefLabel`).length, 2);

  const [pt] = objectsOf(quads, svc, `${CV}processingTime`);
  assert.ok(pt && pt.termType === 'Literal');
  assert.equal(pt.value, 'P5D');
  assert.equal(pt.datatype.value, `${XSD}duration`);

  assert.deepEqual(
    objectsOf(quads, svc, `${DCT}language`).map((o) => o.value).sort(),
    ['ENG', 'LAV', 'RUS'].map((c) => `http://publications.europa.eu/resource/authority/language/${c}`),
  );
  const channels = objectsOf(quads, svc, `${CV}hasChannel`).map((o) => o.value).sort();
  assert.deepEqual(channels, [1, 2, 3, 4, 5, 6].map((i) => `${svc}#channel-${i}`));
  assert.equal(objectsOf(quads, svc, `${CV}hasCost`).length, 2);
  assert.equal(objectsOf(quads, svc, `${CV}holdsRequirement`).length, 2);
  assert.equal(objectsOf(quads, svc, 'http://purl.org/vocab/cpsv#hasInput').length, 1);
  assert.equal(objectsOf(quads, svc, 'http://purl.org/vocab/cpsv#produces').length, 1);
  assert.equal(objectsOf(quads, svc, `${CV}hasLegalResource`).length, 2);
  assert.equal(objectsOf(quads, svc, `${CV}contactPoint`).length, 1);
  assert.deepEqual(objectsOf(quads, svc, 'http://www.w3.org/ns/adms#status').map((o) => o.value), ['http://purl.org/adms/status/Completed']);

  // P2W is ISO 8601 but not xsd:duration: exported as days
  assert.deepEqual(objectsOf(quads, `${svc}#channel-6`, `${CV}processingTime`).map((o) => o.value), ['P14D']);

  const [value] = objectsOf(quads, `${svc}#cost-2`, `${CV}hasValue`);
  assert.ok(value && value.termType === 'Literal');
  assert.equal(value.datatype.value, `${XSD}double`);
  assert.equal(Number(value.value), 12.5);

  // the known event is linked both ways; the unknown code is dropped rather than left dangling
  const grouped = objectsOf(quads, svc, `${CV}isGroupedBy`).map((o) => o.value);
  assert.deepEqual(grouped, [eventIri(BASE, 'starting-business')]);
  assert.deepEqual(typesOf(quads, grouped[0]!).sort(), [`${CV}BusinessEvent`, `${CV}Event`]);
  assert.deepEqual(objectsOf(quads, grouped[0]!, `${CV}hasRelatedService`).map((o) => o.value), [svc]);
});

test('a minimal service (no channels, costs or events) conforms', async () => {
  const doc = serviceToCpsv(residenceDeclaration, pmlp, events, `${BASE}/`);
  await assertConforms(doc, 'minimal service');
  const quads = await jsonLdToQuads(doc);
  assertSelfContained(quads, 'minimal service');
  const svc = serviceIri(BASE, residenceDeclaration.id);
  assert.ok(svc.startsWith(`${BASE}/api/v1/services/`), 'trailing slash of baseUrl is ignored');
  assert.equal(objectsOf(quads, svc, `${CV}hasChannel`).length, 0);
  assert.equal(objectsOf(quads, svc, `${CV}hasCost`).length, 0);
  assert.equal(objectsOf(quads, svc, `${CV}isGroupedBy`).length, 0);
  assert.deepEqual(objectsOf(quads, svc, 'http://www.w3.org/ns/adms#status').map((o) => o.value), ['http://purl.org/adms/status/UnderDevelopment']);
  assert.equal(graphOf(doc).filter((n) => n['@type'].includes('cv:Event')).length, 0, 'only referenced events in a single-service document');
});

test('the catalog graph conforms, is self-contained and has each organisation and event once', async () => {
  const doc = catalogToCpsv(services, institutions, events, BASE);
  await assertConforms(doc, 'catalog');
  const quads = await jsonLdToQuads(doc);
  assertSelfContained(quads, 'catalog');

  const nodes = graphOf(doc);
  const ids = nodes.map((n) => n['@id']);
  assert.equal(new Set(ids).size, ids.length, 'every node appears once in @graph');

  const orgs = nodes.filter((n) => n['@type'].includes('cv:PublicOrganisation')).map((n) => n['@id']).sort();
  assert.deepEqual(orgs, institutions.map((i) => institutionIri(BASE, i.id)).sort());
  const evs = nodes.filter((n) => n['@type'].includes('cv:Event')).map((n) => n['@id']).sort();
  assert.deepEqual(evs, events.map((e) => eventIri(BASE, e.code)).sort());
  const svcs = nodes.filter((n) => n['@type'].includes('cpsv:PublicService')).map((n) => n['@id']).sort();
  assert.deepEqual(svcs, services.map((s) => serviceIri(BASE, s.id)).sort());

  // each organisation has a single identifier/prefLabel pair even though two services point to VID
  const vidIri = institutionIri(BASE, vid.id);
  assert.equal(objectsOf(quads, vidIri, `${DCT}identifier`).length, 1);
  assert.equal(objectsOf(quads, vidIri, `${SKOS}prefLabel`).length, 2);
  // the shared event lists both of its services; the shared law is one node
  assert.deepEqual(
    objectsOf(quads, eventIri(BASE, 'starting-business'), `${CV}hasRelatedService`).map((o) => o.value).sort(),
    [serviceIri(BASE, vatRegistration.id), serviceIri(BASE, selfEmployedRegistration.id)].sort(),
  );
  assert.equal(ids.filter((id) => id === 'https://likumi.lv/ta/id/253451').length, 1);
  assert.equal(objectsOf(quads, 'https://likumi.lv/ta/id/253451', `${DCT}title`).length, 2);
});

test('durations with weeks become xsd:duration days', () => {
  assert.equal(toXsdDuration('P2W'), 'P14D');
  assert.equal(toXsdDuration('P1W3DT4H'), 'P10DT4H');
  assert.equal(toXsdDuration('P1Y2W'), 'P1Y14D');
  assert.equal(toXsdDuration('P30D'), 'P30D');
  assert.equal(toXsdDuration('PT2H30M'), 'PT2H30M');
});

test('catalogToCpsv rejects a service whose institution is missing', () => {
  assert.throws(() => catalogToCpsv([vatRegistration], [pmlp], events, BASE), /unknown institution/);
});

test('the validator is not vacuous: broken documents do not conform', async () => {
  const svc = serviceIri(BASE, vatRegistration.id);
  const org = institutionIri(BASE, vid.id);
  const base = serviceToCpsv(vatRegistration, vid, events, BASE);
  const find = (doc: Record<string, unknown>, id: string): GraphNode => {
    const n = graphOf(doc).find((x) => x['@id'] === id);
    assert.ok(n, `node ${id}`);
    return n;
  };

  const cases: { name: string; focus: string; path: string; breakIt: (doc: Record<string, unknown>) => void }[] = [
    { name: 'service without dct:title', focus: svc, path: `${DCT}title`, breakIt: (d) => void delete find(d, svc)['dct:title'] },
    { name: 'service without competent authority', focus: svc, path: `${CV}hasCompetentAuthority`, breakIt: (d) => void delete find(d, svc)['cv:hasCompetentAuthority'] },
    { name: 'organisation without skos:prefLabel', focus: org, path: `${SKOS}prefLabel`, breakIt: (d) => void delete find(d, org)['skos:prefLabel'] },
    { name: 'organisation without dct:spatial', focus: org, path: `${DCT}spatial`, breakIt: (d) => void delete find(d, org)['dct:spatial'] },
    { name: 'title as a plain string', focus: svc, path: `${DCT}title`, breakIt: (d) => void (find(d, svc)['dct:title'] = [{ '@value': 'no language' }]) },
    {
      name: 'processing time not an xsd:duration',
      focus: svc,
      path: `${CV}processingTime`,
      breakIt: (d) => void (find(d, svc)['cv:processingTime'] = { '@value': '5 days' }),
    },
    {
      name: 'cost without identifier',
      focus: `${svc}#cost-1`,
      path: `${DCT}identifier`,
      breakIt: (d) => void delete find(d, `${svc}#cost-1`)['dct:identifier'],
    },
    {
      name: 'competent authority not typed cv:PublicOrganisation',
      focus: svc,
      path: `${CV}hasCompetentAuthority`,
      breakIt: (d) => void (find(d, org)['@type'] = ['org:Organization']),
    },
  ];
  for (const c of cases) {
    const doc = clone(base);
    c.breakIt(doc);
    const result = await validateCpsv(doc);
    assert.equal(result.conforms, false, `${c.name} must not conform`);
    assert.ok(
      result.violations.some((v) => v.focusNode === c.focus && v.path === c.path),
      `${c.name}: expected a violation on ${c.focus} ${c.path}, got:\n${formatViolations(result.violations)}`,
    );
  }
});

test('JSON-LD processing is offline: a remote context is refused', async () => {
  const doc = { ...serviceToCpsv(residenceDeclaration, pmlp, events, BASE), '@context': 'https://semiceu.github.io/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld' };
  await assert.rejects(validateCpsv(doc), (err: { details?: { cause?: { message?: string } } }) => {
    // jsonld wraps the loader's error: it is our offline loader that refused, not a network failure
    assert.match(err.details?.cause?.message ?? '', /tried to load a remote document/);
    return true;
  });
});
