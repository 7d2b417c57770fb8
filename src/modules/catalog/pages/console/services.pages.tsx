/**
 * Service managers' pages (P3): the institution's services with their status
 * (drafts and withdrawn ones too), creating and editing a service through the
 * editor (services.editor.tsx), publishing and withdrawing, and the version
 * history. Edits carry the version they started from: a stale one is refused
 * by the register and the form comes back with the person's input intact and a
 * clear conflict message.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { formatDateTime, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml } from '../../../../platform/web/page.js';
import type { CatalogEvent, Institution, Lifecycle, Service, ServiceContent } from '../../index.js';
import { portalPath } from '../../catalog.routes.js';
import { at, consoleCrumbs, type ConsoleShell, type PageContext, queryValue, seeOther, type Staff } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, InstitutionPicker, SuccessBanner } from '../../../../platform/web/fields.js';
import type { CatalogConsoleDeps as ConsoleDeps, ServicePanel } from './console.pages.js';
import { addedSection, ServiceEditor, showErrors } from './services.editor.js';
import { blankForm, changedParts, contentToForm, parseServiceForm, withAnotherRow, type FormError, type FormValues } from './services.form.js';
import { ts, type ServiceKey } from './services.messages.js';

const TAG: Record<Lifecycle, string> = { draft: 'govuk-tag--grey', published: 'govuk-tag--green', withdrawn: 'govuk-tag--red' };

function StatusTag({ lang, status }: { lang: Lang; status: Lifecycle }): JSX.Element {
  return (
    <strong class={`govuk-tag ${TAG[status]}`} safe>
      {ts(lang, `status.${status}`)}
    </strong>
  );
}

const canManage = (staff: Staff, institutionId: string): boolean => staff.platformAdmin || staff.managerOf.includes(institutionId);

/** The institutions whose services this person may manage, theirs first. */
async function manageable(deps: ConsoleDeps, staff: Staff, lang: Lang): Promise<Institution[]> {
  const all = await deps.catalog.listInstitutions();
  const mine = all.filter((institution) => staff.managerOf.includes(institution.id));
  const others = staff.platformAdmin ? all.filter((institution) => !staff.managerOf.includes(institution.id)) : [];
  const byName = (a: Institution, b: Institution): number => a.name[lang].localeCompare(b.name[lang], lang);
  return [...mine.sort(byName), ...others.sort(byName)];
}

function chosen(institutions: Institution[], wanted: string): Institution | undefined {
  return institutions.find((institution) => institution.code === wanted || institution.id === wanted) ?? institutions[0];
}

// ---- the list ----

