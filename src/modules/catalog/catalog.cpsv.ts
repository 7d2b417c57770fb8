/**
 * CPSV-AP 3.2.0 JSON-LD export of the service register.
 *
 * Pure functions, no I/O. The output is a self-contained JSON-LD document: an
 * inline `@context` made only of namespace prefixes (no remote context is
 * needed to interpret it) and a flat `@graph` in which every node that is
 * referenced is also described and typed.
 *
 * Checked against the official shapes (cpsv-ap-SHACL.ttl 3.2.0) by cpsv.test.ts.
 * Notes on the mapping:
 *  - Shapes are evaluated without RDFS inference, so nodes carry every class a
 *    `sh:class` constraint looks for: organisations are cv:PublicOrganisation and
 *    org:Organization (cv:ownedBy / cv:isDefinedBy expect the latter), events are
 *    cv:Event plus cv:LifeEvent or cv:BusinessEvent (cv:isGroupedBy expects cv:Event).
 *  - Controlled vocabularies: EU Publications Office authority tables for
 *    languages, currencies and the country (dct:spatial, mandatory on
 *    organisations), the ADMS status vocabulary for adms:status; channel types and
 *    audiences have no EU table, so they are concepts of the platform's own
 *    schemes under `${baseUrl}/api/v1/vocab/…`.
 *  - Durations: ISO 8601 weeks (P2W), which the platform accepts, are not valid
 *    xsd:duration lexical forms; they are exported as days (P14D).
 *  - Service steps have no CPSV-AP 3.2.0 counterpart and are not exported.
 *  - Contact point address: locn:address / locn:Address (the shapes are open).
 */
import type { CatalogEvent, Channel, ChannelType, ContactPoint, Cost, Institution, Item, LegalResource, Lifecycle, Service, Text } from './catalog.schemas.js';

export const CPSV_CONTEXT = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dct: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  eli: 'http://data.europa.eu/eli/ontology#',
  adms: 'http://www.w3.org/ns/adms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  org: 'http://www.w3.org/ns/org#',
  locn: 'http://www.w3.org/ns/locn#',
  time: 'http://www.w3.org/2006/time#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

type JsonLdValue = { '@value': string | number; '@language'?: string; '@type'?: string };
type JsonLdRef = { '@id': string };
export type JsonLdNode = { '@id': string; '@type': string[] } & { [property: string]: unknown };

const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority';
const COUNTRY_IRI = `${EU_AUTHORITY}/country/LVA`;
const COUNTRY_LABEL: Text = { lv: 'Latvija', en: 'Latvia' };

/** ISO 639-1 → EU Publications Office language authority code. */
const EU_LANGUAGE: Record<string, string> = {
  bg: 'BUL', cs: 'CES', da: 'DAN', de: 'DEU', el: 'ELL', en: 'ENG', es: 'SPA', et: 'EST', fi: 'FIN', fr: 'FRA', ga: 'GLE',
  hr: 'HRV', hu: 'HUN', it: 'ITA', lt: 'LIT', lv: 'LAV', mt: 'MLT', nl: 'NLD', pl: 'POL', pt: 'POR', ro: 'RON', sk: 'SLK',
  sl: 'SLV', sv: 'SWE', ru: 'RUS', uk: 'UKR', be: 'BEL', no: 'NOR', is: 'ISL',
};
const LANGUAGE_LABEL: Record<string, Text> = {
  lv: { lv: 'latviešu valoda', en: 'Latvian' },
  en: { lv: 'angļu valoda', en: 'English' },
  ru: { lv: 'krievu valoda', en: 'Russian' },
  lt: { lv: 'lietuviešu valoda', en: 'Lithuanian' },
  et: { lv: 'igauņu valoda', en: 'Estonian' },
  de: { lv: 'vācu valoda', en: 'German' },
  uk: { lv: 'ukraiņu valoda', en: 'Ukrainian' },
};

/** ADMS status vocabulary (the one adms:status was defined with). */
const STATUS: Record<Lifecycle, { iri: string; label: Text }> = {
  draft: { iri: 'http://purl.org/adms/status/UnderDevelopment', label: { lv: 'Izstrādē', en: 'Under development' } },
  published: { iri: 'http://purl.org/adms/status/Completed', label: { lv: 'Pabeigts', en: 'Completed' } },
  withdrawn: { iri: 'http://purl.org/adms/status/Withdrawn', label: { lv: 'Atsaukts', en: 'Withdrawn' } },
};

