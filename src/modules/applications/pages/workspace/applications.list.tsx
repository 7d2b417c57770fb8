/**
 * My applications (P8, P11, P12): the applications of the party acted for,
 * filtered by status and paged, each with its status, submission date,
 * expected completion and overdue flag; and the unfinished drafts to continue
 * or delete.
 */
import { escapeHtml as e } from '@kitajs/html';
import { formatDate, formatDateTime, otherLang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { DEFAULT_LABELS, STATUS_CODES, type StatusCode } from '../../statuses.js';
import type { ApplyDeps } from './apply.context.js';
import { currentRight, LIST, PAGE_SIZE, StatusTag } from './applications.components.js';
import { t } from './applications.messages.js';
import { AwaitingPaymentTag } from './apply.fees.js';
import { ActingBanner, SuccessBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { at, type PageContext } from '../../../../platform/web/workspace.js';
import { textOf } from '../../../../platform/web/form-values.js';

const DONE: Record<string, 'apply.saved' | 'drafts.deleted'> = { saved: 'apply.saved', deleted: 'drafts.deleted' };

export async function listPage(deps: ApplyDeps, context: PageContext): Promise<string> {
  const { lang, acting, principal, query, csrf } = context;
  const wanted = textOf(query.status);
  const status = (STATUS_CODES as readonly string[]).includes(wanted) ? (wanted as StatusCode) : undefined;
  const page = Math.min(Math.max(Number.parseInt(textOf(query.page), 10) || 1, 1), 10_000);
  const right = await currentRight(deps, context);
  const [found, drafts] = await Promise.all([
    deps.applications.listApplications(principal, { party: acting.current.party, ...(status ? { status: [status] } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    right ? deps.applications.listDrafts(principal, right) : Promise.resolve([]),
  ]);
  const heldAt = right ? await deps.applications.awaitingPayment(principal, right) : new Map<string, string>();
  const awaitingPayment = (draft: { serviceId: string; createdAt: string }): boolean => (heldAt.get(draft.serviceId) ?? '') >= draft.createdAt;
  const draftServices = new Map((await deps.catalog.getMany(drafts.map((draft) => draft.serviceId))).map((service) => [service.id, service]));
  const pages = Math.max(Math.ceil(found.total / PAGE_SIZE), 1);
  const pageHref = (number: number): string => {
    const params = new URLSearchParams();
    if (status) params.set('status', status);
    if (number > 1) params.set('page', String(number));
    const text = params.toString();
    return at(lang, `${LIST}${text ? `?${text}` : ''}`);
  };
  const done = DONE[textOf(query.done)];
  const title = t(lang, 'list.title');
  return renderPage({
    lang,
    title,
    alternateUrl: pageHref(page).replace(at(lang, LIST), at(otherLang(lang), LIST)),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang),
    children: (
      <>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <SuccessBanner lang={lang} text={done ? t(lang, done) : undefined} />
            <ActingBanner lang={lang} acting={acting} />
            <h1 class="govuk-heading-l" safe>
              {title}
            </h1>
            <p class="govuk-body" safe>
              {t(lang, 'list.lead', { party: acting.current.text })}
            </p>
            <form method="get" action={at(lang, LIST)} class="pk-search">
              <div class="govuk-form-group govuk-!-margin-bottom-0">
                <label class="govuk-label govuk-label--s" for="status" safe>
                  {t(lang, 'list.filterStatus')}
                </label>
                <select class="govuk-select" id="status" name="status">
                  <option value="" selected={!status} safe>
                    {t(lang, 'list.allStatuses')}
                  </option>
                  {STATUS_CODES.map((code) => (
                    <option value={code} selected={code === status} safe>
                      {DEFAULT_LABELS[code][lang]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                {t(lang, 'list.filter')}
              </button>
            </form>
            <p class="govuk-body" id="count" safe>
              {t(lang, 'list.count', { count: found.total })}
            </p>
          </div>
        </div>
        {found.items.length > 0 ? (
          <table class="govuk-table" id="applications">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                {(['list.colNumber', 'list.colService', 'list.colSubmitted', 'list.colExpected', 'list.colStatus'] as const).map((key) => (
                  <th scope="col" class="govuk-table__header" safe>
                    {t(lang, key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {found.items.map((item) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={at(lang, item.link)} safe>
                      {item.number}
                    </a>
                  </td>
                  <td class="govuk-table__cell" safe>
                    {item.serviceTitle[lang]}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {formatDate(item.submittedAt, lang)}
                  </td>
                  <td class="govuk-table__cell">
                    {e(item.completedAt ? `${t(lang, 'app.completed')}: ${formatDate(item.completedAt, lang)}` : formatDate(item.expectedCompletionAt, lang))}
                    {item.clockPaused && !item.completedAt ? e(` (${t(lang, 'list.paused')})`) : ''}
                    {item.overdue ? (
                      <>
                        {' '}
                        <strong class="govuk-tag govuk-tag--red" safe>
                          {t(lang, 'list.overdue')}
                        </strong>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td class="govuk-table__cell">
                    <StatusTag lang={lang} status={item.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="govuk-body">
            {e(t(lang, 'list.none'))}{' '}
            <a class="govuk-link" href={at(lang, '/')} safe>
              {t(lang, 'list.catalog')}
            </a>
          </p>
        )}
        {pages > 1 ? (
          <nav class="govuk-pagination" aria-label={t(lang, 'list.pageOf', { page, pages })}>
            {page > 1 ? (
              <div class="govuk-pagination__prev">
                <a class="govuk-link govuk-pagination__link" href={pageHref(page - 1)} rel="prev">
                  <span class="govuk-pagination__link-title" safe>
                    {t(lang, 'list.previous')}
                  </span>
                </a>
              </div>
            ) : (
              ''
            )}
            {page < pages ? (
              <div class="govuk-pagination__next">
                <a class="govuk-link govuk-pagination__link" href={pageHref(page + 1)} rel="next">
                  <span class="govuk-pagination__link-title" safe>
                    {t(lang, 'list.next')}
                  </span>
                </a>
              </div>
            ) : (
              ''
            )}
          </nav>
        ) : (
          ''
        )}
        {drafts.length > 0 ? (
          <>
            <h2 class="govuk-heading-m" id="drafts" safe>
              {t(lang, 'drafts.title')}
            </h2>
            <dl class="govuk-summary-list">
              {drafts.map((draft) => {
                const service = draftServices.get(draft.serviceId);
                return (
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key" safe>
                      {service ? service.title[lang] : t(lang, 'drafts.unknownService')}
                    </dt>
                    <dd class="govuk-summary-list__value">
                      {e(t(lang, 'drafts.saved', { date: formatDateTime(draft.updatedAt, lang) }))}
                      {awaitingPayment(draft) ? <AwaitingPaymentTag lang={lang} /> : ''}
                    </dd>
                    <dd class="govuk-summary-list__actions">
                      {service ? (
                        <a class="govuk-link govuk-!-margin-right-3" href={at(lang, `/workspace/apply/${service.slug}`)}>
                          {e(t(lang, 'drafts.continue'))}
                          <span class="govuk-visually-hidden" safe>
                            {` ${service.title[lang]}`}
                          </span>
                        </a>
                      ) : (
                        ''
                      )}
                      <form method="post" action={at(lang, `${LIST}/drafts/${draft.serviceId}/delete`)} class="pk-inline-form">
                        <input type="hidden" name="_csrf" value={csrf} />
                        <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                          {e(t(lang, 'drafts.delete'))}
                          <span class="govuk-visually-hidden" safe>
                            {` ${service ? service.title[lang] : t(lang, 'drafts.unknownService')}`}
                          </span>
                        </button>
                      </form>
                    </dd>
                  </div>
                );
              })}
            </dl>
          </>
        ) : (
          ''
        )}
      </>
    ),
  });
}

