/**
 * A service's notification texts (P10; issue 5 item 4): its institution's
 * service managers word each kind of notification their own way, in Latvian
 * and English, see which placeholders they may use, preview a draft filled
 * with sample data (a button that posts and re-renders the page: no
 * JavaScript), save it, or remove it to go back to the platform's wording.
 * Errors are shown beside their fields.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '../../../../platform/errors.js';
import { formatDateTime, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { Service } from '../../../catalog/index.js';
import type { Language, NotificationKind, Rendered, TemplateText } from '../../index.js';
import { PLACEHOLDERS, templateProblems } from '../../templates.js';
import { at, consoleCrumbs, type ConsoleShell, type PageContext, seeOther, type Staff } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, SuccessBanner, SummaryList, TextArea, TextInput } from '../../../../platform/web/fields.js';
import { tn } from './notifications.messages.js';
import type { NotificationDeps } from './notifications.components.js';

/** The kinds a service's notifications come in (mandates and support replies belong to no service). */
export const SERVICE_KINDS = ['status', 'request', 'result', 'offer', 'message'] as const satisfies readonly NotificationKind[];
type ServiceKind = (typeof SERVICE_KINDS)[number];
const LANGUAGES: readonly Language[] = ['lv', 'en'];
const MAX: Record<keyof TemplateText, number> = { subject: 300, body: 5000, short: 500 };
const PARTS = ['subject', 'body', 'short'] as const;

const pathOf = (service: Pick<Service, 'id'>): string => `/console/services/${service.id}/notifications`;

const managesService = (staff: Staff, service: Pick<Service, 'institutionId'>): boolean => staff.managerOf.includes(service.institutionId);

/** Links from a service's console page to its notification texts (used by services.pages.tsx). */
export function NotificationLinks({ lang, staff, service }: { lang: Lang; staff: Staff; service: Pick<Service, 'id' | 'institutionId'> }): JSX.Element {
  // Only the institution's service managers change its texts (see `managed`): nobody else is offered the link.
  if (!managesService(staff, service)) return <></>;
  return (
    <>
      <h2 class="govuk-heading-m" safe>
        {tn(lang, 'templates.linksTitle')}
      </h2>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={at(lang, pathOf(service))} safe>
            {tn(lang, 'templates.link')}
          </a>
        </li>
      </ul>
    </>
  );
}

const isKind = (value: string): value is ServiceKind => (SERVICE_KINDS as readonly string[]).includes(value);
const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);
const field = (raw: unknown): string => (typeof raw === 'string' ? raw : Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : '');
/** Browsers send a textarea's line breaks as CRLF; templates keep LF. */
const lines = (raw: unknown): string => field(raw).replace(/\r\n?/g, '\n');

interface Editing {
  kind: ServiceKind;
  language: Language;
  text: TemplateText;
  errors: Partial<Record<keyof TemplateText, string>>;
  preview?: Rendered;
}

interface TemplatePage {
  deps: NotificationDeps;
  context: PageContext;
  service: Service;
  editing: Editing;
  done?: string | undefined;
}

const kindText = (lang: Lang, kind: NotificationKind): string => tn(lang, `kind.${kind}`);
const languageText = (lang: Lang, language: Language): string => tn(lang, `templates.language.${language}`);

function Paragraphs({ text, language }: { text: string; language: Language }): JSX.Element {
  return (
    <div lang={language}>
      {text
        .split(/\n{2,}/)
        .filter((block) => block.trim() !== '')
        .map((block) => (
          <p class="govuk-body">
            {block
              .split('\n')
              .map((line) => e(line))
              .join('<br />')}
          </p>
        ))}
    </div>
  );
}

function Preview({ lang, language, rendered }: { lang: Lang; language: Language; rendered: Rendered }): JSX.Element {
  const rows: [string, JSX.Element][] = [
    [tn(lang, 'templates.subject'), <span lang={language} safe>{rendered.subject}</span>],
    [tn(lang, 'templates.body'), <Paragraphs text={rendered.text} language={language} />],
    [tn(lang, 'templates.short'), <span lang={language} safe>{rendered.short}</span>],
  ];
  return (
    <section class="govuk-!-margin-bottom-8" id="preview" aria-labelledby="preview-title">
      <h2 class="govuk-heading-m" id="preview-title" safe>
        {tn(lang, 'templates.previewTitle')}
      </h2>
      <p class="govuk-body" safe>
        {tn(lang, 'templates.previewLead')}
      </p>
      <SummaryList rows={rows} />
    </section>
  );
}