const CURRENCY_LABEL: Record<string, Text> = { EUR: { lv: 'eiro', en: 'Euro' } };

const CHANNEL_TYPE_LABEL: Record<ChannelType, Text> = {
  online: { lv: 'Tiešsaistē', en: 'Online' },
  in_person: { lv: 'Klātienē', en: 'In person' },
  phone: { lv: 'Pa tālruni', en: 'By phone' },
  e_address: { lv: 'E-adrese', en: 'Official e-address' },
  email: { lv: 'E-pasts', en: 'Email' },
  post: { lv: 'Pa pastu', en: 'By post' },
};
const AUDIENCE_LABEL: Record<Service['audience'][number], Text> = {
  citizen: { lv: 'Iedzīvotāji', en: 'Citizens' },
  business: { lv: 'Uzņēmumi', en: 'Businesses' },
};

// ---------------------------------------------------------------- IRIs

const trimBase = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');
export const serviceIri = (baseUrl: string, id: string): string => `${trimBase(baseUrl)}/api/v1/services/${encodeURIComponent(id)}`;
export const institutionIri = (baseUrl: string, id: string): string => `${trimBase(baseUrl)}/api/v1/institutions/${encodeURIComponent(id)}`;
export const eventIri = (baseUrl: string, code: string): string => `${trimBase(baseUrl)}/api/v1/events/${encodeURIComponent(code)}`;
const vocabIri = (baseUrl: string, scheme: string, code?: string): string =>
  `${trimBase(baseUrl)}/api/v1/vocab/${scheme}${code === undefined ? '' : `/${encodeURIComponent(code)}`}`;
const languageIri = (code: string): string => {
  const eu = EU_LANGUAGE[code.toLowerCase()];
  return eu ? `${EU_AUTHORITY}/language/${eu}` : `http://id.loc.gov/vocabulary/iso639-1/${code.toLowerCase()}`;
};

// ---------------------------------------------------------------- literals

/**
 * The platform accepts ISO 8601 weeks (P2W); xsd:duration has no W designator,
 * so weeks are folded into days (P2W → P14D, P1W3D → P10D).
 */
export function toXsdDuration(iso: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!m || m[3] === undefined) return iso;
  const days = Number(m[3]) * 7 + Number(m[4] ?? 0);
  const time = m[5] !== undefined || m[6] !== undefined || m[7] !== undefined ? `T${m[5] ? `${m[5]}H` : ''}${m[6] ? `${m[6]}M` : ''}${m[7] ? `${m[7]}S` : ''}` : '';
  return `P${m[1] ? `${m[1]}Y` : ''}${m[2] ? `${m[2]}M` : ''}${days}D${time}`;
}
const duration = (iso: string): JsonLdValue => ({ '@value': toXsdDuration(iso), '@type': 'xsd:duration' });

const isText = (v: unknown): v is Text =>
  typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)['lv'] === 'string' && typeof (v as Record<string, unknown>)['en'] === 'string';
// The Static<> types of catalog.schemas.ts resolve `Ref('Text')` inside Channel, Cost, Item,
// LegalResource and ContactPoint to unknown, so those values are narrowed here at runtime.
const optText = (v: unknown): Text | undefined => (isText(v) ? v : undefined);
function reqText(v: unknown, what: string): Text {
  if (!isText(v)) throw new Error(`${what}: expected a text with lv and en`);
  return v;
}

const text = (t: Text): JsonLdValue[] => [
  { '@value': t.lv, '@language': 'lv' },
  { '@value': t.en, '@language': 'en' },
];
const str = (s: string): JsonLdValue => ({ '@value': s });
const typed = (value: string | number, datatype: string): JsonLdValue => ({ '@value': value, '@type': datatype });
const ref = (iri: string): JsonLdRef => ({ '@id': iri });
const refs = (iris: string[]): JsonLdRef[] => iris.map(ref);

/** Drops keys whose value is undefined or an empty array, so optional data leaves no trace. */
function node(id: string, types: string[], props: Record<string, unknown>): JsonLdNode {
  const out: JsonLdNode = { '@id': id, '@type': types };
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}

/**
 * Nodes of a graph keyed by IRI. Adding a node that is already there merges
 * the two descriptions (union of types and of property values), so shared
 * nodes (organisations, events, concepts, legal acts…) appear once.
 */
class Graph {
  private readonly nodes = new Map<string, JsonLdNode>();

