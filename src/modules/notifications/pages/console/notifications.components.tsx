/**
 * What the console's notification pages share: who sees which notifications
 * (platform-wide staff everything; an institution's service managers and case
 * handlers their institution's — sent by its system or about its services),
 * the institution chooser, and the pieces of the delivery views: status tags,
 * one delivery per channel, per-channel counts, paging.
 */
import { escapeHtml as e } from '@kitajs/html';
import { formatDateTime, formatDuration, formatNumber, type Lang } from '../../../../platform/web/i18n.js';
import type { CatalogService, Institution } from '../../../catalog/index.js';
import type { ChannelCounts, ChannelName, DeliveryLogEntry, DeliveryStatus, NotificationScope, NotificationsService, RetryPolicy } from '../../index.js';
import { CHANNELS, DELIVERY_STATUSES } from '../../notifications.schemas.js';
import { type PageContext, queryValue, type Staff } from '../../../../platform/web/console.js';
import { InstitutionPicker } from '../../../../platform/web/fields.js';
import { tn, type NotificationsKey } from './notifications.messages.js';

export interface NotificationDeps {
  notifications: NotificationsService;
  catalog: Pick<CatalogService, 'get' | 'listInstitutions' | 'listPublishedOf'>;
}

export const PATH = '/console/notifications';
export const PAGE_SIZE = 20;
export const DAY_MS = 86_400_000;

