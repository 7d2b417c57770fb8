/** The texts of the offers page, in Latvian and English (ICU message syntax). */
import { createTranslator, type MessageTable } from '../../../../platform/web/i18n.js';

const lv = {
  'offers.title': 'Pakalpojumu piedāvājumi',
  'offers.lead': 'Izvēlieties dzīves situācijas un pakalpojumus, kas jums ir svarīgi. Kad parādās jums piemērots pakalpojums vai tas ir saistīts ar jūsu pieteikumu, mēs to piedāvāsim, vienu reizi.',
  'offers.received': 'Saņemtie piedāvājumi',
  'offers.receivedNone': 'Jums vēl nav piedāvājumu.',
  'offers.reason.status_reached': 'Piedāvāts pēc jūsu pieteikuma, {date}',
  'offers.reason.service_published': 'Jauns pakalpojums jūsu izvēlētajā tēmā, {date}',
  'offers.events': 'Dzīves un uzņēmējdarbības situācijas',
  'offers.eventsHint': 'Atzīmējiet situācijas, par kuru jauniem pakalpojumiem vēlaties uzzināt.',
  'offers.life': 'Dzīves situācijas',
  'offers.business': 'Uzņēmējdarbības situācijas',
  'offers.saveEvents': 'Saglabāt izvēli',
  'offers.services': 'Pakalpojumi',
  'offers.servicesNone': 'Jūs neesat pieteicies jaunumiem par nevienu pakalpojumu.',
  'offers.addService': 'Pakalpojums',
  'offers.addServiceHint': 'Uzzināsiet, kad pakalpojums tiks atjaunots vai piedāvāts jums.',
  'offers.choose': 'Izvēlieties pakalpojumu',
  'offers.subscribe': 'Pieteikties',
  'offers.unsubscribe': 'Atteikties',
  'offers.unsubscribeHidden': ' no pakalpojuma {service}',
  'offers.saved': 'Izvēle saglabāta.',
  'offers.subscribed': 'Jūs esat pieteicies jaunumiem par šo pakalpojumu.',
  'offers.unsubscribed': 'Jūs esat atteicies no jaunumiem par šo pakalpojumu.',
  'offers.errorService': 'Izvēlieties pakalpojumu no saraksta',
  'offers.gone': 'Pakalpojums vairs netiek piedāvāts',
  // the workspace's front page
  'home.offers': 'Pakalpojumu piedāvājumi',
  'home.offersText': 'Saņemtie piedāvājumi un dzīves situācijas, par kurām vēlaties uzzināt.',
};

const en: Record<keyof typeof lv, string> = {
  'offers.title': 'Service offers',
  'offers.lead': 'Choose the life events and services that matter to you. When a service that suits you appears, or follows from one of your applications, we will offer it to you, once.',
  'offers.received': 'Offers you received',
  'offers.receivedNone': 'You have no offers yet.',
  'offers.reason.status_reached': 'Offered after your application, {date}',
  'offers.reason.service_published': 'A new service in a topic you follow, {date}',
  'offers.events': 'Life and business events',
  'offers.eventsHint': 'Tick the events whose new services you want to hear about.',
  'offers.life': 'Life events',
  'offers.business': 'Business events',
  'offers.saveEvents': 'Save your choice',
  'offers.services': 'Services',
  'offers.servicesNone': 'You do not follow any service.',
  'offers.addService': 'Service',
  'offers.addServiceHint': 'You will hear when the service is renewed or offered to you.',
  'offers.choose': 'Choose a service',
  'offers.subscribe': 'Follow',
  'offers.unsubscribe': 'Stop following',
  'offers.unsubscribeHidden': ' the service {service}',
  'offers.saved': 'Your choice was saved.',
  'offers.subscribed': 'You now follow this service.',
  'offers.unsubscribed': 'You no longer follow this service.',
  'offers.errorService': 'Choose a service from the list',
  'offers.gone': 'The service is no longer offered',
  // the workspace's front page
  'home.offers': 'Service offers',
  'home.offersText': 'Offers you received and the life events you want to hear about.',
};

export type OffersKey = keyof typeof lv;
const messages: MessageTable<OffersKey> = { lv, en };
export const t = createTranslator(messages);
