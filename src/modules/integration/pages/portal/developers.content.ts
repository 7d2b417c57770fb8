/** The developer portal's words, in Latvian and English (one object per language: long texts read best whole). */
import type { Lang } from '../../../../platform/web/i18n.js';

export interface ChangelogEntry {
  date: string;
  text: Record<Lang, string>;
}

/** What changed in the API, newest first. */
export const CHANGELOG: ChangelogEntry[] = [
  {
    date: '2026-12-06',
    text: {
      lv: 'Webhooki (/api/v1/webhooks), ātruma ierobežojumi katram klientam (RateLimit galvenes, 429), TypeScript SDK. Katra operācija dokumentē 429.',
      en: 'Webhooks (/api/v1/webhooks), rate limits per client (RateLimit fields, 429), the TypeScript SDK. Every operation documents 429.',
    },
  },
  {
    date: '2026-11-20',
    text: {
      lv: 'Notikumi CloudEvents formā platformas notikumu kopnē; kļūdas vienmēr application/problem+json; On-Behalf-Of tiek pārbaudīts katram pieprasījumam.',
      en: 'Events as CloudEvents on the platform’s event bus; errors always application/problem+json; On-Behalf-Of is checked on every request.',
    },
  },
  {
    date: '2026-11-01',
    text: {
      lv: 'Pieteikumi, centrālais statusu reģistrs (arī pakešu veidā) un rezultāti; paziņojumu API iestāžu sistēmām.',
      en: 'Applications, the central status register (also in batches) and results; the notifications API for institutions’ systems.',
    },
  },
];

export interface DevelopersText {
  title: string;
  lead: string;
  contents: string;
  start: { title: string; steps: string[]; tokenIntro: string; callIntro: string; problems: string };
  reference: { title: string; text: string; docs: string; document: string };
  events: { title: string; text: string; type: string; what: string; example: string; descriptions: Record<string, string> };
  webhooks: { title: string; paragraphs: string[] };
  sdk: { title: string; text: string };
  /** the conformance kit (P5): the unified requirements, R1–R5 as in packages/conformance/REQUIREMENTS.md */
  conformance: { title: string; intro: string; requirements: string[]; run: string; reference: string };
  limits: { title: string; text: string };
  versioning: { title: string; paragraphs: string[] };
  changelog: { title: string };
}

