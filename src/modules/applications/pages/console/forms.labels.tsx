/**
 * An institution's own wording of the common status codes (P8): service
 * managers give each code a label in Latvian and English; an empty pair keeps
 * the platform's wording, half a pair is an error.
 */
import type { FastifyReply } from 'fastify';
import { otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { StatusLabels } from '../../index.js';
import { DEFAULT_LABELS, STATUS_CODES } from '../../statuses.js';
import type { Institution } from '../../../catalog/index.js';
import type { CaseDeps } from './applications.context.js';
import { at, consoleCrumbs, type ConsoleShell, type PageContext, queryValue, seeOther, type Staff } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, InstitutionPicker, Pair, SuccessBanner, TextInput } from '../../../../platform/web/fields.js';
import { canManage, text } from './forms.pages.js';
import { tf } from './forms.messages.js';

async function managedInstitutions(deps: CaseDeps, staff: Staff, lang: Lang): Promise<Institution[]> {
  const all = await deps.catalog.listInstitutions();
  return all.filter((institution) => canManage(staff, institution.id)).sort((a, b) => Number(staff.managerOf.includes(b.id)) - Number(staff.managerOf.includes(a.id)) || a.name[lang].localeCompare(b.name[lang], lang));
}

async function labelsPage(deps: CaseDeps, context: PageContext, state?: { institution: Institution; values: Record<string, string>; errors: ShownError[] }, status = 200): Promise<FastifyReply> {
  const { lang, staff, reply, csrf } = context;
  const institutions = await managedInstitutions(deps, staff, lang);
  const wanted = state?.institution.code ?? queryValue(context.query.institution);
  const institution = institutions.find((candidate) => candidate.code === wanted || candidate.id === wanted) ?? institutions[0];
  if (!institution) return context.forbidden('services');
  const current = await deps.applications.statusLabels(institution.id);
  // Only the institution's own wording fills the fields: an empty field keeps the platform's.
  const own = (code: (typeof STATUS_CODES)[number], which: Lang): string => (current[code][which] === DEFAULT_LABELS[code][which] && current[code][otherLang(which)] === DEFAULT_LABELS[code][otherLang(which)] ? '' : current[code][which]);
  const values = state?.values ?? Object.fromEntries(STATUS_CODES.flatMap((code) => [[`lv.${code}`, own(code, 'lv')], [`en.${code}`, own(code, 'en')]]));
  const errors = state?.errors ?? [];
  const errorOf = (id: string): string | undefined => errors.find((error) => error.id === id)?.text;
  const title = tf(lang, 'labels.titleOf', { institution: institution.shortName[lang] });
  const html = await renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), `/console/status-labels?institution=${institution.code}`),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <SuccessBanner lang={lang} text={!state && queryValue(context.query.done) === 'saved' ? tf(lang, 'labels.saved') : undefined} />
        <ErrorSummary lang={lang} errors={errors} />
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {tf(lang, 'labels.lead')}
        </p>
        <InstitutionPicker lang={lang} action={at(lang, '/console/status-labels')} options={institutions.map((i) => ({ value: i.code, text: i.name[lang] }))} value={institution.code} />
        <form method="post" action={at(lang, `/console/status-labels?institution=${institution.code}`)} novalidate>
          <Csrf token={csrf} />
          {STATUS_CODES.map((code) => (
            <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                <code safe>{code}</code>
              </legend>
              <div class="govuk-hint" safe>
                {tf(lang, 'labels.default', { lv: DEFAULT_LABELS[code].lv, en: DEFAULT_LABELS[code].en })}
              </div>
              <Pair>
                <TextInput lang={lang} name={`lv.${code}`} label={tf(lang, 'labels.lv')} contentLang="lv" value={values[`lv.${code}`] ?? ''} error={errorOf(`lv-${code}`)} />
                <TextInput lang={lang} name={`en.${code}`} label={tf(lang, 'labels.en')} contentLang="en" value={values[`en.${code}`] ?? ''} error={errorOf(`en-${code}`)} />
              </Pair>
            </fieldset>
          ))}
          <button type="submit" class="govuk-button" data-module="govuk-button" safe>
            {tf(lang, 'labels.save')}
          </button>
        </form>
      </>
    ),
  });
  return sendHtml(reply, lang, status, html);
}

async function saveLabels(deps: CaseDeps, context: PageContext): Promise<FastifyReply> {
  const { lang, staff, reply, body } = context;
  const institutions = await managedInstitutions(deps, staff, lang);
  const wanted = queryValue(context.query.institution);
  const institution = institutions.find((candidate) => candidate.code === wanted);
  if (!institution) return context.forbidden('services');
  const values: Record<string, string> = {};
  const labels: StatusLabels = {};
  const errors: ShownError[] = [];
  for (const code of STATUS_CODES) {
    const lv = (values[`lv.${code}`] = text(body[`lv.${code}`]));
    const en = (values[`en.${code}`] = text(body[`en.${code}`]));
    if (!lv && !en) continue;
    if (!lv || !en) errors.push({ id: `${lv ? 'en' : 'lv'}-${code}`, text: tf(lang, 'labels.error.pair') });
    else if (lv.length > 200 || en.length > 200) errors.push({ id: `${lv.length > 200 ? 'lv' : 'en'}-${code}`, text: tf(lang, 'labels.error.long') });
    else if (lv !== DEFAULT_LABELS[code].lv || en !== DEFAULT_LABELS[code].en) labels[code] = { lv, en };
  }
  if (errors.length > 0) return labelsPage(deps, context, { institution, values, errors }, 400);
  await deps.applications.setStatusLabels(staff.principal, institution.id, labels);
  return seeOther(reply, lang, `/console/status-labels?institution=${institution.code}&done=saved`);
}

export function registerLabelPages(shell: ConsoleShell, deps: CaseDeps): void {
  shell.route({ method: 'GET', path: '/console/status-labels', need: 'services', handler: (context) => labelsPage(deps, context) });
  shell.route({ method: 'POST', path: '/console/status-labels', need: 'services', handler: (context) => saveLabels(deps, context) });
}
