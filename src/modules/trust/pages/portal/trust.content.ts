/**
 * The words of the trust pages, in Latvian and English. Each page is a title,
 * a lead and sections; a section is paragraphs, a bullet list, or a table.
 * The operator's own details (who runs the platform, how to reach them and
 * their data protection officer) come from the settings, so another state or
 * municipality running the platform names itself.
 */
import type { Lang } from '../../../../platform/web/i18n.js';

/** Who runs this platform (settings OPERATOR_*, DPO_EMAIL). */
export interface Operator {
  name: string;
  email: string;
  phone: string | undefined;
  address: string | undefined;
  dpoEmail: string;
}

export interface Section {
  id: string;
  title: string;
  paragraphs?: string[];
  list?: string[];
  /** a table: its caption, column headings and rows of cells */
  table?: { caption: string; head: string[]; rows: string[][] };
  /** links shown after the section's text */
  links?: { href: string; text: string }[];
}

export interface TrustPage {
  title: string;
  lead: string;
  /** when this text was last reviewed (ISO date) */
  reviewed: string;
  sections: Section[];
}

export type TrustPageName = 'accessibility' | 'privacy' | 'cookies' | 'contact';

/** The date the statements were prepared and last reviewed (Regulation No 445, point 11: the statement is dated). */
export const REVIEWED = '2026-12-06';

/**
 * The cookies the platform itself sets, as the code names them (identity's
 * session and sign-in cookies, the CSRF cookie, the workspace's choice of whom
 * one acts for, and the OpenID provider's own cookies). Behind https the first
 * three carry the `__Host-` prefix. The test signs in with Chromium and checks
 * that every cookie it was given is listed here.
 */
export const COOKIES: { name: string; lifetime: Record<Lang, string>; purpose: Record<Lang, string> }[] = [
  {
    name: 'pk_session',
    lifetime: { lv: 'līdz izrakstīšanās brīdim (pēc 30 minūšu bezdarbības vai 12 stundām sesija beidzas)', en: 'until you sign out (the session ends after 30 minutes idle or 12 hours)' },
    purpose: { lv: 'jūsu pieteikšanās sesija portālā', en: 'your signed-in session on the portal' },
  },
  {
    name: 'pk_csrf',
    lifetime: { lv: 'līdz pārlūka aizvēršanai', en: 'until the browser is closed' },
    purpose: { lv: 'aizsargā veidlapas pret viltotiem pieprasījumiem no citām vietnēm', en: 'protects forms against forged requests from other sites' },
  },
  {
    name: 'pk_acting_for',
    lifetime: { lv: 'līdz sesijas beigām', en: 'until the session ends' },
    purpose: { lv: 'atceras, kuras personas vai uzņēmuma vārdā darbojaties', en: 'remembers on whose behalf (a person or company) you act' },
  },
  {
    name: 'pk_login',
    lifetime: { lv: '10 minūtes', en: '10 minutes' },
    purpose: { lv: 'pieteikšanās laikā saista atbildi no autentifikācijas ar jūsu pārlūku', en: 'ties the answer of the sign-in service to your browser while you sign in' },
  },
  {
    name: 'pk_eid',
    lifetime: { lv: '10 minūtes', en: '10 minutes' },
    purpose: { lv: 'tas pats, pieslēdzoties ar valsts eID', en: 'the same, when signing in with the national eID' },
  },
  {
    name: '_session, _session.sig',
    lifetime: { lv: 'līdz izrakstīšanās brīdim', en: 'until you sign out' },
    purpose: { lv: 'vienotās pieteikšanās (OpenID Connect) sesija, lai nav jāpiesakās atkārtoti iestāžu portālos', en: 'the single sign-on (OpenID Connect) session, so you need not sign in again at institutions’ portals' },
  },
  {
    name: '_interaction, _interaction.sig, _interaction_resume, _interaction_resume.sig',
    lifetime: { lv: 'līdz pieteikšanās beigām (1 stunda)', en: 'until signing in is finished (1 hour)' },
    purpose: { lv: 'viena pieteikšanās soļa stāvoklis', en: 'the state of one sign-in step' },
  },
];