  add(n: JsonLdNode): string {
    const existing = this.nodes.get(n['@id']);
    if (!existing) {
      this.nodes.set(n['@id'], n);
      return n['@id'];
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === '@id') continue;
      const before = existing[key];
      if (before === undefined) {
        existing[key] = value;
        continue;
      }
      const merged = [...(Array.isArray(before) ? before : [before])];
      const seen = new Set(merged.map((v) => JSON.stringify(v)));
      for (const v of Array.isArray(value) ? value : [value]) {
        const k = JSON.stringify(v);
        if (!seen.has(k)) {
          seen.add(k);
          merged.push(v);
        }
      }
      existing[key] = merged;
    }
    return n['@id'];
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  toDocument(): Record<string, unknown> {
    // Services first, then organisations and events, then everything else (stable within a rank).
    const rank = (n: JsonLdNode): number =>
      n['@type'].includes('cpsv:PublicService') ? 0 : n['@type'].includes('cv:PublicOrganisation') ? 1 : n['@type'].includes('cv:Event') ? 2 : 3;
    const graph = [...this.nodes.values()].map((n, i) => ({ n, i })).sort((a, b) => rank(a.n) - rank(b.n) || a.i - b.i).map(({ n }) => n);
    return { '@context': { ...CPSV_CONTEXT }, '@graph': graph };
  }
}

// ---------------------------------------------------------------- shared nodes

function addConcept(g: Graph, iri: string, label: Text, extraTypes: string[] = [], props: Record<string, unknown> = {}): string {
  return g.add(node(iri, ['skos:Concept', ...extraTypes], { 'skos:prefLabel': text(label), ...props }));
}

function addConceptScheme(g: Graph, baseUrl: string, scheme: string, title: Text): string {
  return g.add(node(vocabIri(baseUrl, scheme), ['skos:ConceptScheme'], { 'dct:title': text(title) }));
}

function addCountry(g: Graph): string {
  return addConcept(g, COUNTRY_IRI, COUNTRY_LABEL, ['dct:Location'], { 'skos:notation': str('LVA') });
}

function addLanguage(g: Graph, code: string): string {
  const label = LANGUAGE_LABEL[code.toLowerCase()];
  return g.add(
    node(languageIri(code), ['dct:LinguisticSystem'], {
      'skos:prefLabel': label ? text(label) : undefined,
      'skos:notation': str(code.toLowerCase()),
    }),
  );
}

function addDocument(g: Graph, url: string): string {
  return g.add(node(url, ['foaf:Document'], {}));
}

function addOpeningHours(g: Graph, iri: string, hours: Text): string {
  return g.add(node(iri, ['time:TemporalEntity'], { 'dct:description': text(hours) }));
}

/** cv:ContactPoint; returns undefined when there is nothing to say. */
function addContactPoint(
  g: Graph,
  iri: string,
  cp: Pick<ContactPoint, 'email' | 'phone' | 'url' | 'address' | 'openingHours'>,
): string | undefined {
  const fullAddress = optText(cp.address);
  const openingHours = optText(cp.openingHours);
  if (!cp.email && !cp.phone && !cp.url && !fullAddress && !openingHours) return undefined;
  const address = fullAddress ? g.add(node(`${iri}-address`, ['locn:Address'], { 'locn:fullAddress': text(fullAddress) })) : undefined;
  const hours = openingHours ? addOpeningHours(g, `${iri}-opening-hours`, openingHours) : undefined;
  const page = cp.url ? addDocument(g, cp.url) : undefined;
  return g.add(
    node(iri, ['cv:ContactPoint'], {
      'cv:email': cp.email ? [str(cp.email)] : undefined,
      'cv:telephone': cp.phone ? [str(cp.phone)] : undefined,
      'cv:contactPage': page ? [ref(page)] : undefined,
      'cv:openingHours': hours ? [ref(hours)] : undefined,
      'locn:address': address ? [ref(address)] : undefined,
    }),
  );
}

function addInstitution(g: Graph, baseUrl: string, inst: Institution): string {
  const iri = institutionIri(baseUrl, inst.id);
  if (g.has(iri)) return iri;
  const country = addCountry(g);
  const cp = addContactPoint(g, `${iri}#contact-point`, inst.contactPoint);
  const homepage = inst.homepage ? addDocument(g, inst.homepage) : undefined;
  return g.add(
    node(iri, ['cv:PublicOrganisation', 'org:Organization'], {
      'dct:identifier': str(inst.registrationNumber ?? inst.code),
      'skos:prefLabel': text(inst.name),
      'skos:altLabel': text(inst.shortName),
      'skos:notation': str(inst.code),
      'dct:spatial': [ref(country)],
      'foaf:homepage': homepage ? [ref(homepage)] : undefined,
      'cv:contactPoint': cp ? [ref(cp)] : undefined,
    }),
  );
}

