/**
 * Demo life events and business events, modelled on the life situations of
 * latvija.gov.lv. Codes are referenced from `services.ts`.
 */
import type { CatalogEvent } from '../catalog.schemas.js';

export const demoEvents: CatalogEvent[] = [
  // ── Life events ────────────────────────────────────────────────────────────
  {
    code: 'birth',
    kind: 'life',
    label: { lv: 'Bērna piedzimšana', en: 'Birth of a child' },
    description: {
      lv: 'Dzimšanas reģistrācija, pabalsti jaunajiem vecākiem, bērna dzīvesvietas deklarēšana un ģimenes ārsta izvēle.',
      en: 'Registering the birth, benefits for new parents, declaring the child’s place of residence and choosing a family doctor.',
    },
    position: 1,
  },
  {
    code: 'education',
    kind: 'life',
    label: { lv: 'Izglītība', en: 'Education' },
    description: {
      lv: 'Pieteikšanās bērnudārzam un skolai, mācības pieaugušajiem un valsts valodas prasmes apliecināšana.',
      en: 'Applying for kindergarten and school, adult learning and certifying proficiency in the state language.',
    },
    position: 2,
  },
  {
    code: 'moving',
    kind: 'life',
    label: { lv: 'Dzīvesvietas maiņa', en: 'Moving home' },
    description: {
      lv: 'Jaunās adreses deklarēšana, uzturēšanās Latvijā ārzemniekiem un saziņa ar iestādēm pēc pārcelšanās.',
      en: 'Declaring your new address, residence in Latvia for foreign nationals and staying in touch with institutions after a move.',
    },
    position: 3,
  },
  {
    code: 'marriage',
    kind: 'life',
    label: { lv: 'Laulība', en: 'Marriage' },
    description: {
      lv: 'Laulības reģistrācija dzimtsarakstu nodaļā vai baznīcā un dokumentu maiņa pēc uzvārda maiņas.',
      en: 'Registering a marriage at a civil registry office or in church, and replacing documents after a change of surname.',
    },
    position: 4,
  },
  {
    code: 'health',
    kind: 'life',
    label: { lv: 'Veselība', en: 'Health' },
    description: {
      lv: 'Ģimenes ārsts, valsts apmaksātā veselības aprūpe, Eiropas veselības apdrošināšanas karte un pabalsti slimības gadījumā.',
      en: 'Family doctor, state-funded healthcare, the European Health Insurance Card and benefits in case of illness.',
    },
    position: 5,
  },
  {
    code: 'driving',
    kind: 'life',
    label: { lv: 'Transportlīdzeklis un vadīšana', en: 'Vehicles and driving' },
    description: {
      lv: 'Transportlīdzekļa reģistrācija, tehniskā apskate, vadītāja apliecības saņemšana un maiņa.',
      en: 'Registering a vehicle, the roadworthiness test, getting and replacing a driving licence.',
    },
    position: 6,
  },
  {
    code: 'travel',
    kind: 'life',
    label: { lv: 'Ceļošana un personu apliecinoši dokumenti', en: 'Travel and identity documents' },
    description: {
      lv: 'Pase, personas apliecība (eID karte), pilsonība un veselības aprūpe, uzturoties ārvalstīs.',
      en: 'Passport, personal identity card (eID card), citizenship and healthcare while staying abroad.',
    },
    position: 7,
  },
  {
    code: 'property',
    kind: 'life',
    label: { lv: 'Nekustamais īpašums', en: 'Real estate' },
    description: {
      lv: 'Īpašuma iegāde un reģistrācija zemesgrāmatā, kadastra dati, būvniecība un nekustamā īpašuma nodoklis.',
      en: 'Buying property and registering it in the Land Register, cadastral data, building and real estate tax.',
    },
    position: 8,
  },
  {
    code: 'job-loss',
    kind: 'life',
    label: { lv: 'Darba zaudēšana', en: 'Losing your job' },
    description: {
      lv: 'Bezdarbnieka statuss, bezdarbnieka pabalsts, pārkvalifikācija un atbalsts sava uzņēmuma uzsākšanai.',
      en: 'Unemployed status, unemployment benefit, retraining and support for starting your own business.',
    },
    position: 9,
  },
  {
    code: 'disability',
    kind: 'life',
    label: { lv: 'Invaliditāte', en: 'Disability' },
    description: {
      lv: 'Invaliditātes pensija, nodokļu atvieglojumi un atbalsts personām ar invaliditāti.',
      en: 'Disability pension, tax relief and support for persons with disabilities.',
    },
    position: 10,
  },
  {
    code: 'retirement',
    kind: 'life',
    label: { lv: 'Pensionēšanās', en: 'Retirement' },
    description: {
      lv: 'Vecuma pensijas pieprasīšana, pensijas apmērs un pabalsti pensionāriem.',
      en: 'Applying for an old-age pension, the amount of the pension and benefits for pensioners.',
    },
    position: 11,
  },
  {
    code: 'death',
    kind: 'life',
    label: { lv: 'Tuvinieka nāve', en: 'Death of a relative' },
    description: {
      lv: 'Miršanas reģistrācija, apbedīšanas pabalsts un pārdzīvojušā laulātā pabalsts.',
      en: 'Registering a death, the funeral benefit and the surviving spouse benefit.',
    },
    position: 12,
  },

  // ── Business events ────────────────────────────────────────────────────────
  {
    code: 'start-business',
    kind: 'business',
    label: { lv: 'Uzņēmuma dibināšana', en: 'Starting a business' },
    description: {
      lv: 'Uzņēmējdarbības formas izvēle, reģistrācija Uzņēmumu reģistrā vai VID un pirmie soļi pēc reģistrācijas.',
      en: 'Choosing a legal form, registering with the Register of Enterprises or the State Revenue Service, and the first steps after registration.',
    },
    position: 1,
  },
  {
    code: 'company-changes',
    kind: 'business',
    label: { lv: 'Izmaiņas uzņēmumā', en: 'Changes in a company' },
    description: {
      lv: 'Valdes, juridiskās adreses, statūtu, pamatkapitāla un patiesā labuma guvēju izmaiņu reģistrācija.',
      en: 'Registering changes of board members, legal address, articles of association, share capital and beneficial owners.',
    },
    position: 2,
  },
  {
    code: 'taxes',
    kind: 'business',
    label: { lv: 'Nodokļi un grāmatvedība', en: 'Taxes and accounting' },
    description: {
      lv: 'Nodokļu režīma izvēle, PVN reģistrācija, deklarāciju iesniegšana un saziņa ar VID.',
      en: 'Choosing a tax regime, VAT registration, filing tax returns and dealing with the State Revenue Service.',
    },
    position: 3,
  },
  {
    code: 'employees',
    kind: 'business',
    label: { lv: 'Darbinieku pieņemšana', en: 'Hiring employees' },
    description: {
      lv: 'Vakanču izsludināšana, darba devēja pienākumi un ziņošana VID par darba ņēmējiem.',
      en: 'Advertising vacancies, employer obligations and reporting employees to the State Revenue Service.',
    },
    position: 4,
  },
  {
    code: 'licences',
    kind: 'business',
    label: { lv: 'Licences un atļaujas', en: 'Licences and permits' },
    description: {
      lv: 'Reģistrācija nozaru reģistros, speciālās atļaujas un licences regulētām darbībām.',
      en: 'Registration in sector registers, special permits and licences for regulated activities.',
    },
    position: 5,
  },
  {
    code: 'construction',
    kind: 'business',
    label: { lv: 'Būvniecība', en: 'Construction' },
    description: {
      lv: 'Būvniecības ieceres saskaņošana, būvatļauja, būvdarbi un būves pieņemšana ekspluatācijā Būvniecības informācijas sistēmā.',
      en: 'Getting a construction plan approved, the building permit, construction works and commissioning a building in the Construction Information System.',
    },
    position: 6,
  },
  {
    code: 'agriculture',
    kind: 'business',
    label: { lv: 'Lauksaimniecība', en: 'Agriculture' },
    description: {
      lv: 'Reģistrācija Lauku atbalsta dienestā, platību maksājumi un atbalsts lauku saimniecībām.',
      en: 'Registering with the Rural Support Service, area-based payments and support for farms.',
    },
    position: 7,
  },
  {
    code: 'funding',
    kind: 'business',
    label: { lv: 'Atbalsts un finansējums', en: 'Support and funding' },
    description: {
      lv: 'Valsts un Eiropas Savienības atbalsta programmas, grants uzņēmējdarbības uzsākšanai un lauku attīstībai.',
      en: 'State and European Union support programmes, grants for starting a business and for rural development.',
    },
    position: 8,
  },
  {
    code: 'close-business',
    kind: 'business',
    label: { lv: 'Darbības izbeigšana', en: 'Closing a business' },
    description: {
      lv: 'Komersanta likvidācija, izslēgšana no reģistra un saimnieciskās darbības izbeigšana VID.',
      en: 'Liquidating a company, removal from the register and ending economic activity with the State Revenue Service.',
    },
    position: 9,
  },
];
