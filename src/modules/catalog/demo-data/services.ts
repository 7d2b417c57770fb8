/**
 * Demo public services, modelled on real Latvian public services as described
 * on latvija.gov.lv and the institutions' own websites. Fees, deadlines and
 * legal references follow the real services; e-service addresses and a few
 * likumi.lv document ids are illustrative.
 */
import type { Channel, Cost, Item, LegalResource, ServiceContent, Text } from '../catalog.schemas.js';

export interface DemoService extends ServiceContent {
  /** `code` of the institution in `institutions.ts` */
  institution: string;
  slug: string;
  identifier: string;
}

// ── Small builders: they keep the data below readable ───────────────────────

const t = (lv: string, en: string): Text => ({ lv, en });

const item = (lvName: string, enName: string, lvDescription?: string, enDescription?: string): Item =>
  lvDescription !== undefined && enDescription !== undefined
    ? { name: t(lvName, enName), description: t(lvDescription, enDescription) }
    : { name: t(lvName, enName) };

const eur = (value: number, lv: string, en: string): Cost => ({ value, currency: 'EUR', description: t(lv, en) });

/** A fee charged in the e-application under these answers of its form. */
const charged = (cost: Cost, code: string, when: Record<string, string>): Cost => ({ ...cost, code, when: Object.entries(when).map(([field, equals]) => ({ field, equals })) });

const law = (lv: string, en: string, url: string): LegalResource => ({ title: t(lv, en), url });

interface Office {
  address: Text;
  openingHours: Text;
}

const online = (url: string, processingTime: string, description?: Text): Channel =>
  description ? { type: 'online', url, processingTime, description } : { type: 'online', url, processingTime };

const inPerson = (office: Office, processingTime: string, description?: Text): Channel =>
  description
    ? { type: 'in_person', address: office.address, openingHours: office.openingHours, processingTime, description }
    : { type: 'in_person', address: office.address, openingHours: office.openingHours, processingTime };

const phone = (number: string, openingHours: Text, description: Text): Channel => ({ type: 'phone', phone: number, openingHours, description });

const eAddress = (processingTime: string, description: Text): Channel => ({
  type: 'e_address',
  url: 'https://latvija.gov.lv/Services/eAddress',
  processingTime,
  description,
});

const email = (address: string, processingTime: string, description: Text): Channel => ({ type: 'email', email: address, processingTime, description });

const post = (address: Text, processingTime: string, description: Text): Channel => ({ type: 'post', address, processingTime, description });

// ── Offices and common texts ─────────────────────────────────────────────────

const WORKDAYS = t('P.–C. 8.30–17.00; Pk. 8.30–16.00', 'Mon–Thu 8:30–17:00; Fri 8:30–16:00');

const PMLP_OFFICE: Office = {
  address: t('PMLP teritoriālās nodaļas visā Latvijā; Rīgā – Čiekurkalna 1. līnija 1, k-3', 'OCMA regional offices throughout Latvia; in Riga – Čiekurkalna 1. līnija 1, k-3'),
  openingHours: t('P. 8.30–18.00; O.–C. 8.30–17.00; Pk. 8.30–15.00', 'Mon 8:30–18:00; Tue–Thu 8:30–17:00; Fri 8:30–15:00'),
};
const VSAA_OFFICE: Office = {
  address: t(
    'VSAA klientu apkalpošanas centri un valsts un pašvaldību vienotie klientu apkalpošanas centri; Rīgā – Lāčplēša iela 70a',
    'SSIA customer service centres and state and municipal one-stop customer service centres; in Riga – Lāčplēša iela 70a',
  ),
  openingHours: t('P. 8.30–18.00; O.–C. 8.30–17.00; Pk. 8.30–16.00', 'Mon 8:30–18:00; Tue–Thu 8:30–17:00; Fri 8:30–16:00'),
};
const VSAA_POST = t('Valsts sociālās apdrošināšanas aģentūra, Lāčplēša iela 70a, Rīga, LV-1011', 'State Social Insurance Agency, Lāčplēša iela 70a, Riga, LV-1011, Latvia');
const VID_OFFICE: Office = {
  address: t('VID klientu apkalpošanas centri; Rīgā – Talejas iela 1 (pēc iepriekšēja pieraksta)', 'SRS customer service centres; in Riga – Talejas iela 1 (by appointment)'),
  openingHours: t('P.–C. 8.30–17.00; Pk. 8.30–15.30', 'Mon–Thu 8:30–17:00; Fri 8:30–15:30'),
};
const UR_OFFICE: Office = {
  address: t('Uzņēmumu reģistrs, Pērses iela 2, Rīga, un reģionālās nodaļas', 'Register of Enterprises, Pērses iela 2, Riga, and regional offices'),
  openingHours: WORKDAYS,
};
const NVA_OFFICE: Office = {
  address: t('NVA filiāles visā Latvijā; Rīgā – Krišjāņa Valdemāra iela 38, k-1', 'SEA branches throughout Latvia; in Riga – Krišjāņa Valdemāra iela 38, k-1'),
  openingHours: t('P. 8.30–18.00; O.–C. 8.30–17.00; Pk. 8.30–16.00', 'Mon 8:30–18:00; Tue–Thu 8:30–17:00; Fri 8:30–16:00'),
};
const CSDD_OFFICE: Office = {
  address: t('CSDD klientu apkalpošanas centri visā Latvijā; Rīgā – Bauskas iela 86', 'CSDD customer service centres throughout Latvia; in Riga – Bauskas iela 86'),
  openingHours: t('P.–Pk. 8.00–17.00', 'Mon–Fri 8:00–17:00'),
};
const RIGA_CENTRE: Office = {
  address: t(
    'Rīgas valstspilsētas pašvaldības Apkaimju iedzīvotāju centrs, Dzirnavu iela 140, Rīga',
    'Riga State City Municipality Neighbourhood Residents’ Centre, Dzirnavu iela 140, Riga',
  ),
  openingHours: t('P.–C. 8.15–17.00; Pk. 8.15–16.00', 'Mon–Thu 8:15–17:00; Fri 8:15–16:00'),
};
const RIGA_CIVIL_REGISTRY: Office = {
  address: t('Rīgas valstspilsētas pašvaldības Dzimtsarakstu nodaļa, Brīvības iela 36, Rīga', 'Riga State City Municipality Civil Registry Office, Brīvības iela 36, Riga'),
  openingHours: t('P. 9.00–18.00; O.–C. 9.00–17.00; Pk. 9.00–16.00 (pēc iepriekšēja pieraksta)', 'Mon 9:00–18:00; Tue–Thu 9:00–17:00; Fri 9:00–16:00 (by appointment)'),
};
const RIGA_BUILDING: Office = {
  address: t(
    'Rīgas valstspilsētas pašvaldības Pilsētas attīstības departaments, Amatu iela 4, Rīga',
    'Riga State City Municipality City Development Department, Amatu iela 4, Riga',
  ),
  openingHours: t('P. 9.00–18.00; O.–C. 9.00–17.00; Pk. 9.00–15.00', 'Mon 9:00–18:00; Tue–Thu 9:00–17:00; Fri 9:00–15:00'),
};
const VZD_OFFICE: Office = {
  address: t('VZD klientu apkalpošanas centri; Rīgā – Ojāra Vācieša iela 43', 'SLS customer service centres; in Riga – Ojāra Vācieša iela 43'),
  openingHours: t('P.–C. 8.30–17.00; Pk. 8.30–15.00', 'Mon–Thu 8:30–17:00; Fri 8:30–15:00'),
};
const LAND_REGISTRY_OFFICE: Office = {
  address: t('Jebkura rajona (pilsētas) tiesas zemesgrāmatu nodaļa Latvijā', 'Any Land Registry Office of a district (city) court in Latvia'),
  openingHours: t('P.–C. 8.30–17.00; Pk. 8.30–15.00', 'Mon–Thu 8:30–17:00; Fri 8:30–15:00'),
};
const NVD_OFFICE: Office = {
  address: t(
    'NVD klientu apkalpošanas centri Rīgā, Jelgavā, Kuldīgā, Smiltenē un Daugavpilī; Rīgā – Cēsu iela 31, k-3',
    'NHS customer service centres in Riga, Jelgava, Kuldīga, Smiltene and Daugavpils; in Riga – Cēsu iela 31, k-3',
  ),
  openingHours: t('P.–C. 8.30–17.00; Pk. 8.30–15.00', 'Mon–Thu 8:30–17:00; Fri 8:30–15:00'),
};
const FAMILY_DOCTOR_OFFICE: Office = {
  address: t('Izvēlētā ģimenes ārsta prakse', 'The practice of the chosen family doctor'),
  openingHours: t('Atbilstoši prakses pieņemšanas laikam', 'According to the practice’s opening hours'),
};
const VISC_OFFICE: Office = {
  address: t(
    'Valsts izglītības satura centrs, Vaļņu iela 2, Rīga; pārbaudes notiek arī Daugavpilī, Liepājā, Rēzeknē un Ventspilī',
    'National Centre for Education, Vaļņu iela 2, Riga; tests are also held in Daugavpils, Liepāja, Rēzekne and Ventspils',
  ),
  openingHours: WORKDAYS,
};
const LAD_OFFICE: Office = {
  address: t('LAD reģionālās lauksaimniecības pārvaldes; Rīgā – Republikas laukums 2', 'RSS regional agriculture departments; in Riga – Republikas laukums 2'),
  openingHours: WORKDAYS,
};
const BVKB_OFFICE: Office = {
  address: t(
    'Būvniecības valsts kontroles biroja Klientu apkalpošanas centrs, Krišjāņa Valdemāra iela 157, Rīga',
    'State Construction Control Bureau customer service centre, Krišjāņa Valdemāra iela 157, Riga',
  ),
  openingHours: t('P.–C. 8.30–17.00; Pk. 8.30–15.00', 'Mon–Thu 8:30–17:00; Fri 8:30–15:00'),
};
const ONE_STOP_CENTRES: Office = {
  address: t('Valsts un pašvaldību vienotie klientu apkalpošanas centri visā Latvijā', 'State and municipal one-stop customer service centres throughout Latvia'),
  openingHours: t('Atbilstoši katra centra darba laikam', 'According to the opening hours of each centre'),
};

const ID_DOCUMENT = item('Personu apliecinošs dokuments', 'Identity document', 'Pase vai personas apliecība (eID karte), ja pakalpojumu pieprasa klātienē.', 'Passport or personal identity card (eID card) when applying in person.');
const STEP_LOGIN = item(
  'Pieslēdzieties portālam Latvija.gov.lv',
  'Log in to Latvija.gov.lv',
  'Autentificējieties ar eID karti, eParaksts mobile vai internetbankas autentifikācijas rīkiem.',
  'Authenticate with your eID card, eParaksts mobile or your internet bank.',
);
const STEP_LOGIN_EDS = item(
  'Pieslēdzieties VID Elektroniskajai deklarēšanas sistēmai (EDS)',
  'Log in to the SRS Electronic Declaration System (EDS)',
  'Autentificējieties ar eID karti, eParaksts mobile vai internetbankas autentifikācijas rīkiem.',
  'Authenticate with your eID card, eParaksts mobile or your internet bank.',
);

// ── Laws (likumi.lv) ─────────────────────────────────────────────────────────

const L = {
  residence: law('Dzīvesvietas deklarēšanas likums', 'Law on the Declaration of the Place of Residence', 'https://likumi.lv/ta/id/56863-dzivesvietas-deklaresanas-likums'),
  personRegister: law('Fizisko personu reģistra likums', 'Law on the Register of Natural Persons', 'https://likumi.lv/ta/id/296779-fizisko-personu-registra-likums'),
  idDocuments: law('Personu apliecinošu dokumentu likums', 'Law on Personal Identification Documents', 'https://likumi.lv/ta/id/243484-personu-apliecinosu-dokumentu-likums'),
  idDocumentFees: law(
    'Ministru kabineta noteikumi Nr. 133 „Noteikumi par valsts nodevu par personu apliecinošu dokumentu izsniegšanu”',
    'Cabinet Regulation No. 133 on the State Fee for Issuing Personal Identification Documents',
    'https://likumi.lv/ta/id/244538',
  ),
  immigration: law('Imigrācijas likums', 'Immigration Law', 'https://likumi.lv/ta/id/68522-imigracijas-likums'),
  residencePermits: law('Ministru kabineta noteikumi Nr. 225 „Uzturēšanās atļauju noteikumi”', 'Cabinet Regulation No. 225 on Residence Permits', 'https://likumi.lv/ta/id/207255'),
  citizenship: law('Pilsonības likums', 'Citizenship Law', 'https://likumi.lv/ta/id/57512-pilsonibas-likums'),
  socialBenefits: law('Likums „Par valsts sociālajiem pabalstiem”', 'Law on State Social Allowances', 'https://likumi.lv/ta/id/68483-par-valsts-socialajiem-pabalstiem'),
  maternityInsurance: law('Likums „Par maternitātes un slimības apdrošināšanu”', 'Law on Maternity and Sickness Insurance', 'https://likumi.lv/ta/id/38050-par-maternitates-un-slimibas-apdrosinasanu'),
  unemploymentInsurance: law('Likums „Par apdrošināšanu bezdarba gadījumam”', 'Law on Unemployment Insurance', 'https://likumi.lv/ta/id/14388-par-apdrosinasanu-bezdarba-gadijumam'),
  unemployedSupport: law('Bezdarbnieku un darba meklētāju atbalsta likums', 'Support for Unemployed Persons and Persons Seeking Employment Law', 'https://likumi.lv/ta/id/62539-bezdarbnieku-un-darba-mekletaju-atbalsta-likums'),
  pensions: law('Likums „Par valsts pensijām”', 'Law on State Pensions', 'https://likumi.lv/ta/id/38048-par-valsts-pensijam'),
  disability: law('Invaliditātes likums', 'Disability Law', 'https://likumi.lv/ta/id/211494-invaliditates-likums'),
  socialInsurance: law('Likums „Par valsts sociālo apdrošināšanu”', 'Law on State Social Insurance', 'https://likumi.lv/ta/id/45466-par-valsts-socialo-apdrosinasanu'),
  incomeTax: law('Likums „Par iedzīvotāju ienākuma nodokli”', 'Law on Personal Income Tax', 'https://likumi.lv/ta/id/56880-par-iedzivotaju-ienakuma-nodokli'),
  taxes: law('Likums „Par nodokļiem un nodevām”', 'Law on Taxes and Fees', 'https://likumi.lv/ta/id/33946-par-nodokliem-un-nodevam'),
  vat: law('Pievienotās vērtības nodokļa likums', 'Value Added Tax Law', 'https://likumi.lv/ta/id/253451-pievienotas-vertibas-nodokla-likums'),
  microTax: law('Mikrouzņēmumu nodokļa likums', 'Micro-enterprise Tax Law', 'https://likumi.lv/ta/id/215179-mikrouznemumu-nodokla-likums'),
  commercial: law('Komerclikums', 'Commercial Law', 'https://likumi.lv/ta/id/5490-komerclikums'),
  enterpriseRegister: law('Likums „Par Latvijas Republikas Uzņēmumu reģistru”', 'Law on the Register of Enterprises of the Republic of Latvia', 'https://likumi.lv/ta/id/72847'),
  amlLaw: law(
    'Noziedzīgi iegūtu līdzekļu legalizācijas un terorisma un proliferācijas finansēšanas novēršanas likums',
    'Law on the Prevention of Money Laundering and Terrorism and Proliferation Financing',
    'https://likumi.lv/ta/id/178987',
  ),
  roadTraffic: law('Ceļu satiksmes likums', 'Road Traffic Law', 'https://likumi.lv/ta/id/45467-celu-satiksmes-likums'),
  vehicleTax: law(
    'Transportlīdzekļa ekspluatācijas nodokļa un uzņēmumu vieglo transportlīdzekļu nodokļa likums',
    'Vehicle Operation Tax and Company Car Tax Law',
    'https://likumi.lv/ta/id/220622',
  ),
  civilRegistration: law('Civilstāvokļa aktu reģistrācijas likums', 'Law on the Registration of Civil Status Documents', 'https://likumi.lv/ta/id/253442-civilstavokla-aktu-registracijas-likums'),
  civilLaw: law('Civillikums', 'The Civil Law', 'https://likumi.lv/ta/id/225418-civillikums'),
  education: law('Izglītības likums', 'Education Law', 'https://likumi.lv/ta/id/50759-izglitibas-likums'),
  generalEducation: law('Vispārējās izglītības likums', 'General Education Law', 'https://likumi.lv/ta/id/20243-visparejas-izglitibas-likums'),
  rigaPreschool: law(
    'Rīgas domes saistošie noteikumi Nr. 191 „Kārtība, kādā Rīgas valstspilsētas pašvaldība īsteno pirmsskolas izglītības nodrošināšanas funkciju”',
    'Riga City Council Binding Regulation No. 191 on Providing Pre-school Education',
    'https://likumi.lv/ta/id/280734',
  ),
  construction: law('Būvniecības likums', 'Construction Law', 'https://likumi.lv/ta/id/258572-buvniecibas-likums'),
  generalBuilding: law('Ministru kabineta noteikumi Nr. 500 „Vispārīgie būvnoteikumi”', 'Cabinet Regulation No. 500 General Construction Regulations', 'https://likumi.lv/ta/id/275006'),
  propertyTax: law('Likums „Par nekustamā īpašuma nodokli”', 'Law on Immovable Property Tax', 'https://likumi.lv/ta/id/43913-par-nekustama-ipasuma-nodokli'),
  cadastre: law('Nekustamā īpašuma valsts kadastra likums', 'Immovable Property State Cadastre Law', 'https://likumi.lv/ta/id/124468-nekustama-ipasuma-valsts-kadastra-likums'),
  landRegister: law('Zemesgrāmatu likums', 'Land Register Law', 'https://likumi.lv/ta/id/60460-zemesgramatu-likums'),
  medicalTreatment: law('Ārstniecības likums', 'Medical Treatment Law', 'https://likumi.lv/ta/id/44108-arstniecibas-likums'),
  healthcareOrganisation: law(
    'Ministru kabineta noteikumi Nr. 555 „Veselības aprūpes pakalpojumu organizēšanas un samaksas kārtība”',
    'Cabinet Regulation No. 555 on the Organisation of and Payment for Healthcare Services',
    'https://likumi.lv/ta/id/301399',
  ),
  euSocialSecurity: law(
    'Eiropas Parlamenta un Padomes Regula (EK) Nr. 883/2004 par sociālās nodrošināšanas sistēmu koordinēšanu',
    'Regulation (EC) No 883/2004 of the European Parliament and of the Council on the coordination of social security systems',
    'https://eur-lex.europa.eu/legal-content/LV/TXT/?uri=CELEX:32004R0883',
  ),
  stateLanguage: law('Valsts valodas likums', 'Official Language Law', 'https://likumi.lv/ta/id/14740-valsts-valodas-likums'),
  languageTest: law(
    'Ministru kabineta noteikumi Nr. 733 „Noteikumi par valsts valodas zināšanu apjomu, valsts valodas prasmes pārbaudes kārtību un valsts nodevu par valsts valodas prasmes pārbaudi”',
    'Cabinet Regulation No. 733 on the Extent of Official Language Knowledge, the Procedure for Testing Official Language Proficiency and the State Fee',
    'https://likumi.lv/ta/id/194735',
  ),
  agriculture: law('Lauksaimniecības un lauku attīstības likums', 'Agriculture and Rural Development Law', 'https://likumi.lv/ta/id/87046-lauksaimniecibas-un-lauku-attistibas-likums'),
  capRegulation: law(
    'Eiropas Parlamenta un Padomes Regula (ES) 2021/2115 par KLP stratēģiskajiem plāniem',
    'Regulation (EU) 2021/2115 of the European Parliament and of the Council on CAP Strategic Plans',
    'https://eur-lex.europa.eu/legal-content/LV/TXT/?uri=CELEX:32021R2115',
  ),
  eAddress: law('Oficiālās elektroniskās adreses likums', 'Law on the Official Electronic Address', 'https://likumi.lv/ta/id/283229-oficialas-elektroniskas-adreses-likums'),
} satisfies Record<string, LegalResource>;

