/**
 * The institutions pages' texts in Latvian and English (ICU messages).
 */
import { commonMessages, type CommonKey } from '../../../../platform/web/fields.messages.js';
import { createTranslator, type MessageTable } from '../../../../platform/web/i18n.js';

const lv = {
  'institutions.tile': 'Iestādes',
  'institutions.tileText': 'Reģistrējiet iestādes un labojiet to nosaukumus un kontaktinformāciju.',

  'institutions.title': 'Iestādes',
  'institutions.lead': 'Iestādes, kas sniedz pakalpojumus. Iestādes kods ir tās pastāvīgais identifikators adresēs, un to nevar mainīt.',
  'institutions.new': 'Reģistrēt iestādi',
  'institutions.newTitle': 'Jauna iestāde',
  'institutions.editTitle': 'Labot iestādi: {name}',
  'institutions.code': 'Kods',
  'institutions.codeHint': 'Mazie latīņu burti, cipari un defises, piemēram, vdi',
  'institutions.name': 'Nosaukums',
  'institutions.nameLv': 'Nosaukums latviski',
  'institutions.nameEn': 'Nosaukums angliski',
  'institutions.shortName': 'Īsais nosaukums',
  'institutions.shortNameLv': 'Īsais nosaukums latviski',
  'institutions.shortNameEn': 'Īsais nosaukums angliski',
  'institutions.registrationNumber': 'Reģistrācijas numurs',
  'institutions.registrationNumberHint': '11 cipari',
  'institutions.homepage': 'Mājaslapa',
  'institutions.created': 'Iestāde reģistrēta.',
  'institutions.updated': 'Iestādes dati saglabāti.',
  'institutions.create': 'Reģistrēt iestādi',
  'institutions.error.code': 'Ievadiet kodu no mazajiem latīņu burtiem, cipariem un defisēm, piemēram, vdi',
  'institutions.error.codeTaken': 'Iestāde ar šādu kodu jau ir reģistrēta',
  'institutions.error.nameLv': 'Ievadiet iestādes nosaukumu latviski',
  'institutions.error.nameEn': 'Ievadiet iestādes nosaukumu angliski',
  'institutions.error.shortNameLv': 'Ievadiet īso nosaukumu latviski',
  'institutions.error.shortNameEn': 'Ievadiet īso nosaukumu angliski',
  'institutions.error.registrationNumber': 'Reģistrācijas numuram jābūt 11 cipariem',
} as const;

/** This page's keys and the shared ones (save, cancel, contact fields …). */
export type InstitutionsKey = keyof typeof lv | CommonKey;

const en: Record<keyof typeof lv, string> = {
  'institutions.tile': 'Institutions',
  'institutions.tileText': 'Register institutions and change their names and contact details.',

  'institutions.title': 'Institutions',
  'institutions.lead': 'The institutions that provide services. An institution’s code is its permanent identifier in addresses and cannot be changed.',
  'institutions.new': 'Register an institution',
  'institutions.newTitle': 'New institution',
  'institutions.editTitle': 'Edit institution: {name}',
  'institutions.code': 'Code',
  'institutions.codeHint': 'Lower-case letters, digits and hyphens, for example vdi',
  'institutions.name': 'Name',
  'institutions.nameLv': 'Name in Latvian',
  'institutions.nameEn': 'Name in English',
  'institutions.shortName': 'Short name',
  'institutions.shortNameLv': 'Short name in Latvian',
  'institutions.shortNameEn': 'Short name in English',
  'institutions.registrationNumber': 'Registration number',
  'institutions.registrationNumberHint': '11 digits',
  'institutions.homepage': 'Homepage',
  'institutions.created': 'Institution registered.',
  'institutions.updated': 'Institution saved.',
  'institutions.create': 'Register institution',
  'institutions.error.code': 'Enter a code of lower-case letters, digits and hyphens, like vdi',
  'institutions.error.codeTaken': 'An institution with this code is already registered',
  'institutions.error.nameLv': 'Enter the institution’s name in Latvian',
  'institutions.error.nameEn': 'Enter the institution’s name in English',
  'institutions.error.shortNameLv': 'Enter the short name in Latvian',
  'institutions.error.shortNameEn': 'Enter the short name in English',
  'institutions.error.registrationNumber': 'The registration number must be 11 digits',
};

const messages: MessageTable<InstitutionsKey> = { lv: { ...commonMessages.lv, ...lv }, en: { ...commonMessages.en, ...en } };

export const t = createTranslator(messages);
