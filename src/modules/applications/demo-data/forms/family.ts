/**
 * Forms of family services: registering a birth, the child birth and parental
 * benefits (VSAA), the pre-school queue and first-grade enrolment (Riga).
 * Children come from the population register as choices.
 */
import type { FormExtension } from '../../forms.defaults.js';
import { DATE, GIVEN_TEXT, IBAN, ibanField, PERSONAL_CODE, requiredWhen, slot, t, text, yesNo } from './common.js';

const childChoice = (help: { lv: string; en: string }) => ({
  label: t('Bērns', 'Child'),
  help,
  widget: 'radio' as const,
  source: 'population.children' as const,
});

export const birthRegistration: FormExtension = {
  step: { id: 'child', title: t('Bērns', 'The child'), fields: ['childGivenName', 'childFamilyName', 'birthDate', 'birthPlace', 'childSex', 'bornInHospital', 'parentsMarried', 'secondParentPersonalCode'] },
  properties: {
    childGivenName: text(1, 100),
    childFamilyName: text(1, 100),
    birthDate: DATE,
    birthPlace: text(2, 200),
    childSex: { enum: ['female', 'male'] },
    bornInHospital: { type: 'boolean' },
    parentsMarried: { type: 'boolean' },
    secondParentPersonalCode: PERSONAL_CODE,
  },
  required: ['childGivenName', 'childFamilyName', 'birthDate', 'birthPlace', 'childSex', 'bornInHospital', 'parentsMarried'],
  allOf: [requiredWhen('parentsMarried', true, ['secondParentPersonalCode'])],
  fields: {
    childGivenName: { label: t('Bērna vārds', 'Child’s given name'), widget: 'text' },
    childFamilyName: { label: t('Bērna uzvārds', 'Child’s family name'), widget: 'text' },
    birthDate: { label: t('Dzimšanas datums', 'Date of birth'), widget: 'date' },
    birthPlace: { label: t('Dzimšanas vieta', 'Place of birth'), help: t('Pilsēta vai novads', 'City or municipality'), widget: 'text' },
    childSex: { label: t('Dzimums', 'Sex'), widget: 'radio', options: [{ value: 'female', label: t('Sieviete', 'Female') }, { value: 'male', label: t('Vīrietis', 'Male') }] },
    bornInHospital: yesNo(t('Bērns dzimis Latvijas ārstniecības iestādē', 'The child was born in a Latvian medical institution')),
    parentsMarried: yesNo(t('Vecāki ir laulībā', 'The parents are married')),
    secondParentPersonalCode: {
      label: t('Otra vecāka personas kods', 'Personal code of the other parent'),
      help: t('Otrs vecāks apstiprinās pieteikumu savā darba vietā.', 'The other parent confirms the application in their workspace.'),
      widget: 'personal-code',
      showIf: { field: 'parentsMarried', equals: true },
    },
  },
  attachments: [
    slot('medical_certificate', t('Ārstniecības iestādes izziņa par dzimšanu', 'Medical certificate of birth'), {
      help: t('Vajadzīga, ja bērns dzimis ārpus ārstniecības iestādes.', 'Needed if the child was born outside a medical institution.'),
      maxFiles: 2,
      showIf: { field: 'bornInHospital', equals: false },
    }),
  ],
  requestOptional: true,
};

export const childBirthBenefit: FormExtension = {
  step: { id: 'benefit', title: t('Pabalsts', 'Benefit'), description: t('Pabalstu piešķir vienam no vecākiem par katru dzimušo bērnu; to var pieprasīt 12 mēnešu laikā pēc bērna dzimšanas.', 'The benefit is paid to one parent for each child born; it can be claimed within 12 months of the birth.'), fields: ['child', 'adopted', 'iban'] },
  properties: { child: PERSONAL_CODE, adopted: { type: 'boolean' }, iban: IBAN },
  required: ['child', 'iban'],
  fields: {
    child: childChoice(t('Bērni, kuru vecāks jūs esat Fizisko personu reģistrā. Ja bērna nav sarakstā, vispirms reģistrējiet dzimšanu.', 'Children of whom you are a parent in the Register of Natural Persons. If the child is not listed, register the birth first.')),
    adopted: yesNo(t('Bērns ir adoptēts', 'The child is adopted'), t('Adoptētājs pabalstu var pieprasīt līdz bērna 18 gadu vecumam; adopciju VSAA redz Fizisko personu reģistrā, dokuments nav jāpievieno.', 'An adoptive parent may claim until the child is 18; VSAA sees the adoption in the Register of Natural Persons, so no document is needed.')),
    iban: ibanField(),
  },
  requestOptional: true,
};

export const parentalBenefit: FormExtension = {
  step: { id: 'benefit', title: t('Vecāku pabalsts', 'Parental benefit'), fields: ['child', 'option', 'startDate', 'working', 'iban'] },
  properties: {
    child: PERSONAL_CODE,
    option: { enum: ['basic', 'extended'] },
    startDate: DATE,
    working: { type: 'boolean' },
    iban: IBAN,
  },
  required: ['child', 'option', 'startDate', 'iban'],
  fields: {
    child: childChoice(t('Pabalstu par vienu bērnu saņem viens no vecākiem.', 'One parent receives the benefit for a child.')),
    option: {
      label: t('Pabalsta saņemšanas periods', 'How long to receive the benefit'),
      help: t('Izvēli vēlāk mainīt nevar.', 'The choice cannot be changed later.'),
      widget: 'radio',
      options: [
        { value: 'basic', label: t('Līdz bērna 1 gada vecumam — 60 % no vidējās apdrošināšanas iemaksu algas', 'Until the child is 1 — 60 % of the average insured wage') },
        { value: 'extended', label: t('Līdz bērna 1,5 gadu vecumam — 43,75 % no vidējās apdrošināšanas iemaksu algas', 'Until the child is 1.5 — 43.75 % of the average insured wage') },
      ],
    },
    startDate: { label: t('Pabalstu pieprasu no', 'Claiming from'), widget: 'date' },
    working: yesNo(t('Pabalsta laikā turpināšu strādāt', 'I will keep working while receiving it'), t('Tad pabalsts ir uz pusi mazāks.', 'The benefit is then halved.')),
    iban: ibanField(),
  },
  requestOptional: true,
};