function addEvent(g: Graph, baseUrl: string, ev: CatalogEvent, relatedServices: string[] = []): string {
  return g.add(
    node(eventIri(baseUrl, ev.code), ['cv:Event', ev.kind === 'life' ? 'cv:LifeEvent' : 'cv:BusinessEvent'], {
      'dct:identifier': str(ev.code),
      'dct:title': text(ev.label),
      'dct:description': text(ev.description),
      'cv:hasRelatedService': refs(relatedServices),
    }),
  );
}

// ---------------------------------------------------------------- the service

function addChannel(g: Graph, baseUrl: string, svc: string, owner: string, ch: Channel, i: number): string {
  const iri = `${svc}#channel-${i}`;
  const scheme = addConceptScheme(g, baseUrl, 'channel-type', { lv: 'Kanālu veidi', en: 'Channel types' });
  const type = addConcept(g, vocabIri(baseUrl, 'channel-type', ch.type), CHANNEL_TYPE_LABEL[ch.type], [], {
    'skos:notation': str(ch.type),
    'skos:inScheme': ref(scheme),
  });
  const openingHours = optText(ch.openingHours);
  const description = optText(ch.description);
  const hours = openingHours ? addOpeningHours(g, `${iri}-opening-hours`, openingHours) : undefined;
  // CPSV-AP's Channel has no address/URL/phone properties: they go on a contact point of the channel.
  const cp = addContactPoint(g, `${iri}-contact-point`, { email: ch.email, phone: ch.phone, url: ch.url, address: ch.address });
  return g.add(
    node(iri, ['cv:Channel'], {
      'dct:identifier': str(iri),
      'dct:type': ref(type),
      'dct:description': description ? text(description) : undefined,
      'cv:processingTime': ch.processingTime ? duration(ch.processingTime) : undefined,
      'cv:openingHours': hours ? [ref(hours)] : undefined,
      'cv:ownedBy': [ref(owner)],
      'cv:contactPoint': cp ? [ref(cp)] : undefined,
    }),
  );
}

function addCost(g: Graph, svc: string, owner: string, cost: Cost, i: number): string {
  const iri = `${svc}#cost-${i}`;
  const currency = addConcept(g, `${EU_AUTHORITY}/currency/${cost.currency}`, CURRENCY_LABEL[cost.currency] ?? { lv: cost.currency, en: cost.currency }, [], {
    'skos:notation': str(cost.currency),
  });
  return g.add(
    node(iri, ['cv:Cost'], {
      'dct:identifier': str(iri),
      'cv:hasValue': typed(cost.value, 'xsd:double'),
      'cv:currency': ref(currency),
      'dct:description': text(reqText(cost.description, `${iri} description`)),
      'cv:isDefinedBy': [ref(owner)],
    }),
  );
}

function addItem(g: Graph, svc: string, cls: 'cv:Requirement' | 'cv:Evidence' | 'cv:Output', slug: string, item: Item, i: number): string {
  const iri = `${svc}#${slug}-${i}`;
  const description = optText(item.description);
  return g.add(
    node(iri, [cls], {
      'dct:identifier': str(iri),
      'dct:title': text(reqText(item.name, `${iri} name`)),
      'dct:description': description ? text(description) : undefined,
    }),
  );
}

function addLegalResource(g: Graph, svc: string, lr: LegalResource, i: number): string {
  // A published act is identified by its own URL (shared by every service based on it).
  const iri = lr.url ?? `${svc}#legal-resource-${i}`;
  return g.add(node(iri, ['eli:LegalResource'], { 'dct:title': text(reqText(lr.title, `${iri} title`)) }));
}