export const demoServices: DemoService[] = [
  // ── Pilsonības un migrācijas lietu pārvalde ────────────────────────────────
  {
    institution: 'pmlp',
    slug: 'dzivesvietas-deklaresana',
    identifier: 'PMLP-001',
    title: t('Dzīvesvietas deklarēšana', 'Declaring your place of residence'),
    description: t(
      'Mainot dzīvesvietu, jaunā adrese jādeklarē viena mēneša laikā. Dzīvesvietu var deklarēt sev, savam nepilngadīgajam bērnam vai aizbildnībā esošai personai, kā arī norādīt vienu papildu adresi Latvijā vai ārvalstīs. Deklarējot elektroniski, valsts nodeva nav jāmaksā, un ziņas Fizisko personu reģistrā tiek atjaunotas uzreiz.',
      'When you move, you must declare your new address within one month. You can declare the place of residence for yourself, your minor child or a person under your guardianship, and add one additional address in Latvia or abroad. Declaring online is free of charge and the Register of Natural Persons is updated immediately.',
    ),
    keywords: {
      lv: ['dzīvesvieta', 'deklarēšana', 'adreses maiņa', 'pārcelšanās', 'deklarētā adrese', 'papildu adrese', 'pieraksts'],
      en: ['place of residence', 'declare address', 'change of address', 'moving', 'registered address', 'additional address'],
    },
    audience: ['citizen'],
    events: ['moving', 'birth'],
    channels: [
      online('https://latvija.gov.lv/Services/10916', 'PT1H', t('E-pakalpojums „Dzīvesvietas deklarēšana vai norādīšana”; ziņas reģistrā tiek atjaunotas uzreiz.', 'E-service “Declaring or indicating the place of residence”; the register is updated immediately.')),
      inPerson(RIGA_CENTRE, 'P1D', t('Klātienē deklarē tās pašvaldības dzīvesvietas deklarēšanas iestādē, kuras teritorijā atrodas jaunā dzīvesvieta.', 'In person, declare at the residence declaration office of the municipality where the new home is located.')),
    ],
    processingTime: 'P1D',
    costs: [eur(4.27, 'Valsts nodeva, deklarējot dzīvesvietu klātienē (elektroniski – bez maksas)', 'State fee when declaring in person (free of charge online)')],
    requirements: [
      item('Latvijas pilsonis, nepilsonis vai ārzemnieks ar uzturēšanās atļauju vai reģistrācijas apliecību', 'Latvian citizen, non-citizen or foreign national with a residence permit or registration certificate'),
      item('Tiesisks pamats dzīvot deklarējamajā mājoklī', 'A legal basis for living in the home', 'Piemēram, īpašuma tiesības, īres līgums vai mājokļa īpašnieka piekrišana.', 'For example ownership, a tenancy agreement or the owner’s consent.'),
      item('Adrese ir iekļauta Valsts adrešu reģistrā', 'The address is included in the State Address Register'),
    ],
    evidence: [
      ID_DOCUMENT,
      item('Dokuments, kas apliecina tiesisko pamatu dzīvot mājoklī', 'Document proving the legal basis for living in the home', 'Jāuzrāda, ja tiesiskais pamats neizriet no valsts reģistru datiem.', 'Required if the legal basis cannot be verified in state registers.'),
    ],
    outputs: [
      item('Deklarētā dzīvesvieta reģistrēta Fizisko personu reģistrā', 'Declared place of residence recorded in the Register of Natural Persons', 'Ziņas var pārbaudīt e-pakalpojumā „Mani dati Fizisko personu reģistrā”.', 'You can check the record in the e-service “My data in the Register of Natural Persons”.'),
    ],
    steps: [
      STEP_LOGIN,
      item('Aizpildiet dzīvesvietas deklarāciju', 'Fill in the residence declaration', 'Norādiet jauno adresi un tiesisko pamatu dzīvot mājoklī; ja vēlaties, pievienojiet papildu adresi.', 'Enter the new address and the legal basis for living there; add an additional address if you wish.'),
      item('Pārbaudiet un iesniedziet deklarāciju', 'Check and submit the declaration'),
      item('Pārliecinieties, ka jaunā adrese ir reģistrēta', 'Make sure the new address has been recorded'),
    ],
    legalBasis: [L.residence, L.personRegister],
    languages: ['lv', 'en'],
  },
  {
    institution: 'pmlp',
    slug: 'pases-izsniegsana',
    identifier: 'PMLP-002',
    title: t('Pases izsniegšana', 'Issuing a passport'),
    description: t(
      'Latvijas pilsoņa vai nepilsoņa pase ir ceļošanas un personu apliecinošs dokuments. Pasi var saņemt 10 darbdienu laikā vai paātrināti – 2 darbdienu laikā. Iesniegums jāiesniedz personiski, jo nodaļā uzņem sejas attēlu un pirkstu nospiedumus.',
      'The passport of a Latvian citizen or non-citizen is a travel and identity document. It is issued within 10 working days or, for a higher fee, within 2 working days. You must apply in person because your photograph and fingerprints are taken at the office.',
    ),
    keywords: {
      lv: ['pase', 'ceļošanas dokuments', 'pases maiņa', 'personu apliecinošs dokuments', 'pases nodeva', 'paātrināta pase'],
      en: ['passport', 'travel document', 'passport renewal', 'identity document', 'passport fee', 'urgent passport'],
    },
    audience: ['citizen'],
    events: ['travel'],
    channels: [
      online(
        'https://latvija.gov.lv/Services/12460',
        'P10D',
        t('Tiešsaistē var pieteikt pasi, ja sejas attēls un pirkstu nospiedumi nodoti pēdējo piecu gadu laikā; valsts nodevu samaksā pieteikumā.', 'You can apply online if your photograph and fingerprints were taken within the last five years; the state fee is paid in the application.'),
      ),
      inPerson(PMLP_OFFICE, 'P10D', t('Pieņem rindas kārtībā vai pēc iepriekšēja pieraksta. Pasi var pieteikt arī Latvijas pārstāvniecībās ārvalstīs.', 'Served in the queue or by appointment. You can also apply at Latvian embassies and consulates abroad.')),
      phone('+371 67209400', PMLP_OFFICE.openingHours, t('Pieraksts uz dokumentu noformēšanu un konsultācijas.', 'Appointments and advice on applying.')),
    ],
    processingTime: 'P10D',
    costs: [
      // Charged in the e-application by the speed chosen and whether a reduced fee applies (the form's `speed` and `feeGroup`).
      charged(eur(30, 'Valsts nodeva par pases izsniegšanu 10 darbdienu laikā', 'State fee for a passport issued within 10 working days'), 'passport-10d', { speed: '10d', feeGroup: 'standard' }),
      charged(eur(75, 'Valsts nodeva par pases izsniegšanu 2 darbdienu laikā', 'State fee for a passport issued within 2 working days'), 'passport-2d', { speed: '2d', feeGroup: 'standard' }),
      charged(
        eur(15, 'Samazināta valsts nodeva (10 darbdienu laikā) bērniem un jauniešiem līdz 20 gadu vecumam, pensionāriem un personām ar I vai II grupas invaliditāti', 'Reduced state fee (10 working days) for children and young people under 20, pensioners and persons with group I or II disability'),
        'passport-10d-reduced',
        { speed: '10d', feeGroup: 'reduced' },
      ),
      charged(
        eur(45, 'Samazināta valsts nodeva (2 darbdienu laikā) bērniem un jauniešiem līdz 20 gadu vecumam, pensionāriem un personām ar I vai II grupas invaliditāti', 'Reduced state fee (2 working days) for children and young people under 20, pensioners and persons with group I or II disability'),
        'passport-2d-reduced',
        { speed: '2d', feeGroup: 'reduced' },
      ),
    ],
    requirements: [
      item('Latvijas pilsonis vai nepilsonis', 'Latvian citizen or non-citizen'),
      item('Iepriekšējā pase ir beigusies, zudusi, bojāta vai mainīti personas dati', 'The previous passport has expired, been lost or damaged, or your personal data have changed'),
      item('Iesniedzējs ierodas personiski', 'The applicant comes in person', 'Bērnu līdz 15 gadu vecumam pavada viens no vecākiem vai likumiskais pārstāvis.', 'Children under 15 must be accompanied by a parent or legal representative.'),
    ],
    evidence: [
      item('Iepriekšējais personu apliecinošais dokuments', 'Previous identity document', 'Jāiesniedz arī tad, ja tā derīguma termiņš ir beidzies.', 'Must be handed in even if it has expired.'),
      item('Paziņojums par dokumenta nozaudēšanu', 'Statement on the loss of a document', 'Ja iepriekšējā pase ir nozaudēta vai nozagta.', 'If the previous passport was lost or stolen.'),
      item('Dzimšanas apliecība', 'Birth certificate', 'Ja personai iepriekš nav izsniegts personu apliecinošs dokuments.', 'If the person has never been issued an identity document.'),
    ],
    outputs: [item('Latvijas pilsoņa vai nepilsoņa pase', 'Passport of a Latvian citizen or non-citizen')],
    steps: [
      item('Pierakstieties vizītei vai dodieties uz nodaļu rindas kārtībā', 'Book an appointment or join the queue at an office'),
      item('Samaksājiet valsts nodevu', 'Pay the state fee', 'Nodaļā var norēķināties ar maksājumu karti.', 'You can pay by card at the office.'),
      item('Iesniedziet iesniegumu un nododiet biometriskos datus', 'Submit the application and give your biometric data', 'Nodaļā uzņem sejas attēlu un pirkstu nospiedumus.', 'Your photograph and fingerprints are taken at the office.'),
      item('Saņemiet pasi personiski', 'Collect the passport in person', 'Saņemot jauno pasi, nododiet iepriekšējo dokumentu.', 'Hand in your previous document when collecting the new one.'),
    ],
    legalBasis: [L.idDocuments, L.idDocumentFees],
    languages: ['lv', 'en'],
    contactPoint: { email: 'pases@pmlp.gov.lv', phone: '+371 67209400' },
  },
  {
    institution: 'pmlp',
    slug: 'personas-apliecibas-eid-kartes-izsniegsana',
    identifier: 'PMLP-003',
    title: t('Personas apliecības (eID kartes) izsniegšana', 'Issuing a personal identity card (eID card)'),
    description: t(
      'Personas apliecība jeb eID karte ir obligāts personu apliecinošs dokuments Latvijas pilsoņiem un nepilsoņiem no 15 gadu vecuma. Kartē iekļauti sertifikāti, ar kuriem var autentificēties e-pakalpojumos un droši elektroniski parakstīt dokumentus. Karti izsniedz 10 darbdienu laikā vai paātrināti – 2 darbdienu laikā.',
      'The personal identity card, or eID card, is a mandatory identity document for Latvian citizens and non-citizens aged 15 and over. It contains certificates for logging in to e-services and for signing documents with a qualified electronic signature. The card is issued within 10 working days or, urgently, within 2 working days.',
    ),
    keywords: {
      lv: ['eID karte', 'personas apliecība', 'ID karte', 'e-paraksts', 'PIN kodi', 'personu apliecinošs dokuments'],
      en: ['eID card', 'identity card', 'ID card', 'electronic signature', 'PIN codes', 'identity document'],
    },
    audience: ['citizen'],
    events: ['travel'],
    channels: [
      inPerson(PMLP_OFFICE, 'P10D', t('Pieņem rindas kārtībā vai pēc iepriekšēja pieraksta jebkurā PMLP nodaļā.', 'Served in the queue or by appointment at any OCMA office.')),
      phone('+371 67209400', PMLP_OFFICE.openingHours, t('Pieraksts un konsultācijas par eID karti un tās sertifikātiem.', 'Appointments and advice on the eID card and its certificates.')),
    ],
    processingTime: 'P10D',
    costs: [
      eur(30, 'Valsts nodeva par personas apliecības izsniegšanu 10 darbdienu laikā', 'State fee for an identity card issued within 10 working days'),
      eur(45, 'Valsts nodeva par personas apliecības izsniegšanu 2 darbdienu laikā', 'State fee for an identity card issued within 2 working days'),
      eur(15, 'Samazināta valsts nodeva (10 darbdienu laikā) bērniem un jauniešiem līdz 20 gadu vecumam, pensionāriem un personām ar I vai II grupas invaliditāti', 'Reduced state fee (10 working days) for children and young people under 20, pensioners and persons with group I or II disability'),
    ],
    requirements: [
      item('Latvijas pilsonis vai nepilsonis', 'Latvian citizen or non-citizen'),
      item('Personai ir 15 gadi vai vairāk, vai eID karte tiek pieprasīta bērnam pēc vecāku vēlēšanās', 'The person is 15 or older, or the parents request an eID card for a younger child'),
      item('Iesniedzējs ierodas personiski', 'The applicant comes in person'),
    ],
    evidence: [
      item('Iepriekšējā personas apliecība', 'Previous identity card', 'Ja tāda ir izsniegta.', 'If one has been issued.'),
      item('Paziņojums par dokumenta nozaudēšanu', 'Statement on the loss of a document', 'Ja iepriekšējā karte ir nozaudēta vai nozagta.', 'If the previous card was lost or stolen.'),
    ],
    outputs: [
      item('Personas apliecība (eID karte)', 'Personal identity card (eID card)'),
      item('PIN kodu aploksne', 'PIN code envelope', 'PIN kodi nepieciešami autentifikācijai un elektroniskajam parakstam.', 'The PIN codes are needed for logging in and for the electronic signature.'),
    ],
    steps: [
      item('Pierakstieties vizītei vai dodieties uz nodaļu rindas kārtībā', 'Book an appointment or join the queue at an office'),
      item('Samaksājiet valsts nodevu', 'Pay the state fee'),
      item('Iesniedziet iesniegumu un nododiet biometriskos datus', 'Submit the application and give your biometric data'),
      item('Saņemiet eID karti un PIN kodus', 'Collect the eID card and the PIN codes'),
      item('Aktivizējiet sertifikātus', 'Activate the certificates', 'Sertifikātus var aktivizēt portālā eparaksts.lv vai eID starpprogrammatūrā.', 'You can activate the certificates at eparaksts.lv or in the eID middleware.'),
    ],
    legalBasis: [L.idDocuments, L.idDocumentFees],
    languages: ['lv', 'en'],
    contactPoint: { email: 'eid@pmlp.gov.lv', phone: '+371 67209400' },
  },
  {
    institution: 'pmlp',
    slug: 'uzturesanas-atlaujas-pieprasisana',
    identifier: 'PMLP-004',
    title: t('Uzturēšanās atļaujas pieprasīšana', 'Applying for a residence permit'),
    description: t(
      'Ārzemnieks, kurš plāno Latvijā uzturēties ilgāk par 90 dienām 180 dienu periodā, pieprasa termiņuzturēšanās atļauju, piemēram, darba, studiju vai ģimenes apvienošanās nolūkā. Dokumentus izskata 30 dienu laikā vai paātrināti – 10 vai 5 darbdienu laikā. Pēc pozitīva lēmuma izsniedz uzturēšanās atļaujas karti.',
      'A foreign national who plans to stay in Latvia for more than 90 days in any 180-day period applies for a temporary residence permit, for example for work, studies or family reunification. Applications are examined within 30 days or, for a higher fee, within 10 or 5 working days. After a positive decision a residence permit card is issued.',
    ),
    keywords: {
      lv: ['uzturēšanās atļauja', 'termiņuzturēšanās atļauja', 'ārzemnieks', 'imigrācija', 'darba atļauja', 'ģimenes apvienošanās'],
      en: ['residence permit', 'temporary residence', 'foreign national', 'immigration', 'work permit', 'family reunification'],
    },
    audience: ['citizen'],
    events: ['moving', 'travel'],
    channels: [
      online('https://latvija.gov.lv/Services/12470', 'P30D', t('Pieteikumu var sagatavot tiešsaistē; biometriskos datus nodod PMLP nodaļā.', 'The application can be prepared online; biometric data are given at an OCMA office.')),
      inPerson(PMLP_OFFICE, 'P30D', t('Ārzemnieku pieņemšana pēc iepriekšēja pieraksta.', 'Foreign nationals are served by appointment.')),
    ],
    processingTime: 'P30D',
    costs: [
      eur(70, 'Valsts nodeva par dokumentu izskatīšanu 30 dienu laikā', 'State fee for examining the documents within 30 days'),
      eur(140, 'Valsts nodeva par dokumentu izskatīšanu 10 darbdienu laikā', 'State fee for examining the documents within 10 working days'),
      eur(45, 'Valsts nodeva par uzturēšanās atļaujas kartes izsniegšanu 10 darbdienu laikā', 'State fee for issuing the residence permit card within 10 working days'),
    ],
    requirements: [
      item('Ārzemnieks, kurš nav Eiropas Savienības vai EEZ valsts pilsonis', 'A foreign national who is not an EU or EEA citizen'),
      item('Pamatots uzturēšanās mērķis Latvijā', 'A justified purpose of residence in Latvia', 'Piemēram, nodarbinātība, studijas vai ģimenes apvienošanās.', 'For example employment, studies or family reunification.'),
      item('Pietiekami finanšu līdzekļi un veselības apdrošināšana', 'Sufficient financial means and health insurance'),
    ],
    evidence: [
      item('Derīgs ceļošanas dokuments', 'Valid travel document'),
      item('Aizpildīta anketa un fotogrāfija', 'Completed application form and photograph'),
      item('Uzaicinājums vai dokuments, kas apliecina uzturēšanās mērķi', 'Invitation or document proving the purpose of stay', 'Piemēram, darba līgums, imatrikulācijas apliecinājums vai laulības apliecība.', 'For example an employment contract, proof of enrolment or a marriage certificate.'),
      item('Veselības apdrošināšanas polise', 'Health insurance policy'),
    ],
    outputs: [item('Uzturēšanās atļaujas karte', 'Residence permit card')],
    steps: [
      item('Sagatavojiet dokumentus atbilstoši uzturēšanās mērķim', 'Prepare the documents for your purpose of stay'),
      item('Iesniedziet pieteikumu tiešsaistē vai PMLP nodaļā', 'Submit the application online or at an OCMA office'),
      item('Samaksājiet valsts nodevu', 'Pay the state fee'),
      item('Saņemiet lēmumu', 'Receive the decision'),
      item('Nododiet biometriskos datus un saņemiet uzturēšanās atļaujas karti', 'Give your biometric data and collect the residence permit card'),
    ],
    legalBasis: [L.immigration, L.residencePermits],
    languages: ['lv', 'en'],
  },
  {
    institution: 'pmlp',
    slug: 'latvijas-pilsonibas-iegusana-naturalizacijas-kartiba',
    identifier: 'PMLP-005',
    title: t('Latvijas pilsonības iegūšana naturalizācijas kārtībā', 'Acquiring Latvian citizenship by naturalisation'),
    description: t(
      'Latvijas nepilsoņi un ārzemnieki, kuri Latvijā pastāvīgi dzīvo vismaz piecus gadus, var iesniegt iesniegumu pilsonības iegūšanai naturalizācijas kārtībā. Pretendents kārto latviešu valodas prasmes pārbaudi un Satversmes, valsts himnas teksta, Latvijas vēstures un kultūras pamatu zināšanu pārbaudi. Iesniegumu izskata gada laikā, un lēmumu par uzņemšanu pilsonībā pieņem Ministru kabinets.',
      'Latvian non-citizens and foreign nationals who have lived permanently in Latvia for at least five years can apply for citizenship by naturalisation. The applicant takes a Latvian language test and a test on the Constitution, the text of the national anthem, and the basics of Latvian history and culture. The application is examined within one year, and the decision on granting citizenship is taken by the Cabinet of Ministers.',
    ),
    keywords: {
      lv: ['pilsonība', 'naturalizācija', 'nepilsonis', 'pilsonības pārbaude', 'zvērests', 'Latvijas pilsonis'],
      en: ['citizenship', 'naturalisation', 'non-citizen', 'citizenship test', 'oath of allegiance', 'Latvian citizen'],
    },
    audience: ['citizen'],
    events: ['travel'],
    channels: [
      inPerson(PMLP_OFFICE, 'P1Y', t('Iesniegumu iesniedz personiski PMLP nodaļā pēc iepriekšēja pieraksta.', 'The application is submitted in person at an OCMA office by appointment.')),
      phone('+371 67209400', PMLP_OFFICE.openingHours, t('Konsultācijas par naturalizācijas kārtību un pārbaudēm.', 'Advice on the naturalisation procedure and tests.')),
    ],
    processingTime: 'P1Y',
    costs: [
      eur(28.46, 'Valsts nodeva par naturalizācijas iesnieguma izskatīšanu', 'State fee for examining the naturalisation application'),
      eur(4.27, 'Samazināta valsts nodeva trūcīgām un maznodrošinātām personām, pensionāriem un studējošajiem', 'Reduced state fee for persons with low income, pensioners and students'),
    ],
    requirements: [
      item('Pastāvīga dzīvošana Latvijā vismaz piecus gadus', 'Permanent residence in Latvia for at least five years'),
      item('Latviešu valodas prasme', 'Proficiency in Latvian'),
      item('Satversmes, valsts himnas, Latvijas vēstures un kultūras pamatu zināšanas', 'Knowledge of the Constitution, the national anthem, and Latvian history and culture'),
      item('Leģitīms iztikas avots', 'A legal source of income'),
    ],
    evidence: [
      ID_DOCUMENT,
      item('Naturalizācijas iesniegums un dzīves apraksts', 'Naturalisation application and curriculum vitae'),
      item('Dokuments par iepriekšējās pilsonības izbeigšanu vai atļauju to saglabāt', 'Document on renouncing the previous citizenship or permission to keep it', 'Ja pretendentam ir citas valsts pilsonība.', 'If the applicant holds another citizenship.'),
    ],
    outputs: [item('Ministru kabineta lēmums par uzņemšanu Latvijas pilsonībā', 'Cabinet of Ministers decision on granting Latvian citizenship')],
    steps: [
      item('Iesniedziet iesniegumu PMLP nodaļā', 'Submit the application at an OCMA office'),
      item('Nokārtojiet valodas un zināšanu pārbaudes', 'Pass the language and knowledge tests'),
      item('Sagaidiet Ministru kabineta lēmumu', 'Wait for the Cabinet of Ministers decision'),
      item('Dodiet uzticības zvērestu Latvijas Republikai', 'Take the oath of allegiance to the Republic of Latvia'),
      item('Pieprasiet Latvijas pilsoņa pasi un eID karti', 'Apply for a Latvian citizen’s passport and eID card'),
    ],
    legalBasis: [L.citizenship],
    languages: ['lv'],
  },

  // ── Valsts sociālās apdrošināšanas aģentūra ────────────────────────────────
  {
    institution: 'vsaa',
    slug: 'berna-piedzimsanas-pabalsts',
    identifier: 'VSAA-001',
    title: t('Bērna piedzimšanas pabalsts', 'Childbirth benefit'),
    description: t(
      'Vienreizējs pabalsts 421,17 eiro apmērā par katru bērnu, kuram piešķirts personas kods. Pabalstu var saņemt viens no vecākiem vai aizbildnis, ja bērns aizbildnībā ņemts līdz viena gada vecumam. Pabalsts jāpieprasa ne vēlāk kā sešu mēnešu laikā no bērna piedzimšanas dienas.',
      'A one-off benefit of EUR 421.17 for every child who has been given a personal identity number. It is paid to one of the parents, or to a guardian if the child was taken into guardianship before the age of one. The benefit must be claimed within six months of the child’s birth.',
    ),
    keywords: {
      lv: ['piedzimšanas pabalsts', 'dzimšanas pabalsts', 'jaundzimušais', 'pabalsts vecākiem', 'bērna pabalsts', 'vienreizējs pabalsts'],
      en: ['childbirth benefit', 'birth grant', 'newborn', 'benefit for parents', 'child benefit', 'one-off payment'],
    },
    audience: ['citizen'],
    events: ['birth'],
    channels: [
      online('https://latvija.gov.lv/Services/12284', 'P10D'),
      inPerson(VSAA_OFFICE, 'P10D', t('Iesniegumu var iesniegt arī Rīgas valstspilsētas pašvaldības Dzimtsarakstu nodaļā bērna dzimšanas reģistrācijas laikā.', 'You can also apply at the Riga Civil Registry Office when registering the child’s birth.')),
      post(VSAA_POST, 'P10D', t('Iesniegumu var nosūtīt pa pastu.', 'The application can be sent by post.')),
    ],
    processingTime: 'P10D',
    costs: [],
    requirements: [
      item('Viens no vecākiem vai aizbildnis, kurš pastāvīgi dzīvo Latvijā', 'One of the parents, or a guardian, permanently living in Latvia'),
      item('Bērnam ir piešķirts personas kods', 'The child has been given a personal identity number'),
      item('Pabalsts pieprasīts sešu mēnešu laikā no bērna piedzimšanas', 'The benefit is claimed within six months of the birth'),
    ],
    evidence: [
      item('Iesniegums bērna piedzimšanas pabalsta piešķiršanai', 'Application for the childbirth benefit'),
      ID_DOCUMENT,
    ],
    outputs: [
      item('Lēmums par pabalsta piešķiršanu', 'Decision on granting the benefit'),
      item('Pabalsta izmaksa kredītiestādes vai pasta norēķinu sistēmas kontā', 'Payment to a bank or postal settlement account'),
    ],
    steps: [
      STEP_LOGIN,
      item('Aizpildiet iesniegumu bērna piedzimšanas pabalstam', 'Fill in the application for the childbirth benefit'),
      item('Norādiet kontu izmaksai un vēlamo lēmuma saņemšanas veidu', 'Enter the payment account and how you wish to receive the decision'),
      item('Saņemiet lēmumu un pabalstu', 'Receive the decision and the payment'),
    ],
    legalBasis: [L.socialBenefits],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vsaa',
    slug: 'gimenes-valsts-pabalsts',
    identifier: 'VSAA-002',
    title: t('Ģimenes valsts pabalsts', 'Family state benefit'),
    description: t(
      'Ikmēneša pabalsts par bērnu no viena gada vecuma līdz 16 gadu vecumam, bet, ja bērns turpina mācības vispārējās vai profesionālās izglītības iestādē un nav stājies laulībā, – līdz 20 gadu vecumam. Pabalsta apmērs ir atkarīgs no bērnu skaita ģimenē. Ja vecākam jau tiek izmaksāts bērna kopšanas pabalsts, ģimenes valsts pabalstu VSAA parasti piešķir bez atsevišķa iesnieguma.',
      'A monthly benefit for a child from the age of one until 16, or until 20 if the child continues in general or vocational education and is not married. The amount depends on the number of children in the family. If a parent already receives the childcare benefit, the SSIA usually grants the family state benefit without a separate application.',
    ),
    keywords: {
      lv: ['ģimenes pabalsts', 'bērna nauda', 'pabalsts par bērnu', 'ikmēneša pabalsts', 'daudzbērnu ģimene', 'VSAA pabalsts'],
      en: ['family benefit', 'child benefit', 'monthly benefit', 'large family', 'benefit for children', 'allowance'],
    },
    audience: ['citizen'],
    events: ['birth', 'education'],
    channels: [
      online('https://latvija.gov.lv/Services/12286', 'P10D'),
      inPerson(VSAA_OFFICE, 'P10D'),
      post(VSAA_POST, 'P10D', t('Iesniegumu var nosūtīt pa pastu.', 'The application can be sent by post.')),
    ],
    processingTime: 'P10D',
    costs: [],
    requirements: [
      item('Viens no vecākiem, aizbildnis vai audžuģimene, kas pastāvīgi dzīvo Latvijā', 'One of the parents, a guardian or a foster family permanently living in Latvia'),
      item('Bērns ir vecumā no viena līdz 16 gadiem vai mācās un nav sasniedzis 20 gadu vecumu', 'The child is aged between one and 16, or is in education and under 20'),
    ],
    evidence: [
      item('Iesniegums ģimenes valsts pabalsta piešķiršanai', 'Application for the family state benefit', 'Nepieciešams, ja pabalsts netiek piešķirts automātiski.', 'Needed if the benefit is not granted automatically.'),
      item('Izziņa no izglītības iestādes', 'Certificate from the educational institution', 'Par bērnu no 16 līdz 20 gadu vecumam, ja ziņas nav pieejamas Valsts izglītības informācijas sistēmā.', 'For a child aged 16–20, if the data are not available in the State Education Information System.'),
    ],
    outputs: [item('Lēmums par ikmēneša pabalsta piešķiršanu', 'Decision on granting the monthly benefit')],
    steps: [
      STEP_LOGIN,
      item('Pārbaudiet, vai pabalsts jau nav piešķirts automātiski', 'Check whether the benefit has already been granted automatically'),
      item('Aizpildiet un iesniedziet iesniegumu', 'Fill in and submit the application'),
      item('Saņemiet lēmumu un ikmēneša izmaksas', 'Receive the decision and the monthly payments'),
    ],
    legalBasis: [L.socialBenefits],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vsaa',
    slug: 'berna-kopsanas-pabalsts',
    identifier: 'VSAA-003',
    title: t('Bērna kopšanas pabalsts', 'Childcare benefit'),
    description: t(
      'Ikmēneša pabalsts vienam no vecākiem, aizbildnim vai audžuģimenei par bērna kopšanu līdz pusotra gada vecumam. Pabalstu var saņemt neatkarīgi no tā, vai persona strādā vai ir sociāli apdrošināta. Bērna kopšanas pabalsts ir 171 eiro mēnesī.',
      'A monthly benefit for one of the parents, a guardian or a foster family for caring for a child up to the age of one and a half. It is paid regardless of whether the person works or is socially insured. The childcare benefit is EUR 171 per month.',
    ),
    keywords: {
      lv: ['bērna kopšanas pabalsts', 'kopšanas atvaļinājums', 'pabalsts līdz pusotram gadam', 'mazulis', 'pabalsts vecākiem'],
      en: ['childcare benefit', 'childcare leave', 'benefit for parents', 'toddler', 'baby allowance'],
    },
    audience: ['citizen'],
    events: ['birth'],
    channels: [online('https://latvija.gov.lv/Services/12288', 'P10D'), inPerson(VSAA_OFFICE, 'P10D')],
    processingTime: 'P10D',
    costs: [],
    requirements: [
      item('Viens no vecākiem, aizbildnis vai audžuģimene', 'One of the parents, a guardian or a foster family'),
      item('Bērns nav sasniedzis pusotra gada vecumu', 'The child is under one and a half years old'),
      item('Persona pastāvīgi dzīvo Latvijā', 'The person lives permanently in Latvia'),
    ],
    evidence: [item('Iesniegums bērna kopšanas pabalsta piešķiršanai', 'Application for the childcare benefit')],
    outputs: [item('Lēmums par pabalsta piešķiršanu', 'Decision on granting the benefit')],
    steps: [
      STEP_LOGIN,
      item('Aizpildiet iesniegumu bērna kopšanas pabalstam', 'Fill in the application for the childcare benefit'),
      item('Saņemiet lēmumu un ikmēneša izmaksas', 'Receive the decision and the monthly payments'),
    ],
    legalBasis: [L.socialBenefits],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vsaa',
    slug: 'vecaku-pabalsts',
    identifier: 'VSAA-004',
    title: t('Vecāku pabalsts', 'Parental benefit'),
    description: t(
      'Sociāli apdrošinātiem vecākiem, kuri kopj bērnu, izmaksā vecāku pabalstu līdz bērna viena gada vecumam (60 % no vidējās apdrošināšanas iemaksu algas) vai līdz pusotra gada vecumam (43,75 %). Katram no vecākiem ir divi nenododami pabalsta mēneši. Pabalsta saņemšanas periodu vecāki izvēlas, iesniedzot iesniegumu.',
      'Socially insured parents caring for a child receive the parental benefit until the child is one (60% of the average insurable earnings) or until the child is one and a half (43.75%). Each parent has two non-transferable months of benefit. Parents choose the period when they apply.',
    ),
    keywords: {
      lv: ['vecāku pabalsts', 'bērna kopšanas atvaļinājums', 'apdrošināšanas iemaksu alga', 'tēva mēneši', 'dekrēts'],
      en: ['parental benefit', 'parental leave', 'insurable earnings', 'father’s months', 'paid leave'],
    },
    audience: ['citizen'],
    events: ['birth'],
    channels: [online('https://latvija.gov.lv/Services/12290', 'P10D'), inPerson(VSAA_OFFICE, 'P10D')],
    processingTime: 'P10D',
    costs: [],
    requirements: [
      item('Persona ir sociāli apdrošināta kā darba ņēmējs vai pašnodarbinātais', 'The person is socially insured as an employee or self-employed person'),
      item('Persona kopj bērnu, kurš nav sasniedzis pusotra gada vecumu', 'The person is caring for a child under one and a half'),
    ],
    evidence: [
      item('Iesniegums vecāku pabalsta piešķiršanai', 'Application for the parental benefit', 'Iesniegumā norāda izvēlēto pabalsta saņemšanas periodu.', 'State the chosen benefit period in the application.'),
    ],
    outputs: [item('Lēmums par pabalsta piešķiršanu un apmēru', 'Decision on the benefit and its amount')],
    steps: [
      STEP_LOGIN,
      item('Izvēlieties pabalsta saņemšanas periodu', 'Choose the benefit period'),
      item('Iesniedziet iesniegumu vecāku pabalstam', 'Submit the application for the parental benefit'),
      item('Saņemiet lēmumu un ikmēneša izmaksas', 'Receive the decision and the monthly payments'),
    ],
    legalBasis: [L.maternityInsurance],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vsaa',
    slug: 'maternitates-pabalsts',
    identifier: 'VSAA-005',
    title: t('Maternitātes pabalsts', 'Maternity benefit'),
    description: t(
      'Sociāli apdrošinātām sievietēm grūtniecības un dzemdību atvaļinājuma laikā izmaksā maternitātes pabalstu 80 % apmērā no vidējās apdrošināšanas iemaksu algas. Pabalstu piešķir, pamatojoties uz ārsta izsniegtu elektronisko darbnespējas lapu B. Parasti pabalstu izmaksā par 56 dienām pirms un 56 dienām pēc dzemdībām.',
      'Socially insured women receive the maternity benefit during pregnancy and maternity leave at 80% of their average insurable earnings. It is granted on the basis of the electronic sick-leave certificate B issued by a doctor. Usually it is paid for 56 days before and 56 days after the birth.',
    ),
    keywords: {
      lv: ['maternitātes pabalsts', 'grūtniecības atvaļinājums', 'dzemdību atvaļinājums', 'darbnespējas lapa B', 'dekrēta nauda'],
      en: ['maternity benefit', 'maternity leave', 'pregnancy leave', 'sick-leave certificate B', 'maternity pay'],
    },
    audience: ['citizen'],
    events: ['birth', 'health'],
    channels: [online('https://latvija.gov.lv/Services/12292', 'P10D'), inPerson(VSAA_OFFICE, 'P10D')],
    processingTime: 'P10D',
    costs: [],
    requirements: [
      item('Sieviete ir sociāli apdrošināta', 'The woman is socially insured'),
      item('Ārsts ir izsniedzis darbnespējas lapu B', 'A doctor has issued sick-leave certificate B'),
      item('Persona atrodas grūtniecības un dzemdību atvaļinājumā un negūst ienākumus', 'The person is on pregnancy and maternity leave and has no earnings'),
    ],
    evidence: [
      item('Iesniegums maternitātes pabalsta piešķiršanai', 'Application for the maternity benefit'),
      item('Elektroniskā darbnespējas lapa B', 'Electronic sick-leave certificate B', 'VSAA to saņem no e-veselības sistēmas; papīra formā nav jāiesniedz.', 'The SSIA receives it from the e-health system; no paper copy is needed.'),
    ],
    outputs: [item('Lēmums par maternitātes pabalsta piešķiršanu', 'Decision on granting the maternity benefit')],
    steps: [
      item('Saņemiet darbnespējas lapu B pie ārsta', 'Get sick-leave certificate B from your doctor'),
      STEP_LOGIN,
      item('Iesniedziet iesniegumu maternitātes pabalstam', 'Submit the application for the maternity benefit'),
      item('Saņemiet lēmumu un pabalstu', 'Receive the decision and the payment'),
    ],
    legalBasis: [L.maternityInsurance],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vsaa',
    slug: 'bezdarbnieka-pabalsts',
    identifier: 'VSAA-006',
    title: t('Bezdarbnieka pabalsts', 'Unemployment benefit'),
    description: t(
      'Bezdarbnieka pabalstu izmaksā personai, kura ieguvusi bezdarbnieka statusu Nodarbinātības valsts aģentūrā un ir bijusi sociāli apdrošināta. Pabalsta apmērs ir atkarīgs no apdrošināšanas stāža un vidējās apdrošināšanas iemaksu algas, un to izmaksā ne ilgāk kā astoņus mēnešus. Iesniegumu var iesniegt vienlaikus ar bezdarbnieka statusa pieteikumu NVA.',
      'The unemployment benefit is paid to a person who has obtained unemployed status at the State Employment Agency and has been socially insured. The amount depends on the insurance record and average insurable earnings, and it is paid for up to eight months. You can apply at the same time as registering as unemployed with the SEA.',
    ),
    keywords: {
      lv: ['bezdarbnieka pabalsts', 'bezdarbs', 'darba zaudēšana', 'atlaišana', 'bezdarba apdrošināšana', 'pabalsts bezdarbniekiem'],
      en: ['unemployment benefit', 'jobseeker’s allowance', 'job loss', 'redundancy', 'unemployment insurance', 'dole'],
    },
    audience: ['citizen'],
    events: ['job-loss'],
    channels: [
      online('https://latvija.gov.lv/Services/12295', 'P10D'),
      inPerson(NVA_OFFICE, 'P10D', t('Iesniegumu var iesniegt NVA filiālē, reģistrējoties kā bezdarbniekam, vai jebkurā VSAA klientu apkalpošanas centrā.', 'You can apply at an SEA branch when registering as unemployed, or at any SSIA customer service centre.')),
    ],
    processingTime: 'P10D',
    costs: [],
    requirements: [
      item('Persona ir ieguvusi bezdarbnieka statusu NVA', 'The person has unemployed status at the SEA'),
      item('Apdrošināšanas stāžs vismaz viens gads', 'An insurance record of at least one year'),
      item('Iemaksas bezdarba gadījumam veiktas vismaz 12 mēnešus pēdējo 16 mēnešu laikā', 'Unemployment insurance contributions paid for at least 12 of the last 16 months'),
    ],
    evidence: [
      item('Iesniegums bezdarbnieka pabalsta piešķiršanai', 'Application for the unemployment benefit'),
      item('Apdrošināšanas stāžu apliecinoši dokumenti', 'Documents proving the insurance record', 'Nepieciešami tikai par periodiem līdz 1995. gada 31. decembrim vai darbu ārvalstīs.', 'Needed only for periods before 31 December 1995 or for work abroad.'),
    ],
    outputs: [item('Lēmums par bezdarbnieka pabalsta piešķiršanu', 'Decision on granting the unemployment benefit')],
    steps: [
      item('Reģistrējieties NVA un iegūstiet bezdarbnieka statusu', 'Register with the SEA and obtain unemployed status'),
      item('Iesniedziet iesniegumu bezdarbnieka pabalstam', 'Submit the application for the unemployment benefit'),
      item('Saņemiet VSAA lēmumu', 'Receive the SSIA decision'),
      item('Pildiet bezdarbnieka pienākumus, lai saglabātu pabalstu', 'Fulfil the obligations of an unemployed person to keep the benefit', 'Piemēram, ierodieties NVA noteiktajā laikā un aktīvi meklējiet darbu.', 'For example, attend SEA appointments and actively look for work.'),
    ],
    legalBasis: [L.unemploymentInsurance, L.unemployedSupport],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vsaa',
    slug: 'vecuma-pensijas-pieskirsana',
    identifier: 'VSAA-007',
    title: t('Vecuma pensijas piešķiršana', 'Old-age pension'),
    description: t(
      'Vecuma pensiju var pieprasīt, sasniedzot 65 gadu vecumu, ja apdrošināšanas stāžs ir vismaz 20 gadi. Personas ar vismaz 30 gadu apdrošināšanas stāžu var pensionēties priekšlaicīgi – divus gadus pirms pensionēšanās vecuma. Pensijas apmērs ir atkarīgs no uzkrātā pensijas kapitāla un apdrošināšanas stāža.',
      'You can apply for an old-age pension when you reach the age of 65 if your insurance record is at least 20 years. People with an insurance record of at least 30 years may retire early, two years before the retirement age. The amount depends on the accumulated pension capital and the insurance record.',
    ),
    keywords: {
      lv: ['vecuma pensija', 'pensionēšanās', 'pensijas vecums', 'pensijas kapitāls', 'apdrošināšanas stāžs', 'priekšlaicīgā pensija'],
      en: ['old-age pension', 'retirement', 'retirement age', 'pension capital', 'insurance record', 'early retirement'],
    },
    audience: ['citizen'],
    events: ['retirement'],
    channels: [online('https://latvija.gov.lv/Services/12297', 'P1M'), inPerson(VSAA_OFFICE, 'P1M'), post(VSAA_POST, 'P1M', t('Iesniegumu var nosūtīt pa pastu.', 'The application can be sent by post.'))],
    processingTime: 'P1M',
    costs: [],
    requirements: [
      item('Sasniegts pensionēšanās vecums – 65 gadi', 'Retirement age of 65 reached'),
      item('Apdrošināšanas stāžs vismaz 20 gadi', 'An insurance record of at least 20 years'),
    ],
    evidence: [
      item('Iesniegums vecuma pensijas piešķiršanai', 'Application for the old-age pension'),
      item('Apdrošināšanas stāžu apliecinoši dokumenti', 'Documents proving the insurance record', 'Par periodiem, kas nav reģistrēti VSAA datubāzē, piemēram, darbu līdz 1996. gadam vai ārvalstīs.', 'For periods not recorded in the SSIA database, such as work before 1996 or abroad.'),
    ],
    outputs: [item('Lēmums par vecuma pensijas piešķiršanu un apmēru', 'Decision on the old-age pension and its amount')],
    steps: [
      item('Pārbaudiet savu apdrošināšanas stāžu portālā Latvija.gov.lv', 'Check your insurance record on Latvija.gov.lv'),
      item('Iesniedziet iesniegumu ne agrāk kā mēnesi pirms pensionēšanās vecuma', 'Apply no earlier than one month before reaching retirement age'),
      item('Iesniedziet trūkstošos stāžu apliecinošos dokumentus', 'Provide any missing documents on your insurance record'),
      item('Saņemiet lēmumu un pensijas izmaksu', 'Receive the decision and the pension payments'),
    ],
    legalBasis: [L.pensions],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vsaa',
    slug: 'invaliditates-pensija',
    identifier: 'VSAA-008',
    title: t('Invaliditātes pensija', 'Disability pension'),
    description: t(
      'Invaliditātes pensiju piešķir personai, kurai Veselības un darbspēju ekspertīzes ārstu valsts komisija noteikusi I, II vai III grupas invaliditāti. Pensijas apmērs ir atkarīgs no invaliditātes grupas, apdrošināšanas stāža un vidējās apdrošināšanas iemaksu algas. Parasti nepieciešams vismaz trīs gadu apdrošināšanas stāžs.',
      'A disability pension is granted to a person whom the State Medical Commission for the Assessment of Health Condition and Working Ability has assessed as having a group I, II or III disability. The amount depends on the disability group, the insurance record and average insurable earnings. An insurance record of at least three years is usually required.',
    ),
    keywords: {
      lv: ['invaliditātes pensija', 'invaliditāte', 'VDEĀVK', 'darbspēju zaudējums', 'invaliditātes grupa'],
      en: ['disability pension', 'disability', 'incapacity for work', 'disability group', 'invalidity pension'],
    },
    audience: ['citizen'],
    events: ['disability', 'health'],
    channels: [online('https://latvija.gov.lv/Services/12299', 'P10D'), inPerson(VSAA_OFFICE, 'P10D')],
    processingTime: 'P10D',
    costs: [],
    requirements: [
      item('Noteikta I, II vai III grupas invaliditāte', 'A group I, II or III disability has been determined'),
      item('Apdrošināšanas stāžs vismaz trīs gadi', 'An insurance record of at least three years'),
      item('Persona nav sasniegusi pensionēšanās vecumu', 'The person has not reached retirement age'),
    ],
    evidence: [
      item('Iesniegums invaliditātes pensijas piešķiršanai', 'Application for the disability pension'),
      item('VDEĀVK lēmums par invaliditāti', 'Decision of the medical commission on disability', 'VSAA ziņas saņem elektroniski; papīra formā nav jāiesniedz.', 'The SSIA receives it electronically; no paper copy is needed.'),
    ],
    outputs: [item('Lēmums par invaliditātes pensijas piešķiršanu', 'Decision on granting the disability pension')],
    steps: [
      item('Saņemiet VDEĀVK lēmumu par invaliditāti', 'Receive the medical commission’s decision on disability'),
      item('Iesniedziet iesniegumu invaliditātes pensijai', 'Submit the application for the disability pension'),
      item('Saņemiet lēmumu un pensijas izmaksu', 'Receive the decision and the pension payments'),
    ],
    legalBasis: [L.pensions, L.disability],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vsaa',
    slug: 'apbedisanas-pabalsts',
    identifier: 'VSAA-009',
    title: t('Apbedīšanas pabalsts', 'Funeral benefit'),
    description: t(
      'Apbedīšanas pabalstu izmaksā personai, kura uzņēmusies mirušā apbedīšanu. Ja miris strādājošs cilvēks, pabalsts ir divu mēnešu vidējās apdrošināšanas iemaksu algas apmērā, bet pensijas saņēmēja nāves gadījumā – divu mēnešu pensiju apmērā. Pabalsts jāpieprasa 12 mēnešu laikā no miršanas dienas.',
      'The funeral benefit is paid to the person who has arranged the funeral. If the deceased was employed, it equals two months of their average insurable earnings; if the deceased received a pension, it equals two months of that pension. The benefit must be claimed within 12 months of the date of death.',
    ),
    keywords: {
      lv: ['apbedīšanas pabalsts', 'bēres', 'miršana', 'tuvinieka nāve', 'pabalsts nāves gadījumā'],
      en: ['funeral benefit', 'funeral grant', 'death', 'bereavement', 'burial costs'],
    },
    audience: ['citizen'],
    events: ['death'],
    channels: [online('https://latvija.gov.lv/Services/12301', 'P10D'), inPerson(VSAA_OFFICE, 'P10D')],
    processingTime: 'P10D',
    costs: [],
    requirements: [
      item('Persona ir uzņēmusies mirušā apbedīšanu', 'The person has arranged the funeral'),
      item('Mirušais bija apdrošināts, pensijas vai valsts sociālā nodrošinājuma pabalsta saņēmējs', 'The deceased was insured, or received a pension or a state social security benefit'),
      item('Pabalsts pieprasīts 12 mēnešu laikā no miršanas dienas', 'The benefit is claimed within 12 months of the date of death'),
    ],
    evidence: [item('Iesniegums apbedīšanas pabalsta piešķiršanai', 'Application for the funeral benefit'), ID_DOCUMENT],
    outputs: [item('Lēmums par apbedīšanas pabalsta piešķiršanu', 'Decision on granting the funeral benefit')],
    steps: [
      item('Reģistrējiet miršanas faktu dzimtsarakstu nodaļā', 'Register the death at a civil registry office'),
      item('Iesniedziet iesniegumu apbedīšanas pabalstam', 'Submit the application for the funeral benefit'),
      item('Saņemiet lēmumu un pabalstu', 'Receive the decision and the payment'),
    ],
    legalBasis: [L.maternityInsurance, L.pensions],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vsaa',
    slug: 'pardzivojusa-laulata-pabalsts',
    identifier: 'VSAA-010',
    title: t('Pārdzīvojušā laulātā pabalsts', 'Surviving spouse benefit'),
    description: t(
      'Ja mirusi persona, kura saņēma vecuma, invaliditātes, izdienas vai speciālo valsts pensiju, pārdzīvojušajam laulātajam, kurš arī saņem pensiju, piešķir pabalstu. Pabalsts ir 50 % no mirušā laulātā pensijas, un to izmaksā 12 mēnešus. Laulībai nāves dienā jābūt reģistrētai.',
      'When a person who received an old-age, disability, service or special state pension dies, the surviving spouse who also receives a pension is granted a benefit. It equals 50% of the deceased spouse’s pension and is paid for 12 months. The marriage must have been registered on the date of death.',
    ),
    keywords: {
      lv: ['pārdzīvojušā laulātā pabalsts', 'atraitnes pabalsts', 'laulātā nāve', 'pensija', 'atraitnis'],
      en: ['surviving spouse benefit', 'widow’s benefit', 'widower', 'death of spouse', 'pension'],
    },
    audience: ['citizen'],
    events: ['death', 'retirement'],
    channels: [online('https://latvija.gov.lv/Services/12303', 'P10D'), inPerson(VSAA_OFFICE, 'P10D')],
    processingTime: 'P10D',
    costs: [],
    requirements: [
      item('Miris laulātais, kurš saņēma pensiju', 'The deceased spouse received a pension'),
      item('Pārdzīvojušais laulātais saņem vecuma, invaliditātes, izdienas vai speciālo valsts pensiju', 'The surviving spouse receives an old-age, disability, service or special state pension'),
      item('Laulība nāves dienā bija reģistrēta', 'The marriage was registered on the date of death'),
    ],
    evidence: [item('Iesniegums pārdzīvojušā laulātā pabalsta piešķiršanai', 'Application for the surviving spouse benefit')],
    outputs: [item('Lēmums par pabalsta piešķiršanu', 'Decision on granting the benefit')],
    steps: [
      STEP_LOGIN,
      item('Iesniedziet iesniegumu pārdzīvojušā laulātā pabalstam', 'Submit the application for the surviving spouse benefit'),
      item('Saņemiet lēmumu un ikmēneša izmaksas', 'Receive the decision and the monthly payments'),
    ],
    legalBasis: [L.pensions],
    languages: ['lv', 'en'],
  },

  // ── Nodarbinātības valsts aģentūra ────────────────────────────────────────
  {
    institution: 'nva',
    slug: 'bezdarbnieka-statusa-pieskirsana',
    identifier: 'NVA-001',
    title: t('Bezdarbnieka statusa piešķiršana', 'Registering as unemployed'),
    description: t(
      'Persona bez darba, kura aktīvi meklē darbu, var reģistrēties Nodarbinātības valsts aģentūrā un iegūt bezdarbnieka statusu. Statuss dod tiesības uz karjeras konsultācijām, apmācībām un citiem aktīvajiem nodarbinātības pasākumiem, kā arī ir priekšnoteikums bezdarbnieka pabalsta saņemšanai. Kopā ar NVA konsultantu sagatavo individuālo darba meklēšanas plānu.',
      'A person without work who is actively looking for a job can register with the State Employment Agency and obtain unemployed status. The status gives access to career counselling, training and other active labour market measures, and is required for the unemployment benefit. An individual job search plan is drawn up together with an SEA counsellor.',
    ),
    keywords: {
      lv: ['bezdarbnieka statuss', 'bezdarbnieks', 'NVA reģistrācija', 'darba meklēšana', 'darba zaudēšana', 'darba meklētājs'],
      en: ['unemployed status', 'register as unemployed', 'jobseeker', 'job search', 'job loss', 'employment agency'],
    },
    audience: ['citizen'],
    events: ['job-loss'],
    channels: [
      online('https://www.nva.gov.lv/lv/e-pakalpojumi', 'P3D', t('Pieteikumu var iesniegt NVA e-pakalpojumos; pēc tam jāierodas uz tikšanos ar NVA konsultantu.', 'You can apply through SEA e-services and then attend a meeting with an SEA counsellor.')),
      inPerson(NVA_OFFICE, 'P3D'),
    ],
    processingTime: 'P3D',
    costs: [],
    requirements: [
      item('Persona ir vecumā no 15 gadiem līdz pensionēšanās vecumam', 'The person is aged between 15 and retirement age'),
      item('Persona nestrādā un neveic saimniecisko darbību', 'The person is not employed and has no economic activity'),
      item('Persona meklē darbu un ir gatava to uzsākt', 'The person is looking for work and ready to start'),
    ],
    evidence: [
      ID_DOCUMENT,
      item('Izglītību apliecinoši dokumenti', 'Education certificates', 'Ja ziņas nav pieejamas Valsts izglītības informācijas sistēmā.', 'If the data are not available in the State Education Information System.'),
    ],
    outputs: [
      item('Lēmums par bezdarbnieka statusa piešķiršanu', 'Decision on granting unemployed status'),
      item('Individuālais darba meklēšanas plāns', 'Individual job search plan'),
    ],
    steps: [
      item('Iesniedziet pieteikumu tiešsaistē vai NVA filiālē', 'Apply online or at an SEA branch'),
      item('Ierodieties uz pirmo tikšanos ar NVA konsultantu', 'Attend the first meeting with an SEA counsellor'),
      item('Kopā ar konsultantu sagatavojiet darba meklēšanas plānu', 'Draw up a job search plan with the counsellor'),
      item('Pieprasiet bezdarbnieka pabalstu', 'Apply for the unemployment benefit', 'Iesniegumu VSAA var iesniegt NVA filiālē tajā pašā apmeklējumā.', 'The application to the SSIA can be submitted at the SEA branch during the same visit.'),
    ],
    legalBasis: [L.unemployedSupport],
    languages: ['lv', 'en'],
  },
  {
    institution: 'nva',
    slug: 'profesionala-talakizglitiba-ar-macibu-kuponu',
    identifier: 'NVA-002',
    title: t('Profesionālā tālākizglītība ar mācību kuponu', 'Vocational training with a training voucher'),
    description: t(
      'Bezdarbnieki un darba meklētāji var bez maksas apgūt jaunu profesiju vai paaugstināt kvalifikāciju, izmantojot NVA mācību kuponu. Mācību programmu un izglītības iestādi izvēlas no NVA piedāvājuma, ņemot vērā darba tirgus pieprasījumu. Mācību laikā var saņemt stipendiju.',
      'Unemployed persons and jobseekers can learn a new profession or upgrade their skills free of charge with an SEA training voucher. The programme and training provider are chosen from the SEA offer, taking labour market demand into account. A grant may be paid during the training.',
    ),
    keywords: {
      lv: ['mācību kupons', 'pārkvalifikācija', 'tālākizglītība', 'kursi bezdarbniekiem', 'jauna profesija', 'stipendija'],
      en: ['training voucher', 'retraining', 'further education', 'courses for unemployed', 'new profession', 'training grant'],
    },
    audience: ['citizen'],
    events: ['job-loss', 'education'],
    channels: [online('https://www.nva.gov.lv/lv/e-pakalpojumi', 'P1M'), inPerson(NVA_OFFICE, 'P1M')],
    processingTime: 'P1M',
    costs: [],
    requirements: [
      item('Persona ir reģistrēta NVA kā bezdarbnieks vai darba meklētājs', 'The person is registered with the SEA as unemployed or as a jobseeker'),
      item('Karjeras konsultants ir ieteicis mācības', 'A career counsellor has recommended training'),
    ],
    evidence: [item('Pieteikums mācību kupona saņemšanai', 'Application for a training voucher')],
    outputs: [item('Mācību kupons', 'Training voucher'), item('Profesionālo kvalifikāciju vai izglītību apliecinošs dokuments', 'Certificate of professional qualification or education')],
    steps: [
      item('Apspriediet mācību iespējas ar NVA karjeras konsultantu', 'Discuss training options with an SEA career counsellor'),
      item('Izvēlieties mācību programmu un izglītības iestādi', 'Choose a programme and a training provider'),
      item('Saņemiet mācību kuponu un noslēdziet līgumu ar izglītības iestādi', 'Receive the voucher and sign an agreement with the training provider'),
      item('Pabeidziet mācības un saņemiet apliecinājumu', 'Complete the training and receive the certificate'),
    ],
    legalBasis: [L.unemployedSupport],
    languages: ['lv'],
  },
  {
    institution: 'nva',
    slug: 'brivas-darba-vietas-pieteiksana',
    identifier: 'NVA-003',
    title: t('Brīvās darba vietas pieteikšana', 'Registering a job vacancy'),
    description: t(
      'Darba devēji var bez maksas publicēt vakances NVA CV un vakanču portālā un saņemt piemērotu kandidātu atlasi. Valsts un pašvaldību iestādēm vakances NVA jāpiesaka obligāti. Lai nodarbinātu trešās valsts pilsoni, vakancei NVA jābūt reģistrētai vismaz 10 darbdienas.',
      'Employers can publish vacancies free of charge on the SEA CV and vacancy portal and receive a shortlist of suitable candidates. State and municipal institutions must register their vacancies with the SEA. To employ a third-country national, the vacancy must have been registered with the SEA for at least 10 working days.',
    ),
    keywords: {
      lv: ['vakance', 'brīvā darba vieta', 'darbinieku meklēšana', 'CV un vakanču portāls', 'darba sludinājums', 'darba devējs'],
      en: ['vacancy', 'job opening', 'recruitment', 'job portal', 'job advertisement', 'employer'],
    },
    audience: ['business'],
    events: ['employees'],
    channels: [
      online('https://cvvp.nva.gov.lv', 'P1D', t('Vakanci publicē NVA CV un vakanču portālā.', 'Publish the vacancy on the SEA CV and vacancy portal.')),
      inPerson(NVA_OFFICE, 'P1D'),
      eAddress('P1D', t('Vakances pieteikumu var nosūtīt uz NVA e-adresi.', 'The vacancy notice can be sent to the SEA official e-address.')),
    ],
    processingTime: 'P1D',
    costs: [],
    requirements: [
      item('Darba devējs ir reģistrēts Latvijā', 'The employer is registered in Latvia'),
      item('Vakances apraksts atbilst normatīvo aktu prasībām', 'The vacancy description meets legal requirements', 'Norāda amatu, pienākumus, prasības un atalgojumu.', 'State the position, duties, requirements and pay.'),
    ],
    evidence: [item('Pieteikums par brīvo darba vietu', 'Vacancy notice')],
    outputs: [item('Vakance publicēta NVA CV un vakanču portālā', 'Vacancy published on the SEA CV and vacancy portal')],
    steps: [
      item('Pieslēdzieties NVA CV un vakanču portālam kā darba devējs', 'Log in to the SEA CV and vacancy portal as an employer'),
      item('Aizpildiet vakances aprakstu', 'Fill in the vacancy description'),
      item('Publicējiet vakanci', 'Publish the vacancy'),
      item('Izskatiet kandidātu pieteikumus', 'Review applications from candidates'),
    ],
    legalBasis: [L.unemployedSupport, L.immigration],
    languages: ['lv', 'en'],
  },
  {
    institution: 'nva',
    slug: 'atbalsts-komercdarbibas-vai-pasnodarbinatibas-uzsaksanai',
    identifier: 'NVA-004',
    title: t('Atbalsts komercdarbības vai pašnodarbinātības uzsākšanai', 'Support for starting a business or self-employment'),
    description: t(
      'Bezdarbnieki, kuri vēlas uzsākt savu uzņēmējdarbību, var saņemt NVA konsultācijas, biznesa plāna izvērtējumu un finansiālu atbalstu. Apstiprināta biznesa plāna īstenošanai piešķir grantu un pirmajos sešos mēnešos – ikmēneša atbalstu. Atbalstu piešķir pēc konkursa kārtībā izvērtēta biznesa plāna.',
      'Unemployed persons who want to start their own business can receive SEA counselling, an assessment of their business plan and financial support. A grant is awarded to carry out an approved business plan, together with monthly support for the first six months. Support is awarded after a competitive assessment of the business plan.',
    ),
    keywords: {
      lv: ['biznesa grants', 'komercdarbības uzsākšana', 'pašnodarbinātība', 'biznesa plāns', 'atbalsts bezdarbniekiem', 'starta kapitāls'],
      en: ['business grant', 'start a business', 'self-employment', 'business plan', 'support for unemployed', 'start-up funding'],
    },
    audience: ['citizen', 'business'],
    events: ['job-loss', 'start-business', 'funding'],
    channels: [online('https://www.nva.gov.lv/lv/e-pakalpojumi', 'P2M'), inPerson(NVA_OFFICE, 'P2M')],
    processingTime: 'P2M',
    costs: [],
    requirements: [
      item('Persona ir reģistrēta NVA kā bezdarbnieks', 'The person is registered with the SEA as unemployed'),
      item('Persona ir apguvusi komercdarbības pamatus', 'The person has basic business skills', 'Piemēram, NVA piedāvātajās mācībās.', 'For example in SEA training.'),
      item('Sagatavots biznesa plāns', 'A business plan has been prepared'),
    ],
    evidence: [item('Pieteikums dalībai pasākumā', 'Application to take part in the programme'), item('Biznesa plāns', 'Business plan')],
    outputs: [item('Līgums par grantu un ikmēneša atbalstu', 'Agreement on the grant and monthly support')],
    steps: [
      item('Piesakieties konsultācijām pie NVA', 'Sign up for SEA counselling'),
      item('Sagatavojiet un iesniedziet biznesa plānu', 'Prepare and submit a business plan'),
      item('Aizstāviet biznesa plānu vērtēšanas komisijā', 'Present the business plan to the assessment committee'),
      item('Reģistrējiet uzņēmējdarbību un noslēdziet līgumu ar NVA', 'Register your business and sign the agreement with the SEA'),
    ],
    legalBasis: [L.unemployedSupport],
    languages: ['lv'],
  },

  // ── Valsts ieņēmumu dienests ───────────────────────────────────────────────
  {
    institution: 'vid',
    slug: 'gada-ienakumu-deklaracijas-iesniegsana',
    identifier: 'VID-001',
    title: t('Gada ienākumu deklarācijas iesniegšana', 'Filing the annual income tax return'),
    description: t(
      'Gada ienākumu deklarāciju par iepriekšējo gadu iesniedz no 1. marta līdz 1. jūnijam VID Elektroniskajā deklarēšanas sistēmā. Deklarācija ir obligāta, piemēram, saimnieciskās darbības veicējiem un personām, kuru ienākumi nav aplikti ar nodokli izmaksas vietā. Brīvprātīgi deklarāciju iesniedz, lai atgūtu nodokli par attaisnotajiem izdevumiem – ārstniecību un izglītību – un to var izdarīt par trim iepriekšējiem gadiem.',
      'The annual income tax return for the previous year is filed between 1 March and 1 June in the SRS Electronic Declaration System. It is mandatory, for example, for self-employed persons and for people whose income was not taxed at source. Filing voluntarily lets you reclaim tax on eligible expenses such as medical treatment and education, and you can do so for the three previous years.',
    ),
    keywords: {
      lv: ['gada ienākumu deklarācija', 'GID', 'nodokļu atmaksa', 'attaisnotie izdevumi', 'IIN', 'EDS', 'deklarēšana'],
      en: ['annual income tax return', 'tax refund', 'eligible expenses', 'personal income tax', 'EDS', 'tax declaration'],
    },
    audience: ['citizen', 'business'],
    events: ['health', 'education', 'taxes'],
    channels: [
      online('https://eds.vid.gov.lv', 'P30D', t('EDS deklarācijā daļa datu ir aizpildīta automātiski.', 'Part of the return is prefilled in EDS.')),
      inPerson(VID_OFFICE, 'P30D'),
      phone('+371 67120000', t('P.–C. 8.15–17.00; Pk. 8.15–15.45', 'Mon–Thu 8:15–17:00; Fri 8:15–15:45'), t('VID konsultatīvais tālrunis par deklarēšanu.', 'SRS helpline for questions on filing.')),
    ],
    processingTime: 'P30D',
    costs: [],
    requirements: [
      item('Latvijas nodokļu rezidents vai nerezidents ar Latvijā gūtiem ienākumiem', 'A Latvian tax resident, or a non-resident with income from Latvia'),
      item('Deklarācija iesniegta no 1. marta līdz 1. jūnijam', 'The return is filed between 1 March and 1 June', 'Brīvprātīgi iesniegtu deklarāciju var iesniegt trīs gadu laikā.', 'A voluntary return can be filed within three years.'),
    ],
    evidence: [
      item('Attaisnoto izdevumu apliecinājumi', 'Proof of eligible expenses', 'Lielākā daļa datu VID ir pieejami elektroniski; čekus un līgumus uzglabā un uzrāda pēc pieprasījuma.', 'Most data are available to the SRS electronically; keep receipts and contracts and show them on request.'),
      item('Ziņas par ārvalstīs gūtajiem ienākumiem', 'Information on income earned abroad', 'Ja tādi ir bijuši.', 'If any.'),
    ],
    outputs: [item('Pieņemta gada ienākumu deklarācija', 'Accepted annual income tax return'), item('Pārmaksātā nodokļa atmaksa uz norādīto bankas kontu', 'Refund of overpaid tax to the bank account given')],
    steps: [
      STEP_LOGIN_EDS,
      item('Atveriet sagatavoto gada ienākumu deklarāciju', 'Open the prepared annual income tax return'),
      item('Pārbaudiet ienākumus un pievienojiet attaisnotos izdevumus', 'Check your income and add eligible expenses'),
      item('Norādiet bankas kontu un iesniedziet deklarāciju', 'Enter your bank account and submit the return'),
      item('Sekojiet deklarācijas statusam EDS', 'Follow the status of your return in EDS'),
    ],
    legalBasis: [L.incomeTax, L.taxes],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vid',
    slug: 'registracija-pvn-maksataju-registra',
    identifier: 'VID-002',
    title: t('Reģistrācija PVN maksātāju reģistrā', 'Registering for VAT'),
    description: t(
      'Saimnieciskās darbības veicējiem un uzņēmumiem jāreģistrējas VID PVN maksātāju reģistrā, ja to darījumu vērtība kalendāra gadā pārsniedz 50 000 eiro. Neatkarīgi no apgrozījuma reģistrācija nepieciešama, ja saņem pakalpojumus no ārvalstu nodokļa maksātājiem vai sniedz pakalpojumus citu ES valstu nodokļa maksātājiem. Reģistrēties var arī brīvprātīgi.',
      'Sole traders and companies must register with the SRS VAT register when the value of their transactions in a calendar year exceeds EUR 50,000. Regardless of turnover, registration is required if you receive services from foreign taxable persons or supply services to taxable persons in other EU countries. Voluntary registration is also possible.',
    ),
    keywords: {
      lv: ['PVN', 'pievienotās vērtības nodoklis', 'PVN reģistrācija', 'PVN numurs', 'reģistrācijas slieksnis', 'PVN maksātājs'],
      en: ['VAT', 'value added tax', 'VAT registration', 'VAT number', 'registration threshold', 'VAT payer'],
    },
    audience: ['business'],
    events: ['taxes', 'start-business'],
    channels: [online('https://eds.vid.gov.lv', 'P5D'), inPerson(VID_OFFICE, 'P5D'), eAddress('P5D', t('Iesniegumu var nosūtīt uz VID e-adresi.', 'The application can be sent to the SRS official e-address.'))],
    processingTime: 'P5D',
    costs: [],
    requirements: [
      item('Darījumu vērtība kalendāra gadā pārsniedz 50 000 eiro vai ir cits reģistrācijas pamats', 'Transactions in a calendar year exceed EUR 50,000, or there is another ground for registration'),
      item('Persona ir reģistrēta VID nodokļu maksātāju reģistrā', 'The person is registered in the SRS taxpayer register'),
    ],
    evidence: [
      item('Iesniegums reģistrācijai PVN maksātāju reģistrā', 'Application for VAT registration', 'Iesniegumā apraksta plānotos darījumus un to apjomu.', 'Describe the planned transactions and their volume.'),
    ],
    outputs: [item('Lēmums par reģistrāciju un PVN maksātāja numurs', 'Registration decision and VAT number')],
    steps: [
      STEP_LOGIN_EDS,
      item('Aizpildiet iesniegumu reģistrācijai PVN maksātāju reģistrā', 'Fill in the VAT registration application'),
      item('Sniedziet VID papildu informāciju, ja tā tiek pieprasīta', 'Provide additional information if the SRS asks for it'),
      item('Saņemiet lēmumu un PVN numuru', 'Receive the decision and your VAT number'),
    ],
    legalBasis: [L.vat],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vid',
    slug: 'registracija-par-saimnieciskas-darbibas-veiceju',
    identifier: 'VID-003',
    title: t('Reģistrācija par saimnieciskās darbības veicēju', 'Registering as a self-employed person'),
    description: t(
      'Fiziska persona, kas plāno veikt saimniecisko darbību, piemēram, sniegt pakalpojumus vai nodarboties ar amatniecību, pirms darbības uzsākšanas reģistrējas VID. Reģistrācija ir bez maksas un notiek Elektroniskajā deklarēšanas sistēmā. Ja gada apgrozījums pārsniedz 284 574 eiro, jāreģistrē individuālais komersants Uzņēmumu reģistrā.',
      'A natural person planning an economic activity, for example providing services or crafts, registers with the SRS before starting. Registration is free and is done in the Electronic Declaration System. If annual turnover exceeds EUR 284,574, a sole trader must be registered with the Register of Enterprises.',
    ),
    keywords: {
      lv: ['saimnieciskās darbības veicējs', 'pašnodarbinātais', 'individuālā darbība', 'SDV', 'reģistrācija VID', 'frīlanseris'],
      en: ['self-employed', 'sole proprietor', 'freelancer', 'individual activity', 'register with SRS', 'economic activity'],
    },
    audience: ['citizen', 'business'],
    events: ['job-loss', 'start-business', 'taxes'],
    channels: [online('https://eds.vid.gov.lv', 'P3D'), inPerson(VID_OFFICE, 'P3D')],
    processingTime: 'P3D',
    costs: [],
    requirements: [
      item('Fiziska persona, kas reģistrēta VID nodokļu maksātāju reģistrā', 'A natural person registered in the SRS taxpayer register'),
      item('Gada apgrozījums nepārsniedz 284 574 eiro', 'Annual turnover does not exceed EUR 284,574'),
      item('Regulētām darbībām ir nepieciešamās atļaujas vai licences', 'Any permits or licences required for regulated activities have been obtained'),
    ],
    evidence: [item('Iesniegums par saimnieciskās darbības reģistrāciju', 'Application for registering an economic activity'), item('Licence vai speciālā atļauja', 'Licence or special permit', 'Ja darbības veidam tā ir nepieciešama.', 'If required for the type of activity.')],
    outputs: [item('Reģistrācija par saimnieciskās darbības veicēju VID nodokļu maksātāju reģistrā', 'Registration as a self-employed person in the SRS taxpayer register')],
    steps: [
      STEP_LOGIN_EDS,
      item('Aizpildiet iesniegumu par saimnieciskās darbības uzsākšanu', 'Fill in the application for starting an economic activity', 'Norādiet darbības veidu (NACE kodu) un darbības vietu.', 'State the type of activity (NACE code) and place of business.'),
      item('Izvēlieties nodokļu režīmu', 'Choose a tax regime', 'Piemēram, vispārējo režīmu vai patentmaksu.', 'For example the general regime or the patent fee.'),
      item('Saņemiet apstiprinājumu par reģistrāciju', 'Receive confirmation of registration'),
    ],
    legalBasis: [L.taxes, L.incomeTax, L.commercial],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vid',
    slug: 'mikrouznemumu-nodokla-maksataja-statusa-iegusana',
    identifier: 'VID-004',
    title: t('Mikrouzņēmumu nodokļa maksātāja statusa iegūšana', 'Becoming a micro-enterprise tax payer'),
    description: t(
      'Mikrouzņēmumu nodoklis ir vienkāršots nodokļu režīms nelieliem uzņēmumiem, kas aizstāj vairākus nodokļus ar vienu maksājumu no apgrozījuma. Jaunreģistrēts uzņēmums statusu var pieteikt reģistrācijas laikā, bet esošs – līdz 15. decembrim, lai to iegūtu no nākamā gada. Mikrouzņēmumā nedrīkst būt vairāk par pieciem darbiniekiem.',
      'The micro-enterprise tax is a simplified regime for small businesses that replaces several taxes with a single payment based on turnover. A newly registered business can apply when registering; an existing one must apply by 15 December to switch from the following year. A micro-enterprise may have no more than five employees.',
    ),
    keywords: {
      lv: ['mikrouzņēmumu nodoklis', 'MUN', 'mikrouzņēmums', 'vienkāršots nodokļu režīms', 'apgrozījums', 'mazais bizness'],
      en: ['micro-enterprise tax', 'micro-business', 'simplified tax regime', 'turnover tax', 'small business'],
    },
    audience: ['business'],
    events: ['taxes', 'start-business'],
    channels: [online('https://eds.vid.gov.lv', 'P5D'), inPerson(VID_OFFICE, 'P5D')],
    processingTime: 'P5D',
    costs: [],
    requirements: [
      item('Uzņēmums atbilst Mikrouzņēmumu nodokļa likuma prasībām', 'The business meets the requirements of the Micro-enterprise Tax Law', 'Tostarp apgrozījuma ierobežojumam un ne vairāk kā pieciem darbiniekiem.', 'Including the turnover limit and no more than five employees.'),
      item('Iesniegums iesniegts līdz 15. decembrim vai reģistrācijas laikā', 'The application is submitted by 15 December or on registration'),
    ],
    evidence: [item('Iesniegums mikrouzņēmumu nodokļa maksātāja statusa iegūšanai', 'Application for micro-enterprise tax payer status')],
    outputs: [item('Lēmums par mikrouzņēmumu nodokļa maksātāja statusu', 'Decision on micro-enterprise tax payer status')],
    steps: [
      STEP_LOGIN_EDS,
      item('Aizpildiet iesniegumu mikrouzņēmumu nodokļa maksātāja statusam', 'Fill in the application for micro-enterprise tax status'),
      item('Saņemiet VID lēmumu', 'Receive the SRS decision'),
      item('Iesniedziet mikrouzņēmumu nodokļa deklarāciju katru ceturksni', 'File the micro-enterprise tax return every quarter'),
    ],
    legalBasis: [L.microTax],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vid',
    slug: 'registracija-par-darba-deveju',
    identifier: 'VID-005',
    title: t('Reģistrācija par darba devēju', 'Registering as an employer'),
    description: t(
      'Fiziskai personai, kura vēlas nodarbināt darbinieku, piemēram, saimnieciskās darbības vajadzībām vai mājsaimniecībā, jāreģistrējas VID kā darba devējam. Pēc reģistrācijas darba devējs ziņo par darba ņēmējiem, ietur un maksā iedzīvotāju ienākuma nodokli un sociālās apdrošināšanas iemaksas. Uzņēmumi, kas reģistrēti Uzņēmumu reģistrā, darba devēja statusu iegūst automātiski.',
      'A natural person who wants to employ someone, for example for their business or in the household, must register with the SRS as an employer. After registering, the employer reports employees, withholds and pays personal income tax and social insurance contributions. Companies registered with the Register of Enterprises become employers automatically.',
    ),
    keywords: {
      lv: ['darba devējs', 'darba devēja reģistrācija', 'darbinieka pieņemšana', 'algas nodokļi', 'sociālās iemaksas'],
      en: ['employer', 'employer registration', 'hiring staff', 'payroll taxes', 'social contributions'],
    },
    audience: ['business'],
    events: ['employees'],
    channels: [online('https://eds.vid.gov.lv', 'P3D'), inPerson(VID_OFFICE, 'P3D')],
    processingTime: 'P3D',
    costs: [],
    requirements: [
      item('Fiziska persona, kas reģistrēta VID nodokļu maksātāju reģistrā', 'A natural person registered in the SRS taxpayer register'),
      item('Plānots noslēgt darba līgumu ar darbinieku', 'An employment contract with an employee is planned'),
    ],
    evidence: [item('Iesniegums par reģistrāciju darba devēja statusā', 'Application for employer registration')],
    outputs: [item('Reģistrācija VID darba devēju reģistrā', 'Registration in the SRS register of employers')],
    steps: [
      STEP_LOGIN_EDS,
      item('Aizpildiet iesniegumu par reģistrāciju darba devēja statusā', 'Fill in the employer registration application'),
      item('Saņemiet apstiprinājumu par reģistrāciju', 'Receive confirmation of registration'),
      item('Iesniedziet ziņojumu par darba ņēmējiem pirms darba uzsākšanas', 'Report the employee before they start work'),
    ],
    legalBasis: [L.socialInsurance, L.incomeTax],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vid',
    slug: 'zinojuma-par-darba-nemejiem-iesniegsana',
    identifier: 'VID-006',
    title: t('Ziņojuma par darba ņēmējiem iesniegšana', 'Reporting new and departing employees'),
    description: t(
      'Darba devējs ziņo VID par katru darba ņēmēju ne vēlāk kā dienu pirms darba uzsākšanas. Par darba attiecību izbeigšanu jāziņo trīs darbdienu laikā. Ziņojumu iesniedz tikai elektroniski Elektroniskajā deklarēšanas sistēmā.',
      'An employer must report each employee to the SRS no later than the day before they start work. The end of an employment relationship must be reported within three working days. The report is submitted only electronically in the Electronic Declaration System.',
    ),
    keywords: {
      lv: ['ziņojums par darba ņēmējiem', 'jauns darbinieks', 'darba attiecību uzsākšana', 'atlaišana', 'EDS', 'darba devējs'],
      en: ['employee report', 'new employee', 'start of employment', 'termination', 'EDS', 'employer'],
    },
    audience: ['business'],
    events: ['employees'],
    channels: [online('https://eds.vid.gov.lv', 'PT1H', t('Ziņojums tiek reģistrēts uzreiz pēc iesniegšanas.', 'The report is registered immediately after submission.'))],
    processingTime: 'PT1H',
    costs: [],
    requirements: [
      item('Darba devējs ir reģistrēts VID', 'The employer is registered with the SRS'),
      item('Ziņojums iesniegts ne vēlāk kā dienu pirms darba uzsākšanas', 'The report is submitted at least one day before work starts'),
    ],
    evidence: [item('Darba ņēmēja personas kods un darba uzsākšanas datums', 'The employee’s personal identity number and start date')],
    outputs: [item('Reģistrēts ziņojums par darba ņēmējiem', 'Registered employee report')],
    steps: [
      STEP_LOGIN_EDS,
      item('Atveriet veidlapu „Ziņojums par darba ņēmējiem”', 'Open the form “Report on employees”'),
      item('Norādiet darbinieka datus un darba uzsākšanas vai beigu datumu', 'Enter the employee’s details and the start or end date'),
      item('Iesniedziet ziņojumu', 'Submit the report'),
    ],
    legalBasis: [L.socialInsurance],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vid',
    slug: 'pieslegsanas-elektroniskajai-deklaresanas-sistemai',
    identifier: 'VID-007',
    title: t('Pieslēgšanās Elektroniskajai deklarēšanas sistēmai', 'Getting access to the Electronic Declaration System'),
    description: t(
      'VID Elektroniskā deklarēšanas sistēma (EDS) ļauj iesniegt deklarācijas, saņemt VID dokumentus un pārbaudīt nodokļu kontu. Fiziskas personas pieslēdzas ar internetbankas, eID kartes vai eParaksts mobile autentifikāciju. Uzņēmuma amatpersona pēc pieslēgšanās var piešķirt tiesības grāmatvedim vai citai pilnvarotai personai.',
      'The SRS Electronic Declaration System (EDS) lets you file returns, receive SRS documents and check your tax account. Natural persons log in with their internet bank, eID card or eParaksts mobile. After logging in, a company officer can grant access rights to an accountant or another authorised person.',
    ),
    keywords: {
      lv: ['EDS', 'elektroniskā deklarēšanas sistēma', 'VID pieslēgšanās', 'nodokļu konts', 'pilnvarojums', 'grāmatvedis'],
      en: ['EDS', 'electronic declaration system', 'SRS login', 'tax account', 'authorisation', 'accountant'],
    },
    audience: ['citizen', 'business'],
    events: ['taxes', 'start-business'],
    channels: [online('https://eds.vid.gov.lv', 'PT1H'), inPerson(VID_OFFICE, 'P1D')],
    processingTime: 'P1D',
    costs: [],
    requirements: [
      item('Persona ir reģistrēta VID nodokļu maksātāju reģistrā', 'The person is registered in the SRS taxpayer register'),
      item('Personai ir elektroniskās identifikācijas līdzeklis', 'The person has an electronic identification means', 'Internetbanka, eID karte vai eParaksts mobile.', 'Internet bank, eID card or eParaksts mobile.'),
    ],
    evidence: [item('Pieteikums EDS lietošanai', 'Application to use EDS', 'Nepieciešams tikai, ja pieslēgšanos noformē klātienē.', 'Only needed when arranging access in person.')],
    outputs: [item('Piekļuve EDS', 'Access to EDS')],
    steps: [
      item('Atveriet eds.vid.gov.lv', 'Open eds.vid.gov.lv'),
      item('Autentificējieties ar izvēlēto identifikācijas līdzekli', 'Log in with your chosen identification means'),
      item('Piekrītiet EDS lietošanas noteikumiem', 'Accept the EDS terms of use'),
      item('Ja nepieciešams, piešķiriet tiesības pilnvarotajām personām', 'If needed, grant rights to authorised persons'),
    ],
    legalBasis: [L.taxes],
    languages: ['lv', 'en'],
  },

  // ── Latvijas Republikas Uzņēmumu reģistrs ──────────────────────────────────
  {
    institution: 'ur',
    slug: 'sabiedribas-ar-ierobezotu-atbildibu-registracija',
    identifier: 'UR-001',
    title: t('Sabiedrības ar ierobežotu atbildību reģistrācija', 'Registering a limited liability company (SIA)'),
    description: t(
      'Sabiedrība ar ierobežotu atbildību (SIA) ir populārākā uzņēmējdarbības forma Latvijā; to ieraksta komercreģistrā. Pamatkapitāla minimālais apmērs ir 2800 eiro, bet mazkapitāla SIA var dibināt ar pamatkapitālu no 1 eiro. Reģistrācija notiek trīs darbdienu laikā, un, iesniedzot pieteikumu elektroniski, valsts nodevai piemēro 10 % atlaidi.',
      'A limited liability company (SIA) is the most popular legal form in Latvia and is entered in the Commercial Register. The minimum share capital is EUR 2,800, while a small-capital SIA can be founded with share capital from EUR 1. Registration takes three working days, and applying online gives a 10% discount on the state fee.',
    ),
    keywords: {
      lv: ['SIA', 'uzņēmuma reģistrācija', 'uzņēmuma dibināšana', 'komercreģistrs', 'pamatkapitāls', 'mazkapitāla SIA', 'statūti', 'firma', 'firmas atvēršana', 'komersants', 'biznesa uzsākšana'],
      en: ['limited liability company', 'SIA', 'company registration', 'start a company', 'commercial register', 'share capital', 'firm', 'open a business', 'incorporate', 'Ltd'],
    },
    audience: ['business'],
    events: ['start-business'],
    channels: [
      online('https://registrs.ur.gov.lv', 'P3D', t('Pieteikumu paraksta ar drošu elektronisko parakstu; valsts nodevai piemēro 10 % atlaidi.', 'The application is signed with a qualified electronic signature; a 10% discount applies to the state fee.')),
      inPerson(UR_OFFICE, 'P3D'),
      eAddress('P3D', t('Dokumentus, kurus nevar iesniegt e-pakalpojumā, var nosūtīt uz UR e-adresi.', 'Documents that cannot be submitted through the e-service can be sent to the RE official e-address.')),
    ],
    processingTime: 'P3D',
    costs: [
      eur(75, 'Valsts nodeva par SIA reģistrāciju, ja pamatkapitāls ir 2800 eiro vai lielāks', 'State fee for registering an SIA with share capital of EUR 2,800 or more'),
      eur(20, 'Valsts nodeva par mazkapitāla SIA reģistrāciju', 'State fee for registering a small-capital SIA'),
    ],
    requirements: [
      item('Vismaz viens dibinātājs – fiziska vai juridiska persona', 'At least one founder – a natural or legal person'),
      item('Pamatkapitāls ir apmaksāts likumā noteiktajā apmērā', 'The share capital has been paid up as required by law', 'Parastai SIA vismaz 50 %, mazkapitāla SIA – pilnā apmērā.', 'At least 50% for a regular SIA, in full for a small-capital SIA.'),
      item('Juridiskā adrese ar telpu īpašnieka piekrišanu', 'A legal address with the property owner’s consent'),
    ],
    evidence: [
      item('Dibināšanas lēmums vai dibināšanas līgums', 'Founding decision or founding agreement'),
      item('Statūti', 'Articles of association'),
      item('Pamatkapitāla apmaksu apliecinošs dokuments', 'Proof of payment of share capital', 'Bankas izziņa, ja pamatkapitāls iemaksāts naudā.', 'A bank statement if the capital is paid in cash.'),
      item('Telpu īpašnieka piekrišana juridiskās adreses izmantošanai', 'Property owner’s consent to use the legal address'),
    ],
    outputs: [
      item('Lēmums par ierakstīšanu komercreģistrā', 'Decision on entry in the Commercial Register'),
      item('Reģistrācijas numurs, kas ir arī nodokļu maksātāja numurs', 'Registration number, which is also the taxpayer number'),
    ],
    steps: [
      item('Izvēlieties un pārbaudiet uzņēmuma nosaukumu', 'Choose and check the company name'),
      item('Sagatavojiet dibināšanas dokumentus un apmaksājiet pamatkapitālu', 'Prepare the founding documents and pay the share capital'),
      item('Samaksājiet valsts nodevu', 'Pay the state fee'),
      item('Iesniedziet pieteikumu Uzņēmumu reģistra portālā', 'Submit the application on the Register of Enterprises portal', 'Vienlaikus var pieteikt reģistrāciju PVN maksātāju reģistrā un mikrouzņēmumu nodokļa maksātāja statusu.', 'You can apply for VAT registration and micro-enterprise tax status at the same time.'),
      item('Saņemiet lēmumu par reģistrāciju', 'Receive the registration decision'),
    ],
    legalBasis: [L.commercial, L.enterpriseRegister],
    languages: ['lv', 'en'],
  },
  {
    institution: 'ur',
    slug: 'individuala-komersanta-registracija',
    identifier: 'UR-002',
    title: t('Individuālā komersanta reģistrācija', 'Registering a sole trader (IK)'),
    description: t(
      'Individuālais komersants (IK) ir fiziska persona, kura veic komercdarbību savā vārdā un atbild par saistībām ar visu savu mantu. IK reģistrācija komercreģistrā ir obligāta, ja gada apgrozījums pārsniedz 284 574 eiro, bet to var izvēlēties arī mazākam uzņēmumam. Pieteikumu izskata trīs darbdienu laikā.',
      'A sole trader (IK) is a natural person who runs a business in their own name and is liable for its obligations with all their assets. Registration in the Commercial Register is mandatory if annual turnover exceeds EUR 284,574, but smaller businesses may also choose it. The application is examined within three working days.',
    ),
    keywords: {
      lv: ['IK', 'individuālais komersants', 'uzņēmuma dibināšana', 'komercreģistrs', 'firma', 'reģistrācija UR'],
      en: ['sole trader', 'IK', 'individual merchant', 'start a business', 'commercial register', 'business registration'],
    },
    audience: ['business'],
    events: ['start-business'],
    channels: [online('https://registrs.ur.gov.lv', 'P3D'), inPerson(UR_OFFICE, 'P3D')],
    processingTime: 'P3D',
    costs: [eur(30, 'Valsts nodeva par individuālā komersanta reģistrāciju', 'State fee for registering a sole trader')],
    requirements: [
      item('Rīcībspējīga fiziska persona', 'A natural person with legal capacity'),
      item('Firma (nosaukums) atšķiras no jau reģistrētajām', 'The business name differs from those already registered'),
      item('Juridiskā adrese ar telpu īpašnieka piekrišanu', 'A legal address with the property owner’s consent'),
    ],
    evidence: [
      item('Pieteikums individuālā komersanta ierakstīšanai komercreģistrā', 'Application for entry of a sole trader in the Commercial Register'),
      item('Telpu īpašnieka piekrišana juridiskās adreses izmantošanai', 'Property owner’s consent to use the legal address'),
    ],
    outputs: [item('Lēmums par ierakstīšanu komercreģistrā un reģistrācijas numurs', 'Decision on entry in the Commercial Register and registration number')],
    steps: [
      item('Izvēlieties firmu un pārbaudiet tās pieejamību', 'Choose a business name and check that it is available'),
      item('Samaksājiet valsts nodevu', 'Pay the state fee'),
      item('Iesniedziet pieteikumu Uzņēmumu reģistra portālā', 'Submit the application on the Register of Enterprises portal'),
      item('Saņemiet lēmumu par reģistrāciju', 'Receive the registration decision'),
    ],
    legalBasis: [L.commercial, L.enterpriseRegister],
    languages: ['lv', 'en'],
  },
  {
    institution: 'ur',
    slug: 'izmainu-registracija-komercregistra',
    identifier: 'UR-003',
    title: t('Izmaiņu reģistrācija komercreģistrā', 'Registering changes in the Commercial Register'),
    description: t(
      'Komersantam jāpiesaka Uzņēmumu reģistrā izmaiņas, piemēram, valdes sastāvā, juridiskajā adresē, statūtos, firmā vai pamatkapitālā. Izmaiņas stājas spēkā attiecībā pret trešajām personām pēc to ierakstīšanas reģistrā. Pieteikumu izskata trīs darbdienu laikā vai par trīskāršu nodevu – vienas darbdienas laikā.',
      'A company must notify the Register of Enterprises of changes, for example to the board, legal address, articles of association, business name or share capital. Changes take effect towards third parties once they are entered in the register. The application is examined within three working days or, for a triple fee, within one working day.',
    ),
    keywords: {
      lv: ['izmaiņas komercreģistrā', 'valdes maiņa', 'juridiskās adreses maiņa', 'statūtu grozījumi', 'pamatkapitāla palielināšana'],
      en: ['register changes', 'change of board', 'change of legal address', 'amend articles', 'share capital increase'],
    },
    audience: ['business'],
    events: ['company-changes'],
    channels: [online('https://registrs.ur.gov.lv', 'P3D'), inPerson(UR_OFFICE, 'P3D')],
    processingTime: 'P3D',
    costs: [
      eur(20, 'Valsts nodeva par vienas izmaiņas reģistrāciju', 'State fee for registering one change'),
      eur(30, 'Valsts nodeva par divu vai vairāku izmaiņu reģistrāciju vienlaikus', 'State fee for registering two or more changes at once'),
    ],
    requirements: [
      item('Komersants ir reģistrēts komercreģistrā', 'The company is entered in the Commercial Register'),
      item('Izmaiņas ir pieņemtas ar dalībnieku sapulces vai valdes lēmumu', 'The changes have been approved by a shareholders’ meeting or board decision'),
    ],
    evidence: [
      item('Pieteikums izmaiņu reģistrācijai', 'Application for registering changes'),
      item('Lēmums par izmaiņām', 'Decision on the changes'),
      item('Jaunā statūtu redakcija', 'New version of the articles of association', 'Ja tiek grozīti statūti.', 'If the articles are amended.'),
    ],
    outputs: [item('Lēmums par izmaiņu ierakstīšanu komercreģistrā', 'Decision on entering the changes in the Commercial Register')],
    steps: [
      item('Pieņemiet lēmumu par izmaiņām', 'Adopt the decision on the changes'),
      item('Sagatavojiet un parakstiet pieteikumu', 'Prepare and sign the application'),
      item('Samaksājiet valsts nodevu un iesniedziet pieteikumu', 'Pay the state fee and submit the application'),
      item('Saņemiet lēmumu', 'Receive the decision'),
    ],
    legalBasis: [L.commercial, L.enterpriseRegister],
    languages: ['lv', 'en'],
  },
  {
    institution: 'ur',
    slug: 'komersanta-likvidacija',
    identifier: 'UR-004',
    title: t('Komersanta likvidācija', 'Liquidating a company'),
    description: t(
      'Komersanta darbības izbeigšana notiek divos posmos: vispirms reģistrē likvidācijas uzsākšanu un iecelto likvidatoru, pēc tam – likvidācijas pabeigšanu un izslēgšanu no komercreģistra. Kreditori var pieteikt prasījumus trīs mēnešu laikā no paziņojuma publicēšanas oficiālajā izdevumā „Latvijas Vēstnesis”. Pirms izslēgšanas jānokārto nodokļu saistības un jāiesniedz likvidācijas slēguma pārskats.',
      'Closing a company takes two stages: first the start of liquidation and the appointed liquidator are registered, then the completion of liquidation and removal from the Commercial Register. Creditors may submit claims within three months of the notice being published in the official gazette “Latvijas Vēstnesis”. Before removal, tax obligations must be settled and the final liquidation accounts submitted.',
    ),
    keywords: {
      lv: ['likvidācija', 'uzņēmuma slēgšana', 'darbības izbeigšana', 'izslēgšana no reģistra', 'likvidators', 'kreditori'],
      en: ['liquidation', 'close a company', 'winding up', 'removal from register', 'liquidator', 'creditors'],
    },
    audience: ['business'],
    events: ['close-business'],
    channels: [online('https://registrs.ur.gov.lv', 'P4M'), inPerson(UR_OFFICE, 'P4M')],
    processingTime: 'P4M',
    costs: [
      eur(20, 'Valsts nodeva par likvidācijas uzsākšanas reģistrāciju', 'State fee for registering the start of liquidation'),
      eur(20, 'Valsts nodeva par komersanta izslēgšanu no komercreģistra', 'State fee for removing the company from the Commercial Register'),
    ],
    requirements: [
      item('Dalībnieku sapulce ir pieņēmusi lēmumu par likvidāciju', 'The shareholders’ meeting has decided to liquidate the company'),
      item('Iecelts likvidators', 'A liquidator has been appointed'),
      item('Kreditoru prasījumu pieteikšanas termiņš ir beidzies', 'The deadline for creditors’ claims has passed', 'Attiecas uz likvidācijas pabeigšanas posmu.', 'Applies to the completion stage.'),
    ],
    evidence: [
      item('Lēmums par likvidāciju un likvidatora iecelšanu', 'Decision on liquidation and appointment of the liquidator'),
      item('Likvidācijas slēguma pārskats', 'Final liquidation accounts', 'Iesniedz likvidācijas pabeigšanas posmā.', 'Submitted at the completion stage.'),
    ],
    outputs: [item('Ieraksts par komersanta izslēgšanu no komercreģistra', 'Entry on the removal of the company from the Commercial Register')],
    steps: [
      item('Pieņemiet lēmumu par likvidāciju un ieceliet likvidatoru', 'Decide to liquidate and appoint a liquidator'),
      item('Iesniedziet pieteikumu par likvidācijas uzsākšanu', 'Submit the application to start liquidation'),
      item('Sagaidiet kreditoru prasījumu termiņa beigas un nokārtojiet saistības', 'Wait for the creditors’ deadline and settle all obligations'),
      item('Iesniedziet pieteikumu par izslēgšanu no komercreģistra', 'Submit the application for removal from the Commercial Register'),
    ],
    legalBasis: [L.commercial, L.enterpriseRegister],
    languages: ['lv', 'en'],
  },
  {
    institution: 'ur',
    slug: 'zinu-par-patiesa-labuma-guveju-iesniegsana',
    identifier: 'UR-005',
    title: t('Ziņu par patiesā labuma guvēju iesniegšana', 'Reporting beneficial owners'),
    description: t(
      'Visām Uzņēmumu reģistrā reģistrētajām juridiskajām personām jāziņo par saviem patiesā labuma guvējiem – fiziskajām personām, kuras tās kontrolē vai kuru labā tās darbojas. Ziņas jāiesniedz, reģistrējot uzņēmumu, un jāaktualizē 14 dienu laikā pēc izmaiņām. Pakalpojums ir bez maksas.',
      'All legal persons registered with the Register of Enterprises must report their beneficial owners – the natural persons who control them or for whose benefit they operate. The information must be provided on registration and updated within 14 days of any change. The service is free of charge.',
    ),
    keywords: {
      lv: ['patiesā labuma guvējs', 'PLG', 'uzņēmuma īpašnieki', 'kontrolējošā persona', 'noziedzīgi iegūtu līdzekļu legalizācija'],
      en: ['beneficial owner', 'ultimate beneficial owner', 'UBO', 'company owners', 'anti-money laundering'],
    },
    audience: ['business'],
    events: ['start-business', 'company-changes'],
    channels: [online('https://registrs.ur.gov.lv', 'P3D'), inPerson(UR_OFFICE, 'P3D')],
    processingTime: 'P3D',
    costs: [],
    requirements: [
      item('Juridiskā persona ir reģistrēta Uzņēmumu reģistra vestajos reģistros', 'The legal person is entered in a register kept by the Register of Enterprises'),
      item('Ziņas iesniegtas 14 dienu laikā pēc izmaiņām', 'The information is submitted within 14 days of a change'),
    ],
    evidence: [item('Paziņojums par patiesā labuma guvēju', 'Notice on the beneficial owner', 'Norāda, kādā veidā persona īsteno kontroli.', 'State how the person exercises control.')],
    outputs: [item('Ziņas par patiesā labuma guvēju reģistrētas', 'Beneficial ownership information registered')],
    steps: [
      item('Noskaidrojiet, kuras fiziskās personas ir patiesā labuma guvēji', 'Identify which natural persons are beneficial owners'),
      item('Aizpildiet paziņojumu Uzņēmumu reģistra portālā', 'Fill in the notice on the Register of Enterprises portal'),
      item('Parakstiet un iesniedziet paziņojumu', 'Sign and submit the notice'),
    ],
    legalBasis: [L.amlLaw, L.enterpriseRegister],
    languages: ['lv', 'en'],
  },

  // ── Ceļu satiksmes drošības direkcija ──────────────────────────────────────
  {
    institution: 'csdd',
    slug: 'transportlidzekla-registracija',
    identifier: 'CSDD-001',
    title: t('Transportlīdzekļa reģistrācija', 'Registering a vehicle'),
    description: t(
      'Iegādājoties transportlīdzekli vai ievedot to no ārvalstīm, tas jāreģistrē CSDD uz jaunā īpašnieka vārda. Īpašnieka maiņu Latvijā reģistrētam transportlīdzeklim var veikt tiešsaistē e-CSDD, bet pirmreizējai reģistrācijai transportlīdzeklis jāuzrāda klātienē. Reģistrācijai nepieciešama derīga tehniskā apskate un obligātā civiltiesiskās atbildības apdrošināšana (OCTA).',
      'When you buy a vehicle or bring one from abroad, it must be registered with CSDD in the new owner’s name. A change of owner for a vehicle already registered in Latvia can be done online in e-CSDD, but for first registration the vehicle must be presented in person. A valid roadworthiness test and compulsory motor third-party liability insurance (OCTA) are required.',
    ),
    keywords: {
      lv: ['transportlīdzekļa reģistrācija', 'auto reģistrācija', 'īpašnieka maiņa', 'numura zīmes', 'e-CSDD', 'auto pirkšana'],
      en: ['vehicle registration', 'car registration', 'change of owner', 'number plates', 'e-CSDD', 'buying a car'],
    },
    audience: ['citizen'],
    events: ['driving'],
    channels: [
      online('https://e.csdd.lv', 'P1D', t('Īpašnieka maiņa Latvijā reģistrētam transportlīdzeklim.', 'Change of owner for a vehicle registered in Latvia.')),
      inPerson(CSDD_OFFICE, 'PT1H', t('Pirmreizējai reģistrācijai transportlīdzekli uzrāda agregātu numuru salīdzināšanai.', 'For first registration the vehicle is presented for identification number checks.')),
    ],
    processingTime: 'P1D',
    costs: [
      eur(5.74, 'Transportlīdzekļa reģistrācija (īpašnieka maiņa)', 'Vehicle registration (change of owner)'),
      eur(11.88, 'Transportlīdzekļa pirmreizējā reģistrācija Latvijā', 'First registration of a vehicle in Latvia'),
    ],
    requirements: [
      item('Transportlīdzekļa īpašnieks vai viņa pilnvarota persona', 'The owner of the vehicle or an authorised person'),
      item('Derīga valsts tehniskā apskate', 'A valid roadworthiness test'),
      item('Spēkā esoša OCTA polise un samaksāts transportlīdzekļa ekspluatācijas nodoklis', 'A valid OCTA policy and paid vehicle operation tax'),
    ],
    evidence: [
      ID_DOCUMENT,
      item('Transportlīdzekļa reģistrācijas apliecība', 'Vehicle registration certificate'),
      item('Īpašuma tiesību maiņu apliecinošs dokuments', 'Document proving the change of ownership', 'Piemēram, pirkuma līgums, ja ziņas nav pieejamas reģistrā.', 'For example a purchase agreement, if the data are not available in the register.'),
    ],
    outputs: [item('Transportlīdzekļa reģistrācijas apliecība', 'Vehicle registration certificate'), item('Numura zīmes', 'Number plates', 'Izsniedz pirmreizējās reģistrācijas gadījumā.', 'Issued on first registration.')],
    steps: [
      item('Pārliecinieties par tehniskās apskates un OCTA derīgumu', 'Make sure the roadworthiness test and OCTA are valid'),
      item('Pieslēdzieties e-CSDD vai pierakstieties CSDD klientu apkalpošanas centrā', 'Log in to e-CSDD or book a visit to a CSDD customer service centre'),
      item('Samaksājiet reģistrācijas maksu un nodokļus', 'Pay the registration fee and taxes'),
      item('Saņemiet reģistrācijas apliecību', 'Receive the registration certificate'),
    ],
    legalBasis: [L.roadTraffic, L.vehicleTax],
    languages: ['lv', 'en'],
  },
  {
    institution: 'csdd',
    slug: 'transportlidzekla-vaditaja-apliecibas-maina',
    identifier: 'CSDD-002',
    title: t('Transportlīdzekļa vadītāja apliecības maiņa', 'Replacing or exchanging a driving licence'),
    description: t(
      'Vadītāja apliecību maina, ja beidzies tās derīguma termiņš, mainīts vārds vai uzvārds, apliecība bojāta vai nozaudēta. Ārvalstīs izsniegtu apliecību var apmainīt pret Latvijas vadītāja apliecību, ja persona Latvijā dzīvo pastāvīgi. Ja PMLP reģistrā ir aktuāls personas attēls, apliecības maiņu var pieteikt tiešsaistē e-CSDD.',
      'A driving licence is replaced when it expires, when the holder’s name changes, or when it is damaged or lost. A licence issued abroad can be exchanged for a Latvian licence if the holder lives permanently in Latvia. If a recent photograph is held in the OCMA register, the replacement can be requested online in e-CSDD.',
    ),
    keywords: {
      lv: ['vadītāja apliecība', 'tiesības', 'autovadītāja apliecība', 'apliecības maiņa', 'ārvalstu apliecība', 'medicīniskā izziņa'],
      en: ['driving licence', 'driver’s license', 'licence renewal', 'replace licence', 'foreign licence exchange', 'medical certificate'],
    },
    audience: ['citizen'],
    events: ['driving', 'marriage'],
    channels: [online('https://e.csdd.lv', 'P5D'), inPerson(CSDD_OFFICE, 'P5D')],
    processingTime: 'P5D',
    costs: [eur(22.2, 'Vadītāja apliecības izgatavošana un izsniegšana', 'Production and issue of a driving licence')],
    requirements: [
      item('Derīga medicīniskā izziņa transportlīdzekļa vadīšanai', 'A valid medical certificate for driving'),
      item('Persona pastāvīgi dzīvo Latvijā', 'The person lives permanently in Latvia', 'Attiecas uz ārvalstīs izsniegtas apliecības apmaiņu.', 'Applies when exchanging a licence issued abroad.'),
    ],
    evidence: [
      ID_DOCUMENT,
      item('Iepriekšējā vadītāja apliecība', 'Previous driving licence', 'Ja tā nav nozaudēta.', 'Unless it was lost.'),
      item('Medicīniskā izziņa', 'Medical certificate', 'Ārsts to ievada e-veselības sistēmā; papīra formā nav jāiesniedz.', 'The doctor enters it in the e-health system; no paper copy is needed.'),
    ],
    outputs: [item('Latvijas transportlīdzekļa vadītāja apliecība', 'Latvian driving licence')],
    steps: [
      item('Pārliecinieties, ka medicīniskā izziņa ir derīga', 'Make sure your medical certificate is valid'),
      item('Piesakiet apliecības maiņu e-CSDD vai klātienē', 'Request the replacement in e-CSDD or in person'),
      item('Samaksājiet par pakalpojumu', 'Pay for the service'),
      item('Saņemiet jauno apliecību izvēlētajā CSDD nodaļā vai pa pastu', 'Collect the new licence at the chosen CSDD office or receive it by post'),
    ],
    legalBasis: [L.roadTraffic],
    languages: ['lv', 'en'],
  },
  {
    institution: 'csdd',
    slug: 'pieteiksanas-valsts-tehniskajai-apskatei',
    identifier: 'CSDD-003',
    title: t('Pieteikšanās valsts tehniskajai apskatei', 'Booking a roadworthiness test'),
    description: t(
      'Valsts tehniskajā apskatē pārbauda, vai transportlīdzeklis ir tehniskā kārtībā un drīkst piedalīties ceļu satiksmē. Apskates laiku var rezervēt tiešsaistē e-CSDD jebkurā CSDD tehniskās apskates stacijā. Ja konstatēti būtiski trūkumi, tie jānovērš un jāveic atkārtota pārbaude.',
      'The roadworthiness test checks that a vehicle is in good technical condition and may be used on the road. You can book a test online in e-CSDD at any CSDD inspection station. If major defects are found, they must be fixed and the vehicle re-tested.',
    ),
    keywords: {
      lv: ['tehniskā apskate', 'TA', 'apskates pieraksts', 'auto pārbaude', 'tehniskās apskates stacija'],
      en: ['roadworthiness test', 'MOT', 'vehicle inspection', 'book inspection', 'inspection station'],
    },
    audience: ['citizen'],
    events: ['driving'],
    channels: [online('https://e.csdd.lv', 'PT1H', t('Apskates laika rezervēšana.', 'Booking a test slot.')), inPerson(CSDD_OFFICE, 'PT1H', t('Apskate notiek CSDD tehniskās apskates stacijās.', 'The test takes place at CSDD inspection stations.'))],
    processingTime: 'PT1H',
    costs: [eur(36.43, 'Valsts tehniskā apskate vieglajam automobilim (M1 kategorija)', 'Roadworthiness test for a passenger car (category M1)')],
    requirements: [
      item('Transportlīdzeklis ir reģistrēts Latvijā', 'The vehicle is registered in Latvia'),
      item('Spēkā esoša OCTA polise', 'A valid OCTA policy'),
    ],
    evidence: [item('Transportlīdzekļa reģistrācijas apliecība', 'Vehicle registration certificate')],
    outputs: [item('Tehniskās apskates rezultāts reģistrā', 'Test result recorded in the register'), item('Tehniskās apskates uzlīme', 'Roadworthiness sticker')],
    steps: [
      item('Rezervējiet apskates laiku e-CSDD', 'Book a slot in e-CSDD'),
      item('Ierodieties stacijā ar transportlīdzekli', 'Bring the vehicle to the station'),
      item('Samaksājiet par apskati', 'Pay for the test'),
      item('Saņemiet apskates rezultātu', 'Receive the test result'),
    ],
    legalBasis: [L.roadTraffic],
    languages: ['lv', 'en'],
  },
  {
    institution: 'csdd',
    slug: 'transportlidzekla-nonemsana-no-uzskaites',
    identifier: 'CSDD-004',
    title: t('Transportlīdzekļa noņemšana no uzskaites', 'Deregistering a vehicle'),
    description: t(
      'Transportlīdzekli noņem no uzskaites, ja to izved uz ārvalstīm, tas ir nozagts vai vairs netiks izmantots. Nolietotu transportlīdzekli nodod apstrādes uzņēmumam, kas to noņem no uzskaites automātiski. Pēc noņemšanas no uzskaites transportlīdzekļa ekspluatācijas nodoklis vairs netiek aprēķināts.',
      'A vehicle is deregistered when it is exported, stolen or will no longer be used. An end-of-life vehicle is handed over to an authorised treatment facility, which deregisters it automatically. Once deregistered, vehicle operation tax is no longer charged.',
    ),
    keywords: {
      lv: ['noņemšana no uzskaites', 'auto norakstīšana', 'transportlīdzekļa izvešana', 'utilizācija', 'e-CSDD'],
      en: ['deregister vehicle', 'scrap car', 'vehicle export', 'end-of-life vehicle', 'e-CSDD'],
    },
    audience: ['citizen'],
    events: ['driving'],
    channels: [online('https://e.csdd.lv', 'P1D'), inPerson(CSDD_OFFICE, 'PT1H')],
    processingTime: 'P1D',
    costs: [eur(3.02, 'Transportlīdzekļa noņemšana no uzskaites', 'Deregistering a vehicle')],
    requirements: [item('Transportlīdzekļa īpašnieks vai turētājs', 'The owner or keeper of the vehicle'), item('Nav aizlieguma atzīmju reģistrā', 'There are no restriction notes in the register')],
    evidence: [item('Transportlīdzekļa reģistrācijas apliecība', 'Vehicle registration certificate'), item('Numura zīmes', 'Number plates', 'Jānodod, ja transportlīdzekli noņem no uzskaites klātienē.', 'Must be handed in when deregistering in person.')],
    outputs: [item('Atzīme par noņemšanu no uzskaites transportlīdzekļu reģistrā', 'Deregistration recorded in the vehicle register')],
    steps: [
      item('Izvēlieties noņemšanas iemeslu', 'Choose the reason for deregistration'),
      item('Piesakiet noņemšanu e-CSDD vai CSDD klientu apkalpošanas centrā', 'Request deregistration in e-CSDD or at a CSDD customer service centre'),
      item('Samaksājiet par pakalpojumu', 'Pay for the service'),
    ],
    legalBasis: [L.roadTraffic, L.vehicleTax],
    languages: ['lv', 'en'],
  },

  // ── Rīgas valstspilsētas pašvaldība ────────────────────────────────────────
  {
    institution: 'riga',
    slug: 'dzimsanas-registracija',
    identifier: 'RIGA-001',
    title: t('Dzimšanas reģistrācija', 'Registering a birth'),
    description: t(
      'Par bērna piedzimšanu viena mēneša laikā jāpaziņo dzimtsarakstu nodaļai. Reģistrējot dzimšanu, bērnam ieraksta vārdu un uzvārdu, piešķir personas kodu, deklarē dzīvesvietu un izsniedz dzimšanas apliecību. Rīgas valstspilsētas pašvaldības Dzimtsarakstu nodaļā dzimšanu var reģistrēt arī svinīgā ceremonijā, un tajā pašā reizē var pieprasīt bērna piedzimšanas pabalstu.',
      'A child’s birth must be reported to a civil registry office within one month. When the birth is registered, the child’s name is recorded, a personal identity number is assigned, the place of residence is declared and a birth certificate is issued. At the Riga Civil Registry Office the birth can also be registered in a formal ceremony, and you can apply for the childbirth benefit at the same time.',
    ),
    keywords: {
      lv: ['dzimšanas reģistrācija', 'dzimšanas apliecība', 'jaundzimušais', 'bērna reģistrēšana', 'dzimtsaraksti', 'personas kods', 'bērna vārds'],
      en: ['birth registration', 'birth certificate', 'newborn', 'register a child', 'civil registry', 'personal identity number'],
    },
    audience: ['citizen'],
    events: ['birth'],
    channels: [
      online('https://latvija.gov.lv/Services/10201', 'P3D', t('E-pakalpojumu var izmantot laulībā esoši vecāki, ja bērns dzimis Latvijas ārstniecības iestādē.', 'The e-service is available to married parents if the child was born in a Latvian medical institution.')),
      inPerson(RIGA_CIVIL_REGISTRY, 'PT1H'),
    ],
    processingTime: 'P3D',
    costs: [],
    requirements: [
      item('Dzimšana reģistrēta viena mēneša laikā pēc bērna piedzimšanas', 'The birth is registered within one month'),
      item('Paziņotājs ir viens no vecākiem vai cita likumā noteikta persona', 'The person reporting is one of the parents or another person specified by law'),
      item('Ja vecāki nav laulībā, paternitāti atzīst abi vecāki kopīgā iesniegumā', 'If the parents are not married, both parents acknowledge paternity in a joint application'),
    ],
    evidence: [
      item('Vecāku personu apliecinoši dokumenti', 'Parents’ identity documents'),
      item('Ārstniecības iestādes izziņa par bērna dzimšanu', 'Medical certificate of birth', 'Parasti ziņas tiek saņemtas elektroniski; izziņa jāiesniedz, ja bērns dzimis ārpus ārstniecības iestādes.', 'The data are usually received electronically; the certificate is needed if the child was born outside a medical institution.'),
      item('Laulības apliecība', 'Marriage certificate', 'Ja laulība reģistrēta ārvalstīs un ziņas nav Fizisko personu reģistrā.', 'If the marriage was registered abroad and is not in the Register of Natural Persons.'),
    ],
    outputs: [
      item('Dzimšanas apliecība', 'Birth certificate'),
      item('Bērna personas kods un deklarētā dzīvesvieta', 'The child’s personal identity number and declared place of residence'),
    ],
    steps: [
      item('Izvēlieties bērna vārdu un uzvārdu', 'Choose the child’s first name and surname'),
      item('Iesniedziet iesniegumu tiešsaistē vai pierakstieties Dzimtsarakstu nodaļā', 'Apply online or book an appointment at the Civil Registry Office'),
      item('Ja nepieciešams, atzīstiet paternitāti', 'Acknowledge paternity if needed'),
      item('Saņemiet dzimšanas apliecību', 'Receive the birth certificate'),
      item('Pieprasiet bērna piedzimšanas pabalstu', 'Apply for the childbirth benefit'),
    ],
    legalBasis: [L.civilRegistration, L.civilLaw],
    languages: ['lv', 'en'],
  },
  {
    institution: 'riga',
    slug: 'laulibas-registracija',
    identifier: 'RIGA-002',
    title: t('Laulības reģistrācija', 'Registering a marriage'),
    description: t(
      'Personas, kuras vēlas stāties laulībā, iesniedz dzimtsarakstu nodaļā kopīgu iesniegumu. Laulību parasti reģistrē ne agrāk kā mēnesi un ne vēlāk kā sešus mēnešus pēc iesnieguma iesniegšanas, klātesot abām personām un diviem pilngadīgiem lieciniekiem. Ja laulību paredzēts noslēgt baznīcā, dzimtsarakstu nodaļa izsniedz izziņu par nepieciešamo dokumentu pārbaudi.',
      'People who wish to marry submit a joint application to a civil registry office. The marriage is usually registered no earlier than one month and no later than six months after the application, in the presence of both partners and two adult witnesses. If the marriage is to take place in church, the civil registry office issues a certificate confirming that the documents have been checked.',
    ),
    keywords: {
      lv: ['laulība', 'laulības reģistrācija', 'kāzas', 'laulības apliecība', 'dzimtsaraksti', 'precības', 'liecinieki'],
      en: ['marriage', 'wedding', 'marriage registration', 'marriage certificate', 'civil registry', 'witnesses'],
    },
    audience: ['citizen'],
    events: ['marriage'],
    channels: [
      inPerson(RIGA_CIVIL_REGISTRY, 'P1M', t('Abas personas iesniegumu paraksta klātienē un vienojas par laulības reģistrācijas laiku.', 'Both partners sign the application in person and agree on the date of the ceremony.')),
      email('dzimtsaraksti@riga.lv', 'P1M', t('Pilngadīgi Latvijas pilsoņi un nepilsoņi var nosūtīt iesniegumu, ko abi parakstījuši ar drošu elektronisko parakstu.', 'Adult Latvian citizens and non-citizens can send an application signed by both with a qualified electronic signature.')),
    ],
    processingTime: 'P1M',
    costs: [eur(14, 'Valsts nodeva par laulības reģistrāciju', 'State fee for registering a marriage')],
    requirements: [
      item('Abas personas ir sasniegušas 18 gadu vecumu', 'Both partners are 18 or older', 'Izņēmuma gadījumos no 16 gadu vecuma ar vecāku vai bāriņtiesas atļauju.', 'In exceptional cases from 16 with the consent of parents or the orphans’ court.'),
      item('Nav Civillikumā noteikto šķēršļu laulības noslēgšanai', 'There are no impediments to marriage under the Civil Law'),
      item('Laulības reģistrācijā piedalās divi pilngadīgi liecinieki', 'Two adult witnesses attend the registration'),
    ],
    evidence: [
      item('Kopīgs iesniegums par laulības noslēgšanu', 'Joint application to marry'),
      item('Abu personu personu apliecinoši dokumenti', 'Identity documents of both partners'),
      item('Dokuments par iepriekšējās laulības izbeigšanu', 'Document proving the end of a previous marriage', 'Ja ziņas nav iekļautas Fizisko personu reģistrā.', 'If the information is not in the Register of Natural Persons.'),
      item('Ārvalsts iestādes izziņa par ģimenes stāvokli', 'Certificate of marital status from a foreign authority', 'Ārzemniekiem; jāpievieno apliecināts tulkojums latviešu valodā.', 'For foreign nationals, with a certified translation into Latvian.'),
    ],
    outputs: [item('Laulības apliecība', 'Marriage certificate')],
    steps: [
      item('Pierakstieties Dzimtsarakstu nodaļā', 'Book an appointment at the Civil Registry Office'),
      item('Iesniedziet kopīgu iesniegumu un samaksājiet valsts nodevu', 'Submit the joint application and pay the state fee'),
      item('Vienojieties par laulības reģistrācijas laiku un vietu', 'Agree on the time and place of the ceremony'),
      item('Ierodieties uz laulības reģistrāciju ar lieciniekiem', 'Attend the ceremony with your witnesses'),
      item('Saņemiet laulības apliecību', 'Receive the marriage certificate'),
    ],
    legalBasis: [L.civilRegistration, L.civilLaw],
    languages: ['lv', 'en'],
  },
  {
    institution: 'riga',
    slug: 'mirsanas-registracija',
    identifier: 'RIGA-003',
    title: t('Miršanas reģistrācija', 'Registering a death'),
    description: t(
      'Par personas nāvi jāpaziņo dzimtsarakstu nodaļai sešu darbdienu laikā. Miršanas faktu var reģistrēt tuvinieks, apbedīšanas pakalpojumu sniedzējs vai cita persona, kurai zināms par nāvi. Pēc reģistrācijas izsniedz miršanas apliecību, kas nepieciešama apbedīšanas pabalsta pieprasīšanai un mantojuma kārtošanai.',
      'A death must be reported to a civil registry office within six working days. It can be registered by a relative, a funeral service provider or another person who knows of the death. After registration a death certificate is issued, which is needed to claim the funeral benefit and to settle the estate.',
    ),
    keywords: {
      lv: ['miršanas reģistrācija', 'miršanas apliecība', 'nāve', 'tuvinieka nāve', 'bēres', 'dzimtsaraksti'],
      en: ['death registration', 'death certificate', 'death', 'bereavement', 'funeral', 'civil registry'],
    },
    audience: ['citizen'],
    events: ['death'],
    channels: [
      inPerson(RIGA_CIVIL_REGISTRY, 'PT1H'),
      phone('+371 80000800', RIGA_CENTRE.openingHours, t('Pieraksts un konsultācijas par miršanas reģistrāciju.', 'Appointments and advice on registering a death.')),
    ],
    processingTime: 'P1D',
    costs: [],
    requirements: [
      item('Nāve reģistrēta sešu darbdienu laikā', 'The death is registered within six working days'),
      item('Paziņotājs ir tuvinieks vai cita persona, kurai zināms par nāvi', 'The person reporting is a relative or another person who knows of the death'),
    ],
    evidence: [
      item('Medicīniskā apliecība par nāves cēloni', 'Medical certificate of the cause of death', 'Ārstniecības iestāde to parasti nosūta elektroniski.', 'The medical institution usually sends it electronically.'),
      item('Mirušās personas personu apliecinošs dokuments', 'Identity document of the deceased'),
      item('Paziņotāja personu apliecinošs dokuments', 'Identity document of the person reporting'),
    ],
    outputs: [item('Miršanas apliecība', 'Death certificate')],
    steps: [
      item('Saņemiet medicīnisko apliecību par nāves cēloni', 'Obtain the medical certificate of the cause of death'),
      item('Pierakstieties Dzimtsarakstu nodaļā vai uzticiet reģistrāciju apbedīšanas birojam', 'Book an appointment at the Civil Registry Office or ask the funeral service to register the death'),
      item('Iesniedziet dokumentus un saņemiet miršanas apliecību', 'Submit the documents and receive the death certificate'),
      item('Pieprasiet apbedīšanas pabalstu VSAA', 'Apply to the SSIA for the funeral benefit'),
    ],
    legalBasis: [L.civilRegistration],
    languages: ['lv'],
  },
  {
    institution: 'riga',
    slug: 'berna-registracija-pirmsskolas-izglitibas-iestades-rinda',
    identifier: 'RIGA-004',
    title: t('Bērna reģistrācija pirmsskolas izglītības iestādes rindā', 'Registering a child for a kindergarten place'),
    description: t(
      'Vecāki var reģistrēt bērnu rindā uz vietu Rīgas pašvaldības bērnudārzā jau no dzimšanas. Pieteikumā norāda vēlamās izglītības iestādes un datumu, no kura nepieciešama vieta. Ja pašvaldība vietu nevar nodrošināt, tā sedz izmaksas par pirmsskolas izglītību privātajā izglītības iestādē.',
      'Parents can put their child on the waiting list for a place in a Riga municipal kindergarten from birth. The application lists the preferred kindergartens and the date from which a place is needed. If the municipality cannot provide a place, it covers the cost of pre-school education in a private kindergarten.',
    ),
    keywords: {
      lv: ['bērnudārzs', 'bērnudārza rinda', 'PII', 'pirmsskola', 'dārziņš', 'pirmsskolas izglītība', 'rinda'],
      en: ['kindergarten', 'kindergarten waiting list', 'pre-school', 'nursery', 'daycare', 'waiting list'],
    },
    audience: ['citizen'],
    events: ['birth', 'education'],
    channels: [online('https://latvija.gov.lv/Services/11590', 'P1D'), inPerson(RIGA_CENTRE, 'P1D')],
    processingTime: 'P1D',
    costs: [],
    requirements: [
      item('Pieteikumu iesniedz bērna vecāks vai likumiskais pārstāvis', 'The application is made by a parent or legal representative'),
      item('Bērns ir reģistrēts Fizisko personu reģistrā', 'The child is registered in the Register of Natural Persons'),
      item('Prioritāte bērniem, kuru dzīvesvieta deklarēta Rīgā', 'Priority for children whose declared residence is in Riga'),
    ],
    evidence: [ID_DOCUMENT, item('Bērna dzimšanas apliecība', 'Child’s birth certificate', 'Jāuzrāda tikai klātienē, ja ziņas nav pieejamas reģistrā.', 'Only needed in person if the data are not in the register.')],
    outputs: [item('Bērns reģistrēts rindā, norādīts rindas numurs', 'The child is on the waiting list with a queue number')],
    steps: [
      STEP_LOGIN,
      item('Izvēlieties līdz trim vēlamajām izglītības iestādēm', 'Choose up to three preferred kindergartens'),
      item('Norādiet datumu, no kura nepieciešama vieta', 'State the date from which you need a place'),
      item('Sekojiet līdzi savai vietai rindā un apstipriniet piedāvāto vietu', 'Follow your place in the queue and confirm the place offered'),
    ],
    legalBasis: [L.rigaPreschool, L.education],
    languages: ['lv', 'en'],
  },
  {
    institution: 'riga',
    slug: 'pieteiksanas-uznemsanai-1-klase',
    identifier: 'RIGA-005',
    title: t('Pieteikšanās uzņemšanai 1. klasē', 'Applying for a place in the first grade'),
    description: t(
      'Vecāki piesaka bērnu uzņemšanai Rīgas pašvaldības vispārizglītojošās skolas 1. klasē gadā, kad bērnam aprit septiņi gadi. Pieteikumu var iesniegt vairākās skolās; uzņemšanu nosaka skolas uzņemšanas noteikumi un bērna deklarētā dzīvesvieta. Pēc uzņemšanas vecāki apstiprina, kurā skolā bērns mācīsies.',
      'Parents apply for a place in the first grade of a Riga municipal school in the year the child turns seven. You can apply to several schools; admission depends on each school’s rules and the child’s declared residence. After admission, parents confirm which school the child will attend.',
    ),
    keywords: {
      lv: ['1. klase', 'pirmklasnieks', 'skola', 'uzņemšana skolā', 'pieteikšanās skolai', 'pamatizglītība'],
      en: ['first grade', 'school enrolment', 'primary school', 'school admission', 'apply to school'],
    },
    audience: ['citizen'],
    events: ['education'],
    channels: [online('https://latvija.gov.lv/Services/11612', 'P1M'), inPerson(RIGA_CENTRE, 'P1M', t('Pieteikumu var iesniegt arī izvēlētās skolas kancelejā.', 'You can also apply at the chosen school’s office.'))],
    processingTime: 'P1M',
    costs: [],
    requirements: [
      item('Bērnam kalendāra gadā aprit septiņi gadi', 'The child turns seven in the calendar year', 'Pēc vecāku vēlēšanās un ar ārsta atzinumu bērnu var uzņemt gadu agrāk vai vēlāk.', 'At the parents’ request and with a doctor’s opinion the child may start a year earlier or later.'),
      item('Pieteikumu iesniedz vecāks vai likumiskais pārstāvis', 'The application is made by a parent or legal representative'),
    ],
    evidence: [ID_DOCUMENT, item('Bērna dzimšanas apliecība vai personu apliecinošs dokuments', 'Child’s birth certificate or identity document')],
    outputs: [item('Paziņojums par uzņemšanu skolas 1. klasē', 'Notice of admission to the first grade')],
    steps: [
      STEP_LOGIN,
      item('Izvēlieties skolas un iesniedziet pieteikumus', 'Choose schools and submit applications'),
      item('Sekojiet pieteikuma statusam', 'Follow the status of your application'),
      item('Apstipriniet vietu izvēlētajā skolā', 'Confirm the place at the chosen school'),
    ],
    legalBasis: [L.generalEducation, L.education],
    languages: ['lv'],
  },
  {
    institution: 'riga',
    slug: 'buvatlaujas-sanemsana',
    identifier: 'RIGA-006',
    title: t('Būvatļaujas saņemšana', 'Obtaining a building permit'),
    description: t(
      'Lai būvētu jaunu ēku, to pārbūvētu vai restaurētu, būvniecības ierosinātājs Būvniecības informācijas sistēmā (BIS) iesniedz būvniecības ieceri. Būvvalde lēmumu par būvatļaujas izsniegšanu pieņem viena mēneša laikā. Būvatļauja ietver projektēšanas nosacījumus, un pēc to izpildes un būvdarbu uzsākšanas nosacījumu izpildes var sākt būvdarbus.',
      'To build, rebuild or restore a building, the developer submits a construction plan in the Construction Information System (BIS). The building authority decides on the building permit within one month. The permit sets design conditions; once these and the conditions for starting works are met, construction can begin.',
    ),
    keywords: {
      lv: ['būvatļauja', 'būvniecība', 'būvvalde', 'BIS', 'būvniecības iecere', 'mājas būvniecība', 'pārbūve'],
      en: ['building permit', 'construction', 'building authority', 'BIS', 'construction plan', 'house building', 'reconstruction'],
    },
    audience: ['citizen', 'business'],
    events: ['property', 'construction'],
    channels: [
      online('https://bis.gov.lv', 'P1M', t('Būvniecības iesniegumu un būvprojektu iesniedz Būvniecības informācijas sistēmā.', 'The construction application and design are submitted in the Construction Information System.')),
      inPerson(RIGA_BUILDING, 'P1M', t('Konsultācijas par būvniecības procesu pēc iepriekšēja pieraksta.', 'Advice on the construction process by appointment.')),
    ],
    processingTime: 'P1M',
    costs: [eur(50, 'Pašvaldības nodeva par būvatļaujas izsniegšanu (2. grupas ēkai; apmēru nosaka pašvaldības saistošie noteikumi)', 'Municipal fee for issuing a building permit (group 2 building; set by the municipality’s binding regulations)')],
    requirements: [
      item('Ierosinātājs ir zemes īpašnieks vai viņa pilnvarota persona', 'The developer is the landowner or an authorised person'),
      item('Iecere atbilst teritorijas plānojumam un apbūves noteikumiem', 'The plan complies with the spatial plan and building regulations'),
      item('Būvprojektu izstrādājis sertificēts būvspeciālists', 'The design has been prepared by a certified construction specialist'),
    ],
    evidence: [
      item('Būvniecības iesniegums', 'Construction application'),
      item('Būvprojekts minimālā sastāvā', 'Design documentation in minimum scope'),
      item('Zemes īpašuma vai lietošanas tiesības apliecinošs dokuments', 'Document proving ownership or the right to use the land', 'Ja ziņas nav pieejamas zemesgrāmatā.', 'If not available in the Land Register.'),
    ],
    outputs: [item('Būvatļauja ar projektēšanas nosacījumiem', 'Building permit with design conditions')],
    steps: [
      item('Sagatavojiet būvniecības ieceri kopā ar arhitektu', 'Prepare the construction plan with an architect'),
      item('Iesniedziet būvniecības iesniegumu un būvprojektu BIS', 'Submit the construction application and design in BIS'),
      item('Saņemiet būvatļauju', 'Receive the building permit'),
      item('Izpildiet projektēšanas nosacījumus un būvdarbu uzsākšanas nosacījumus', 'Fulfil the design conditions and the conditions for starting works'),
    ],
    legalBasis: [L.construction, L.generalBuilding],
    languages: ['lv'],
  },
  {
    institution: 'riga',
    slug: 'nekustama-ipasuma-nodokla-atvieglojumu-pieskirsana',
    identifier: 'RIGA-007',
    title: t('Nekustamā īpašuma nodokļa atvieglojumu piešķiršana', 'Real estate tax relief'),
    description: t(
      'Rīgas pašvaldība piešķir nekustamā īpašuma nodokļa atvieglojumus noteiktām iedzīvotāju grupām, piemēram, trūcīgām un maznodrošinātām personām, daudzbērnu ģimenēm un personām ar I vai II grupas invaliditāti. Atvieglojumu piešķir par mājokli, kurā persona ir deklarējusi dzīvesvietu. Iesniegums jāiesniedz līdz kārtējā taksācijas gada beigām.',
      'Riga Municipality grants real estate tax relief to certain groups, for example people with low income, large families and persons with group I or II disability. The relief applies to the home where the person has declared residence. The application must be submitted before the end of the tax year.',
    ),
    keywords: {
      lv: ['nekustamā īpašuma nodoklis', 'NĪN', 'nodokļa atvieglojums', 'daudzbērnu ģimene', 'mājokļa nodoklis'],
      en: ['real estate tax', 'property tax', 'tax relief', 'large family', 'housing tax'],
    },
    audience: ['citizen'],
    events: ['property', 'disability'],
    channels: [online('https://latvija.gov.lv/Services/11725', 'P1M'), inPerson(RIGA_CENTRE, 'P1M')],
    processingTime: 'P1M',
    costs: [],
    requirements: [
      item('Persona ir nekustamā īpašuma nodokļa maksātājs Rīgā', 'The person pays real estate tax in Riga'),
      item('Persona atbilst kādai no atvieglojuma saņēmēju grupām', 'The person belongs to one of the groups eligible for relief'),
      item('Persona ir deklarējusi dzīvesvietu attiecīgajā īpašumā', 'The person has declared residence in the property'),
    ],
    evidence: [item('Iesniegums nodokļa atvieglojuma piešķiršanai', 'Application for tax relief'), item('Atbilstību apliecinošs dokuments', 'Document proving eligibility', 'Ja ziņas nav pieejamas valsts reģistros.', 'If the data are not available in state registers.')],
    outputs: [item('Lēmums par nodokļa atvieglojuma piešķiršanu un precizēts maksāšanas paziņojums', 'Decision on tax relief and an updated tax notice')],
    steps: [
      STEP_LOGIN,
      item('Aizpildiet iesniegumu un norādiet atvieglojuma pamatu', 'Fill in the application and state the ground for relief'),
      item('Saņemiet lēmumu un precizēto maksāšanas paziņojumu', 'Receive the decision and the updated tax notice'),
    ],
    legalBasis: [L.propertyTax],
    languages: ['lv'],
  },

  // ── Valsts zemes dienests ──────────────────────────────────────────────────
  {
    institution: 'vzd',
    slug: 'kadastra-informacijas-sanemsana',
    identifier: 'VZD-001',
    title: t('Kadastra informācijas saņemšana', 'Obtaining cadastral information'),
    description: t(
      'Nekustamā īpašuma valsts kadastra informācijas sistēmā ir ziņas par zemes vienībām, būvēm un telpu grupām – platību, robežām, lietošanas mērķi un kadastrālo vērtību. Īpašnieks savus kadastra datus portālā kadastrs.lv var apskatīt bez maksas. Citām personām un apliecinātām izziņām piemēro VZD cenrādi.',
      'The State Immovable Property Cadastre Information System holds data on land units, buildings and premises – area, boundaries, land use and cadastral value. Owners can view their own cadastral data free of charge at kadastrs.lv. Other users and certified statements are charged according to the SLS price list.',
    ),
    keywords: {
      lv: ['kadastrs', 'kadastra dati', 'kadastrālā vērtība', 'zemes robežas', 'kadastrs.lv', 'zemes gabals', 'izziņa'],
      en: ['cadastre', 'cadastral data', 'cadastral value', 'land boundaries', 'kadastrs.lv', 'land plot', 'property statement'],
    },
    audience: ['citizen', 'business'],
    events: ['property', 'construction'],
    channels: [online('https://www.kadastrs.lv', 'P1D'), inPerson(VZD_OFFICE, 'P5D')],
    processingTime: 'P1D',
    costs: [eur(10, 'Apliecināta izziņa no Nekustamā īpašuma valsts kadastra informācijas sistēmas', 'Certified statement from the State Immovable Property Cadastre Information System')],
    requirements: [
      item('Pieprasītājs ir īpašnieks vai personai ir tiesisks pamats informācijas saņemšanai', 'The requester is the owner or has a legal basis for receiving the information', 'Personas datus par citu personu īpašumiem izsniedz tikai tad, ja ir pamatota interese.', 'Personal data on other people’s property are released only where there is a legitimate interest.'),
      item('Pieprasījumā norādīts nekustamā īpašuma kadastra numurs vai adrese', 'The request states the cadastral number or address of the property'),
    ],
    evidence: [ID_DOCUMENT, item('Nekustamā īpašuma kadastra numurs vai adrese', 'Cadastral number or address of the property')],
    outputs: [item('Kadastra datu izdruka vai apliecināta izziņa', 'Cadastral data printout or certified statement')],
    steps: [
      item('Pieslēdzieties portālam kadastrs.lv', 'Log in to kadastrs.lv'),
      item('Atrodiet īpašumu pēc kadastra numura vai adreses', 'Find the property by cadastral number or address'),
      item('Apskatiet datus vai pasūtiet izziņu', 'View the data or order a statement'),
    ],
    legalBasis: [L.cadastre],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vzd',
    slug: 'kadastra-objekta-registracija-un-kadastra-datu-aktualizacija',
    identifier: 'VZD-002',
    title: t('Kadastra objekta reģistrācija un kadastra datu aktualizācija', 'Registering a cadastral object and updating cadastral data'),
    description: t(
      'Pēc zemes sadalīšanas, ēkas uzbūvēšanas vai pārbūves kadastra objekts jāreģistrē vai tā dati jāaktualizē Nekustamā īpašuma valsts kadastra informācijas sistēmā. Reģistrācijas pamatā ir sertificēta mērnieka vai kadastrālās uzmērīšanas speciālista sagatavota kadastrālās uzmērīšanas lieta. Reģistrācija kadastrā ir priekšnoteikums īpašuma tiesību nostiprināšanai zemesgrāmatā.',
      'After land is divided or a building is built or rebuilt, the cadastral object must be registered or its data updated in the State Immovable Property Cadastre Information System. Registration is based on a cadastral survey file prepared by a certified surveyor. Cadastral registration is a prerequisite for registering ownership in the Land Register.',
    ),
    keywords: {
      lv: ['kadastra reģistrācija', 'kadastrālā uzmērīšana', 'jaunbūve', 'zemes sadalīšana', 'kadastra numurs', 'inventarizācija'],
      en: ['cadastral registration', 'cadastral survey', 'new building', 'land division', 'cadastral number', 'property survey'],
    },
    audience: ['citizen', 'business'],
    events: ['property', 'construction'],
    channels: [online('https://www.kadastrs.lv', 'P15D'), inPerson(VZD_OFFICE, 'P15D'), eAddress('P15D', t('Iesniegumu var nosūtīt uz VZD e-adresi.', 'The application can be sent to the SLS official e-address.'))],
    processingTime: 'P15D',
    costs: [eur(25, 'Kadastra objekta reģistrācija vai kadastra datu aktualizācija (par vienu objektu)', 'Registering a cadastral object or updating its data (per object)')],
    requirements: [
      item('Iesniedzējs ir īpašnieks, tiesiskais valdītājs vai pilnvarota persona', 'The applicant is the owner, lawful possessor or an authorised person'),
      item('Veikta kadastrālā uzmērīšana', 'A cadastral survey has been carried out'),
    ],
    evidence: [
      item('Iesniegums kadastra objekta reģistrācijai', 'Application for registering the cadastral object'),
      item('Kadastrālās uzmērīšanas lieta', 'Cadastral survey file', 'Mērnieks to iesniedz elektroniski.', 'The surveyor submits it electronically.'),
      item('Būves pieņemšanas ekspluatācijā dokuments', 'Document on commissioning the building', 'Ja tiek reģistrēta jaunbūve.', 'If a new building is being registered.'),
    ],
    outputs: [item('Kadastra objekts reģistrēts un piešķirts kadastra apzīmējums', 'Cadastral object registered with a cadastral designation')],
    steps: [
      item('Pasūtiet kadastrālo uzmērīšanu sertificētam mērniekam', 'Order a cadastral survey from a certified surveyor'),
      item('Iesniedziet iesniegumu VZD', 'Submit the application to the SLS'),
      item('Samaksājiet par pakalpojumu', 'Pay for the service'),
      item('Saņemiet paziņojumu par reģistrāciju kadastrā', 'Receive notice of cadastral registration'),
    ],
    legalBasis: [L.cadastre],
    languages: ['lv'],
  },

  // ── Tiesu administrācija ───────────────────────────────────────────────────
  {
    institution: 'ta',
    slug: 'ipasuma-tiesibu-nostiprinasana-zemesgramata',
    identifier: 'TA-001',
    title: t('Īpašuma tiesību nostiprināšana zemesgrāmatā', 'Registering ownership in the Land Register'),
    description: t(
      'Iegādājoties, mantojot vai saņemot dāvinājumā nekustamo īpašumu, īpašuma tiesības jānostiprina zemesgrāmatā – tikai tad persona kļūst par īpašnieku attiecībā pret trešajām personām. Nostiprinājuma lūgumu izskata zemesgrāmatu nodaļa 10 darbdienu laikā. Valsts nodeva par īpašuma tiesību nostiprināšanu parasti ir 1,5 % vai 2 % no darījuma summas vai kadastrālās vērtības, atkarībā no tā, kura ir lielāka, un darījuma veida.',
      'When you buy, inherit or receive real estate as a gift, ownership must be registered in the Land Register – only then does the new owner’s right apply towards third parties. The Land Registry Office examines the application within 10 working days. The state fee for registering ownership is usually 1.5% or 2% of the transaction price or cadastral value, whichever is higher, depending on the type of transaction.',
    ),
    keywords: {
      lv: ['zemesgrāmata', 'īpašuma tiesības', 'nostiprinājuma lūgums', 'dzīvokļa pirkšana', 'mantojums', 'valsts nodeva'],
      en: ['land register', 'ownership', 'title registration', 'buying a flat', 'inheritance', 'state fee'],
    },
    audience: ['citizen'],
    events: ['property', 'death'],
    channels: [
      online('https://www.zemesgramata.lv', 'P10D', t('Nostiprinājuma lūgumu, kas parakstīts ar drošu elektronisko parakstu, var iesniegt portālā zemesgramata.lv.', 'An application signed with a qualified electronic signature can be submitted at zemesgramata.lv.')),
      inPerson(LAND_REGISTRY_OFFICE, 'P10D', t('Nostiprinājuma lūgumu parasti sagatavo un apliecina zvērināts notārs.', 'The application is usually prepared and certified by a sworn notary.')),
    ],
    processingTime: 'P10D',
    costs: [eur(25, 'Kancelejas nodeva par nostiprinājuma lūguma izskatīšanu (papildus maksājama valsts nodeva atkarībā no īpašuma vērtības)', 'Office fee for examining the application (a state fee based on the property value is payable in addition)')],
    requirements: [
      item('Tiesisks pamats īpašuma iegūšanai', 'A legal basis for acquiring the property', 'Piemēram, pirkuma līgums, mantojuma apliecība vai dāvinājuma līgums.', 'For example a purchase agreement, certificate of inheritance or deed of gift.'),
      item('Nekustamais īpašums reģistrēts kadastrā', 'The property is registered in the cadastre'),
      item('Samaksāta valsts nodeva un kancelejas nodeva', 'The state fee and office fee have been paid'),
    ],
    evidence: [
      item('Nostiprinājuma lūgums', 'Application for registration', 'Ar notariāli apliecinātu parakstu vai drošu elektronisko parakstu.', 'With a notarised signature or a qualified electronic signature.'),
      item('Tiesiskā pamata dokuments', 'Document of legal basis'),
      item('Maksājumu apliecinājumi', 'Proof of payment'),
    ],
    outputs: [item('Ieraksts zemesgrāmatā un paziņojums par nostiprinājumu', 'Entry in the Land Register and notice of registration')],
    steps: [
      item('Noslēdziet darījumu un sagatavojiet nostiprinājuma lūgumu', 'Complete the transaction and prepare the application for registration'),
      item('Samaksājiet valsts nodevu un kancelejas nodevu', 'Pay the state fee and office fee'),
      item('Iesniedziet lūgumu zemesgrāmatu nodaļā vai portālā zemesgramata.lv', 'Submit the application to the Land Registry Office or at zemesgramata.lv'),
      item('Saņemiet lēmumu par nostiprinājumu', 'Receive the decision on registration'),
    ],
    legalBasis: [L.landRegister, L.civilLaw],
    languages: ['lv'],
  },

  // ── Nacionālais veselības dienests ─────────────────────────────────────────
  {
    institution: 'vmnvd',
    slug: 'eiropas-veselibas-apdrosinasanas-kartes-evak-sanemsana',
    identifier: 'NVD-001',
    title: t('Eiropas veselības apdrošināšanas kartes (EVAK) saņemšana', 'Getting a European Health Insurance Card (EHIC)'),
    description: t(
      'Eiropas veselības apdrošināšanas karte apliecina tiesības saņemt neatliekamo un nepieciešamo medicīnisko palīdzību, īslaicīgi uzturoties citā ES dalībvalstī, Islandē, Norvēģijā, Lihtenšteinā, Šveicē vai Apvienotajā Karalistē. Karti izsniedz bez maksas, un tā ir derīga trīs gadus. Piesakot karti attālināti, to nosūta pa pastu uz norādīto adresi.',
      'The European Health Insurance Card entitles you to necessary and emergency medical care while temporarily staying in another EU Member State, Iceland, Norway, Liechtenstein, Switzerland or the United Kingdom. The card is free and valid for three years. If you apply remotely, it is sent by post to the address you give.',
    ),
    keywords: {
      lv: ['EVAK', 'veselības apdrošināšanas karte', 'ceļošana', 'medicīniskā palīdzība ārvalstīs', 'e-veselība', 'apdrošināšana'],
      en: ['EHIC', 'European Health Insurance Card', 'travel', 'medical care abroad', 'e-health', 'insurance card'],
    },
    audience: ['citizen'],
    events: ['health', 'travel'],
    channels: [
      online('https://www.eveseliba.gov.lv', 'P10D', t('E-veselības portālā sadaļā „Mans EVAK”.', 'In the e-health portal under “My EHIC”.')),
      inPerson(NVD_OFFICE, 'P10D'),
      post(t('Nacionālais veselības dienests, Cēsu iela 31, k-3, Rīga, LV-1012', 'National Health Service, Cēsu iela 31, k-3, Riga, LV-1012, Latvia'), 'P10D', t('Parakstītu pieteikumu var nosūtīt pa pastu.', 'A signed application can be sent by post.')),
    ],
    processingTime: 'P10D',
    costs: [],
    requirements: [
      item('Persona ir tiesīga saņemt valsts apmaksātos veselības aprūpes pakalpojumus Latvijā', 'The person is entitled to state-funded healthcare in Latvia'),
      item('Iepriekšējās kartes derīguma termiņš ir beidzies vai beigsies mēneša laikā', 'The previous card has expired or will expire within a month', 'Atkārtota kartes izsniegšana derīguma termiņa laikā ir maksas pakalpojums.', 'Replacing a card that is still valid is a paid service.'),
    ],
    evidence: [item('Pieteikums EVAK saņemšanai', 'EHIC application'), ID_DOCUMENT],
    outputs: [item('Eiropas veselības apdrošināšanas karte', 'European Health Insurance Card')],
    steps: [
      item('Pieslēdzieties portālam eveseliba.gov.lv', 'Log in to eveseliba.gov.lv'),
      item('Atveriet sadaļu „Mans EVAK” un aizpildiet pieteikumu', 'Open “My EHIC” and fill in the application'),
      item('Norādiet piegādes adresi', 'Enter the delivery address'),
      item('Saņemiet karti pa pastu', 'Receive the card by post'),
    ],
    legalBasis: [L.euSocialSecurity, L.medicalTreatment],
    languages: ['lv', 'en'],
  },
  {
    institution: 'vmnvd',
    slug: 'gimenes-arsta-izvele-un-maina',
    identifier: 'NVD-002',
    title: t('Ģimenes ārsta izvēle un maiņa', 'Choosing or changing a family doctor'),
    description: t(
      'Lai saņemtu valsts apmaksātu primāro veselības aprūpi, personai jāreģistrējas pie ģimenes ārsta. Ģimenes ārstu var izvēlēties brīvi, un to var mainīt, reģistrējoties pie cita ārsta. Reģistrācija notiek izvēlētā ārsta praksē, un ziņas par to tiek nosūtītas Nacionālajam veselības dienestam.',
      'To receive state-funded primary healthcare, you must register with a family doctor. You are free to choose a doctor and can change by registering with another one. Registration takes place at the chosen doctor’s practice, and the details are sent to the National Health Service.',
    ),
    keywords: {
      lv: ['ģimenes ārsts', 'ārsta maiņa', 'primārā veselības aprūpe', 'pierakstīšanās pie ārsta', 'reģistrēšanās pie ārsta'],
      en: ['family doctor', 'GP', 'change doctor', 'primary healthcare', 'register with a doctor'],
    },
    audience: ['citizen'],
    events: ['health', 'birth', 'moving'],
    channels: [
      inPerson(FAMILY_DOCTOR_OFFICE, 'P1D', t('Vienošanos par reģistrāciju paraksta ģimenes ārsta praksē.', 'The registration agreement is signed at the family doctor’s practice.')),
      phone('+371 80001234', t('P.–Pk. 8.30–17.00', 'Mon–Fri 8:30–17:00'), t('NVD bezmaksas informatīvais tālrunis par ģimenes ārstiem un pieejamām praksēm.', 'Free NHS helpline on family doctors and practices accepting patients.')),
    ],
    processingTime: 'P1D',
    costs: [],
    requirements: [
      item('Persona ir tiesīga saņemt valsts apmaksātos veselības aprūpes pakalpojumus', 'The person is entitled to state-funded healthcare'),
      item('Izvēlētajam ārstam ir brīvas vietas pacientu sarakstā', 'The chosen doctor has room on their patient list'),
    ],
    evidence: [ID_DOCUMENT, item('Bērna dzimšanas apliecība', 'Child’s birth certificate', 'Reģistrējot bērnu, ja ziņas nav pieejamas reģistrā.', 'When registering a child, if the data are not in the register.')],
    outputs: [item('Reģistrācija ģimenes ārsta pacientu sarakstā', 'Registration on the family doctor’s patient list')],
    steps: [
      item('Izvēlieties ģimenes ārstu', 'Choose a family doctor', 'Prakses ar brīvām vietām var atrast NVD tīmekļvietnē.', 'Practices accepting patients are listed on the NHS website.'),
      item('Sazinieties ar praksi un vienojieties par reģistrāciju', 'Contact the practice and arrange registration'),
      item('Parakstiet vienošanos par reģistrāciju praksē', 'Sign the registration agreement at the practice'),
    ],
    legalBasis: [L.medicalTreatment, L.healthcareOrganisation],
    languages: ['lv'],
  },

  // ── Valsts izglītības satura centrs ────────────────────────────────────────
  {
    institution: 'visc',
    slug: 'valsts-valodas-prasmes-parbaude',
    identifier: 'VISC-001',
    title: t('Valsts valodas prasmes pārbaude', 'State language proficiency test'),
    description: t(
      'Valsts valodas prasmes pārbaudi kārto personas, kurām nepieciešama valsts valodas prasmes apliecība darba vajadzībām, pastāvīgās uzturēšanās atļaujas vai Eiropas Savienības pastāvīgā iedzīvotāja statusa saņemšanai. Pārbaudē ir rakstveida daļa (lasīšana, rakstīšana, klausīšanās) un mutvārdu daļa, un to var kārtot A, B vai C līmenī. Rezultātus paziņo 15 darbdienu laikā.',
      'The state language proficiency test is taken by people who need a certificate of Latvian language proficiency for work, a permanent residence permit or EU long-term resident status. The test has a written part (reading, writing, listening) and an oral part, and can be taken at level A, B or C. Results are announced within 15 working days.',
    ),
    keywords: {
      lv: ['valsts valodas pārbaude', 'latviešu valoda', 'valodas prasmes apliecība', 'valodas eksāmens', 'A2 līmenis', 'pastāvīgās uzturēšanās atļauja'],
      en: ['language test', 'Latvian language', 'language certificate', 'language exam', 'A2 level', 'permanent residence'],
    },
    audience: ['citizen'],
    events: ['education', 'moving'],
    channels: [
      email('vvpp@visc.gov.lv', 'P1M', t('Iesniegumu, kas parakstīts ar drošu elektronisko parakstu, nosūta uz e-pastu.', 'Send the application signed with a qualified electronic signature by email.')),
      inPerson(VISC_OFFICE, 'P1M', t('Iesniegumu var iesniegt personiski, iepriekš piesakot ierašanos pa tālruni.', 'You can apply in person after booking a visit by phone.')),
      post(t('Valsts izglītības satura centrs, Vaļņu iela 2, Rīga, LV-1050', 'National Centre for Education, Vaļņu iela 2, Riga, LV-1050, Latvia'), 'P1M', t('Iesniegumu var nosūtīt pa pastu.', 'The application can be sent by post.')),
    ],
    processingTime: 'P1M',
    costs: [eur(52, 'Valsts nodeva par valsts valodas prasmes pārbaudi (nemaksā Latvijas pilsoņi un nepilsoņi, ES, EEZ un Šveices pilsoņi, kā arī trūcīgas un maznodrošinātas personas)', 'State fee for the language test (not payable by Latvian citizens and non-citizens, EU, EEA and Swiss citizens, or persons with low income)')],
    requirements: [
      item('Personai nepieciešama valsts valodas prasmes apliecība', 'The person needs a state language proficiency certificate'),
      item('Valsts nodeva samaksāta vismaz septiņas darbdienas pirms pārbaudes', 'The state fee is paid at least seven working days before the test'),
    ],
    evidence: [item('Iesniegums par pārbaudes kārtošanu', 'Application to take the test'), ID_DOCUMENT, item('Ārsta atzinums par pārbaudes kārtošanu ar atvieglojumiem', 'Doctor’s opinion on taking the test with adjustments', 'Ja persona vēlas kārtot pārbaudi ar atvieglojumiem.', 'If the person wishes to take the test with adjustments.')],
    outputs: [item('Valsts valodas prasmes apliecība', 'State language proficiency certificate')],
    steps: [
      item('Izvēlieties pārbaudes vietu un laiku VISC grafikā', 'Choose the test location and date from the NCE schedule'),
      item('Aizpildiet un nosūtiet iesniegumu', 'Fill in and send the application'),
      item('Samaksājiet valsts nodevu', 'Pay the state fee'),
      item('Kārtojiet pārbaudi', 'Take the test'),
      item('Saņemiet rezultātus un apliecību', 'Receive the results and the certificate'),
    ],
    legalBasis: [L.stateLanguage, L.languageTest],
    languages: ['lv', 'en'],
    contactPoint: { email: 'vvpp@visc.gov.lv', phone: '+371 67281232' },
  },

  // ── Lauku atbalsta dienests ────────────────────────────────────────────────
  {
    institution: 'lad',
    slug: 'klienta-registracija-lauku-atbalsta-dienesta',
    identifier: 'LAD-001',
    title: t('Klienta reģistrācija Lauku atbalsta dienestā', 'Registering as a Rural Support Service client'),
    description: t(
      'Lai pieteiktos valsts un Eiropas Savienības atbalstam lauksaimniecībai, zivsaimniecībai un lauku attīstībai, lauksaimniekam jāreģistrējas LAD klientu reģistrā. Pēc reģistrācijas klients saņem piekļuvi LAD Elektroniskajai pieteikšanās sistēmai (EPS). Reģistrācija ir bez maksas.',
      'To apply for state and EU support for agriculture, fisheries and rural development, a farmer must register in the RSS client register. After registration the client gets access to the RSS Electronic Application System (EPS). Registration is free of charge.',
    ),
    keywords: {
      lv: ['LAD klients', 'lauksaimnieks', 'EPS', 'klienta numurs', 'zemnieku saimniecība', 'reģistrācija'],
      en: ['RSS client', 'farmer', 'EPS', 'client number', 'farm', 'registration'],
    },
    audience: ['business'],
    events: ['agriculture'],
    channels: [online('https://eps.lad.gov.lv', 'P5D'), inPerson(LAD_OFFICE, 'P5D'), eAddress('P5D', t('Iesniegumu var nosūtīt uz LAD e-adresi.', 'The application can be sent to the RSS official e-address.'))],
    processingTime: 'P5D',
    costs: [],
    requirements: [
      item('Fiziska vai juridiska persona, kas nodarbojas vai plāno nodarboties ar lauksaimniecību', 'A natural or legal person engaged, or planning to engage, in agriculture'),
      item('Personai ir konts Latvijas vai citas ES valsts kredītiestādē', 'The person has an account with a bank in Latvia or another EU country', 'Uz šo kontu tiek pārskaitīti atbalsta maksājumi.', 'Support payments are transferred to this account.'),
    ],
    evidence: [item('Iesniegums reģistrācijai LAD klientu reģistrā', 'Application for registration in the RSS client register'), item('Bankas konta rekvizīti', 'Bank account details')],
    outputs: [item('LAD klienta numurs un piekļuve EPS', 'RSS client number and access to EPS')],
    steps: [
      item('Aizpildiet reģistrācijas iesniegumu', 'Fill in the registration application'),
      item('Iesniedziet to EPS, e-adresē vai klātienē', 'Submit it via EPS, the official e-address or in person'),
      item('Saņemiet klienta numuru un EPS piekļuvi', 'Receive your client number and EPS access'),
    ],
    legalBasis: [L.agriculture],
    languages: ['lv'],
  },
  {
    institution: 'lad',
    slug: 'platibu-maksajumi-lauksaimniekiem',
    identifier: 'LAD-002',
    title: t('Platību maksājumi lauksaimniekiem', 'Area-based payments for farmers'),
    description: t(
      'Lauksaimnieki par apsaimniekoto lauksaimniecības zemi var saņemt ienākumu pamatatbalstu ilgtspējai un citus platību maksājumus, iesniedzot vienoto iesniegumu LAD Elektroniskajā pieteikšanās sistēmā. Iesniegumu iesniedz katru gadu pavasarī – parasti no aprīļa sākuma līdz maija beigām. Avansu izmaksā no oktobra, un galīgos maksājumus veic līdz nākamā gada jūnijam.',
      'Farmers can receive basic income support for sustainability and other area-based payments for the agricultural land they manage by submitting the single application in the RSS Electronic Application System. The application is submitted every spring, usually from early April to the end of May. Advances are paid from October, and final payments are made by June of the following year.',
    ),
    keywords: {
      lv: ['platību maksājumi', 'vienotais iesniegums', 'ienākumu pamatatbalsts', 'ES atbalsts', 'lauku bloks', 'EPS'],
      en: ['area payments', 'single application', 'basic income support', 'EU subsidies', 'field block', 'CAP'],
    },
    audience: ['business'],
    events: ['agriculture', 'funding'],
    channels: [online('https://eps.lad.gov.lv', 'P6M', t('Vienoto iesniegumu iesniedz EPS, kur lauku robežas var iezīmēt kartē.', 'The single application is submitted in EPS, where field boundaries are drawn on the map.')), inPerson(LAD_OFFICE, 'P6M', t('Konsultācijas par iesnieguma aizpildīšanu.', 'Advice on filling in the application.'))],
    processingTime: 'P6M',
    costs: [],
    requirements: [
      item('Persona ir reģistrēta LAD klientu reģistrā', 'The person is registered as an RSS client'),
      item('Apsaimniekotā lauksaimniecības zeme ir vismaz 1 ha', 'At least 1 ha of agricultural land is managed', 'Viena lauka minimālā platība ir 0,3 ha.', 'The minimum area of a single field is 0.3 ha.'),
      item('Zeme atrodas LAD lauku bloku kartē un tiek uzturēta labā lauksaimniecības stāvoklī', 'The land is in the RSS field block map and kept in good agricultural condition'),
    ],
    evidence: [item('Vienotais iesniegums', 'Single application'), item('Lauku robežu iezīmējums kartē', 'Field boundaries drawn on the map')],
    outputs: [item('Lēmums par atbalsta piešķiršanu', 'Decision on granting support'), item('Maksājums uz klienta bankas kontu', 'Payment to the client’s bank account')],
    steps: [
      item('Pieslēdzieties LAD Elektroniskajai pieteikšanās sistēmai', 'Log in to the RSS Electronic Application System'),
      item('Aizpildiet vienoto iesniegumu un iezīmējiet laukus kartē', 'Fill in the single application and draw your fields on the map'),
      item('Iesniedziet iesniegumu noteiktajā termiņā', 'Submit the application before the deadline'),
      item('Sekojiet pārbaužu rezultātiem un saņemiet maksājumu', 'Follow the checks and receive the payment'),
    ],
    legalBasis: [L.capRegulation, L.agriculture],
    languages: ['lv'],
  },
  {
    institution: 'lad',
    slug: 'atbalsts-jaunajiem-lauksaimniekiem',
    identifier: 'LAD-003',
    title: t('Atbalsts jaunajiem lauksaimniekiem', 'Support for young farmers'),
    description: t(
      'Jaunie lauksaimnieki līdz 40 gadu vecumam, kuri pirmo reizi uzsāk lauksaimniecisko darbību kā saimniecības vadītāji, var saņemt vienreizēju atbalstu saimniecības izveidei. Atbalstu piešķir projektu konkursā, pamatojoties uz saimniecības attīstības biznesa plānu. Projektu pieņemšanas kārtas izsludina LAD.',
      'Young farmers up to the age of 40 who are setting up as head of a farm for the first time can receive one-off support to establish the farm. Support is awarded through a competition based on a business plan for the farm. Application rounds are announced by the RSS.',
    ),
    keywords: {
      lv: ['jaunie lauksaimnieki', 'saimniecības izveide', 'lauku attīstība', 'projektu konkurss', 'biznesa plāns', 'ES fondi'],
      en: ['young farmers', 'farm start-up', 'rural development', 'project call', 'business plan', 'EU funds'],
    },
    audience: ['business'],
    events: ['agriculture', 'funding', 'start-business'],
    channels: [online('https://eps.lad.gov.lv', 'P4M'), inPerson(LAD_OFFICE, 'P4M')],
    processingTime: 'P4M',
    costs: [],
    requirements: [
      item('Pretendents nav vecāks par 40 gadiem', 'The applicant is no older than 40'),
      item('Pretendents pirmo reizi uzsāk lauksaimniecisko darbību kā saimniecības vadītājs', 'The applicant is setting up as head of a farm for the first time'),
      item('Pretendentam ir atbilstoša izglītība vai to apņemas iegūt', 'The applicant has, or undertakes to obtain, relevant training'),
    ],
    evidence: [item('Projekta iesniegums', 'Project application'), item('Saimniecības attīstības biznesa plāns', 'Farm development business plan')],
    outputs: [item('Lēmums par projekta apstiprināšanu un atbalsta izmaksu', 'Decision on approving the project and paying the support')],
    steps: [
      item('Sekojiet LAD izsludinātajām projektu kārtām', 'Follow the application rounds announced by the RSS'),
      item('Sagatavojiet biznesa plānu', 'Prepare a business plan'),
      item('Iesniedziet projekta iesniegumu EPS', 'Submit the project application in EPS'),
      item('Īstenojiet biznesa plānu un iesniedziet pārskatu', 'Carry out the business plan and submit a report'),
    ],
    legalBasis: [L.capRegulation, L.agriculture],
    languages: ['lv'],
  },

  // ── Būvniecības valsts kontroles birojs ────────────────────────────────────
  {
    institution: 'bvkb',
    slug: 'buves-pienemsana-ekspluatacija',
    identifier: 'BVKB-001',
    title: t('Būves pieņemšana ekspluatācijā', 'Commissioning a building'),
    description: t(
      'Pēc būvdarbu pabeigšanas būves īpašnieks vai pasūtītājs Būvniecības informācijas sistēmā iesniedz apliecinājumu par būves gatavību ekspluatācijai. Birojs pieņem ekspluatācijā valsts nozīmes būves un citus objektus, kuros tas pilda būvvaldes funkcijas. Pēc pārbaudes būvi pieņem ekspluatācijā, un to drīkst lietot paredzētajam mērķim.',
      'When construction is finished, the owner or client submits a declaration that the building is ready for use in the Construction Information System. The Bureau commissions buildings of national importance and other sites where it acts as the building authority. After inspection the building is accepted into service and may be used for its intended purpose.',
    ),
    keywords: {
      lv: ['pieņemšana ekspluatācijā', 'būvdarbu pabeigšana', 'BIS', 'būvinspektors', 'nodošana ekspluatācijā'],
      en: ['commissioning', 'completion of works', 'BIS', 'building inspector', 'acceptance into service'],
    },
    audience: ['business'],
    events: ['construction'],
    channels: [online('https://bis.gov.lv', 'P15D'), inPerson(BVKB_OFFICE, 'P15D', t('Konsultācijas par pieņemšanas procesu.', 'Advice on the commissioning procedure.'))],
    processingTime: 'P15D',
    costs: [],
    requirements: [
      item('Būvdarbi ir pabeigti atbilstoši būvprojektam', 'Construction has been completed in line with the design'),
      item('Būve ir kadastrāli uzmērīta', 'A cadastral survey of the building has been carried out'),
      item('Būvē ir nodrošinātas nepieciešamās inženierkomunikācijas un ugunsdrošība', 'The building has the required utilities and fire safety'),
    ],
    evidence: [
      item('Apliecinājums par būves gatavību ekspluatācijai', 'Declaration that the building is ready for use'),
      item('Izpilddokumentācija', 'As-built documentation'),
      item('Kadastrālās uzmērīšanas lieta', 'Cadastral survey file'),
    ],
    outputs: [item('Akts par būves pieņemšanu ekspluatācijā', 'Certificate of acceptance into service')],
    steps: [
      item('Pabeidziet būvdarbus un sagatavojiet izpilddokumentāciju', 'Finish construction and prepare the as-built documentation'),
      item('Veiciet būves kadastrālo uzmērīšanu', 'Have the building surveyed for the cadastre'),
      item('Iesniedziet apliecinājumu BIS', 'Submit the declaration in BIS'),
      item('Piedalieties būves pārbaudē un saņemiet lēmumu', 'Attend the inspection and receive the decision'),
    ],
    legalBasis: [L.construction, L.generalBuilding],
    languages: ['lv'],
  },
  {
    institution: 'bvkb',
    slug: 'registracija-buvkomersantu-registra',
    identifier: 'BVKB-002',
    title: t('Reģistrācija būvkomersantu reģistrā', 'Registering in the Register of Construction Merchants'),
    description: t(
      'Uzņēmumiem, kas Latvijā veic būvdarbus vai sniedz būvprojektēšanas un būvuzraudzības pakalpojumus, jāreģistrējas būvkomersantu reģistrā. Reģistrācijai nepieciešams vismaz viens būvspeciālists ar patstāvīgās prakses tiesībām, kas ir uzņēmuma atbildīgais speciālists. Reģistrāciju var pieteikt Būvniecības informācijas sistēmā.',
      'Companies carrying out construction works or providing design and construction supervision services in Latvia must register in the Register of Construction Merchants. At least one construction specialist with the right to practise independently must act as the company’s responsible specialist. Registration is requested in the Construction Information System.',
    ),
    keywords: {
      lv: ['būvkomersants', 'būvkomersantu reģistrs', 'būvfirma', 'būvspeciālists', 'būvdarbi', 'BIS'],
      en: ['construction company', 'register of construction merchants', 'builder', 'construction specialist', 'construction works', 'BIS'],
    },
    audience: ['business'],
    events: ['licences', 'construction'],
    channels: [online('https://bis.gov.lv', 'P10D'), inPerson(BVKB_OFFICE, 'P10D')],
    processingTime: 'P10D',
    costs: [eur(71.14, 'Valsts nodeva par reģistrāciju būvkomersantu reģistrā', 'State fee for registering in the Register of Construction Merchants')],
    requirements: [
      item('Komersants ir reģistrēts komercreģistrā vai ārvalstu reģistrā', 'The company is entered in the Commercial Register or a foreign register'),
      item('Uzņēmumā strādā vismaz viens sertificēts būvspeciālists', 'At least one certified construction specialist works for the company'),
    ],
    evidence: [item('Iesniegums reģistrācijai būvkomersantu reģistrā', 'Application for registration'), item('Būvspeciālista apliecinājums par darbu uzņēmumā', 'Construction specialist’s confirmation of employment with the company')],
    outputs: [item('Ieraksts būvkomersantu reģistrā', 'Entry in the Register of Construction Merchants')],
    steps: [
      item('Pieslēdzieties BIS kā uzņēmuma pārstāvis', 'Log in to BIS as a company representative'),
      item('Aizpildiet reģistrācijas iesniegumu un norādiet būvspeciālistus', 'Fill in the application and list your construction specialists'),
      item('Samaksājiet valsts nodevu', 'Pay the state fee'),
      item('Saņemiet lēmumu par reģistrāciju', 'Receive the registration decision'),
    ],
    legalBasis: [L.construction],
    languages: ['lv'],
  },

  // ── Valsts digitālās attīstības aģentūra ───────────────────────────────────
  {
    institution: 'vdaa',
    slug: 'oficialas-elektroniskas-adreses-e-adreses-aktivizesana',
    identifier: 'VDAA-001',
    title: t('Oficiālās elektroniskās adreses (e-adreses) aktivizēšana', 'Activating your official electronic address (e-address)'),
    description: t(
      'E-adrese ir droša digitālā pastkastīte portālā Latvija.gov.lv, kurā var sazināties ar vairāk nekā 3000 valsts un pašvaldību iestādēm. Iedzīvotājiem e-adreses aktivizēšana ir brīvprātīga, bet Uzņēmumu reģistrā reģistrētām juridiskajām personām tā ir obligāta. Pēc aktivizēšanas iestādes oficiālos dokumentus sūta uz e-adresi, nevis pa pastu.',
      'The e-address is a secure digital mailbox on Latvija.gov.lv for communicating with more than 3,000 state and municipal institutions. Activating it is voluntary for residents but mandatory for legal persons registered with the Register of Enterprises. Once it is active, institutions send official documents to your e-address instead of by post.',
    ),
    keywords: {
      lv: ['e-adrese', 'oficiālā elektroniskā adrese', 'digitālā pastkastīte', 'Latvija.gov.lv', 'e-pasts iestādēm', 'saziņa ar valsti'],
      en: ['e-address', 'official electronic address', 'digital mailbox', 'Latvija.gov.lv', 'secure messaging', 'government communication'],
    },
    audience: ['citizen', 'business'],
    events: ['moving', 'start-business'],
    channels: [
      online('https://latvija.gov.lv/Services/eAddress', 'PT1H'),
      inPerson(ONE_STOP_CENTRES, 'PT1H', t('Palīdzību e-adreses aktivizēšanā var saņemt jebkurā valsts un pašvaldības vienotajā klientu apkalpošanas centrā.', 'Help with activating the e-address is available at any state and municipal one-stop customer service centre.')),
    ],
    processingTime: 'PT1H',
    costs: [],
    requirements: [
      item('Persona var autentificēties portālā Latvija.gov.lv', 'The person can log in to Latvija.gov.lv', 'Ar eID karti vai eParaksts mobile; fiziskas personas var izmantot arī internetbanku.', 'With an eID card or eParaksts mobile; natural persons can also use their internet bank.'),
      item('Uzņēmuma e-adresi aktivizē amatpersona ar pārstāvības tiesībām', 'A company e-address is activated by an officer with the right of representation'),
    ],
    evidence: [item('Elektroniskās identifikācijas līdzeklis', 'Electronic identification means')],
    outputs: [item('Aktivizēts e-adreses konts', 'Activated e-address account')],
    steps: [
      STEP_LOGIN,
      item('Atveriet sadaļu „E-adrese” un apstipriniet lietošanas noteikumus', 'Open the “E-address” section and accept the terms of use'),
      item('Norādiet e-pastu vai tālruni paziņojumu saņemšanai', 'Enter an email address or phone number for notifications'),
      item('Ja nepieciešams, piešķiriet piekļuvi pilnvarotām personām', 'If needed, grant access to authorised persons'),
    ],
    legalBasis: [L.eAddress],
    languages: ['lv', 'en'],
  },
];
