/**
 * The console's notification pages (P10; issue 5 item 7): each notification
 * with the status of its delivery per channel (why it failed, attempts, the
 * last attempt), filters, per-channel counts for the last 24 hours and 7
 * days, the dead letters with "retry", and — for platform administrators —
 * the mail outbox kept when no SMTP server is configured.
 *
 * Platform-wide staff (platform administrators, customer support) see every
 * notification; an institution's service managers and case handlers see
 * their institution's: sent by its system or about its services. Template
 * overrides are in notifications.templates.tsx. Plain GET filters and POST
 * forms with CSRF: no JavaScript needed.
 */
import type { FastifyReply } from 'fastify';
import { formatDateTime, formatNumber, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import type { ChannelName, DeliveryStatus } from '../../index.js';
import { CHANNELS, DELIVERY_STATUSES } from '../../notifications.schemas.js';
import { at, consoleCrumbs, type ConsoleShell, type PageContext, queryValue, seeOther } from '../../../../platform/web/console.js';
import { Csrf, Select, SuccessBanner } from '../../../../platform/web/fields.js';
import {
  CountsTable,
  DAY_MS,
  Delivery,
  institutionQuery,
  PAGE_SIZE,
  pageOf,
  Pagination,
  Paragraphs,
  PATH,
  Picker,
  titleFor,
  viewOf,
  withQuery,
  retryText,
  seesNotifications,
  type NotificationDeps,
} from './notifications.components.js';
import { tn } from './notifications.messages.js';
import { registerTemplatePages } from './notifications.templates.js';

export type { NotificationDeps } from './notifications.components.js';

// ---- the list ----

async function logPage(deps: NotificationDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang, staff } = context;
  const view = await viewOf(deps, context);
  if (!view) return context.forbidden({ text: tn(lang, 'log.forbidden') });
  const rawStatus = queryValue(context.query.status);
  const rawChannel = queryValue(context.query.channel);
  const status = (DELIVERY_STATUSES as readonly string[]).includes(rawStatus) ? (rawStatus as DeliveryStatus) : undefined;
  const channel = (CHANNELS as readonly string[]).includes(rawChannel) ? (rawChannel as ChannelName) : undefined;
  const page = pageOf(context.query.page);
  const now = Date.now();
  const [log, day, week, failed] = await Promise.all([
    deps.notifications.deliveryLog(view.scope, { ...(status ? { status } : {}), ...(channel ? { channel } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    deps.notifications.channelCounts(new Date(now - DAY_MS), view.scope),
    deps.notifications.channelCounts(new Date(now - 7 * DAY_MS), view.scope),
    deps.notifications.countFailed(view.scope),
  ]);
  const pages = Math.max(1, Math.ceil(log.total / PAGE_SIZE));
  const href = (n: number, language: Lang = lang): string => {
    const params = new URLSearchParams();
    if (view.institution) params.set('institution', view.institution.code);
    if (status) params.set('status', status);
    if (channel) params.set('channel', channel);
    if (n > 1) params.set('page', String(n));
    return withQuery(at(language, PATH), params.toString());
  };
  const title = titleFor(lang, view, 'log.title', 'log.titleOf');
  return renderPage({
    lang,
    title,
    alternateUrl: href(page, otherLang(lang)),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {tn(lang, 'log.lead')}
        </p>
        <p class="govuk-body" id="retries" safe>
          {retryText(deps.notifications.retryPolicy(), lang)}
        </p>
        <Picker lang={lang} view={view} action={at(lang, PATH)} />
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={withQuery(at(lang, `${PATH}/failed`), institutionQuery(view))} id="failed-link" safe>
              {tn(lang, 'log.failedLink', { count: failed })}
            </a>
          </li>
          {staff.platformAdmin ? (
            <li>
              <a class="govuk-link" href={at(lang, `${PATH}/outbox`)} safe>
                {tn(lang, 'log.outboxLink')}
              </a>
            </li>
          ) : (
            ''
          )}
        </ul>

        <h2 class="govuk-heading-m" safe>
          {tn(lang, 'counts.title')}
        </h2>
        <div class="govuk-grid-row" id="counts">
          <div class="govuk-grid-column-one-half" id="counts-day">
            <CountsTable lang={lang} caption={tn(lang, 'counts.day')} counts={day} />
          </div>
          <div class="govuk-grid-column-one-half" id="counts-week">
            <CountsTable lang={lang} caption={tn(lang, 'counts.week')} counts={week} />
          </div>
        </div>

        <form method="get" action={at(lang, PATH)} class="govuk-!-margin-bottom-6">
          {view.institution ? <input type="hidden" name="institution" value={view.institution.code} /> : ''}
          <h2 class="govuk-heading-m" safe>
            {tn(lang, 'log.filters')}
          </h2>
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">
              <Select
                lang={lang}
                name="status"
                label={tn(lang, 'log.status')}
                labelClass="govuk-label--s"
                value={status ?? ''}
                options={[{ value: '', text: tn(lang, 'log.any') }, ...DELIVERY_STATUSES.map((code) => ({ value: code, text: tn(lang, `status.${code}`) }))]}
              />
            </div>
            <div class="govuk-grid-column-one-half">
              <Select
                lang={lang}
                name="channel"
                label={tn(lang, 'log.channel')}
                labelClass="govuk-label--s"
                value={channel ?? ''}
                options={[{ value: '', text: tn(lang, 'log.any') }, ...CHANNELS.map((code) => ({ value: code, text: tn(lang, `channel.${code}`) }))]}
              />
            </div>
          </div>
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {tn(lang, 'log.apply')}
            </button>
            <a class="govuk-link" href={withQuery(at(lang, PATH), institutionQuery(view))} safe>
              {tn(lang, 'log.clear')}
            </a>
          </div>
        </form>

        <table class="govuk-table" id="notifications">
          <caption class="govuk-table__caption govuk-table__caption--m" safe>
            {tn(lang, 'log.count', { count: log.total })}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {(['log.created', 'log.recipient', 'log.notification', 'log.deliveries'] as const).map((key) => (
                <th scope="col" class="govuk-table__header" safe>
                  {tn(lang, key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {log.items.map((item) => (
              <tr class="govuk-table__row" data-id={item.id}>
                <td class="govuk-table__cell" safe>
                  {formatDateTime(item.createdAt, lang)}
                </td>
                <td class="govuk-table__cell" safe>
                  {item.recipient}
                </td>
                <td class="govuk-table__cell">
                  <span lang={item.language} safe>
                    {item.subject}
                  </span>
                  <span class="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0" safe>
                    {tn(lang, `kind.${item.kind}`)}
                  </span>
                </td>
                <td class="govuk-table__cell">
                  <ul class="govuk-list govuk-!-margin-bottom-0">
                    {item.deliveries.map((delivery) => (
                      <Delivery lang={lang} delivery={delivery} />
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {log.items.length === 0 ? (
          <p class="govuk-body" safe>
            {tn(lang, 'log.none')}
          </p>
        ) : (
          ''
        )}
        <Pagination lang={lang} page={page} pages={pages} href={(n) => href(n)} />
      </>
    ),
  });
}

// ---- dead letters ----

async function failedPage(deps: NotificationDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang, csrf } = context;
  const view = await viewOf(deps, context);
  if (!view) return context.forbidden({ text: tn(lang, 'log.forbidden') });
  const page = pageOf(context.query.page);
  const [failed, total] = await Promise.all([deps.notifications.failedDeliveries({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, scope: view.scope }), deps.notifications.countFailed(view.scope)]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const done = queryValue(context.query.done);
  const title = titleFor(lang, view, 'failed.title', 'failed.titleOf');
  const query = institutionQuery(view);
  const href = (n: number, language: Lang = lang): string => withQuery(at(language, `${PATH}/failed`), [query, n > 1 ? `page=${n}` : ''].filter(Boolean).join('&'));
  return renderPage({
    lang,
    title,
    alternateUrl: href(page, otherLang(lang)),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: withQuery(at(lang, PATH), query), text: tn(lang, 'log.title') }),
    children: (
      <>
        <SuccessBanner lang={lang} text={done === 'retried' ? tn(lang, 'failed.retried') : done === 'gone' ? tn(lang, 'failed.notRetried') : undefined} />
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {tn(lang, 'failed.lead')}
        </p>
        <p class="govuk-body" safe>
          {retryText(deps.notifications.retryPolicy(), lang)}
        </p>
        <Picker lang={lang} view={view} action={at(lang, `${PATH}/failed`)} />
        {failed.length === 0 ? (
          <p class="govuk-body" safe>
            {tn(lang, 'failed.none')}
          </p>
        ) : (
          <table class="govuk-table" id="failed">
            <caption class="govuk-table__caption govuk-table__caption--m" safe>
              {tn(lang, 'log.failedLink', { count: total })}
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                {(['failed.at', 'log.recipient', 'failed.channel', 'failed.attempts', 'failed.reason', 'failed.action'] as const).map((key) => (
                  <th scope="col" class="govuk-table__header" safe>
                    {tn(lang, key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {failed.map((entry) => (
                <tr class="govuk-table__row" data-delivery={entry.deliveryId} data-notification={entry.notificationId}>
                  <td class="govuk-table__cell" safe>
                    {formatDateTime(entry.updatedAt, lang)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {entry.recipient}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {tn(lang, `channel.${entry.channel}`)}
                  </td>
                  <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                    {formatNumber(entry.attempts, lang)}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {entry.error ?? ''}
                  </td>
                  <td class="govuk-table__cell">
                    <form method="post" action={withQuery(at(lang, `${PATH}/deliveries/${entry.deliveryId}/retry`), query)}>
                      <Csrf token={csrf} />
                      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                        <span safe>{tn(lang, 'failed.retry')}</span>
                        <span class="govuk-visually-hidden" safe>
                          {tn(lang, 'failed.retryHidden', { channel: tn(lang, `channel.${entry.channel}`), recipient: entry.recipient })}
                        </span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination lang={lang} page={page} pages={pages} href={(n) => href(n)} />
        <p class="govuk-body">
          <a class="govuk-link" href={withQuery(at(lang, PATH), query)} safe>
            {tn(lang, 'failed.back')}
          </a>
        </p>
      </>
    ),
  });
}

async function retry(deps: NotificationDeps, context: PageContext): Promise<FastifyReply> {
  const { lang, reply } = context;
  const view = await viewOf(deps, context);
  if (!view) return context.forbidden({ text: tn(lang, 'log.forbidden') });
  // Another institution's delivery is out of the scope: like one already retried, nothing happens.
  const retried = await deps.notifications.retryDelivery(context.params.id ?? '', view.scope);
  const query = [institutionQuery(view), `done=${retried ? 'retried' : 'gone'}`].filter(Boolean).join('&');
  return seeOther(reply, lang, `${PATH}/failed?${query}`);
}

// ---- the mail outbox ----

async function outboxPage(deps: NotificationDeps, context: PageContext): Promise<string> {
  const { lang } = context;
  const mails = await deps.notifications.mailOutbox(50);
  const title = tn(lang, 'outbox.title');
  return renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), `${PATH}/outbox`),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, PATH), text: tn(lang, 'log.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {tn(lang, 'outbox.lead')}
          </p>
          {mails.length === 0 ? (
            <p class="govuk-body" safe>
              {tn(lang, 'outbox.none')}
            </p>
          ) : (
            ''
          )}
          {mails.map((mail, index) => (
            <div class="govuk-summary-card" data-delivery={mail.deliveryId}>
              <div class="govuk-summary-card__title-wrapper">
                <h2 class="govuk-summary-card__title" id={`mail-${index + 1}`} safe>
                  {mail.subject}
                </h2>
              </div>
              <div class="govuk-summary-card__content">
                <dl class="govuk-summary-list">
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key" safe>
                      {tn(lang, 'outbox.to')}
                    </dt>
                    <dd class="govuk-summary-list__value" safe>
                      {mail.to}
                    </dd>
                  </div>
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key" safe>
                      {tn(lang, 'outbox.at')}
                    </dt>
                    <dd class="govuk-summary-list__value" safe>
                      {formatDateTime(mail.createdAt, lang)}
                    </dd>
                  </div>
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key" safe>
                      {tn(lang, 'outbox.text')}
                    </dt>
                    <dd class="govuk-summary-list__value">
                      <Paragraphs text={mail.text} />
                    </dd>
                  </div>
                </dl>
              </div>
            </div>
          ))}
        </div>
      </div>
    ),
  });
}

/** The notification pages (delivery log, dead letters, mail outbox, services' texts), and their tile on the console's home page. */
export function registerNotificationsConsolePages(shell: ConsoleShell, deps: NotificationDeps): void {
  shell.tile({ order: 70, path: PATH, title: (lang) => tn(lang, 'tool.title'), text: (lang) => tn(lang, 'tool.text'), shows: seesNotifications });
  // 'staff' at the door; whose notifications they see is decided per page.
  shell.route({ method: 'GET', path: PATH, need: 'staff', handler: (context) => logPage(deps, context) });
  shell.route({ method: 'GET', path: `${PATH}/failed`, need: 'staff', handler: (context) => failedPage(deps, context) });
  shell.route({ method: 'POST', path: `${PATH}/deliveries/:id/retry`, need: 'staff', handler: (context) => retry(deps, context) });
  shell.route({ method: 'GET', path: `${PATH}/outbox`, need: 'platform', handler: (context) => outboxPage(deps, context) });
  registerTemplatePages(shell, deps);
}