async function listPage(deps: ConsoleDeps, { lang, staff, query }: PageContext): Promise<string> {
  const institutions = await manageable(deps, staff, lang);
  const institution = chosen(institutions, queryValue(query.institution));
  const services = institution ? await deps.catalog.listForInstitution(staff.principal, institution.id) : [];
  const title = institution ? ts(lang, 'list.titleOf', { institution: institution.shortName[lang] }) : ts(lang, 'list.title');
  const here = `/console/services${institution ? `?institution=${institution.code}` : ''}`;
  return renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), here),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {ts(lang, 'list.lead')}
        </p>
        <InstitutionPicker lang={lang} action={at(lang, '/console/services')} options={institutions.map((i) => ({ value: i.code, text: i.name[lang] }))} value={institution?.code ?? ''} />
        {institution ? (
          <a href={`${at(lang, '/console/services/new')}?institution=${institution.code}`} role="button" draggable="false" class="govuk-button" data-module="govuk-button" safe>
            {ts(lang, 'list.create')}
          </a>
        ) : (
          ''
        )}
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m" safe>
            {ts(lang, 'list.count', { count: services.length })}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {(['list.name', 'list.identifier', 'list.status', 'list.version', 'list.updated'] as ServiceKey[]).map((key) => (
                <th scope="col" class="govuk-table__header" safe>
                  {ts(lang, key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {services.map((service) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={at(lang, `/console/services/${service.id}`)} safe>
                    {service.title[lang]}
                  </a>
                </td>
                <td class="govuk-table__cell" safe>
                  {service.identifier}
                </td>
                <td class="govuk-table__cell">
                  <StatusTag lang={lang} status={service.status} />
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {String(service.version)}
                </td>
                <td class="govuk-table__cell" safe>
                  {formatDateTime(service.updatedAt, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    ),
  });
}

// ---- creating ----

interface EditorPage {
  lang: Lang;
  /** other modules' sections on a saved service's page, and whom they are shown to */
  panels?: { list: readonly ServicePanel[]; staff: Staff };
  title: string;
  caption: string;
  path: string;
  form: FormValues;
  errors: FormError[];
  events: CatalogEvent[];
  csrf: string;
  hidden: Record<string, string>;
  submitLabel: string;
  lead?: string;
  service?: Service;
  done?: string | undefined;
  conflict?: { version: number; changed: (keyof ServiceContent)[]; serviceId: string };
  transitionError?: boolean;
}

const partName = (lang: Lang, part: keyof ServiceContent): string => ts(lang, `part.${part}`);

function ServiceSummary({ lang, service, csrf }: { lang: Lang; service: Service; csrf: string }): JSX.Element {
  const link = portalPath(service, lang);
  return (
    <>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key" safe>
            {ts(lang, 'edit.status')}
          </dt>
          <dd class="govuk-summary-list__value">
            <StatusTag lang={lang} status={service.status} />
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key" safe>
            {ts(lang, 'edit.version')}
          </dt>
          <dd class="govuk-summary-list__value" safe>
            {String(service.version)}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key" safe>
            {ts(lang, 'edit.link')}
          </dt>
          <dd class="govuk-summary-list__value">
            {service.status === 'published' ? (
              <a class="govuk-link" href={link} safe>
                {link}
              </a>
            ) : (
              <span safe>{ts(lang, 'edit.linkNotYet')}</span>
            )}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key" safe>
            {ts(lang, 'edit.updatedAt')}
          </dt>
          <dd class="govuk-summary-list__value" safe>
            {formatDateTime(service.updatedAt, lang)}
          </dd>
        </div>
      </dl>
      {/* One form per action; the history link sits in the same button group. */}
      <form method="post" action={at(lang, `/console/services/${service.id}/${service.status === 'published' ? 'withdraw' : 'publish'}`)} class="govuk-button-group">
        <Csrf token={csrf} />
        {service.status === 'published' ? (
          <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" safe>
            {ts(lang, 'edit.withdraw')}
          </button>
        ) : (
          <button type="submit" class="govuk-button" data-module="govuk-button" safe>
            {ts(lang, 'edit.publish')}
          </button>
        )}
        <a class="govuk-link" href={at(lang, `/console/services/${service.id}/versions`)} safe>
          {ts(lang, 'edit.history')}
        </a>
      </form>
    </>
  );
}

function editorPage(page: EditorPage): Promise<string> {
  const { lang, service, panels } = page;
  const conflict = page.conflict;
  const summary = conflict
    ? {
        title: ts(lang, 'conflict.title'),
        body: (
          <>
            <p class="govuk-body" safe>
              {ts(lang, 'conflict.text', { version: conflict.version })}
            </p>
            {conflict.changed.length > 0 ? (
              <>
                <p class="govuk-body" safe>
                  {ts(lang, 'conflict.fields')}
                </p>
                <ul class="govuk-list govuk-list--bullet">
                  {conflict.changed.map((part) => (
                    <li safe>{partName(lang, part)}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p class="govuk-body" safe>
                {ts(lang, 'conflict.none')}
              </p>
            )}
            <p class="govuk-body" safe>
              {ts(lang, 'conflict.next')}
            </p>
          </>
        ),
      }
    : undefined;
  const doneKey = page.done && ['created', 'saved', 'published', 'withdrawn'].includes(page.done) ? (`edit.done.${page.done}` as ServiceKey) : undefined;
  const errorCount = page.errors.length + (conflict || page.transitionError ? 1 : 0);
  return renderPage({
    lang,
    title: pageTitle(lang, page.title, Array.from({ length: errorCount })),
    alternateUrl: at(otherLang(lang), page.path),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, '/console/services'), text: ts(lang, 'list.title') }),
    children: (
      <>
        <SuccessBanner lang={lang} text={doneKey ? ts(lang, doneKey) : undefined} />
        {page.transitionError ? <ErrorSummary lang={lang} errors={[]} title={ts(lang, 'edit.transition')} /> : ''}
        {summary ? (
          <ErrorSummary lang={lang} errors={showErrors(lang, page.errors)} title={summary.title}>
            {summary.body}
          </ErrorSummary>
        ) : (
          <ErrorSummary lang={lang} errors={showErrors(lang, page.errors)} />
        )}
        <span class="govuk-caption-l" safe>
          {page.caption}
        </span>
        <h1 class="govuk-heading-l" safe>
          {page.title}
        </h1>
        {page.lead ? (
          <p class="govuk-body" safe>
            {page.lead}
          </p>
        ) : (
          ''
        )}
        {service ? <ServiceSummary lang={lang} service={service} csrf={page.csrf} /> : ''}
        {service && panels ? panels.list.map((Panel) => <Panel lang={lang} staff={panels.staff} service={service} />) : ''}
        {service ? (
          <>
            <h2 class="govuk-heading-l" safe>
              {ts(lang, 'edit.content')}
            </h2>
            <p class="govuk-hint" safe>
              {ts(lang, 'edit.renameHint')}
            </p>
          </>
        ) : (
          ''
        )}
        <ServiceEditor
          lang={lang}
          action={at(lang, service ? `/console/services/${service.id}` : '/console/services')}
          form={page.form}
          errors={page.errors}
          events={page.events}
          csrf={page.csrf}
          submitLabel={page.submitLabel}
          hidden={page.hidden}
        />
      </>
    ),
  });
}

async function newServicePage(deps: ConsoleDeps, context: PageContext, form: FormValues, errors: FormError[], status = 200): Promise<FastifyReply> {
  const { lang, staff, reply, csrf } = context;
  const institutions = await manageable(deps, staff, lang);
  const institution = chosen(institutions, value(form.institution) || queryValue(context.query.institution));
  if (!institution) return context.forbidden('services');
  const html = await editorPage({
    lang,
    title: ts(lang, 'edit.newTitle'),
    caption: institution.name[lang],
    lead: ts(lang, 'edit.newLead'),
    path: `/console/services/new?institution=${institution.code}`,
    form,
    errors,
    events: await deps.catalog.listEvents(),
    csrf,
    hidden: { institution: institution.code },
    submitLabel: ts(lang, 'edit.create'),
  });
  return sendHtml(reply, lang, status, html);
}

const value = (raw: string | string[] | undefined): string => (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();

async function createService(deps: ConsoleDeps, context: PageContext): Promise<FastifyReply> {
  const { body, lang, staff, reply } = context;
  const added = addedSection(body);
  if (added) return newServicePage(deps, context, withAnotherRow(body, added), []);
  const institution = await deps.catalog.getInstitution(value(body.institution) || '-');
  if (!canManage(staff, institution.id)) return context.forbidden('services');
  const events = await deps.catalog.listEvents();
  const parsed = parseServiceForm(body, events.map((event) => event.code));
  if (parsed.errors.length > 0) return newServicePage(deps, context, body, parsed.errors, 400);
  try {
    const created = await deps.catalog.create(staff.principal, institution.id, parsed.content);
    return seeOther(reply, lang, `/console/services/${created.id}?done=created`);
  } catch (error) {
    const known = registerError(error);
    if (known) return newServicePage(deps, context, body, [known], 400);
    throw error;
  }
}

/** The register's refusals that concern one field. */
function registerError(error: unknown): FormError | undefined {
  if (!(error instanceof AppError)) return undefined;
  if (error.code === 'catalog.identifier-taken') return { field: 'identifier', key: 'error.identifierTaken' };
  if (error.code === 'catalog.unknown-event') return { field: 'events', key: 'error.events' };
  return undefined;
}

// ---- a service: its status, actions and editor ----

async function loadManaged(deps: ConsoleDeps, staff: Staff, id: string): Promise<Service | undefined> {
  const service = await deps.catalog.get(id);
  return canManage(staff, service.institutionId) ? service : undefined;
}

async function servicePage(
  deps: ConsoleDeps,
  context: PageContext,
  service: Service,
  options: { form?: FormValues; errors?: FormError[]; status?: number; conflict?: EditorPage['conflict']; transitionError?: boolean } = {},
): Promise<FastifyReply> {
  const { lang, reply, csrf } = context;
  const institution = await deps.catalog.getInstitution(service.institutionId);
  const form = options.form ?? contentToForm(service);
  const html = await editorPage({
    lang,
    title: service.title[lang],
    caption: `${ts(lang, 'edit.editTitle')} · ${institution.shortName[lang]}`,
    path: `/console/services/${service.id}`,
    form,
    errors: options.errors ?? [],
    events: await deps.catalog.listEvents(),
    csrf,
    hidden: { version: options.conflict ? String(options.conflict.version) : value(form.version) || String(service.version) },
    submitLabel: ts(lang, 'edit.save'),
    service,
    panels: { list: deps.servicePanels, staff: context.staff },
    done: options.form ? undefined : queryValue(context.query.done),
    ...(options.conflict ? { conflict: options.conflict } : {}),
    ...(options.transitionError ? { transitionError: true } : {}),
  });
  return sendHtml(reply, lang, options.status ?? 200, html);
}

async function updateService(deps: ConsoleDeps, context: PageContext): Promise<FastifyReply> {
  const { body, lang, staff, reply, params } = context;
  const service = await loadManaged(deps, staff, params.id ?? '');
  if (!service) return context.forbidden('services');
  const added = addedSection(body);
  if (added) return servicePage(deps, context, service, { form: withAnotherRow(body, added) });
  const events = await deps.catalog.listEvents();
  const parsed = parseServiceForm(body, events.map((event) => event.code));
  if (parsed.errors.length > 0) return servicePage(deps, context, service, { form: body, errors: parsed.errors, status: 400 });
  const version = Number.parseInt(value(body.version), 10);
  try {
    await deps.catalog.update(staff.principal, service.id, parsed.content, Number.isFinite(version) ? version : 0);
    return seeOther(reply, lang, `/console/services/${service.id}?done=saved`);
  } catch (error) {
    if (error instanceof AppError && error.code === 'catalog.version-conflict') {
      // Nothing is lost: the person's input comes back, now against the current version.
      const current = await deps.catalog.get(service.id);
      return servicePage(deps, context, current, {
        form: body,
        status: 409,
        conflict: { version: current.version, changed: changedParts(parsed.content, current), serviceId: current.id },
      });
    }
    const known = registerError(error);
    if (known) return servicePage(deps, context, service, { form: body, errors: [known], status: 400 });
    throw error;
  }
}

async function changeStatus(deps: ConsoleDeps, context: PageContext, action: 'publish' | 'withdraw'): Promise<FastifyReply> {
  const { lang, staff, reply, params } = context;
  const service = await loadManaged(deps, staff, params.id ?? '');
  if (!service) return context.forbidden('services');
  try {
    await deps.catalog[action](staff.principal, service.id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'catalog.invalid-transition') return servicePage(deps, context, service, { status: 409, transitionError: true });
    throw error;
  }
  return seeOther(reply, lang, `/console/services/${service.id}?done=${action === 'publish' ? 'published' : 'withdrawn'}`);
}

// ---- version history ----

async function versionsPage(deps: ConsoleDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang, staff, params } = context;
  const service = await loadManaged(deps, staff, params.id ?? '');
  if (!service) return context.forbidden('services');
  const versions = await deps.catalog.versions(staff.principal, service.id);
  const people = new Map<string, string>();
  for (const id of new Set(versions.map((version) => version.changedBy).filter((by): by is string => by !== null))) {
    const person = await deps.persons.findPerson(id);
    people.set(id, person ? `${person.givenName} ${person.familyName}` : id);
  }
  const title = ts(lang, 'versions.title');
  return renderPage({
    lang,
    title: `${title}: ${service.title[lang]}`,
    alternateUrl: at(otherLang(lang), `/console/services/${service.id}/versions`),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, '/console/services'), text: ts(lang, 'list.title') }, { href: at(lang, `/console/services/${service.id}`), text: service.title[lang] }),
    children: (
      <>
        <span class="govuk-caption-l" safe>
          {service.title[lang]}
        </span>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--s" safe>
            {ts(lang, 'versions.caption')}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {(['versions.version', 'versions.status', 'versions.titleColumn', 'versions.slug', 'versions.changedBy', 'versions.changedAt'] as ServiceKey[]).map((key) => (
                <th scope="col" class="govuk-table__header" safe>
                  {ts(lang, key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {versions.map((version) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                  {String(version.version)}
                </td>
                <td class="govuk-table__cell">
                  <StatusTag lang={lang} status={version.status} />
                </td>
                <td class="govuk-table__cell" safe>
                  {version.content.title[lang]}
                </td>
                <td class="govuk-table__cell" safe>
                  {version.slug}
                </td>
                <td class="govuk-table__cell" safe>
                  {version.changedBy ? (people.get(version.changedBy) ?? version.changedBy) : ts(lang, 'versions.system')}
                </td>
                <td class="govuk-table__cell" safe>
                  {formatDateTime(version.changedAt, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="govuk-body">
          <a class="govuk-link" href={at(lang, `/console/services/${service.id}`)} safe>
            {ts(lang, 'versions.back')}
          </a>
        </p>
      </>
    ),
  });
}

export function registerServicePages(shell: ConsoleShell, deps: ConsoleDeps): void {
  shell.route({ method: 'GET', path: '/console/services', need: 'services', handler: (context) => listPage(deps, context) });
  shell.route({ method: 'GET', path: '/console/services/new', need: 'services', handler: (context) => newServicePage(deps, context, blankForm(), []) });
  shell.route({ method: 'POST', path: '/console/services', need: 'services', handler: (context) => createService(deps, context) });
  shell.route({
    method: 'GET',
    path: '/console/services/:id',
    need: 'services',
    handler: async (context) => {
      const service = await loadManaged(deps, context.staff, context.params.id ?? '');
      if (!service) return context.forbidden('services');
      return servicePage(deps, context, service);
    },
  });
  shell.route({ method: 'POST', path: '/console/services/:id', need: 'services', handler: (context) => updateService(deps, context) });
  shell.route({ method: 'POST', path: '/console/services/:id/publish', need: 'services', handler: (context) => changeStatus(deps, context, 'publish') });
  shell.route({ method: 'POST', path: '/console/services/:id/withdraw', need: 'services', handler: (context) => changeStatus(deps, context, 'withdraw') });
  shell.route({ method: 'GET', path: '/console/services/:id/versions', need: 'services', handler: (context) => versionsPage(deps, context) });
}