/** A whole number of seconds (at least one) in words: 600 → "10 minūšu" / "10 minutes". */
function secondsInWords(seconds: number, lang: Lang): string {
  const total = Math.max(1, Math.round(seconds));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const iso = `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return formatDuration(iso, lang) ?? `${total} s`;
}

/** How failed attempts are retried, in a sentence, with this platform's settings. */
export const retryText = (policy: RetryPolicy, lang: Lang): string =>
  tn(lang, 'log.retries', { first: secondsInWords(policy.delaySeconds, lang), cap: secondsInWords(policy.maxDelaySeconds, lang), window: secondsInWords(policy.windowSeconds, lang) });

// ---- who sees what ----

/** Platform-wide administrators and customer support see every notification. */
const platformWide = (staff: Staff): boolean => staff.roles.some((grant) => (grant.role === 'platform_admin' || grant.role === 'support_agent') && !grant.institutionId);

/** Institutions whose notifications the staff member sees: where they manage services or handle cases. */
const institutionsOf = (staff: Staff): string[] =>
  [...new Set(staff.roles.filter((grant) => (grant.role === 'service_manager' || grant.role === 'case_handler') && grant.institutionId).map((grant) => grant.institutionId as string))];

/** Whether the console offers this person the notification pages at all. */
export const seesNotifications = (staff: Staff): boolean => platformWide(staff) || institutionsOf(staff).length > 0;

export interface View {
  /** null: every notification */
  scope: NotificationScope | null;
  institution: Institution | undefined;
  /** the institutions to choose from */
  choices: Institution[];
  /** platform-wide staff: may also choose every institution at once */
  wide: boolean;
}

/** What this request may show: one institution's notifications (`?institution=code`), or all for platform-wide staff. */
export async function viewOf(deps: NotificationDeps, context: PageContext): Promise<View | undefined> {
  const { staff, lang } = context;
  const wide = platformWide(staff);
  const mine = new Set(institutionsOf(staff));
  const choices = (await deps.catalog.listInstitutions()).filter((institution) => wide || mine.has(institution.id)).sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang));
  const wanted = queryValue(context.query.institution);
  const institution = choices.find((candidate) => candidate.code === wanted || candidate.id === wanted) ?? (wide ? undefined : choices[0]);
  if (!institution) return wide ? { scope: null, institution: undefined, choices, wide } : undefined;
  const serviceIds = (await deps.catalog.listPublishedOf(institution.id)).map((service) => service.id);
  return { scope: { institutionId: institution.id, serviceIds }, institution, choices, wide };
}

export const institutionQuery = (view: View): string => (view.institution ? `institution=${encodeURIComponent(view.institution.code)}` : '');
export const withQuery = (path: string, query: string): string => (query ? `${path}?${query}` : path);

export function Picker({ lang, view, action }: { lang: Lang; view: View; action: string }): JSX.Element {
  const options = view.choices.map((institution) => ({ value: institution.code, text: institution.name[lang] }));
  const all = view.wide ? [{ value: '', text: tn(lang, 'log.allInstitutions') }] : [];
  return <InstitutionPicker lang={lang} action={action} options={[...all, ...options]} value={view.institution?.code ?? ''} />;
}

// ---- pieces ----

/** A text as paragraphs: escaped, line breaks kept. */
export function Paragraphs({ text }: { text: string }): JSX.Element {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((block) => block.trim() !== '')
        .map((block) => (
          <p class="govuk-body-s">
            {block
              .split('\n')
              .map((line) => e(line))
              .join('<br />')}
          </p>
        ))}
    </>
  );
}

const STATUS_TAG: Record<DeliveryStatus, string> = {
  queued: 'govuk-tag--grey',
  sending: 'govuk-tag--blue',
  retrying: 'govuk-tag--yellow',
  sent: 'govuk-tag--turquoise',
  delivered: 'govuk-tag--green',
  kept: 'govuk-tag--purple',
  failed: 'govuk-tag--red',
};

export function DeliveryTag({ lang, status }: { lang: Lang; status: DeliveryStatus }): JSX.Element {
  return (
    <strong class={`govuk-tag ${STATUS_TAG[status]}`} safe>
      {tn(lang, `status.${status}`)}
    </strong>
  );
}

export function Delivery({ lang, delivery }: { lang: Lang; delivery: DeliveryLogEntry }): JSX.Element {
  const details = [tn(lang, 'log.attempts', { count: delivery.attempts })];
  if (delivery.lastAttemptAt) details.push(tn(lang, 'log.lastAttempt', { date: formatDateTime(delivery.lastAttemptAt, lang) }));
  if (delivery.notBefore && (delivery.status === 'queued' || delivery.status === 'retrying')) details.push(tn(lang, 'log.notBefore', { date: formatDateTime(delivery.notBefore, lang) }));
  return (
    <li data-channel={delivery.channel} data-status={delivery.status}>
      <span safe>{tn(lang, `channel.${delivery.channel}`)}</span>: <DeliveryTag lang={lang} status={delivery.status} />
      {delivery.channel === 'inbox' ? (
        ''
      ) : (
        <span class="govuk-hint govuk-!-display-block govuk-!-margin-bottom-1" safe>
          {details.join(', ')}
        </span>
      )}
      {delivery.error && delivery.status !== 'sent' && delivery.status !== 'delivered' && delivery.status !== 'kept' ? (
        <span class="govuk-body-s govuk-!-display-block" safe>
          {tn(lang, 'log.why', { error: delivery.error })}
        </span>
      ) : (
        ''
      )}
    </li>
  );
}

/** One period's counts: a row per channel, a column per status. */
export function CountsTable({ lang, caption, counts }: { lang: Lang; caption: string; counts: ChannelCounts[] }): JSX.Element {
  const channels = CHANNELS.filter((channel) => counts.some((count) => count.channel === channel));
  const of = (channel: ChannelName, status?: DeliveryStatus): number =>
    counts.filter((count) => count.channel === channel && (!status || count.status === status)).reduce((sum, count) => sum + count.count, 0);
  if (channels.length === 0) {
    return (
      <>
        <h3 class="govuk-heading-s" safe>
          {caption}
        </h3>
        <p class="govuk-body" safe>
          {tn(lang, 'counts.none')}
        </p>
      </>
    );
  }
  return (
    <table class="govuk-table govuk-table--small-text-until-tablet">
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header" safe>
            {tn(lang, 'counts.channel')}
          </th>
          {DELIVERY_STATUSES.map((status) => (
            <th scope="col" class="govuk-table__header govuk-table__header--numeric" safe>
              {tn(lang, `status.${status}`)}
            </th>
          ))}
          <th scope="col" class="govuk-table__header govuk-table__header--numeric" safe>
            {tn(lang, 'counts.total')}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {channels.map((channel) => (
          <tr class="govuk-table__row" data-channel={channel}>
            <th scope="row" class="govuk-table__header" safe>
              {tn(lang, `channel.${channel}`)}
            </th>
            {DELIVERY_STATUSES.map((status) => (
              <td class="govuk-table__cell govuk-table__cell--numeric" data-status={status} safe>
                {formatNumber(of(channel, status), lang)}
              </td>
            ))}
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {formatNumber(of(channel), lang)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Pagination({ lang, page, pages, href }: { lang: Lang; page: number; pages: number; href: (page: number) => string }): JSX.Element {
  if (pages <= 1) return <></>;
  return (
    <nav class="govuk-pagination" aria-label={tn(lang, 'log.pages')}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title" safe>
              {tn(lang, 'log.previous')}
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
      <p class="govuk-body govuk-!-margin-bottom-0 govuk-!-margin-top-1" safe>
        {tn(lang, 'log.pageOf', { page, pages })}
      </p>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title" safe>
              {tn(lang, 'log.next')}
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
    </nav>
  );
}

export const pageOf = (raw: unknown): number => {
  const page = Number.parseInt(queryValue(raw), 10);
  return Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1;
};

export const titleFor = (lang: Lang, view: View, plain: NotificationsKey, of: NotificationsKey): string =>
  view.institution ? tn(lang, of, { institution: view.institution.shortName[lang] }) : tn(lang, plain);
