/**
 * The console shell's texts in Latvian and English (ICU messages): the home
 * page, the staff roles' names, refusals and the failure page. Each
 * capability's console pages carry their own texts.
 */
import { createTranslator, type MessageTable } from '../../platform/web/i18n.js';

const lv = {
  'console.greeting': 'Sveiki, {name}!',
  'console.lead': 'Šeit iestāžu darbinieki pārvalda savas iestādes pakalpojumus un darbinieku lomas, bet platformas administratori – iestādes un sistēmu pieslēgumus.',
  'console.yourRoles': 'Jūsu lomas',
  'console.wholePlatform': 'Visa platforma',
  'console.whatYouCanDo': 'Ko varat darīt',
  'console.nothingYet': 'Jūsu lomām šeit pagaidām nav rīku. Klientu atbalsts tiks pievienots iestāžu darba vietā.',
  'console.signOut': 'Iziet',


  'forbidden.title': 'Jums nav piekļuves šai lapai',
  'forbidden.noStaff': 'Iestāžu darba vieta ir paredzēta iestāžu darbiniekiem. Jums ({name}) nav nevienas darbinieka lomas.',
  'forbidden.askAdmin': 'Ja strādājat iestādē, lūdziet iestādes administratoram piešķirt jums lomu.',
  'forbidden.services': 'Pakalpojumus pārvalda tikai iestādes pakalpojumu pārvaldnieki.',
  'forbidden.staff': 'Darbinieku lomas pārvalda tikai iestādes administratori un platformas administratori.',
  'forbidden.platform': 'Šo lapu var atvērt tikai platformas administratori.',
  'forbidden.csrf': 'Veidlapas drošības pārbaude neizdevās, tāpēc nekas netika mainīts. Atveriet lapu no jauna un mēģiniet vēlreiz.',
  'forbidden.csrfTitle': 'Veidlapu neizdevās iesniegt',
  'forbidden.back': 'Atpakaļ uz iestāžu darba vietu',
  'forbidden.home': 'Uz sākumlapu',
  'error.title': 'Atvainojiet, radās kļūda',
  'error.text': 'Lapu pašlaik neizdevās parādīt. Lūdzu, mēģiniet vēlreiz pēc brīža.',
} as const;

export type ConsoleKey = keyof typeof lv;

const en: Record<ConsoleKey, string> = {
  'console.greeting': 'Hello, {name}!',
  'console.lead': 'Here institution staff manage their institution’s services and staff roles, and platform administrators manage institutions and connected systems.',
  'console.yourRoles': 'Your roles',
  'console.wholePlatform': 'The whole platform',
  'console.whatYouCanDo': 'What you can do',
  'console.nothingYet': 'There are no tools for your roles here yet. Customer support will be added to the console.',
  'console.signOut': 'Sign out',


  'forbidden.title': 'You do not have access to this page',
  'forbidden.noStaff': 'The institution console is for institution staff. You ({name}) do not hold any staff role.',
  'forbidden.askAdmin': 'If you work for an institution, ask its administrator to give you a role.',
  'forbidden.services': 'Only the institution’s service managers manage its services.',
  'forbidden.staff': 'Only institution administrators and platform administrators manage staff roles.',
  'forbidden.platform': 'Only platform administrators can open this page.',
  'forbidden.csrf': 'The form’s security check failed, so nothing was changed. Open the page again and retry.',
  'forbidden.csrfTitle': 'The form could not be sent',
  'forbidden.back': 'Back to the institution console',
  'forbidden.home': 'Go to the home page',
  'error.title': 'Sorry, something went wrong',
  'error.text': 'The page could not be shown just now. Please try again in a moment.',
};

const messages: MessageTable<ConsoleKey> = { lv, en };

export const t = createTranslator(messages);