function Placeholders({ lang }: { lang: Lang }): JSX.Element {
  return (
    <details class="govuk-details" id="placeholders">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text" safe>
          {tn(lang, 'templates.placeholders')}
        </span>
      </summary>
      <div class="govuk-details__text">
        <p class="govuk-body" safe>
          {tn(lang, 'templates.placeholdersLead', { example: '{number}' })}
        </p>
        <dl class="govuk-summary-list govuk-summary-list--no-border">
          {PLACEHOLDERS.map((name) => (
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">
                <code safe>{`{${name}}`}</code>
              </dt>
              <dd class="govuk-summary-list__value" safe>
                {tn(lang, `placeholder.${name}`)}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}

async function templatePage(page: TemplatePage, status = 200): Promise<FastifyReply | string> {
  const { deps, context, service, editing } = page;
  const { lang, csrf } = context;
  const overrides = await deps.notifications.templateOverrides(service.id);
  const overrideOf = (kind: NotificationKind, language: Language) => overrides.find((o) => o.kind === kind && o.language === language);
  const current = overrideOf(editing.kind, editing.language);
  const errors: ShownError[] = PARTS.filter((part) => editing.errors[part]).map((part) => ({ id: `template-${part}`, text: editing.errors[part] as string }));
  const title = tn(lang, 'templates.title', { service: service.title[lang] });
  const path = pathOf(service);
  const editHref = (kind: NotificationKind, language: Language, target: Lang = lang): string => `${at(target, path)}?kind=${kind}&language=${language}`;
  const html = await renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: editHref(editing.kind, editing.language, otherLang(lang)),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, '/console/services'), text: tn(lang, 'crumb.services') }, { href: at(lang, `/console/services/${service.id}`), text: service.title[lang] }),
    children: (
      <>
        <ErrorSummary lang={lang} errors={errors} />
        <SuccessBanner lang={lang} text={page.done} />
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {tn(lang, 'templates.lead')}
        </p>

        <table class="govuk-table" id="overview">
          <caption class="govuk-table__caption govuk-table__caption--m" safe>
            {tn(lang, 'templates.overview')}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header" safe>
                {tn(lang, 'templates.kind')}
              </th>
              {LANGUAGES.map((language) => (
                <th scope="col" class="govuk-table__header" safe>
                  {languageText(lang, language)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {SERVICE_KINDS.map((kind) => (
              <tr class="govuk-table__row" data-kind={kind}>
                <th scope="row" class="govuk-table__header" safe>
                  {kindText(lang, kind)}
                </th>
                {LANGUAGES.map((language) => (
                  <td class="govuk-table__cell" data-language={language} data-own={overrideOf(kind, language) ? 'true' : 'false'}>
                    {overrideOf(kind, language) ? (
                      <strong class="govuk-tag govuk-tag--turquoise" safe>
                        {tn(lang, 'templates.own')}
                      </strong>
                    ) : (
                      <strong class="govuk-tag govuk-tag--grey" safe>
                        {tn(lang, 'templates.default')}
                      </strong>
                    )}{' '}
                    <a class="govuk-link" href={`${editHref(kind, language)}#editor`}>
                      <span safe>{tn(lang, 'templates.edit')}</span>
                      <span class="govuk-visually-hidden" safe>
                        {tn(lang, 'templates.editHidden', { kind: kindText(lang, kind), language: languageText(lang, language) })}
                      </span>
                    </a>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>

        {editing.preview ? <Preview lang={lang} language={editing.language} rendered={editing.preview} /> : ''}

        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h2 class="govuk-heading-m" id="editor" safe>
              {tn(lang, 'templates.editing', { kind: kindText(lang, editing.kind), language: languageText(lang, editing.language) })}
            </h2>
            <p class="govuk-body" safe>
              {current
                ? tn(lang, 'templates.editingOwn', { by: current.updatedBy.replace(/^person:/, ''), date: formatDateTime(current.updatedAt, lang) })
                : tn(lang, 'templates.editingDefault')}
            </p>
            <Placeholders lang={lang} />
            <form method="post" action={at(lang, path)} novalidate>
              <Csrf token={csrf} />
              <input type="hidden" name="kind" value={editing.kind} />
              <input type="hidden" name="language" value={editing.language} />
              <TextInput lang={lang} name="template.subject" label={tn(lang, 'templates.subject')} labelClass="govuk-label--s" hint={tn(lang, 'templates.subjectHint')} error={editing.errors.subject} value={editing.text.subject} contentLang={editing.language} />
              <TextArea lang={lang} name="template.body" label={tn(lang, 'templates.body')} labelClass="govuk-label--s" hint={tn(lang, 'templates.bodyHint')} error={editing.errors.body} value={editing.text.body} contentLang={editing.language} rows={12} />
              <TextArea lang={lang} name="template.short" label={tn(lang, 'templates.short')} labelClass="govuk-label--s" hint={tn(lang, 'templates.shortHint')} error={editing.errors.short} value={editing.text.short} contentLang={editing.language} rows={2} />
              <div class="govuk-button-group">
                <button type="submit" name="action" value="save" class="govuk-button" data-module="govuk-button" safe>
                  {tn(lang, 'templates.save')}
                </button>
                <button type="submit" name="action" value="preview" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                  {tn(lang, 'templates.preview')}
                </button>
              </div>
            </form>
            {current ? (
              <form method="post" action={at(lang, `${path}/remove`)}>
                <Csrf token={csrf} />
                <input type="hidden" name="kind" value={editing.kind} />
                <input type="hidden" name="language" value={editing.language} />
                <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" safe>
                  {tn(lang, 'templates.remove')}
                </button>
              </form>
            ) : (
              ''
            )}
          </div>
        </div>
      </>
    ),
  });
  return status === 200 ? html : sendHtml(context.reply, lang, status, html);
}

/** The service, when this person manages it (undefined: the caller answers 403). An unknown id is the catalog's "not found": the console's 404 page. */
async function managed(deps: NotificationDeps, context: PageContext): Promise<Service | undefined> {
  const service = await deps.catalog.get(context.params.id ?? '');
  return managesService(context.staff, service) ? service : undefined;
}

const refuse = (context: PageContext): Promise<FastifyReply> =>
  context.forbidden({ text: tn(context.lang, 'templates.forbidden') });

/** Which kind and language a request names; a forged one is "not found", never a 500. */
function chosen(source: Record<string, unknown>, strict: boolean): { kind: ServiceKind; language: Language } {
  const kind = field(source.kind) || 'status';
  const language = field(source.language) || 'lv';
  if (isKind(kind) && isLanguage(language)) return { kind, language };
  if (strict) throw new NotFoundError('notifications.not-found', 'No such kind of notification or language.');
  return { kind: 'status', language: 'lv' };
}

/** The page-level problems of a draft, in the page's language, per field. */
function problemsOf(lang: Lang, text: TemplateText): Editing['errors'] {
  const errors: Editing['errors'] = {};
  for (const part of PARTS) if (text[part].length > MAX[part]) errors[part] = tn(lang, 'templates.error.tooLong', { max: MAX[part] });
  for (const problem of templateProblems(text)) {
    if (errors[problem.part]) continue;
    errors[problem.part] =
      problem.problem === 'empty'
        ? tn(lang, `templates.error.empty.${problem.part}`)
        : problem.problem === 'syntax'
          ? tn(lang, 'templates.error.syntax', { example: '{number}' })
          : tn(lang, 'templates.error.unknown', { names: problem.detail });
  }
  return errors;
}

const DONE = { saved: 'templates.saved', removed: 'templates.removed' } as const;

async function showTemplates(deps: NotificationDeps, context: PageContext): Promise<FastifyReply | string> {
  const service = await managed(deps, context);
  if (!service) return refuse(context);
  const { kind, language } = chosen(context.query, false);
  const override = (await deps.notifications.templateOverrides(service.id)).find((o) => o.kind === kind && o.language === language);
  const done = field(context.query.done);
  return templatePage({
    deps,
    context,
    service,
    editing: { kind, language, text: override?.text ?? deps.notifications.builtInTemplate(kind, language), errors: {} },
    done: done === 'saved' || done === 'removed' ? tn(context.lang, DONE[done]) : undefined,
  });
}

async function postTemplate(deps: NotificationDeps, context: PageContext): Promise<FastifyReply | string> {
  const service = await managed(deps, context);
  if (!service) return refuse(context);
  const { lang, body } = context;
  const { kind, language } = chosen(body, true);
  const text: TemplateText = { subject: field(body['template.subject']).trim(), body: lines(body['template.body']).trim(), short: lines(body['template.short']).trim() };
  const errors = problemsOf(lang, text);
  if (Object.keys(errors).length > 0) return templatePage({ deps, context, service, editing: { kind, language, text, errors } }, 400);
  if (field(body.action) === 'preview') {
    const preview = await deps.notifications.renderPreview({ serviceId: service.id, kind, language, text });
    return templatePage({ deps, context, service, editing: { kind, language, text, errors: {}, preview } });
  }
  await deps.notifications.saveTemplateOverride(context.staff.principal, service.id, kind, language, text);
  return seeOther(context.reply, lang, `${pathOf(service)}?kind=${kind}&language=${language}&done=saved`);
}

async function removeTemplate(deps: NotificationDeps, context: PageContext): Promise<FastifyReply> {
  const service = await managed(deps, context);
  if (!service) return refuse(context);
  const { kind, language } = chosen(context.body, true);
  await deps.notifications.deleteTemplateOverride(context.staff.principal, service.id, kind, language);
  return seeOther(context.reply, context.lang, `${pathOf(service)}?kind=${kind}&language=${language}&done=removed`);
}

export function registerTemplatePages(shell: ConsoleShell, deps: NotificationDeps): void {
  // 'staff' at the door; only the service's institution's managers pass `managed`.
  shell.route({ method: 'GET', path: '/console/services/:id/notifications', need: 'staff', handler: (context) => showTemplates(deps, context) });
  shell.route({ method: 'POST', path: '/console/services/:id/notifications', need: 'staff', handler: (context) => postTemplate(deps, context) });
  shell.route({ method: 'POST', path: '/console/services/:id/notifications/remove', need: 'staff', handler: (context) => removeTemplate(deps, context) });
}