function addService(g: Graph, baseUrl: string, service: Service, institution: Institution, eventsByCode: Map<string, CatalogEvent>): string {
  if (service.institutionId !== institution.id) {
    throw new Error(`service ${service.id} belongs to institution ${service.institutionId}, not ${institution.id}`);
  }
  const svc = serviceIri(baseUrl, service.id);
  const authority = addInstitution(g, baseUrl, institution);
  const country = addCountry(g);

  const events = service.events.flatMap((code) => {
    const ev = eventsByCode.get(code);
    return ev ? [addEvent(g, baseUrl, ev, [svc])] : []; // unknown codes are dropped: the graph must stay self-contained
  });
  const audienceScheme = service.audience.length > 0 ? addConceptScheme(g, baseUrl, 'audience', { lv: 'Pakalpojuma saņēmēji', en: 'Addressees' }) : undefined;
  const audience = service.audience.map((a) =>
    addConcept(g, vocabIri(baseUrl, 'audience', a), AUDIENCE_LABEL[a], [], { 'skos:notation': str(a), 'skos:inScheme': audienceScheme ? ref(audienceScheme) : undefined }),
  );
  const status = addConcept(g, STATUS[service.status].iri, STATUS[service.status].label);
  const channels = service.channels.map((ch, i) => addChannel(g, baseUrl, svc, authority, ch, i + 1));
  const costs = service.costs.map((c, i) => addCost(g, svc, authority, c, i + 1));
  const requirements = service.requirements.map((r, i) => addItem(g, svc, 'cv:Requirement', 'requirement', r, i + 1));
  const evidence = service.evidence.map((e, i) => addItem(g, svc, 'cv:Evidence', 'evidence', e, i + 1));
  const outputs = service.outputs.map((o, i) => addItem(g, svc, 'cv:Output', 'output', o, i + 1));
  const legal = service.legalBasis.map((l, i) => addLegalResource(g, svc, l, i + 1));
  const languages = service.languages.map((l) => addLanguage(g, l));
  const cp = service.contactPoint ? addContactPoint(g, `${svc}#contact-point`, service.contactPoint) : undefined;

  const keywords = service.keywords
    ? [
        ...service.keywords.lv.map((k) => ({ '@value': k, '@language': 'lv' })),
        ...service.keywords.en.map((k) => ({ '@value': k, '@language': 'en' })),
      ]
    : undefined;

  return g.add(
    node(svc, ['cpsv:PublicService'], {
      'dct:identifier': str(service.identifier),
      'dct:title': text(service.title),
      'dct:description': text(service.description),
      'dcat:keyword': keywords,
      'cv:hasCompetentAuthority': [ref(authority)],
      'adms:status': ref(status),
      'dct:spatial': [ref(country)],
      'dct:audience': refs(audience),
      'dct:language': refs(languages),
      'cv:isGroupedBy': refs(events),
      'cv:hasChannel': refs(channels),
      'cv:processingTime': service.processingTime ? duration(service.processingTime) : undefined,
      'cv:hasCost': refs(costs),
      'cv:holdsRequirement': refs(requirements),
      'cpsv:hasInput': refs(evidence),
      'cpsv:produces': refs(outputs),
      'cv:hasLegalResource': refs(legal),
      'cv:contactPoint': cp ? [ref(cp)] : undefined,
      'dct:created': typed(service.createdAt, 'xsd:dateTime'),
      'dct:modified': typed(service.updatedAt, 'xsd:dateTime'),
      'dct:issued': service.publishedAt ? typed(service.publishedAt, 'xsd:dateTime') : undefined,
      'owl:versionInfo': str(String(service.version)),
    }),
  );
}

// ---------------------------------------------------------------- public API

/**
 * One service as a self-contained CPSV-AP 3.2.0 JSON-LD document: the
 * cpsv:PublicService and every node it references (competent authority,
 * events, channels, costs, requirements, evidence, outputs, legal basis,
 * contact points, languages, concepts).
 */
export function serviceToCpsv(service: Service, institution: Institution, events: CatalogEvent[], baseUrl: string): Record<string, unknown> {
  const g = new Graph();
  addService(g, baseUrl, service, institution, new Map(events.map((e) => [e.code, e])));
  return g.toDocument();
}

/**
 * The whole catalog as one CPSV-AP 3.2.0 JSON-LD graph. Every institution and
 * event given is included exactly once (events list all their related
 * services). Which services to include (e.g. only published ones) is the
 * caller's choice. Throws if a service's institution is missing.
 */
export function catalogToCpsv(services: Service[], institutions: Institution[], events: CatalogEvent[], baseUrl: string): Record<string, unknown> {
  const g = new Graph();
  const institutionsById = new Map(institutions.map((i) => [i.id, i]));
  const eventsByCode = new Map(events.map((e) => [e.code, e]));
  for (const inst of institutions) addInstitution(g, baseUrl, inst);
  for (const ev of events) addEvent(g, baseUrl, ev);
  for (const service of services) {
    const inst = institutionsById.get(service.institutionId);
    if (!inst) throw new Error(`service ${service.id}: unknown institution ${service.institutionId}`);
    addService(g, baseUrl, service, inst, eventsByCode);
  }
  return g.toDocument();
}
