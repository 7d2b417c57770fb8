/** The console's webhooks page, in Latvian and English. */
import { createTranslator, type MessageTable } from '../../../../platform/web/i18n.js';

const messages = {
  lv: {
    title: 'Webhooki',
    lead: 'Iestāžu sistēmu pierakstītās adreses, kas saņem platformas notikumus. Ja nodošana neizdodas, to var atsākt: atslēgts webhooks tiek ieslēgts, neizdevušās piegādes nosūtītas vēlreiz un gaidošās — tūlīt.',
    none: 'Nav neviena webhooka.',
    tileText: 'Notikumu nodošana iestāžu sistēmām: kas neizdodas, un atsākšana.',
    client: 'Klients',
    url: 'Adrese',
    events: 'Notikumi',
    state: 'Stāvoklis',
    last: 'Pēdējais mēģinājums',
    action: 'Darbība',
    active: 'Darbojas',
    failing: 'Neizdodas',
    disabled: 'Atslēgts',
    counts: 'Gaida: {pending}, neizdevušās: {failed}',
    never: 'Vēl nav',
    restart: 'Atsākt',
    restartFor: 'webhookam {url}',
    restarted: 'Nodošana atsākta: {count} piegādes nosūtītas.',
  },
  en: {
    title: 'Webhooks',
    lead: 'The endpoints institutions’ systems subscribed to receive the platform’s events. A hand-over that fails can be restarted: a disabled webhook is enabled, failed deliveries are sent again and waiting ones at once.',
    none: 'There are no webhooks.',
    tileText: 'Events handed over to institutions’ systems: what fails, and restarting it.',
    client: 'Client',
    url: 'Endpoint',
    events: 'Events',
    state: 'State',
    last: 'Last attempt',
    action: 'Action',
    active: 'Working',
    failing: 'Failing',
    disabled: 'Disabled',
    counts: 'Waiting: {pending}, failed: {failed}',
    never: 'None yet',
    restart: 'Restart',
    restartFor: 'the webhook {url}',
    restarted: 'Hand-over restarted: {count} deliveries sent.',
  },
} satisfies MessageTable<string>;

export type WebhooksKey = keyof (typeof messages)['lv'];
export const t = createTranslator<WebhooksKey>(messages);
