/**
 * Confirmation messages of the preferences module (a link to confirm an
 * e-mail address, a code to confirm a phone): sent at once, straight through
 * the mail transport and the SMS provider, never through the queue — the
 * person is waiting for them, and they are no notification of the inbox.
 */
import { randomUUID } from 'node:crypto';
import type { ConfirmationMessage, ConfirmationSender } from '../preferences/index.js';
import type { Mailer, SmsProvider } from './channels.js';
import { messageIdFor } from './delivery.service.js';
import type { Language } from './notifications.schemas.js';
import { render } from './templates.js';

const EMAIL = {
  lv: {
    subject: 'Apstipriniet e-pasta adresi',
    body: '{greeting}\n\nLai saņemtu paziņojumus uz šo e-pasta adresi, apstipriniet to, atverot saiti:\n{link}\n\nJa to nepieprasījāt, neņemiet šo vēstuli vērā.',
    short: '',
  },
  en: {
    subject: 'Confirm your e-mail address',
    body: '{greeting}\n\nTo receive notifications at this e-mail address, confirm it by opening this link:\n{link}\n\nIf you did not ask for this, please ignore this message.',
    short: '',
  },
};

/** A visitor's question to customer support waits until its address is confirmed. */
const SUPPORT_EMAIL = {
  lv: {
    subject: 'Apstipriniet savu jautājumu klientu atbalstam',
    body: '{greeting}\n\nLai jūsu jautājums nonāktu pie klientu atbalsta, apstipriniet e-pasta adresi, atverot saiti:\n{link}\n\nJa jautājumu neuzdevāt, neņemiet šo vēstuli vērā.',
    short: '',
  },
  en: {
    subject: 'Confirm your question to customer support',
    body: '{greeting}\n\nTo send your question to customer support, confirm your e-mail address by opening this link:\n{link}\n\nIf you did not ask a question, please ignore this message.',
    short: '',
  },
};

/** Customer support's reply to a visitor (signed out, so no inbox): the reply itself, by e-mail. */
const SUPPORT_REPLY = {
  lv: {
    subject: 'Klientu atbalsts: atbilde uz jūsu jautājumu',
    body: '{greeting}\n\n{body}\n\nJa jums ir vēl jautājumi, uzdodiet tos šeit: {link}',
    short: '',
  },
  en: {
    subject: 'Customer support: a reply to your question',
    body: '{greeting}\n\n{body}\n\nIf you have more questions, ask them here: {link}',
    short: '',
  },
};

const SMS: Record<Language, string> = {
  lv: 'Pakalpojumi: jūsu apstiprinājuma kods ir {code}.',
  en: 'Pakalpojumi: your confirmation code is {code}.',
};

export function createConfirmationSender(deps: { mailer: Mailer; sms: SmsProvider; publicUrl: string }): ConfirmationSender {
  return {
    async send(message: ConfirmationMessage) {
      const key = randomUUID();
      const language: Language = message.language === 'en' ? 'en' : 'lv';
      if (message.channel === 'email') {
        const texts = message.purpose === 'support_reply' ? SUPPORT_REPLY : message.purpose === 'support' ? SUPPORT_EMAIL : EMAIL;
        const rendered = render(texts[language], language, { name: message.name ?? '', link: message.link ?? '', body: message.text ?? '' });
        await deps.mailer.sendMail({
          key,
          messageId: messageIdFor(key, deps.publicUrl),
          to: message.address,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          language,
        });
        return;
      }
      const text = render({ subject: '', body: SMS[language], short: '' }, language, { code: message.code ?? '' }).text;
      await deps.sms.send({ key, to: message.address, text });
    },
  };
}