export const DEVELOPERS: Record<Lang, DevelopersText> = {
  lv: {
    title: 'Izstrādātājiem',
    lead: 'Iestāžu un citu sistēmu pieslēgšana platformai: viena publiska API visiem pakalpojumiem — pakalpojumu reģistrs, pieteikumi un statusi, pilnvaras, paziņojumi un notikumi.',
    contents: 'Saturs',
    start: {
      title: 'Sākums',
      steps: [
        'Pieprasiet klientu lapā /console/api-clients (Iestāžu darba vieta → API klienti; pietiek pierakstīties): iestādes integrāciju pārvaldnieks — savai iestādei (client credentials) ar vajadzīgajām tiesībām (scopes), piemēram applications.read applications.write integration.manage; trešā puse — ar publiskajām tiesībām (catalog.read, integration.manage). Kad platformas administrators pieprasījumu apstiprina, noslēpumu jūs redzēsiet vienu reizi; to var nomainīt, vecais derēs vēl 24 stundas.',
        'Saņemiet piekļuves pilnvaru (access token) OpenID pakalpojuma token galapunktā.',
        'Izsauciet API ar galveni Authorization: Bearer …; rīkojoties citas personas vārdā, pievienojiet On-Behalf-Of.',
      ],
      tokenIntro: 'Pilnvara (derīga vienu stundu):',
      callIntro: 'Iestādes pieteikumu rinda:',
      problems: 'Katra kļūda ir application/problem+json (RFC 9457) ar stabilu type, piemēram /problems/applications.not-found; nederīgiem laukiem — saraksts errors ar JSON Pointer.',
    },
    reference: { title: 'API apraksts', text: 'Visas operācijas ar parametriem, atbildēm un kļūdām ir OpenAPI 3.1 dokumentā.', docs: 'Interaktīvais apraksts (/docs)', document: 'OpenAPI dokuments (/openapi.json)' },
    events: {
      title: 'Notikumi',
      text: 'Moduļi publicē notikumus platformas notikumu kopnē tajā pašā transakcijā, kurā notiek izmaiņa. Tie ir CloudEvents 1.0 formā ar paplašinājumu actor — kas izmaiņu izraisīja.',
      type: 'Veids',
      what: 'Kad',
      example: 'Piemērs',
      descriptions: {
        'applications.status_changed': 'Pieteikums iesniegts vai mainījies tā statuss (arī rezultāts un informācijas pieprasījums). Saņem tikai iestāde, kas pieteikumu izskata.',
        'catalog.service_published': 'Pakalpojums publicēts katalogos. Publisks.',
      },
    },
    webhooks: {
      title: 'Webhooki',
      paragraphs: [
        'Sistēma, kas glabā pieteikumus savā lietvedībā, nesaņem tos, vaicājot atkal un atkal: tā pierakstās uz notikumiem ar POST /api/v1/webhooks un saņem katru notikumu, ko drīkst lasīt, kā POST uz savu adresi.',
        'Katrs pieprasījums ir parakstīts pēc Standard Webhooks: galvenes webhook-id, webhook-timestamp un webhook-signature; pārbaudiet ar oficiālo bibliotēku standardwebhooks un noslēpumu whsec_…, ko rāda tikai pierakstoties (un pēc rotācijas).',
        'Piegāde ir vismaz vienreiz: webhook-id ir viens un tas pats katrā mēģinājumā un atkārtojumā — pēc tā atmetiet dublikātus. Atbilde, kas nav 2xx, tiek mēģināta vēlreiz pēc 5 s, 5 min, 30 min, 2 h, 5 h, 10 h un 10 h; ja arī tad neizdodas, webhooks tiek atslēgts, līdz to ieslēdz atkal (tad neizdevušās piegādes tiek sūtītas vēlreiz). Piegāžu žurnālā ir katrs mēģinājums, un piegādi var atkārtot.',
      ],
    },
    sdk: { title: 'TypeScript SDK', text: 'Pakete @pakalpojumi/sdk (repozitorija mapē packages/sdk): visi ceļi, parametri un atbildes ir tipizēti no OpenAPI dokumenta, un verifyWebhook pārbauda webhooku parakstus.' },
    conformance: {
      title: 'Vienotās prasības un atbilstības pārbaude',
      intro: 'Katra iestādes sistēma, kas sniedz pakalpojumus caur platformu, atbilst piecām vienotām tehniskām prasībām (pilns apraksts: packages/conformance/REQUIREMENTS.md):',
      requirements: [
        'R1 Portāls pieslēdz cilvēkus caur platformas vienoto pieteikšanos kā OpenID Connect klients: autorizācijas kods, PKCE ar S256, state un nonce — katrai pieteikšanās reizei jauni.',
        'R2 Webhooka galapunkts pieņem pareizi parakstītu pieteikumu (Standard Webhooks; arī ar diviem parakstiem noslēpuma rotācijas laikā) un atraida nepareizi parakstītu, atkārtotu (tas pats webhook-id; ieteicams 409) un novecojušu (laika zīmogs vairāk nekā 5 minūtes no tagad).',
        'R3 Statusus tā ziņo centrālajam statusu reģistram tā shēmā (zināmi lauki un statusu kodi), ar unikāliem eventId un sakārtotiem occurredAt laikiem; pirmo statusu — 60 sekunžu laikā pēc pieteikuma saņemšanas.',
        'R4 Pirms rīkoties pārstāvētas personas vārdā, tā pārbauda pilnvaru platformā (GET /api/v1/mandates/check) un bez tās nerīkojas.',
        'R5 Tās e-pakalpojumu tiešās saites atbild (200 vai pāradresācija).',
      ],
      run: 'Atbilstības pārbaudes rīks aizstāj platformu (tās atklāšanas dokuments, pilnvaru galapunkts, statusu reģistrs un pilnvaru pārbaude), sūta jūsu sistēmai testa pieteikumus un vēro, ko tā atbild. Norādiet sistēmai rīka adresi kā platformas adresi un palaidiet to no repozitorija; par katru pārbaudi tas pasaka „izpildīts” vai „neizpildīts” un kāpēc, un beidz darbu ar kodu, kas nav 0, ja kaut kas nav izpildīts.',
      reference: 'Paraugsistēma (packages/conformance/reference) izpilda visas prasības; tās apzināti bojātie varianti katrs neizpilda tieši vienu pārbaudi.',
    },
    limits: {
      title: 'Ātruma ierobežojumi',
      text: 'Katram klientam ir savs limits katrai API daļai (pēc noklusējuma 3000 pieprasījumu minūtē, līdz 1000 uzreiz; platformas administrators klientam var noteikt citu). Atbildēs ir galvenes RateLimit-Policy un RateLimit; pārsniedzot — 429 ar Retry-After. Atlikumu redzat arī klienta lapā iestāžu darba vietā.',
    },
    versioning: {
      title: 'Versijas un novecošana',
      paragraphs: [
        'Ceļš /api/v1 paliek savietojams: jauni lauki, operācijas un notikumu veidi var parādīties jebkurā laikā, tāpēc nezināmus laukus ignorējiet. Nesavietojamas izmaiņas nāk tikai ar jaunu galveno versiju (/api/v2).',
        'Novecojusi operācija to paziņo katrā atbildē ar galvenēm Deprecation (RFC 9745) un Sunset (RFC 8594) vismaz sešus mēnešus pirms izņemšanas; OpenAPI dokumentā tā ir atzīmēta deprecated, un izmaiņu sarakstā ir teikts, kas to aizstāj.',
      ],
    },
    changelog: { title: 'Izmaiņas' },
  },
  en: {
    title: 'For developers',
    lead: 'Connecting institutions’ and other systems to the platform: one public API for every service — the service register, applications and statuses, mandates, notifications and events.',
    contents: 'Contents',
    start: {
      title: 'Getting started',
      steps: [
        'Request a client at /console/api-clients (Institution console → API clients; signing in is enough): an institution’s integration manager for the institution (client credentials) with the scopes needed, for example applications.read applications.write integration.manage; a third party with the public scopes (catalog.read, integration.manage). Once a platform administrator approves it you see its secret once; rotate it any time, the old one keeps working for 24 hours.',
        'Get an access token at the OpenID provider’s token endpoint.',
        'Call the API with Authorization: Bearer …; acting for someone else, add On-Behalf-Of.',
      ],
      tokenIntro: 'A token (valid for an hour):',
      callIntro: 'The institution’s queue of applications:',
      problems: 'Every error is application/problem+json (RFC 9457) with a stable type, such as /problems/applications.not-found; invalid fields come as an errors list with JSON Pointers.',
    },
    reference: { title: 'API reference', text: 'Every operation with its parameters, answers and errors is in the OpenAPI 3.1 document.', docs: 'Interactive reference (/docs)', document: 'The OpenAPI document (/openapi.json)' },
    events: {
      title: 'Events',
      text: 'Modules publish events on the platform’s event bus in the same transaction as the change. They are CloudEvents 1.0 with an actor extension: who caused the change.',
      type: 'Type',
      what: 'When',
      example: 'Example',
      descriptions: {
        'applications.status_changed': 'An application was submitted or its status changed (a result and a request for information too). Only the institution that processes it receives it.',
        'catalog.service_published': 'A service was published in the catalogs. Public.',
      },
    },
    webhooks: {
      title: 'Webhooks',
      paragraphs: [
        'A system that keeps applications in its own case management need not poll: it subscribes to events with POST /api/v1/webhooks and receives each event it may read as a POST to its endpoint.',
        'Every request is signed per Standard Webhooks: the webhook-id, webhook-timestamp and webhook-signature headers; verify with the official standardwebhooks library and the whsec_… secret, shown only when subscribing (and after a rotation).',
        'Delivery is at least once: the webhook-id is the same on every attempt and replay, so de-duplicate by it. An answer other than 2xx is tried again after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h; if that fails too, the webhook is disabled until it is enabled again (which sends the failed deliveries again). The delivery log shows every attempt, and a delivery can be replayed.',
      ],
    },
    sdk: { title: 'TypeScript SDK', text: 'The @pakalpojumi/sdk package (packages/sdk in the repository): every path, parameter and answer typed from the OpenAPI document, and verifyWebhook to check webhook signatures.' },
    conformance: {
      title: 'The unified requirements and the conformance kit',
      intro: 'Every institution’s system that delivers services through the platform meets five unified technical requirements (in full: packages/conformance/REQUIREMENTS.md):',
      requirements: [
        'R1 Its portal signs people in through the platform’s single sign-on as an OpenID Connect relying party: authorization code, PKCE with S256, state and nonce — new for each sign-in.',
        'R2 Its webhook endpoint accepts a correctly signed application (Standard Webhooks; also with two signatures during a secret rotation) and refuses a badly signed, a replayed (the same webhook-id; 409 recommended) and a stale one (a timestamp more than 5 minutes from now).',
        'R3 It reports statuses to the central status register in its schema (known fields and status codes), with unique eventIds and ordered occurredAt times; the first within 60 seconds of receiving the application.',
        'R4 Before acting for a represented person it checks the mandate with the platform (GET /api/v1/mandates/check), and does not act without one.',
        'R5 Its deep links to its e-services answer (200 or a redirect).',
      ],
      run: 'The conformance kit stands in for the platform (its discovery document, token endpoint, status register and mandate check), sends your system test applications and watches what it does. Configure the system with the kit’s address as the platform’s and run it from the repository; it says passed or failed, and why, for each check, and exits non-zero when anything failed.',
      reference: 'The reference system (packages/conformance/reference) meets every requirement; each of its deliberately broken variants fails exactly one check.',
    },
    limits: {
      title: 'Rate limits',
      text: 'Each client has its own limit for each part of the API (by default 3,000 requests a minute, up to 1,000 at once; a platform administrator may set another for a client). Answers carry the RateLimit-Policy and RateLimit fields; past the limit: 429 with Retry-After. What is left shows on the client’s page in the console too.',
    },
    versioning: {
      title: 'Versioning and deprecation',
      paragraphs: [
        'The /api/v1 path stays compatible: new fields, operations and event types may appear at any time, so ignore fields you do not know. Incompatible changes come only with a new major version (/api/v2).',
        'A deprecated operation says so on every answer with the Deprecation (RFC 9745) and Sunset (RFC 8594) fields at least six months before it goes; the OpenAPI document marks it deprecated, and the changelog says what replaces it.',
      ],
    },
    changelog: { title: 'Changelog' },
  },
};
