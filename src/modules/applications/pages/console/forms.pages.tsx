/**
 * Service managers' pages for applying (P2, P8, P12): a service's e-form
 * (its JSON Schema and presentation hints, edited as two JSON texts and
 * validated by the applications module, errors shown per JSON pointer, a
 * version conflict shown with the input kept) and a preview of its first
 * step; the service's lead time. Reached from the service's page in the
 * console. The institution's wording of the status codes: forms.labels.tsx.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { formatDateTime, formatDuration, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { FormInput, FormPresentation, JsonSchema } from '../../index.js';
import type { Service } from '../../../catalog/index.js';
import type { CaseDeps } from './applications.context.js';
import { at, consoleCrumbs, type ConsoleShell, type PageContext, queryValue, seeOther, type Staff } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, Pair, Radios, SuccessBanner, TextInput } from '../../../../platform/web/fields.js';
import { tCommon } from '../../../../platform/web/fields.messages.js';
import { tf, type FormsKey } from './forms.messages.js';
import { StepPreview } from './forms.preview.js';

export const canManage = (staff: Staff, institutionId: string): boolean => staff.platformAdmin || staff.managerOf.includes(institutionId);
export const text = (raw: string | string[] | undefined): string => (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();

/** The service, when this person manages it; undefined otherwise (the caller answers 403). */
async function managedService(deps: CaseDeps, context: PageContext): Promise<Service | undefined> {
  const service = await deps.catalog.get(context.params.id ?? '');
  return canManage(context.staff, service.institutionId) ? service : undefined;
}

const serviceCrumbs = (lang: Lang, service: Service) =>
  consoleCrumbs(lang, { href: at(lang, '/console/services'), text: tf(lang, 'crumb.services') }, { href: at(lang, `/console/services/${service.id}`), text: service.title[lang] });

