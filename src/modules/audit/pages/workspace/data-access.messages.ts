/** "Who looked at my data", in Latvian and English. */
import { createTranslator, type MessageTable } from '../../../../platform/web/i18n.js';

const messages = {
  lv: {
    title: 'Kas skatījās manus datus',
    lead: 'Kas, izņemot jūs, ir skatījis {party} datus platformā vai tos saņēmis: iestāžu darbinieki un sistēmas, pārstāvji. Katra šāda skatīšana tiek ierakstīta neizmaināmā žurnālā.',
    none: 'Neviens cits vēl nav skatījis šos datus.',
    tileText: 'Iestādes, sistēmas un pārstāvji, kas skatījuši jūsu datus.',
    when: 'Kad',
    who: 'Kas',
    what: 'Ko',
    client: 'Iestādes sistēma ({id})',
    staff: 'Iestādes darbinieks ({code})',
    person: 'Persona ({code})',
    platform: 'Platforma',
    'applications.read': 'skatīja pieteikumu',
    'applications.listed': 'skatīja pieteikumu sarakstu',
    'integration.event_delivered': 'saņēma pieteikuma notikumu',
    'audit.data_access_read': 'skatīja šo žurnālu',
    'registers.population_read': 'saņēma ziņas no Fizisko personu reģistra veidlapas aizpildei',
    'registers.companies_read': 'saņēma ziņas no Uzņēmumu reģistra veidlapas aizpildei',
    'registers.vehicles_read': 'saņēma ziņas no Transportlīdzekļu reģistra veidlapas aizpildei',
    'registers.property_read': 'saņēma ziņas no Nekustamā īpašuma kadastra veidlapas aizpildei',
    other: 'darbība {action}',
    onBehalf: 'jūsu vārdā',
  },
  en: {
    title: 'Who looked at my data',
    lead: 'Who other than you has looked at {party}’s data on the platform or received it: institutions’ staff and systems, representatives. Every such look is written to a trail that cannot be changed.',
    none: 'Nobody else has looked at this data yet.',
    tileText: 'The institutions, systems and representatives that looked at your data.',
    when: 'When',
    who: 'Who',
    what: 'What',
    client: 'An institution’s system ({id})',
    staff: 'Institution staff ({code})',
    person: 'A person ({code})',
    platform: 'The platform',
    'applications.read': 'read an application',
    'applications.listed': 'read the list of applications',
    'integration.event_delivered': 'received an application’s event',
    'audit.data_access_read': 'read this log',
    'registers.population_read': 'read the Register of Natural Persons to fill in a form',
    'registers.companies_read': 'read the Register of Enterprises to fill in a form',
    'registers.vehicles_read': 'read the Register of Vehicles to fill in a form',
    'registers.property_read': 'read the Real Estate Cadastre to fill in a form',
    other: 'action {action}',
    onBehalf: 'on your behalf',
  },
} satisfies MessageTable<string>;

export type DataAccessKey = keyof (typeof messages)['lv'];
export const t = createTranslator<DataAccessKey>(messages);
