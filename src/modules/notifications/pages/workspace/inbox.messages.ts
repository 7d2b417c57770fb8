/** The texts of the workspace inbox, in Latvian and English (ICU message syntax). */
import { createTranslator, type MessageTable } from '../../../../platform/web/i18n.js';

const lv = {
  'inbox.title': 'Paziņojumi',
  'inbox.lead': 'Paziņojumi par jūsu pieteikumu statusiem, rezultātiem, pilnvarojumiem un piedāvājumiem, jaunākie vispirms.',
  'inbox.own': 'Šie ir jūsu pašu paziņojumi, arī tad, ja darbojaties cita vārdā.',
  'inbox.unreadCount': '{count, plural, =0 {Visi paziņojumi izlasīti} zero {# nelasītu paziņojumu} one {# nelasīts paziņojums} other {# nelasīti paziņojumi}}',
  'inbox.count': '{count, plural, =0 {Nav paziņojumu} zero {# paziņojumu} one {# paziņojums} other {# paziņojumi}}',
  'inbox.none': 'Jums vēl nav neviena paziņojuma.',
  'inbox.date': 'Datums',
  'inbox.subject': 'Paziņojums',
  'inbox.unread': 'Nelasīts',
  'inbox.markAll': 'Atzīmēt visus kā izlasītus',
  'inbox.markedAll': '{count, plural, =0 {Nelasītu paziņojumu nebija} zero {# paziņojumu atzīmēti kā izlasīti} one {# paziņojums atzīmēts kā izlasīts} other {# paziņojumi atzīmēti kā izlasīti}}',
  'inbox.settings': 'Paziņojumu iestatījumi',
  'inbox.pages': 'Lapas',
  'inbox.pageOf': '{page}. lapa no {pages}',
  'inbox.previous': 'Iepriekšējā',
  'inbox.next': 'Nākamā',
  'inbox.received': 'Saņemts {date}',
  'inbox.openApplication': 'Atvērt pieteikumu',
  'inbox.openLink': 'Atvērt saistīto lapu',
  'inbox.back': 'Atpakaļ uz paziņojumiem',
  'inbox.kind.status': 'Statuss',
  'inbox.kind.result': 'Rezultāts',
  'inbox.kind.request': 'Informācijas pieprasījums',
  'inbox.kind.mandate': 'Pilnvarojums',
  'inbox.kind.support': 'Klientu atbalsts',
  'inbox.kind.offer': 'Piedāvājums',
  'inbox.kind.message': 'Iestādes ziņa',
  'home.inbox': 'Paziņojumi',
  'home.inboxUnread': '{count, plural, =0 {Paziņojumi} zero {Paziņojumi ({count} nelasītu)} one {Paziņojumi ({count} nelasīts)} other {Paziņojumi ({count} nelasīti)}}',
  'home.inboxText': 'Paziņojumi par pieteikumiem, rezultātiem, pilnvarojumiem un piedāvājumiem.',
};

const en: Record<keyof typeof lv, string> = {
  'inbox.title': 'Notifications',
  'inbox.lead': 'Notifications about the status of your applications, results, mandates and offers, newest first.',
  'inbox.own': 'These are your own notifications, also while you act for someone else.',
  'inbox.unreadCount': '{count, plural, =0 {All notifications read} one {# unread notification} other {# unread notifications}}',
  'inbox.count': '{count, plural, =0 {No notifications} one {# notification} other {# notifications}}',
  'inbox.none': 'You have no notifications yet.',
  'inbox.date': 'Date',
  'inbox.subject': 'Notification',
  'inbox.unread': 'Unread',
  'inbox.markAll': 'Mark all as read',
  'inbox.markedAll': '{count, plural, =0 {There were no unread notifications} one {# notification marked as read} other {# notifications marked as read}}',
  'inbox.settings': 'Notification settings',
  'inbox.pages': 'Pages',
  'inbox.pageOf': 'Page {page} of {pages}',
  'inbox.previous': 'Previous',
  'inbox.next': 'Next',
  'inbox.received': 'Received {date}',
  'inbox.openApplication': 'Open the application',
  'inbox.openLink': 'Open the linked page',
  'inbox.back': 'Back to notifications',
  'inbox.kind.status': 'Status',
  'inbox.kind.result': 'Result',
  'inbox.kind.request': 'Request for information',
  'inbox.kind.mandate': 'Mandate',
  'inbox.kind.support': 'Customer support',
  'inbox.kind.offer': 'Offer',
  'inbox.kind.message': 'Message from an institution',
  'home.inbox': 'Notifications',
  'home.inboxUnread': '{count, plural, =0 {Notifications} other {Notifications ({count} unread)}}',
  'home.inboxText': 'Notifications about your applications, results, mandates and offers.',
};

export type InboxKey = keyof typeof lv;

const messages: MessageTable<InboxKey> = { lv, en };

export const t = createTranslator(messages);