/** Links from a service's console page to its applying settings (used by services.pages.tsx). */
export function ApplyingLinks({ lang, service }: { lang: Lang; service: Pick<Service, 'id' | 'status'> }): JSX.Element {
  if (service.status !== 'published') return <></>;
  const links: [FormsKey, string][] = [
    ['links.form', `/console/services/${service.id}/form`],
    ['links.preview', `/console/services/${service.id}/form/preview`],
    ['links.leadTime', `/console/services/${service.id}/lead-time`],
  ];
  return (
    <>
      <h2 class="govuk-heading-m" safe>
        {tf(lang, 'links.title')}
      </h2>
      <ul class="govuk-list">
        {links.map(([key, path]) => (
          <li>
            <a class="govuk-link" href={at(lang, path)} safe>
              {tf(lang, key)}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

// ---- the e-form ----

/** A JSON textarea with every error about its part listed above it. */
function JsonArea({ lang, name, label, hint, value, errors }: { lang: Lang; name: string; label: string; hint: string; value: string; errors: string[] }): JSX.Element {
  const described = [`${name}-hint`, errors.length > 0 ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`govuk-form-group${errors.length > 0 ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label govuk-label--m" for={name} safe>
        {label}
      </label>
      <div id={`${name}-hint`} class="govuk-hint" safe>
        {hint}
      </div>
      {errors.length > 0 ? (
        <div id={`${name}-error`} class="govuk-error-message">
          <ul class="govuk-list govuk-!-margin-bottom-0">
            {errors.map((error) => (
              <li>
                <span class="govuk-visually-hidden" safe>
                  {tCommon(lang, 'common.errorPrefix')}
                </span>{' '}
                <span safe>{error}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      <textarea
        class={`govuk-textarea govuk-!-width-full${errors.length > 0 ? ' govuk-textarea--error' : ''}`}
        id={name}
        name={name}
        rows="24"
        spellcheck="false"
        autocapitalize="off"
        aria-describedby={described}
        safe
      >
        {value}
      </textarea>
    </div>
  );
}

interface FormEditorState {
  schema: string;
  presentation: string;
  expectedVersion: number;
  errors: ShownError[];
  conflict?: number;
}

async function formPage(deps: CaseDeps, context: PageContext, service: Service, state?: FormEditorState, status = 200): Promise<FastifyReply> {
  const { lang, reply, csrf } = context;
  const form = await deps.applications.getForm(service.id);
  const values = state ?? { schema: JSON.stringify(form.schema, null, 2), presentation: JSON.stringify(form.presentation, null, 2), expectedVersion: form.version, errors: [] };
  const title = tf(lang, 'form.title');
  const done = !state && queryValue(context.query.done) === 'saved';
  const errorsOf = (id: string): string[] => values.errors.filter((error) => error.id === id).map((error) => error.text);
  const html = await renderPage({
    lang,
    title: pageTitle(lang, `${title}: ${service.title[lang]}`, [...values.errors, ...(state?.conflict !== undefined ? [1] : [])]),
    alternateUrl: at(otherLang(lang), `/console/services/${service.id}/form`),
    section: 'console',
    breadcrumbs: serviceCrumbs(lang, service),
    children: (
      <>
        <SuccessBanner lang={lang} text={done ? tf(lang, 'form.saved', { version: form.version }) : undefined} />
        {state?.conflict !== undefined ? (
          <ErrorSummary lang={lang} errors={values.errors} title={tf(lang, 'form.conflictTitle')}>
            <p class="govuk-body" safe>
              {tf(lang, 'form.conflictText', { version: state.conflict })}
            </p>
          </ErrorSummary>
        ) : (
          <ErrorSummary lang={lang} errors={values.errors} />
        )}
        <span class="govuk-caption-l" safe>
          {service.title[lang]}
        </span>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {tf(lang, 'form.lead')}
        </p>
        <dl class="govuk-summary-list">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key" safe>
              {tf(lang, 'form.version')}
            </dt>
            <dd class="govuk-summary-list__value" id="form-version" safe>
              {form.version === 0 ? tf(lang, 'form.versionGeneric') : String(form.version)}
            </dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key" safe>
              {tf(lang, 'form.updated')}
            </dt>
            <dd class="govuk-summary-list__value" safe>
              {form.updatedAt ? `${formatDateTime(form.updatedAt, lang)}${form.updatedBy ? ` · ${form.updatedBy}` : ''}` : tf(lang, 'form.never')}
            </dd>
          </div>
        </dl>
        <p class="govuk-body">
          <a class="govuk-link" href={at(lang, `/console/services/${service.id}/form/preview`)} safe>
            {tf(lang, 'links.preview')}
          </a>
          {' · '}
          <a class="govuk-link" href={at(lang, `/console/services/${service.id}/lead-time`)} safe>
            {tf(lang, 'links.leadTime')}
          </a>
        </p>
        <form method="post" action={at(lang, `/console/services/${service.id}/form`)} novalidate>
          <Csrf token={csrf} />
          <input type="hidden" name="expectedVersion" value={String(values.expectedVersion)} />
          <JsonArea lang={lang} name="schema" label={tf(lang, 'form.schema')} hint={tf(lang, 'form.schemaHint')} value={values.schema} errors={errorsOf('schema')} />
          <JsonArea lang={lang} name="presentation" label={tf(lang, 'form.presentation')} hint={tf(lang, 'form.presentationHint')} value={values.presentation} errors={errorsOf('presentation')} />
          <button type="submit" class="govuk-button" data-module="govuk-button" safe>
            {tf(lang, 'form.save')}
          </button>
        </form>
      </>
    ),
  });
  return sendHtml(reply, lang, status, html);
}

/** A JSON text as an object, or the error to show. */
function parseObject(lang: Lang, source: string, id: 'schema' | 'presentation'): { value: Record<string, unknown> } | { error: ShownError } {
  const part = tf(lang, id === 'schema' ? 'form.schema' : 'form.presentation');
  try {
    const value: unknown = JSON.parse(source);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: { id, text: tf(lang, 'form.error.object', { part }) } };
    return { value: value as Record<string, unknown> };
  } catch (error) {
    return { error: { id, text: tf(lang, 'form.error.json', { part, detail: (error as Error).message }) } };
  }
}

async function saveForm(deps: CaseDeps, context: PageContext): Promise<FastifyReply> {
  const { lang, staff, reply, body } = context;
  const service = await managedService(deps, context);
  if (!service) return context.forbidden('services');
  const version = Number.parseInt(text(body.expectedVersion), 10);
  const state: FormEditorState = {
    schema: typeof body.schema === 'string' ? body.schema : '',
    presentation: typeof body.presentation === 'string' ? body.presentation : '',
    expectedVersion: Number.isFinite(version) && version >= 0 ? version : 0,
    errors: [],
  };
  const schema = parseObject(lang, state.schema, 'schema');
  const presentation = parseObject(lang, state.presentation, 'presentation');
  state.errors = [...('error' in schema ? [schema.error] : []), ...('error' in presentation ? [presentation.error] : [])];
  if ('error' in schema || 'error' in presentation) return formPage(deps, context, service, state, 400);
  const input: FormInput = { schema: schema.value as JsonSchema, presentation: presentation.value as unknown as FormPresentation, expectedVersion: state.expectedVersion };
  try {
    await deps.applications.saveForm(staff.principal, service.id, input);
  } catch (error) {
    if (error instanceof AppError && error.code === 'applications.invalid-form') {
      state.errors = (error.errors ?? []).map((problem) => {
        const id = problem.pointer.startsWith('#/presentation') ? 'presentation' : 'schema';
        const pointer = problem.pointer.replace(/^#\/(schema|presentation)/, '#') || '#';
        const part = tf(lang, id === 'schema' ? 'form.schema' : 'form.presentation');
        return { id, text: problem.pointer === '#' ? tf(lang, 'form.error.whole', { detail: problem.detail }) : tf(lang, 'form.error.at', { part, pointer, detail: problem.detail }) };
      });
      return formPage(deps, context, service, state, 400);
    }
    if (error instanceof AppError && error.code === 'applications.form-version-conflict') {
      // The input stays; saving again replaces the version someone else saved.
      const current = await deps.applications.getForm(service.id);
      return formPage(deps, context, service, { ...state, expectedVersion: current.version, conflict: current.version }, 409);
    }
    throw error;
  }
  return seeOther(reply, lang, `/console/services/${service.id}/form?done=saved`);
}

async function previewPage(deps: CaseDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang } = context;
  const service = await managedService(deps, context);
  if (!service) return context.forbidden('services');
  const form = await deps.applications.getForm(service.id);
  const first = form.presentation.steps[0];
  const title = tf(lang, 'preview.title');
  return renderPage({
    lang,
    title: `${title}: ${service.title[lang]}`,
    alternateUrl: at(otherLang(lang), `/console/services/${service.id}/form/preview`),
    section: 'console',
    breadcrumbs: serviceCrumbs(lang, service),
    children: (
      <>
        <span class="govuk-caption-l" safe>
          {service.title[lang]}
        </span>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {tf(lang, 'preview.lead', { version: form.version })}
        </p>
        <h2 class="govuk-heading-s" safe>
          {tf(lang, 'preview.steps')}
        </h2>
        <ol class="govuk-list govuk-list--number">
          {form.presentation.steps.map((step) => (
            <li safe>{step.title[lang]}</li>
          ))}
        </ol>
        <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
        {first ? <StepPreview lang={lang} form={form} step={first} number={1} /> : ''}
        <p class="govuk-body">
          <a class="govuk-link" href={at(lang, `/console/services/${service.id}/form`)} safe>
            {tf(lang, 'preview.back')}
          </a>
        </p>
      </>
    ),
  });
}

// ---- the lead time ----

interface LeadTimeValues {
  duration: string;
  dayKind: string;
  legalBasisLv: string;
  legalBasisEn: string;
}

async function leadTimePage(deps: CaseDeps, context: PageContext, service: Service, state?: { values: LeadTimeValues; errors: ShownError[] }, status = 200): Promise<FastifyReply> {
  const { lang, reply, csrf } = context;
  const current = await deps.applications.getLeadTime(service.id);
  const values = state?.values ?? {
    duration: current.duration,
    dayKind: current.dayKind,
    legalBasisLv: current.legalBasis?.lv ?? '',
    legalBasisEn: current.legalBasis?.en ?? '',
  };
  const errors = state?.errors ?? [];
  const errorOf = (id: string): string | undefined => errors.find((error) => error.id === id)?.text;
  const title = tf(lang, 'lead.title');
  const html = await renderPage({
    lang,
    title: pageTitle(lang, `${title}: ${service.title[lang]}`, errors),
    alternateUrl: at(otherLang(lang), `/console/services/${service.id}/lead-time`),
    section: 'console',
    breadcrumbs: serviceCrumbs(lang, service),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <SuccessBanner lang={lang} text={!state && queryValue(context.query.done) === 'saved' ? tf(lang, 'lead.saved') : undefined} />
          <ErrorSummary lang={lang} errors={errors} />
          <span class="govuk-caption-l" safe>
            {service.title[lang]}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {tf(lang, 'lead.lead')}
          </p>
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key" safe>
                {tf(lang, 'lead.current')}
              </dt>
              <dd class="govuk-summary-list__value" id="lead-time-current" safe>
                {`${formatDuration(current.duration, lang) ?? current.duration} (${tf(lang, current.dayKind === 'working' ? 'lead.working' : 'lead.calendar').toLowerCase()})`}
              </dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key" safe>
                {tf(lang, 'lead.source')}
              </dt>
              <dd class="govuk-summary-list__value" safe>
                {tf(lang, `lead.source.${current.source}`)}
              </dd>
            </div>
          </dl>
          <form method="post" action={at(lang, `/console/services/${service.id}/lead-time`)} novalidate>
            <Csrf token={csrf} />
            <TextInput lang={lang} name="duration" label={tf(lang, 'lead.duration')} labelClass="govuk-label--s" hint={tf(lang, 'lead.durationHint')} value={values.duration} width="10" spellcheck={false} error={errorOf('duration')} />
            <Radios
              lang={lang}
              name="dayKind"
              legend={tf(lang, 'lead.dayKind')}
              value={values.dayKind}
              error={errorOf('dayKind')}
              options={[
                { value: 'working', text: tf(lang, 'lead.working') },
                { value: 'calendar', text: tf(lang, 'lead.calendar'), hint: tf(lang, 'lead.calendarHint') },
              ]}
            />
            <Pair>
              <TextInput lang={lang} name="legalBasisLv" label={tf(lang, 'lead.legalBasisLv')} labelClass="govuk-label--s" contentLang="lv" value={values.legalBasisLv} error={errorOf('legalBasisLv')} />
              <TextInput lang={lang} name="legalBasisEn" label={tf(lang, 'lead.legalBasisEn')} labelClass="govuk-label--s" contentLang="en" value={values.legalBasisEn} error={errorOf('legalBasisEn')} />
            </Pair>
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {tf(lang, 'lead.save')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
  return sendHtml(reply, lang, status, html);
}

const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

async function saveLeadTime(deps: CaseDeps, context: PageContext): Promise<FastifyReply> {
  const { lang, staff, reply, body } = context;
  const service = await managedService(deps, context);
  if (!service) return context.forbidden('services');
  const values: LeadTimeValues = {
    duration: text(body.duration).toUpperCase(),
    dayKind: text(body.dayKind),
    legalBasisLv: text(body.legalBasisLv).slice(0, 2000),
    legalBasisEn: text(body.legalBasisEn).slice(0, 2000),
  };
  const errors: ShownError[] = [];
  if (!DURATION.test(values.duration) || values.duration.length > 40) errors.push({ id: 'duration', text: tf(lang, 'lead.error.duration') });
  if (values.dayKind !== 'working' && values.dayKind !== 'calendar') errors.push({ id: 'dayKind', text: tf(lang, 'lead.error.dayKind') });
  if (Boolean(values.legalBasisLv) !== Boolean(values.legalBasisEn)) errors.push({ id: values.legalBasisLv ? 'legalBasisEn' : 'legalBasisLv', text: tf(lang, 'lead.error.legalBasis') });
  if (errors.length > 0) return leadTimePage(deps, context, service, { values, errors }, 400);
  try {
    await deps.applications.setLeadTime(staff.principal, service.id, {
      duration: values.duration,
      dayKind: values.dayKind as 'working' | 'calendar',
      legalBasis: values.legalBasisLv ? { lv: values.legalBasisLv, en: values.legalBasisEn } : null,
    });
  } catch (error) {
    if (error instanceof AppError && (error.code === 'applications.invalid-lead-time' || error.code === 'applications.invalid-input')) {
      return leadTimePage(deps, context, service, { values, errors: [{ id: 'duration', text: tf(lang, 'lead.error.invalid', { detail: error.errors?.[0]?.detail ?? error.message }) }] }, 400);
    }
    throw error;
  }
  return seeOther(reply, lang, `/console/services/${service.id}/lead-time?done=saved`);
}

export function registerFormPages(shell: ConsoleShell, deps: CaseDeps): void {
  const service = (handler: (service: Service, context: PageContext) => Promise<FastifyReply>) => async (context: PageContext) => {
    const found = await managedService(deps, context);
    if (!found) return context.forbidden('services');
    return handler(found, context);
  };
  shell.route({ method: 'GET', path: '/console/services/:id/form', need: 'services', handler: service((found, context) => formPage(deps, context, found)) });
  shell.route({ method: 'POST', path: '/console/services/:id/form', need: 'services', handler: (context) => saveForm(deps, context) });
  shell.route({ method: 'GET', path: '/console/services/:id/form/preview', need: 'services', handler: (context) => previewPage(deps, context) });
  shell.route({ method: 'GET', path: '/console/services/:id/lead-time', need: 'services', handler: service((found, context) => leadTimePage(deps, context, found)) });
  shell.route({ method: 'POST', path: '/console/services/:id/lead-time', need: 'services', handler: (context) => saveLeadTime(deps, context) });
}
