/** The sign-in pages' texts in Latvian and English (ICU messages). */
import { createTranslator, type MessageTable } from '../../platform/web/i18n.js';

type Key =
  | 'signIn.title'
  | 'signIn.to'
  | 'demo.title'
  | 'demo.lead'
  | 'demo.warning'
  | 'demo.personsLabel'
  | 'demo.personCode'
  | 'demo.chooseHint'
  | 'demo.level'
  | 'demo.eid'
  | 'cancel'
  | 'unavailable.title'
  | 'unavailable.lead'
  | 'unavailable.later'
  | 'consent.title'
  | 'consent.lead'
  | 'consent.allow'
  | 'consent.deny'
  | 'error.title'
  | 'error.lead'
  | 'error.again'
  | 'logout.title'
  | 'logout.lead'
  | 'logout.yes'
  | 'logout.no'
  | 'loggedOut.title'
  | 'loggedOut.lead'
  | 'home'
  | 'signOut.title'
  | 'signOut.lead'
  | 'signOut.everywhere'
  | 'signOut.everywhereHint'
  | 'signOut.button'
  | 'eid.failed'
  | 'scope.openid'
  | 'scope.profile'
  | 'scope.email'
  | 'scope.personal_code'
  | 'scope.offline_access'
  | 'scope.api';

const messages: MessageTable<Key> = {
  lv: {
    'signIn.title': 'Pierakstīties',
    'signIn.to': 'Pierakstīšanās: {client}',
    'demo.title': 'Demonstrācijas pierakstīšanās',
    'demo.lead': 'Izvēlieties, kā kuru demonstrācijas personu pierakstīties. Parole nav vajadzīga.',
    'demo.warning': 'Šī ir demonstrācijas vide ar izdomātām personām. Neievadiet īstus personas datus.',
    'demo.personsLabel': 'Demonstrācijas personas',
    'demo.personCode': 'personas kods {code}',
    'demo.chooseHint': 'Pierakstīties kā {name}, personas kods {code}',
    'demo.level': 'Pierakstīšanās drošības līmenis: būtisks.',
    'demo.eid': 'Pierakstīties ar valsts eID',
    cancel: 'Atcelt pierakstīšanos',
    'unavailable.title': 'Pierakstīšanās nav pieejama',
    'unavailable.lead': 'Šajā platformā pierakstīšanās vēl nav iestatīta.',
    'unavailable.later': 'Lūdzu, mēģiniet vēlāk. Ja problēma atkārtojas, sazinieties ar platformas atbalstu.',
    'consent.title': 'Atļaut piekļuvi?',
    'consent.lead': '{client} lūdz atļauju piekļūt:',
    'consent.allow': 'Atļaut',
    'consent.deny': 'Neatļaut',
    'error.title': 'Pierakstīšanās neizdevās',
    'error.lead': 'Pieprasījumu nevarēja izpildīt.',
    'error.again': 'Atgriezieties pakalpojumā, no kura nācāt, un mēģiniet vēlreiz.',
    'logout.title': 'Izrakstīties?',
    'logout.lead': 'Jūs tiksiet izrakstīts no platformas un no visiem pakalpojumiem, kuros pierakstījāties ar to.',
    'logout.yes': 'Jā, izrakstīties',
    'logout.no': 'Nē, palikt pierakstītam',
    'loggedOut.title': 'Jūs esat izrakstījies',
    'loggedOut.lead': 'Jūsu pierakstīšanās sesija ir beigusies.',
    home: 'Uz sākumlapu',
    'signOut.title': 'Izrakstīties',
    'signOut.lead': 'Jūs esat pierakstījies kā {name}.',
    'signOut.everywhere': 'Izrakstīties visās ierīcēs',
    'signOut.everywhereHint': 'Beigs visas jūsu sesijas un atsauks visām lietotnēm doto piekļuvi.',
    'signOut.button': 'Izrakstīties',
    'eid.failed': 'Valsts eID pierakstīšanās neizdevās vai tika atcelta.',
    'scope.openid': 'jūsu identifikatoram šajā platformā',
    'scope.profile': 'jūsu vārdam un uzvārdam',
    'scope.email': 'jūsu e-pasta adresei',
    'scope.personal_code': 'jūsu personas kodam',
    'scope.offline_access': 'jūsu datiem arī tad, kad neesat pierakstījies',
    'scope.api': 'platformas API: {scope}',
  },
  en: {
    'signIn.title': 'Sign in',
    'signIn.to': 'Signing in to {client}',
    'demo.title': 'Demo sign-in',
    'demo.lead': 'Choose the demo person to sign in as. No password is needed.',
    'demo.warning': 'This is a demonstration with made-up people. Do not enter real personal data.',
    'demo.personsLabel': 'Demo people',
    'demo.personCode': 'personal code {code}',
    'demo.chooseHint': 'Sign in as {name}, personal code {code}',
    'demo.level': 'Level of assurance of this sign-in: substantial.',
    'demo.eid': 'Sign in with the national eID',
    cancel: 'Cancel signing in',
    'unavailable.title': 'Sign-in is not available',
    'unavailable.lead': 'Sign-in has not been set up on this platform yet.',
    'unavailable.later': 'Please try again later. If the problem continues, contact the platform’s support.',
    'consent.title': 'Allow access?',
    'consent.lead': '{client} asks for access to:',
    'consent.allow': 'Allow',
    'consent.deny': 'Do not allow',
    'error.title': 'Signing in failed',
    'error.lead': 'The request could not be completed.',
    'error.again': 'Go back to the service you came from and try again.',
    'logout.title': 'Sign out?',
    'logout.lead': 'You will be signed out of the platform and of every service you signed in to with it.',
    'logout.yes': 'Yes, sign me out',
    'logout.no': 'No, stay signed in',
    'loggedOut.title': 'You have signed out',
    'loggedOut.lead': 'Your sign-in session has ended.',
    home: 'Go to the home page',
    'signOut.title': 'Sign out',
    'signOut.lead': 'You are signed in as {name}.',
    'signOut.everywhere': 'Sign out on every device',
    'signOut.everywhereHint': 'Ends all your sessions and withdraws the access you gave to applications.',
    'signOut.button': 'Sign out',
    'eid.failed': 'Signing in with the national eID failed or was cancelled.',
    'scope.openid': 'your identifier on this platform',
    'scope.profile': 'your name',
    'scope.email': 'your e-mail address',
    'scope.personal_code': 'your personal code',
    'scope.offline_access': 'your data while you are not signed in',
    'scope.api': 'the platform’s API: {scope}',
  },
};

export const t = createTranslator(messages);