type Content = (operator: Operator, links: { dataAccess: string; contact: string; support: string }) => Record<TrustPageName, TrustPage>;

function contactLines(lang: Lang, operator: Operator): string[] {
  const lv = lang === 'lv';
  return [
    `${lv ? 'E-pasts' : 'E-mail'}: ${operator.email}`,
    ...(operator.phone ? [`${lv ? 'Tālrunis' : 'Phone'}: ${operator.phone}`] : []),
    ...(operator.address ? [`${lv ? 'Adrese' : 'Address'}: ${operator.address}`] : []),
  ];
}

const lv: Content = (operator, links) => ({
  accessibility: {
    title: 'Paziņojums par piekļūstamību',
    lead: `${operator.name} apņemas padarīt šo tīmekļvietni piekļūstamu saskaņā ar Eiropas Parlamenta un Padomes Direktīvu (ES) 2016/2102 un Ministru kabineta 2020. gada 14. jūlija noteikumiem Nr. 445 “Kārtība, kādā iestādes ievieto informāciju internetā”.`,
    reviewed: REVIEWED,
    sections: [
      {
        id: 'status',
        title: 'Atbilstības statuss',
        paragraphs: [
          'Tīmekļvietne daļēji atbilst standarta LVS EN 301 549 un Tīmekļa satura piekļūstamības vadlīniju (WCAG) 2.1 AA līmeņa prasībām, jo tālāk minētais saturs vēl nav pilnībā piekļūstams.',
          'Atbilstība novērtēta ar pašnovērtējumu: katra lapa automātiski pārbaudīta ar axe-core un HTML_CodeSniffer pārlūkā Chromium, lietošana tikai ar tastatūru, bez JavaScript un 390 pikseļu platā ekrānā.',
        ],
      },
      {
        id: 'non-accessible',
        title: 'Nepiekļūstamais saturs',
        list: [
          'Iestāžu augšupielādētie dokumenti (piemēram, lēmumi PDF formātā) var nebūt piekļūstami; pēc pieprasījuma iestāde tos nodrošina citā formātā.',
          'Publiskās veiktspējas lapu diagrammas ir attēli; tie paši skaitļi ir pieejami tabulā zem diagrammas.',
          'Tīmekļa paziņojumi (push) un darbs bezsaistē darbojas tikai pārlūkos, kas atbalsta pakalpojumu darbiniekus (service workers); bez tiem visas lapas darbojas kā parasti.',
        ],
      },
      {
        id: 'feedback',
        title: 'Atsauksmes un saziņa',
        paragraphs: [
          'Ja pamanāt piekļūstamības trūkumu vai jums nepieciešama informācija citā formātā, rakstiet mums. Atbildēsim 10 darbdienu laikā.',
          ...contactLines('lv', operator),
        ],
        links: [{ href: links.support, text: 'Uzdot jautājumu klientu atbalstam' }],
      },
      {
        id: 'enforcement',
        title: 'Izpildes procedūra',
        paragraphs: [
          'Ja atbilde jūs neapmierina, varat iesniegt sūdzību Valsts reģionālās attīstības aģentūrai (vraa.gov.lv), kas uzrauga tīmekļvietņu piekļūstamību saskaņā ar noteikumiem Nr. 445.',
          'Ja uzskatāt, ka nepiekļūstama satura dēļ pret jums izturējušies nevienlīdzīgi, varat vērsties arī Tiesībsarga birojā (tiesibsargs.lv, Baznīcas iela 25, Rīga, LV-1010, e-pasts tiesibsargs@tiesibsargs.lv).',
        ],
      },
      {
        id: 'preparation',
        title: 'Paziņojuma sagatavošana',
        paragraphs: [`Paziņojums sagatavots ${REVIEWED} un pēdējo reizi pārskatīts ${REVIEWED}. To pārskata vismaz reizi gadā.`],
      },
    ],
  },
  privacy: {
    title: 'Privātuma paziņojums',
    lead: 'Kā šī platforma apstrādā jūsu personas datus saskaņā ar Vispārīgo datu aizsardzības regulu (ES) 2016/679 (VDAR) un Fizisko personu datu apstrādes likumu.',
    reviewed: REVIEWED,
    sections: [
      { id: 'controller', title: 'Pārzinis', paragraphs: [`Platformas pārzinis ir ${operator.name}.`, ...contactLines('lv', operator)] },
      {
        id: 'purposes',
        title: 'Nolūki un tiesiskais pamats',
        list: [
          'Pakalpojumu pieteikumu saņemšana, nodošana iestādēm un to statusa un rezultātu uzrādīšana — likumā noteikta pienākuma izpilde un sabiedrības interesēs veicams uzdevums (VDAR 6. panta 1. punkta c un e apakšpunkts).',
          'Jūsu identitātes pārbaude pieslēdzoties un pārstāvības (pilnvarojumu) pārbaude — VDAR 6. panta 1. punkta e apakšpunkts.',
          'Paziņojumi par statusiem e-pastā, īsziņā vai tīmekļa paziņojumā — kanālus un to laiku izvēlaties jūs paši iestatījumos.',
          'Klientu atbalsts un atsauksmes par pakalpojumiem — VDAR 6. panta 1. punkta e apakšpunkts; publicētā statistika ir bez personas datiem.',
          'Drošība un auditācijas pieraksti (kas un kad piekļuva datiem) — VDAR 6. panta 1. punkta c apakšpunkts un 32. pants.',
        ],
      },
      {
        id: 'recipients',
        title: 'Saņēmēji',
        paragraphs: [
          'Pieteikuma datus saņem tikai iestāde, kas sniedz pakalpojumu, un persona, kuru pārstāvat vai kas jūs pārstāv. E-pastu un īsziņas nosūta ar platformas operatora apstrādātāju starpniecību. Datus nenodod uz valstīm ārpus Eiropas Ekonomikas zonas.',
        ],
      },
      {
        id: 'retention',
        title: 'Glabāšanas termiņš',
        list: [
          'Pieteikumus un rezultātus glabā tik ilgi, cik to nosaka iestādes lietvedības un arhīva noteikumi.',
          'Pieteikšanās sesija beidzas pēc 30 minūšu bezdarbības vai 12 stundām.',
          'Auditācijas pierakstus nevar grozīt vai dzēst; tos glabā vismaz tik ilgi, cik pieteikumus, uz kuriem tie attiecas.',
          'Bezsaistē lasāmās lapas glabājas tikai jūsu ierīcē un tiek dzēstas, kad izrakstāties.',
        ],
      },
      {
        id: 'rights',
        title: 'Jūsu tiesības',
        paragraphs: [
          'Jums ir tiesības piekļūt saviem datiem, labot tos, pieprasīt apstrādes ierobežošanu un iebilst pret apstrādi, kā arī iesniegt sūdzību Datu valsts inspekcijai (dvi.gov.lv).',
          'Darba vietas sadaļā “Kas skatīja manus datus” redzat katru reizi, kad iestādes darbinieks vai sistēma lasīja jūsu pieteikumus, pilnvarojumus vai citus personas datus: kurš, ko, kad un uz kāda pamata.',
        ],
        links: [{ href: links.dataAccess, text: 'Kas skatīja manus datus' }],
      },
      { id: 'dpo', title: 'Datu aizsardzības speciālists', paragraphs: [`E-pasts: ${operator.dpoEmail}`] },
    ],
  },
  cookies: {
    title: 'Sīkdatnes',
    lead: 'Platforma izmanto tikai sīkdatnes, kas nepieciešamas tās darbībai: pieteikšanās, drošība un jūsu izvēļu atcerēšanās. Tām nav nepieciešama piekrišana. Mēs neizmantojam analītikas, reklāmas vai trešo pušu sīkdatnes.',
    reviewed: REVIEWED,
    sections: [
      {
        id: 'list',
        title: 'Kuras sīkdatnes iestatām',
        paragraphs: ['Savienojumā ar https trim pirmajām sīkdatnēm nosaukuma sākumā ir “__Host-”.'],
        table: { caption: 'Platformas sīkdatnes', head: ['Nosaukums', 'Nolūks', 'Glabāšanas laiks'], rows: COOKIES.map((cookie) => [cookie.name, cookie.purpose.lv, cookie.lifetime.lv]) },
      },
      {
        id: 'storage',
        title: 'Dati jūsu ierīcē',
        paragraphs: [
          'Ja pārlūks to atbalsta, platforma ierīcē saglabā lietotnes lapas un pēdējos atvērtos pieteikumus, lai tos varētu lasīt bezsaistē. Tie glabājas atsevišķi katrai personai un tiek dzēsti, kad izrakstāties.',
        ],
      },
    ],
  },
  contact: {
    title: 'Kontakti',
    lead: `Platformu uztur ${operator.name}.`,
    reviewed: REVIEWED,
    sections: [
      { id: 'operator', title: 'Platformas uzturētājs', paragraphs: contactLines('lv', operator) },
      {
        id: 'support',
        title: 'Jautājumi par pakalpojumu vai pieteikumu',
        paragraphs: ['Par konkrētu pakalpojumu vai pieteikumu vislabāk jautāt klientu atbalstam: jautājums nonāk pie iestādes, kas sniedz pakalpojumu.'],
        links: [{ href: links.support, text: 'Uzdot jautājumu klientu atbalstam' }],
      },
      { id: 'dpo', title: 'Datu aizsardzība', paragraphs: [`Datu aizsardzības speciālists: ${operator.dpoEmail}`] },
    ],
  },
});

