/**
 * Texts of the generic form pieces and words every staff page shares
 * (save, cancel, contact fields and their errors), in Latvian and English.
 */
import { createTranslator, type MessageTable } from './i18n.js';

const lv = {
  'common.errorSummary': 'Ir kļūda',
  'common.errorPrefix': 'Kļūda:',
  'common.save': 'Saglabāt',
  'common.cancel': 'Atcelt',
  'common.edit': 'Labot',
  'common.show': 'Rādīt',
  'common.chooseInstitution': 'Iestāde',
  'common.success': 'Izdevās',
  'common.latvian': 'latviski',
  'common.english': 'angliski',
  'common.none': 'Nav',
  'common.yes': 'Jā',
  'common.no': 'Nē',
  'common.email': 'E-pasts',
  'common.phone': 'Tālrunis',
  'common.url': 'Tīmekļa vietne',
  'common.addressLv': 'Adrese latviski',
  'common.addressEn': 'Adrese angliski',
  'common.hoursLv': 'Darba laiks latviski',
  'common.hoursEn': 'Darba laiks angliski',
  'common.contactPoint': 'Kontaktinformācija',
  'common.error.url': 'Ievadiet pilnu adresi, kas sākas ar https:// vai http://',
  'common.error.email': 'Ievadiet e-pasta adresi pareizā formātā, piemēram, vards@iestade.lv',
  'common.error.phone': 'Ievadiet tālruņa numuru, piemēram, +371 67209400',
  'common.error.pairLv': 'Ievadiet šo tekstu arī latviski',
  'common.error.pairEn': 'Ievadiet šo tekstu arī angliski',
} as const;

export type CommonKey = keyof typeof lv;

const en: Record<CommonKey, string> = {
  'common.errorSummary': 'There is a problem',
  'common.errorPrefix': 'Error:',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.edit': 'Edit',
  'common.show': 'Show',
  'common.chooseInstitution': 'Institution',
  'common.success': 'Success',
  'common.latvian': 'in Latvian',
  'common.english': 'in English',
  'common.none': 'None',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.email': 'Email',
  'common.phone': 'Phone',
  'common.url': 'Website',
  'common.addressLv': 'Address in Latvian',
  'common.addressEn': 'Address in English',
  'common.hoursLv': 'Opening hours in Latvian',
  'common.hoursEn': 'Opening hours in English',
  'common.contactPoint': 'Contact details',
  'common.error.url': 'Enter a full address starting with https:// or http://',
  'common.error.email': 'Enter an email address in the correct format, like name@institution.lv',
  'common.error.phone': 'Enter a phone number, like +371 67209400',
  'common.error.pairLv': 'Enter this text in Latvian too',
  'common.error.pairEn': 'Enter this text in English too',
};

/** The table itself: a page's own messages may take these in beside theirs. */
export const commonMessages: MessageTable<CommonKey> = { lv, en };

export const tCommon = createTranslator(commonMessages);