export const preschoolQueue: FormExtension = {
  step: { id: 'child', title: t('Bērns un iestādes', 'Child and kindergartens'), fields: ['child', 'childAddress', 'startDate', 'firstChoice', 'secondChoice', 'hasPriority', 'priority'] },
  properties: {
    child: PERSONAL_CODE,
    childAddress: GIVEN_TEXT,
    startDate: DATE,
    firstChoice: text(3, 200),
    secondChoice: { type: 'string', maxLength: 200 },
    hasPriority: { type: 'boolean' },
    priority: { enum: ['large_family', 'disability', 'sibling', 'guardian'] },
  },
  required: ['child', 'startDate', 'firstChoice', 'hasPriority'],
  allOf: [requiredWhen('hasPriority', true, ['priority'])],
  fields: {
    child: childChoice(t('Rindā var reģistrēt bērnu no dzimšanas.', 'A child can be registered from birth.')),
    childAddress: { label: t('Jūsu deklarētā dzīvesvieta', 'Your declared residence'), help: t('Rīgas iestāžu rindā priekšroka ir Rīgā deklarētiem bērniem.', 'Riga’s kindergartens give precedence to children declared in Riga.'), widget: 'text', source: 'population.address' },
    startDate: { label: t('No kura datuma vajadzīga vieta', 'Place needed from'), widget: 'date' },
    firstChoice: { label: t('Pirmā izvēlētā iestāde', 'First choice of kindergarten'), widget: 'text' },
    secondChoice: { label: t('Otrā izvēlētā iestāde (nav obligāta)', 'Second choice (optional)'), widget: 'text' },
    hasPriority: yesNo(t('Bērnam ir tiesības uz vietu ārpus kārtas vai pirmkārtā', 'The child is entitled to a place with priority')),
    priority: {
      label: t('Priekšrocības pamats', 'Ground for priority'),
      widget: 'radio',
      showIf: { field: 'hasPriority', equals: true },
      options: [
        { value: 'large_family', label: t('Daudzbērnu ģimene', 'Large family') },
        { value: 'disability', label: t('Bērnam ir invaliditāte', 'The child has a disability') },
        { value: 'sibling', label: t('Brālis vai māsa jau apmeklē šo iestādi', 'A sibling attends this kindergarten') },
        { value: 'guardian', label: t('Bērns ir aizbildnībā', 'The child is under guardianship') },
      ],
    },
  },
  attachments: [slot('priority_proof', t('Priekšrocību apliecinošs dokuments', 'Proof of the ground for priority'), { showIf: { field: 'hasPriority', equals: true } })],
  requestOptional: true,
};

export const schoolEnrolment: FormExtension = {
  step: { id: 'pupil', title: t('Skolēns un skola', 'Pupil and school'), fields: ['child', 'childAddress', 'schoolYear', 'school', 'program', 'sibling', 'siblingName'] },
  properties: {
    child: PERSONAL_CODE,
    childAddress: GIVEN_TEXT,
    schoolYear: { enum: ['2027/2028', '2028/2029'] },
    school: text(3, 200),
    program: { enum: ['general', 'minority', 'special'] },
    sibling: { type: 'boolean' },
    siblingName: text(2, 200),
  },
  required: ['child', 'schoolYear', 'school', 'program', 'sibling'],
  allOf: [requiredWhen('sibling', true, ['siblingName'])],
  fields: {
    child: childChoice(t('1. klasē uzņem bērnus, kuri tajā gadā sasniedz 7 gadu vecumu.', 'First grade takes children who turn 7 in that year.')),
    childAddress: { label: t('Jūsu deklarētā dzīvesvieta', 'Your declared residence'), help: t('Skolas vispirms uzņem savā apkaimē deklarētos bērnus.', 'Schools first take children declared in their neighbourhood.'), widget: 'text', source: 'population.address' },
    schoolYear: { label: t('Mācību gads', 'School year'), widget: 'radio', options: [{ value: '2027/2028', label: t('2027./2028.', '2027/2028') }, { value: '2028/2029', label: t('2028./2029.', '2028/2029') }] },
    school: { label: t('Izvēlētā skola', 'Chosen school'), widget: 'text' },
    program: {
      label: t('Izglītības programma', 'Education programme'),
      widget: 'radio',
      options: [
        { value: 'general', label: t('Pamatizglītības programma', 'General basic education') },
        { value: 'minority', label: t('Mazākumtautību programma', 'Minority education programme') },
        { value: 'special', label: t('Speciālā izglītības programma', 'Special education programme') },
      ],
    },
    sibling: yesNo(t('Šajā skolā jau mācās bērna brālis vai māsa', 'A brother or sister already attends this school')),
    siblingName: { label: t('Brāļa vai māsas vārds, uzvārds un klase', 'The sibling’s name and class'), widget: 'text', showIf: { field: 'sibling', equals: true } },
  },
  attachments: [
    slot('commission_opinion', t('Pedagoģiski medicīniskās komisijas atzinums', 'Opinion of the pedagogical-medical commission'), {
      help: t('Vajadzīgs speciālajai programmai.', 'Needed for a special programme.'),
      showIf: { field: 'program', equals: 'special' },
    }),
  ],
  requestOptional: true,
};