const en: Content = (operator, links) => ({
  accessibility: {
    title: 'Accessibility statement',
    lead: `${operator.name} is committed to making this website accessible in accordance with Directive (EU) 2016/2102 of the European Parliament and of the Council and Latvia’s Cabinet Regulation No 445 of 14 July 2020 “Procedures by which institutions place information on the internet”.`,
    reviewed: REVIEWED,
    sections: [
      {
        id: 'status',
        title: 'Compliance status',
        paragraphs: [
          'This website is partially compliant with standard EN 301 549 and the Web Content Accessibility Guidelines (WCAG) 2.1 level AA, because of the content listed below.',
          'Compliance was assessed by self-assessment: every page is checked automatically with axe-core and HTML_CodeSniffer in Chromium, used by keyboard only, without JavaScript and on a 390-pixel-wide screen.',
        ],
      },
      {
        id: 'non-accessible',
        title: 'Non-accessible content',
        list: [
          'Documents uploaded by institutions (for example decisions as PDF) may not be accessible; on request the institution provides them in another format.',
          'The charts of the public performance pages are images; the same figures are in a table below each chart.',
          'Web push notifications and reading offline work only in browsers that support service workers; without them every page works as usual.',
        ],
      },
      {
        id: 'feedback',
        title: 'Feedback and contact',
        paragraphs: ['If you find an accessibility problem or need information in another format, write to us. We answer within 10 working days.', ...contactLines('en', operator)],
        links: [{ href: links.support, text: 'Ask customer support' }],
      },
      {
        id: 'enforcement',
        title: 'Enforcement procedure',
        paragraphs: [
          'If our answer does not satisfy you, you may complain to the State Regional Development Agency (vraa.gov.lv), which monitors the accessibility of websites under Regulation No 445.',
          'If you believe you were treated unequally because content was not accessible, you may also turn to the Ombudsman’s Office of Latvia (tiesibsargs.lv, Baznīcas iela 25, Riga, LV-1010, e-mail tiesibsargs@tiesibsargs.lv).',
        ],
      },
      { id: 'preparation', title: 'Preparation of this statement', paragraphs: [`This statement was prepared on ${REVIEWED} and last reviewed on ${REVIEWED}. It is reviewed at least once a year.`] },
    ],
  },
  privacy: {
    title: 'Privacy notice',
    lead: 'How this platform processes your personal data under the General Data Protection Regulation (EU) 2016/679 (GDPR) and Latvia’s Personal Data Processing Law.',
    reviewed: REVIEWED,
    sections: [
      { id: 'controller', title: 'Controller', paragraphs: [`The controller of the platform is ${operator.name}.`, ...contactLines('en', operator)] },
      {
        id: 'purposes',
        title: 'Purposes and legal bases',
        list: [
          'Receiving applications for services, passing them to institutions and showing their status and results — a legal obligation and a task in the public interest (GDPR Article 6(1)(c) and (e)).',
          'Checking your identity when you sign in, and checking representation (mandates) — Article 6(1)(e).',
          'Notifications of statuses by e-mail, SMS or web push — you choose the channels and their times in your settings.',
          'Customer support and feedback on services — Article 6(1)(e); published statistics contain no personal data.',
          'Security and audit records (who accessed data and when) — Article 6(1)(c) and Article 32.',
        ],
      },
      {
        id: 'recipients',
        title: 'Recipients',
        paragraphs: [
          'An application’s data go only to the institution providing the service and to the person you represent or who represents you. E-mails and SMS are sent through the operator’s processors. No data are transferred outside the European Economic Area.',
        ],
      },
      {
        id: 'retention',
        title: 'Retention',
        list: [
          'Applications and results are kept as long as the institution’s records and archives rules require.',
          'A signed-in session ends after 30 minutes idle or 12 hours.',
          'Audit records cannot be changed or deleted; they are kept at least as long as the applications they concern.',
          'Pages kept for reading offline stay only on your device and are deleted when you sign out.',
        ],
      },
      {
        id: 'rights',
        title: 'Your rights',
        paragraphs: [
          'You have the right to access your data, to have them corrected, to restrict or object to processing, and to complain to the Data State Inspectorate (dvi.gov.lv).',
          'In your workspace, “Who looked at my data” shows every time an institution’s staff or system read your applications, mandates or other personal data: who, what, when and on what ground.',
        ],
        links: [{ href: links.dataAccess, text: 'Who looked at my data' }],
      },
      { id: 'dpo', title: 'Data protection officer', paragraphs: [`E-mail: ${operator.dpoEmail}`] },
    ],
  },
  cookies: {
    title: 'Cookies',
    lead: 'The platform uses only the cookies it needs to work: signing in, security and remembering your choices. They need no consent. We use no analytics, advertising or third-party cookies.',
    reviewed: REVIEWED,
    sections: [
      {
        id: 'list',
        title: 'The cookies we set',
        paragraphs: ['Over https the names of the first three start with “__Host-”.'],
        table: { caption: 'The platform’s cookies', head: ['Name', 'Purpose', 'Kept for'], rows: COOKIES.map((cookie) => [cookie.name, cookie.purpose.en, cookie.lifetime.en]) },
      },
      {
        id: 'storage',
        title: 'Data on your device',
        paragraphs: [
          'Where the browser supports it, the platform keeps the app’s pages and the applications you last opened on your device, so you can read them offline. They are kept separately for each person and deleted when you sign out.',
        ],
      },
    ],
  },
  contact: {
    title: 'Contact',
    lead: `The platform is run by ${operator.name}.`,
    reviewed: REVIEWED,
    sections: [
      { id: 'operator', title: 'The platform’s operator', paragraphs: contactLines('en', operator) },
      {
        id: 'support',
        title: 'Questions about a service or an application',
        paragraphs: ['About a particular service or application, ask customer support: your question reaches the institution that provides the service.'],
        links: [{ href: links.support, text: 'Ask customer support' }],
      },
      { id: 'dpo', title: 'Data protection', paragraphs: [`Data protection officer: ${operator.dpoEmail}`] },
    ],
  },
});

export const CONTENT: Record<Lang, Content> = { lv, en };
