/**
 * The demo registers (DEMO mode): what the state's registers would answer
 * about the demo people and their company (../shared/CONTRACT.md lists who
 * they are). Addresses, plates and cadastral numbers are made up but shaped
 * as the real registers write them.
 */
import type { CompanyRecord, PersonRecord, PropertyRecord, StateRegisters, VehicleRecord } from '../registers.adapters.js';

const JANIS = '150685-12347';
const MARTA = '010118-23454';
const PAULS = '321126-84071';
const ANNA = '230390-11113';
const PETERIS = '081275-05556';
const ILZE = '120479-43216';
const ROBERTS = '271188-10106';
const DEMO_BUVE = '40003012340';

const HOME_OF_BERZINI = 'Brīvības iela 58 - 12, Rīga, LV-1011';

const people: PersonRecord[] = [
  {
    personalCode: JANIS,
    givenName: 'Jānis',
    familyName: 'Bērziņš',
    birthDate: '1985-06-15',
    declaredAddress: HOME_OF_BERZINI,
    children: [
      { personalCode: MARTA, givenName: 'Marta', familyName: 'Bērziņa', birthDate: '2018-01-01' },
      { personalCode: PAULS, givenName: 'Pauls', familyName: 'Bērziņš', birthDate: '2026-11-20' },
    ],
  },
  { personalCode: MARTA, givenName: 'Marta', familyName: 'Bērziņa', birthDate: '2018-01-01', declaredAddress: HOME_OF_BERZINI, children: [] },
  { personalCode: PAULS, givenName: 'Pauls', familyName: 'Bērziņš', birthDate: '2026-11-20', declaredAddress: HOME_OF_BERZINI, children: [] },
  { personalCode: ANNA, givenName: 'Anna', familyName: 'Kalniņa', birthDate: '1990-03-23', declaredAddress: 'Ganību dambis 17A - 5, Rīga, LV-1045', children: [] },
  { personalCode: PETERIS, givenName: 'Pēteris', familyName: 'Ozols', birthDate: '1975-12-08', declaredAddress: 'Rīgas iela 12, Jūrmala, LV-2010', children: [] },
  { personalCode: ILZE, givenName: 'Ilze', familyName: 'Kļaviņa', birthDate: '1979-04-12', declaredAddress: 'Kr. Valdemāra iela 120 - 7, Rīga, LV-1013', children: [] },
  { personalCode: ROBERTS, givenName: 'Roberts', familyName: 'Liepa', birthDate: '1988-11-27', declaredAddress: 'Raiņa iela 30, Valmiera, LV-4201', children: [] },
];

const companies: CompanyRecord[] = [
  {
    registrationNumber: DEMO_BUVE,
    name: 'SIA "Demo Būve"',
    legalAddress: 'Krasta iela 44, Rīga, LV-1003',
    registeredOn: '2004-03-17',
    board: [{ personalCode: PETERIS, name: 'Pēteris Ozols', position: 'valdes priekšsēdētājs' }],
  },
];

const vehicles: Record<string, VehicleRecord[]> = {
  [JANIS]: [
    { plate: 'HN-4521', make: 'Volkswagen', model: 'Golf', year: 2016, vin: 'WVWZZZAUZGW123456' },
    { plate: 'KL-8830', make: 'Škoda', model: 'Octavia Combi', year: 2019, vin: 'TMBJJ7NE0K0654321' },
  ],
  [ANNA]: [{ plate: 'MN-2207', make: 'Toyota', model: 'Yaris', year: 2021, vin: 'VNKKH3D3X0A112233' }],
  [DEMO_BUVE]: [
    { plate: 'GT-6402', make: 'Ford', model: 'Transit', year: 2020, vin: 'WF0XXXTTGXKA98765' },
    { plate: 'ML-1190', make: 'MAN', model: 'TGL 12.250', year: 2018, vin: 'WMAN08ZZ5JY334455' },
  ],
};

const properties: Record<string, PropertyRecord[]> = {
  [JANIS]: [
    { cadastralNumber: '0100 900 4512', address: HOME_OF_BERZINI, kind: 'apartment', share: '1/2' },
    { cadastralNumber: '8052 003 0112', address: '„Ezermalas”, Carnikavas pagasts, Ādažu novads, LV-2163', kind: 'house', share: '1/1' },
  ],
  [ANNA]: [],
  [PETERIS]: [{ cadastralNumber: '1300 012 0456', address: 'Rīgas iela 12, Jūrmala, LV-2010', kind: 'house', share: '1/1' }],
  [DEMO_BUVE]: [{ cadastralNumber: '0100 070 2019', address: 'Krasta iela 44, Rīga, LV-1003', kind: 'building', share: '1/1' }],
};

export const demoRegisters: StateRegisters = {
  population: { person: async (code) => structuredClone(people.find((person) => person.personalCode === code)) },
  companies: { company: async (number) => structuredClone(companies.find((company) => company.registrationNumber === number)) },
  vehicles: { ownedBy: async (party) => structuredClone(vehicles[party] ?? []) },
  property: { ownedBy: async (party) => structuredClone(properties[party] ?? []) },
};
