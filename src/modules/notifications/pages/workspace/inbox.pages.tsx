/**
 * The workspace inbox (P4, P10): every notification to the signed-in person,
 * newest first, unread ones marked, in pages; one notification opened (which
 * marks it read) with its text and its direct link (P7); "mark all as read".
 * The inbox is the person's own — notifications are addressed to people, so
 * it stays theirs whomever they act for. No JavaScript needed.
 */
import { escapeHtml as e } from '@kitajs/html';
import { formatDateTime, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import type { InboxItem, NotificationsService } from '../../index.js';
import { t, type InboxKey } from './inbox.messages.js';
import { at, seeOther, type PageContext, type WorkspaceShell, type WorkspaceTile } from '../../../../platform/web/workspace.js';
import { SuccessBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { textOf } from '../../../../platform/web/form-values.js';

const PATH = '/workspace/notifications';
const PAGE_SIZE = 20;

/** The home page's entry for the inbox, with the unread count in its title. */
function inboxTile(lang: Lang, unread: number): WorkspaceTile {
  return { href: at(lang, PATH), title: t(lang, 'home.inboxUnread', { count: unread }), text: t(lang, 'home.inboxText') };
}

/**
 * Where an inbox item's link may lead: a platform path (in the page's
 * language) or an http(s) address; anything else (`javascript:`, `//host`) is
 * not offered.
 */
export function safeHref(lang: Lang, link: string | null): string | undefined {
  if (!link) return undefined;
  if (link.startsWith('/') && !link.startsWith('//')) return at(lang, link);
  return /^https?:\/\//i.test(link) ? link : undefined;
}

const kindText = (lang: Lang, kind: string): string => t(lang, `inbox.kind.${kind}` as InboxKey);

/** The person's text as paragraphs: escaped, line breaks kept. */
function Paragraphs({ text }: { text: string }): JSX.Element {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((block) => block.trim() !== '')
        .map((block) => (
          <p class="govuk-body">{block
              .split('\n')
              .map((line) => e(line))
              .join('<br />')}</p>
        ))}
    </>
  );
}

function Pagination({ lang, page, pages }: { lang: Lang; page: number; pages: number }): JSX.Element {
  if (pages <= 1) return <></>;
  const href = (n: number): string => (n > 1 ? `${at(lang, PATH)}?page=${n}` : at(lang, PATH));
  return (
    <nav class="govuk-pagination" aria-label={t(lang, 'inbox.pages')}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title" safe>
              {t(lang, 'inbox.previous')}
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
      <p class="govuk-body govuk-!-margin-bottom-0 govuk-!-margin-top-1" safe>
        {t(lang, 'inbox.pageOf', { page, pages })}
      </p>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title" safe>
              {t(lang, 'inbox.next')}
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
    </nav>
  );
}

async function inboxPage(notifications: NotificationsService, context: PageContext): Promise<string> {
  const { lang, principal, acting, csrf } = context;
  const requested = Number.parseInt(textOf(context.query.page), 10);
  const page = Number.isFinite(requested) && requested > 0 && requested < 100_000 ? requested : 1;
  const inbox = await notifications.inbox(principal.personalCode as string, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(inbox.total / PAGE_SIZE));
  const marked = /^\d{1,6}$/.test(textOf(context.query.marked)) ? Number(textOf(context.query.marked)) : undefined;
  const title = t(lang, 'inbox.title');
  return renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), page > 1 ? `${PATH}?page=${page}` : PATH),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          <SuccessBanner lang={lang} text={marked === undefined ? undefined : t(lang, 'inbox.markedAll', { count: marked })} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'inbox.lead')}
          </p>
          {acting.current.party !== acting.self.party ? (
            <div class="govuk-inset-text" safe>
              {t(lang, 'inbox.own')}
            </div>
          ) : (
            ''
          )}
          <p class="govuk-body govuk-!-font-weight-bold" id="unread" safe>
            {t(lang, 'inbox.unreadCount', { count: inbox.unread })}
          </p>
          {inbox.unread > 0 ? (
            <form method="post" action={at(lang, `${PATH}/read-all`)}>
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                {t(lang, 'inbox.markAll')}
              </button>
            </form>
          ) : (
            ''
          )}
          {inbox.items.length === 0 ? (
            <p class="govuk-body" safe>
              {t(lang, 'inbox.none')}
            </p>
          ) : (
            <table class="govuk-table" id="inbox">
              <caption class="govuk-table__caption govuk-table__caption--m" safe>
                {t(lang, 'inbox.count', { count: inbox.total })}
              </caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header" safe>
                    {t(lang, 'inbox.date')}
                  </th>
                  <th scope="col" class="govuk-table__header" safe>
                    {t(lang, 'inbox.subject')}
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {inbox.items.map((item) => (
                  <InboxRow lang={lang} item={item} />
                ))}
              </tbody>
            </table>
          )}
          <Pagination lang={lang} page={page} pages={pages} />
          <p class="govuk-body">
            <a class="govuk-link" href={at(lang, '/workspace/settings/notifications')} safe>
              {t(lang, 'inbox.settings')}
            </a>
          </p>
        </div>
      </div>
    ),
  });
}

