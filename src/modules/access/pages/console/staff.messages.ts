/**
 * The staff roles pages' texts in Latvian and English (ICU messages).
 */
import { commonMessages, type CommonKey } from '../../../../platform/web/fields.messages.js';
import { createTranslator, type MessageTable } from '../../../../platform/web/i18n.js';

const lv = {
  'staff.institution': 'Iestāde',
  'staff.tile': 'Darbinieku lomas',
  'staff.tileText': 'Piešķiriet un atsauciet iestādes darbiniekiem lomas.',

  'staff.title': 'Darbinieku lomas',
  'staff.titleOf': 'Darbinieku lomas: {institution}',
  'staff.lead': 'Lomas nosaka, ko darbinieks drīkst darīt iestāžu darba vietā un API. Katra piešķiršana un atsaukšana tiek ierakstīta audita žurnālā.',
  'staff.current': 'Pašreizējās lomas',
  'staff.none': 'Šajā iestādē pašlaik nevienam nav piešķirtas lomas.',
  'staff.person': 'Persona',
  'staff.personalCode': 'Personas kods',
  'staff.role': 'Loma',
  'staff.grantedAt': 'Piešķirta',
  'staff.grantedBy': 'Piešķīra',
  'staff.actions': 'Darbības',
  'staff.withdraw': 'Atsaukt',
  'staff.withdrawHidden': 'lomu „{role}” personai {person}',
  'staff.grant': 'Piešķirt lomu',
  'staff.grantLead': 'Lomu var piešķirt arī personai, kura platformā vēl nav pieteikusies.',
  'staff.codeLabel': 'Personas kods',
  'staff.codeHint': 'Piemēram, 230390-11113',
  'staff.roleLabel': 'Loma',
  'staff.grantButton': 'Piešķirt lomu',
  'staff.error.code': 'Ievadiet derīgu personas kodu, piemēram, 230390-11113',
  'staff.error.role': 'Izvēlieties lomu',
  'staff.error.exists': 'Personai šajā iestādē jau ir šī loma',
  'staff.granted': 'Loma piešķirta.',
  'staff.withdrawn': 'Loma atsaukta.',
  'staff.confirmTitle': 'Vai tiešām atsaukt lomu?',
  'staff.confirmLead': 'Pēc atsaukšanas persona vairs nevarēs darīt to, ko šī loma atļauj. Lomu vēlāk var piešķirt no jauna.',
  'staff.confirmButton': 'Jā, atsaukt lomu',
  'staff.demo': 'demonstrācijas dati',
  'staff.unknownPerson': 'Vēl nav pieteicies',
} as const;

/** This page's keys and the shared ones (save, cancel, contact fields …). */
export type StaffKey = keyof typeof lv | CommonKey;

const en: Record<keyof typeof lv, string> = {
  'staff.institution': 'Institution',
  'staff.tile': 'Staff roles',
  'staff.tileText': 'Grant and withdraw your institution’s staff roles.',

  'staff.title': 'Staff roles',
  'staff.titleOf': 'Staff roles: {institution}',
  'staff.lead': 'Roles decide what a staff member may do in the console and the API. Every grant and withdrawal is written to the audit trail.',
  'staff.current': 'Current roles',
  'staff.none': 'Nobody holds a role in this institution at the moment.',
  'staff.person': 'Person',
  'staff.personalCode': 'Personal code',
  'staff.role': 'Role',
  'staff.grantedAt': 'Granted',
  'staff.grantedBy': 'Granted by',
  'staff.actions': 'Actions',
  'staff.withdraw': 'Withdraw',
  'staff.withdrawHidden': 'the role “{role}” of {person}',
  'staff.grant': 'Grant a role',
  'staff.grantLead': 'A role can also be given to a person who has not signed in to the platform yet.',
  'staff.codeLabel': 'Personal code',
  'staff.codeHint': 'For example, 230390-11113',
  'staff.roleLabel': 'Role',
  'staff.grantButton': 'Grant role',
  'staff.error.code': 'Enter a valid personal code, like 230390-11113',
  'staff.error.role': 'Select a role',
  'staff.error.exists': 'The person already holds this role in this institution',
  'staff.granted': 'Role granted.',
  'staff.withdrawn': 'Role withdrawn.',
  'staff.confirmTitle': 'Are you sure you want to withdraw this role?',
  'staff.confirmLead': 'Once it is withdrawn, the person can no longer do what the role allows. The role can be granted again later.',
  'staff.confirmButton': 'Yes, withdraw the role',
  'staff.demo': 'demo data',
  'staff.unknownPerson': 'Not signed in yet',
};

const messages: MessageTable<StaffKey> = { lv: { ...commonMessages.lv, ...lv }, en: { ...commonMessages.en, ...en } };

export const t = createTranslator(messages);
