/**
 * The workspace shell's own texts (its front page, the "whom I act for"
 * switch, refusals and failures), in Latvian and English (ICU message
 * syntax). Each module's pages bring their own.
 */
import { createTranslator, type MessageTable } from '../../platform/web/i18n.js';

const lv = {
  'switch.heading': 'Kā jūs darbojaties',
  'switch.legend': 'Kā vārdā vēlaties darboties?',
  'switch.hint': 'Jūsu izvēle būs spēkā visās darba vietas lapās līdz izrakstīšanās brīdim.',
  'switch.button': 'Darboties izvēlētajā vārdā',
  'switch.noRight': 'Jūs nevarat darboties šīs personas vai uzņēmuma vārdā. Izvēlieties kādu no sarakstā norādītajiem.',
  'switch.done': 'Tagad jūs darbojaties kā {party}.',
  'home.greeting': 'Labdien, {name}!',
  'home.sections': 'Darba vietas sadaļas',
  'home.catalog': 'Pakalpojumu katalogs',
  'home.catalogText': 'Atrodiet pakalpojumu un piesakieties tiešsaistē.',
  'home.signOut': 'Izrakstīties',
  'forbidden.csrfTitle': 'Veidlapas drošības pārbaude neizdevās',
  'forbidden.csrf': 'Veidlapas drošības kods trūkst vai neatbilst jūsu sesijai. Atveriet lapu no jauna un mēģiniet vēlreiz.',
  'error.title': 'Radās kļūda',
  'error.text': 'Lapu pašlaik nevar parādīt. Lūdzu, mēģiniet vēlreiz pēc brīža.',
} as const;

type Key = keyof typeof lv;

const en: Record<Key, string> = {
  'switch.heading': 'Whom you act for',
  'switch.legend': 'Whom do you want to act for?',
  'switch.hint': 'Your choice applies on every workspace page until you sign out.',
  'switch.button': 'Act for the selected party',
  'switch.noRight': 'You cannot act for this person or company. Choose one from the list.',
  'switch.done': 'You are now acting for {party}.',
  'home.greeting': 'Hello, {name}',
  'home.sections': 'Workspace sections',
  'home.catalog': 'Service catalogue',
  'home.catalogText': 'Find a service and apply online.',
  'home.signOut': 'Sign out',
  'forbidden.csrfTitle': 'The form’s security check failed',
  'forbidden.csrf': 'The form’s security code is missing or does not match your session. Open the page again and try once more.',
  'error.title': 'Something went wrong',
  'error.text': 'The page cannot be shown right now. Please try again in a moment.',
};

const messages: MessageTable<Key> = { lv, en };

export const t = createTranslator(messages);