function InboxRow({ lang, item }: { lang: Lang; item: InboxItem }): JSX.Element {
  const unread = item.readAt === null;
  return (
    <tr class="govuk-table__row" data-id={item.id} data-unread={unread ? 'true' : 'false'}>
      <td class="govuk-table__cell govuk-!-width-one-quarter" safe>
        {formatDateTime(item.createdAt, lang)}
      </td>
      <td class="govuk-table__cell">
        {unread ? (
          <>
            <strong class="govuk-tag govuk-tag--blue" safe>
              {t(lang, 'inbox.unread')}
            </strong>{' '}
          </>
        ) : (
          ''
        )}
        <a class={`govuk-link${unread ? ' govuk-!-font-weight-bold' : ''}`} href={at(lang, `${PATH}/${item.id}`)} safe>
          {item.subject}
        </a>
        <span class="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0" safe>
          {kindText(lang, item.kind)}
        </span>
      </td>
    </tr>
  );
}

async function itemPage(notifications: NotificationsService, context: PageContext): Promise<string> {
  const { lang, principal } = context;
  const id = context.params.id ?? '';
  // Opening it is reading it: a not-yours or unknown id is "not found" (the workspace's 404 page).
  const item = await notifications.markRead(principal.personalCode as string, id);
  const href = safeHref(lang, item.link);
  return renderPage({
    lang,
    title: item.subject,
    alternateUrl: at(otherLang(lang), `${PATH}/${item.id}`),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, PATH), text: t(lang, 'inbox.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {kindText(lang, item.kind)}
          </span>
          <h1 class="govuk-heading-l" safe>
            {item.subject}
          </h1>
          <p class="govuk-body-s govuk-!-margin-bottom-6" safe>
            {t(lang, 'inbox.received', { date: formatDateTime(item.createdAt, lang) })}
          </p>
          <Paragraphs text={item.text} />
          {href ? (
            <p class="govuk-body">
              <a class="govuk-button" data-module="govuk-button" href={href} id="direct-link" safe>
                {t(lang, item.applicationId ? 'inbox.openApplication' : 'inbox.openLink')}
              </a>
            </p>
          ) : (
            ''
          )}
          <p class="govuk-body">
            <a class="govuk-link" href={at(lang, PATH)} safe>
              {t(lang, 'inbox.back')}
            </a>
          </p>
        </div>
      </div>
    ),
  });
}

/** The inbox's pages and its tile, first on the workspace's front page (P10). */
export function registerNotificationsWorkspacePages(shell: WorkspaceShell, notifications: NotificationsService): void {
  shell.tile(async ({ lang, principal }) => inboxTile(lang, (await notifications.inbox(principal.personalCode as string, { limit: 1 })).unread));
  shell.route({ method: 'GET', path: PATH, handler: (context) => inboxPage(notifications, context) });
  shell.route({
    method: 'POST',
    path: `${PATH}/read-all`,
    handler: async (context) => {
      const marked = await notifications.markAllRead(context.principal.personalCode as string);
      return seeOther(context.reply, context.lang, `${PATH}?marked=${marked}`);
    },
  });
  shell.route({ method: 'GET', path: `${PATH}/:id`, handler: (context) => itemPage(notifications, context) });
}
