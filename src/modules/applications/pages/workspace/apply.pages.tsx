/**
 * Applying for a service from the workspace (P2, P7): the service's e-form
 * rendered server-side, one page per step, prefilled with what the platform
 * knows, for the party the person currently acts for (P9, P15). Every step is
 * saved as a draft, so leaving and coming back resumes where the person left
 * off; conditional fields appear once the answers they depend on are saved,
 * so nothing needs JavaScript. Then "check your answers" with change links,
 * and submission, which leads to the confirmation page (applications.pages).
 *
 * Addresses: /workspace/apply/{slug or id} (resumes), …/step/{step},
 * …/check; the service's id or a former slug answers 301 to the current slug.
 */
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '../../../../platform/errors.js';
import { formatDateTime, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml } from '../../../../platform/web/page.js';
import { draftFits } from '../../applications.service.js';
import { fileProblems, safeFilename, sha256Of } from '../../attachments.js';
import type { AttachmentSlot, Form, FormFieldError, FormStep } from '../../index.js';
import type { Service } from '../../../catalog/index.js';
import { Field, formatSize, ibanWording, LinkedErrorSummary, Slot, typesText } from './apply.components.js';
import { GIVEN_KEY, givenOf, isStale, registerFields, withGivenChoices, withGivenValues } from '../../forms.registers.js';
import { checkPage, submit } from './apply.check.js';
import { widgetWording } from './apply.wording.js';
import { CHOSEN, currentRight, knownAbout, partiesFor, whoPage } from './apply.who.js';
import { paymentReturn } from './apply.fees.js';
import { applyPath, files, stepPath, valueOf, type Applying, type ApplyDeps } from './apply.context.js';
import { applyStep, CHECK, draftFiles, errorsFor, FILES_KEY, formData, inputId, nextStep, previousStep, readStep, shownFields, shownSlots, slotId, type Answers, type DraftFile, type ShownField } from './apply.form.js';
import { t } from './applications.messages.js';
import { readPostedForm, type UploadedFile } from './applications.uploads.js';
import { ActingBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { at, seeOther, switchPath, type PageContext, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { textOf } from '../../../../platform/web/form-values.js';

export type { ApplyDeps } from './apply.context.js';

/** The service of the address, or a reply: 301 to its current slug, or 404. */
async function serviceOf(deps: ApplyDeps, context: PageContext, rest: string): Promise<Service | FastifyReply> {
  const ref = context.params.ref ?? '';
  const found = await deps.catalog.lookup(ref);
  if (found.kind === 'missing') throw new NotFoundError('applications.service-not-found', `No service "${ref}".`);
  if (found.service.slug !== ref) return context.reply.redirect(at(context.lang, applyPath(found.service.slug, rest)), 301);
  return found.service;
}

async function noRightPage(context: PageContext, service: Service): Promise<FastifyReply> {
  const { lang, acting, reply } = context;
  const title = t(lang, 'apply.noRightTitle');
  const html = await renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), applyPath(service.slug)),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ActingBanner lang={lang} acting={acting} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'apply.noRight', { party: acting.current.text, service: service.title[lang] })}
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={switchPath(lang, at(lang, applyPath(service.slug)))} safe>
              {t(lang, 'apply.switch')}
            </a>
          </p>
        </div>
      </div>
    ),
  });
  return sendHtml(reply, lang, 403, html);
}

/** Everything a page of the form stands on, or the reply that replaces it. */
async function applying(deps: ApplyDeps, context: PageContext, rest: string): Promise<Applying | FastifyReply> {
  const service = await serviceOf(deps, context, rest);
  if (!('slug' in service)) return service;
  const right = await currentRight(deps, context, service.id);
  if (!right) return noRightPage(context, service);
  const [form, draft] = await Promise.all([deps.applications.getForm(service.id), deps.applications.getDraft(context.principal, right, service.id)]);
  let data = draft ? draft.data : deps.applications.prefill(form, context.principal, right, await knownAbout(deps, context, right));
  // Once only: the registers are asked when the draft holds no answer of theirs yet, or a day-old one (each query is audited).
  if (registerFields(form).length > 0 && (!(GIVEN_KEY in data) || isStale(givenOf(data), new Date()))) data = { ...data, [GIVEN_KEY]: await deps.applications.givenFor(context.principal, right, form) };
  const given = givenOf(data);
  return { service, form: withGivenChoices(form, given), right, draft, data: withGivenValues(data, given) };
}

/** The "who is this for?" page, unless the party acted for has a draft of this form to resume or is the only choice. */
async function askWhom(deps: ApplyDeps, context: PageContext): Promise<FastifyReply | string | undefined> {
  const service = await serviceOf(deps, context, '');
  if (!('slug' in service)) return service;
  const right = await currentRight(deps, context, service.id);
  if (right && (await deps.applications.getDraft(context.principal, right, service.id))) return undefined;
  const parties = await partiesFor(deps, context, service);
  const onlyCurrent = parties.length === 1 && parties[0]?.party === context.acting.current.party;
  return parties.length === 0 || onlyCurrent ? undefined : whoPage(context, service, parties);
}

const isReply = (value: Applying | FastifyReply): value is FastifyReply => !('form' in value);

// ---- one step ----

interface StepState {
  errors?: Map<string, string>;
  /** a question appeared because of the answers just saved */
  added?: boolean;
  resumed?: string;
  /** opened from a "Change" link of the check page: saving returns there */
  fromCheck?: boolean;
  /** shows what was typed before the session ended (kept while the person signed in again), not yet saved */
  restored?: boolean;
}

async function stepPage(context: PageContext, state: Applying, step: FormStep, view: StepState = {}): Promise<string> {
  const { lang, acting, csrf } = context;
  const { service, form, data } = state;
  const steps = form.presentation.steps;
  const fields = shownFields(form, step, data);
  const slots = shownSlots(form, step, data);
  const chosen = draftFiles(data);
  const given = givenOf(data);
  const errors = view.errors ?? new Map<string, string>();
  const labelOf = (name: string): string => form.presentation.fields[name]?.label[lang] ?? form.presentation.attachments.find((slot) => `file:${slot.name}` === name)?.title[lang] ?? name;
  // `_form`: a problem of the whole post (e.g. an unreadable upload), linked to the form itself.
  const shown = [...errors].map(([name, text]) =>
    name === '_form'
      ? { href: '#step-form', text }
      : { href: `#${name.startsWith('file:') ? slotId(name.slice(5)) : inputId(name)}`, text: t(lang, 'common.fieldError', { label: labelOf(name), message: text }) },
  );
  const previous = previousStep(form, step.id);
  const back = view.fromCheck ? at(lang, stepPath(service.slug, CHECK)) : previous ? at(lang, stepPath(service.slug, previous)) : at(lang, `/services/${service.slug}`);
  const removeForm = 'remove-file';
  const multipart = slots.length > 0;
  return renderPage({
    lang,
    title: pageTitle(lang, `${step.title[lang]} — ${service.title[lang]}`, shown),
    alternateUrl: at(otherLang(lang), stepPath(service.slug, step.id)),
    section: 'workspace',
    children: (
      <>
        <a href={back} class="govuk-back-link" safe>
          {t(lang, 'common.back')}
        </a>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <LinkedErrorSummary lang={lang} errors={shown} />
            {view.resumed ? (
              <div class="govuk-inset-text" id="resumed" safe>
                {t(lang, 'apply.resumed', { date: formatDateTime(view.resumed, lang) })}
              </div>
            ) : (
              ''
            )}
            {view.restored ? (
              <div class="govuk-inset-text" id="restored" safe>
                {t(lang, 'apply.restored')}
              </div>
            ) : (
              ''
            )}
            {view.added ? (
              <div class="govuk-inset-text" id="added" safe>
                {t(lang, 'apply.newQuestion')}
              </div>
            ) : (
              ''
            )}
            <ActingBanner lang={lang} acting={acting} returnTo={at(lang, stepPath(service.slug, step.id))} />
            <span class="govuk-caption-l" safe>
              {t(lang, 'apply.stepOf', { service: service.title[lang], step: steps.indexOf(step) + 1, total: steps.length })}
            </span>
            <h1 class="govuk-heading-l" safe>
              {step.title[lang]}
            </h1>
            {step.description ? (
              <p class="govuk-body" safe>
                {step.description[lang]}
              </p>
            ) : (
              ''
            )}
            <form method="post" action={at(lang, stepPath(service.slug, step.id))} id="step-form" novalidate {...(multipart ? { enctype: 'multipart/form-data' } : {})}>
              <input type="hidden" name="_csrf" value={csrf} />
              <input type="hidden" name="_fields" value={fields.map((field) => field.name).join(',')} />
              <input type="hidden" name="_slots" value={slots.map((slot) => slot.name).join(',')} />
              {view.fromCheck ? <input type="hidden" name="_return" value="check" /> : ''}
              {fields.map((field) => (
                <Field lang={lang} field={field} value={valueOf(data, field.name)} error={errors.get(field.name)} given={given[field.name]} />
              ))}
              {slots.map((slot) => (
                <Slot lang={lang} slot={slot} files={chosen.filter((file) => file.slot === slot.name)} error={errors.get(`file:${slot.name}`)} removeForm={removeForm} />
              ))}
              <div class="govuk-button-group">
                <button type="submit" name="_action" value="continue" class="govuk-button" data-module="govuk-button" safe>
                  {t(lang, 'apply.continue')}
                </button>
                <button type="submit" name="_action" value="save" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                  {t(lang, 'apply.saveLater')}
                </button>
              </div>
            </form>
            {chosen.some((file) => slots.some((slot) => slot.name === file.slot)) ? (
              <form method="post" action={at(lang, applyPath(service.slug, `/step/${step.id}/remove-file`))} id={removeForm}>
                <input type="hidden" name="_csrf" value={csrf} />
              </form>
            ) : (
              ''
            )}
          </div>
        </div>
      </>
    ),
  });
}

const stepById = (form: Form, id: string | undefined): FormStep | undefined => form.presentation.steps.find((step) => step.id === id);

/**
 * Checks new files against their slot by the module's one rule
 * (`fileProblems`) and keeps the good ones in the store; the slot's first
 * problem in the page's language.
 */
async function takeFiles(deps: ApplyDeps, lang: Lang, slot: AttachmentSlot, existing: DraftFile[], uploads: UploadedFile[]): Promise<{ kept: DraftFile[]; error?: string }> {
  const kept: DraftFile[] = [];
  let error: string | undefined;
  for (const upload of uploads) {
    const name = upload.filename;
    const [problem] = fileProblems(slot, upload, existing.length + kept.length);
    if (problem === 'count') error ??= t(lang, 'apply.fileCount', { count: slot.maxFiles });
    else if (problem === 'empty') error ??= t(lang, 'apply.fileEmpty', { name });
    else if (problem === 'too_large') error ??= t(lang, 'apply.fileTooLarge', { name, size: formatSize(slot.maxBytes, lang) });
    else if (problem === 'type' || problem === 'content') error ??= t(lang, 'apply.fileType', { name, types: typesText(slot.mediaTypes) });
    else {
      const sha256 = sha256Of(upload.content);
      if (existing.some((file) => file.sha256 === sha256)) continue;
      await files.put(deps.db, sha256, upload.content);
      kept.push({ slot: slot.name, filename: safeFilename(upload.filename), mediaType: upload.mediaType, size: upload.content.byteLength, sha256 });
    }
  }
  return error ? { kept, error } : { kept };
}

async function saveStep(deps: ApplyDeps, context: PageContext, state: Applying, step: FormStep): Promise<FastifyReply | string> {
  const { lang, request, reply, principal } = context;
  const posted = await readPostedForm(request);
  if (posted.malformed) return sendHtml(reply, lang, 400, await stepPage(context, state, step, { errors: new Map([['_form', t(lang, 'apply.malformed')]]) }));
  if (!posted.csrfOk) return context.refuseCsrf(stepPath(state.service.slug, step.id));
  const rendered = new Set(textOf(posted.fields._fields).split(',').filter(Boolean));
  const renderedSlots = new Set(textOf(posted.fields._slots).split(',').filter(Boolean));
  const { form, service } = state;
  // Only what the page showed is read: a field hidden meanwhile keeps no answer.
  const fields = shownFields(form, step, state.data).filter((field) => rendered.has(field.name));
  let next = applyStep(form, step, state.data, readStep(fields, posted.fields));

  const errors = new Map<string, string>();
  const slots = shownSlots(form, step, next).filter((slot) => renderedSlots.has(slot.name));
  for (const slot of slots) {
    const existing = draftFiles(next);
    const uploads = posted.files.filter((file) => file.field === `file:${slot.name}`);
    const taken = await takeFiles(deps, lang, slot, existing.filter((file) => file.slot === slot.name), uploads);
    if (taken.kept.length > 0) next = { ...next, [FILES_KEY]: [...existing, ...taken.kept] };
    if (posted.tooLarge.includes(`file:${slot.name}`)) errors.set(`file:${slot.name}`, t(lang, 'apply.fileTooLargeUnnamed'));
    if (taken.error) errors.set(`file:${slot.name}`, taken.error);
    else if (slot.required && !draftFiles(next).some((file) => file.slot === slot.name)) errors.set(`file:${slot.name}`, t(lang, 'apply.fileRequired', { title: slot.title[lang] }));
  }
  const shownNow = shownFields(form, step, next);
  const problems = deps.applications.validateData(form, formData(next));
  // An IBAN's problem depends on what was typed; every other widget's wording is the default for its kind.
  const wording = (field: ShownField, problem: FormFieldError): string | undefined =>
    field.hint.widget === 'iban' && problem.keyword === 'format' ? ibanWording(lang, valueOf(next, field.name)) : widgetWording(lang, field, problem);
  for (const [name, text] of errorsFor(problems, shownNow.filter((field) => rendered.has(field.name)), lang, wording)) errors.set(name, text);
  const added = shownNow.some((field) => !rendered.has(field.name)) || shownSlots(form, step, next).some((slot) => !renderedSlots.has(slot.name));

  if (!draftFits(next)) {
    // Nothing is saved: the draft as it was stays, and the page says what to shorten.
    const html = await stepPage(context, { ...state, data: next }, step, { errors: new Map([['_form', t(lang, 'apply.draftTooLarge')]]) });
    return sendHtml(reply, lang, 413, html);
  }
  const saveLater = textOf(posted.fields._action) === 'save';
  const fromCheck = textOf(posted.fields._return) === 'check';
  const stay = errors.size > 0 || added;
  const following = fromCheck ? CHECK : nextStep(form, step.id);
  await deps.applications.saveDraft(principal, state.right, service.id, { data: next, step: stay ? step.id : following });
  if (saveLater) return seeOther(reply, lang, '/workspace/applications?done=saved');
  if (stay) {
    const html = await stepPage(context, { ...state, data: next }, step, { errors, added, fromCheck });
    return sendHtml(reply, lang, errors.size > 0 ? 400 : 200, html);
  }
  return seeOther(reply, lang, stepPath(service.slug, following));
}

async function removeFile(deps: ApplyDeps, context: PageContext, state: Applying, step: FormStep): Promise<FastifyReply> {
  const [slot, sha256] = textOf(context.body.file).split(':');
  const remaining = draftFiles(state.data).filter((file) => !(file.slot === slot && file.sha256 === sha256));
  const data: Answers = { ...state.data };
  if (remaining.length > 0) data[FILES_KEY] = remaining;
  else delete data[FILES_KEY];
  await deps.applications.saveDraft(context.principal, state.right, state.service.id, { data, step: step.id });
  return seeOther(context.reply, context.lang, stepPath(state.service.slug, step.id));
}

// ---- routes ----

export function registerApplyPages(shell: WorkspaceShell, deps: ApplyDeps): void {
  // The direct link to a service's form: resumes a draft where it was left, else starts.
  shell.route({
    method: 'GET',
    path: '/workspace/apply/:ref',
    handler: async (context) => {
      // One who may act for others is first asked whom this is for (unless they just answered, or resume a draft).
      if (context.acting.options.length > 1 && !context.request.url.endsWith(`?${CHOSEN}`)) {
        const asked = await askWhom(deps, context);
        if (asked) return asked;
      }
      const state = await applying(deps, context, '');
      if (isReply(state)) return state;
      const first = state.form.presentation.steps[0]?.id ?? CHECK;
      const resume = state.draft?.step && (state.draft.step === CHECK || stepById(state.form, state.draft.step)) ? state.draft.step : first;
      return seeOther(context.reply, context.lang, `${stepPath(state.service.slug, resume)}${state.draft ? '?resumed=1' : ''}`);
    },
  });
  shell.route({
    method: 'GET',
    path: '/workspace/apply/:ref/step/:step',
    handler: async (context) => {
      const state = await applying(deps, context, `/step/${context.params.step}`);
      if (isReply(state)) return state;
      const step = stepById(state.form, context.params.step);
      if (!step) return seeOther(context.reply, context.lang, applyPath(state.service.slug));
      const resumed = textOf(context.query.resumed) === '1' && state.draft ? state.draft.updatedAt : undefined;
      const fromCheck = textOf(context.query.from) === 'check' || textOf(context.kept?._return) === 'check';
      if (context.kept) {
        // The session ended as this step was sent: what was typed, shown again to be sent once more.
        const rendered = new Set(textOf(context.kept._fields).split(',').filter(Boolean));
        const fields = shownFields(state.form, step, state.data).filter((field) => rendered.has(field.name));
        const data = applyStep(state.form, step, state.data, readStep(fields, context.kept));
        return stepPage(context, { ...state, data }, step, { restored: true, fromCheck });
      }
      return stepPage(context, state, step, { ...(resumed ? { resumed } : {}), fromCheck });
    },
  });
  shell.route({
    method: 'POST',
    path: '/workspace/apply/:ref/step/:step',
    multipart: true,
    handler: async (context) => {
      const state = await applying(deps, context, `/step/${context.params.step}`);
      if (isReply(state)) return state;
      const step = stepById(state.form, context.params.step);
      if (!step) return seeOther(context.reply, context.lang, applyPath(state.service.slug));
      return saveStep(deps, context, state, step);
    },
  });
  shell.route({
    method: 'POST',
    path: '/workspace/apply/:ref/step/:step/remove-file',
    handler: async (context) => {
      const state = await applying(deps, context, `/step/${context.params.step}`);
      if (isReply(state)) return state;
      const step = stepById(state.form, context.params.step);
      if (!step) return seeOther(context.reply, context.lang, applyPath(state.service.slug));
      return removeFile(deps, context, state, step);
    },
  });
  shell.route({
    method: 'GET',
    path: '/workspace/apply/:ref/check',
    handler: async (context) => {
      const state = await applying(deps, context, '/check');
      if (isReply(state)) return state;
      return checkPage(deps, context, state, []);
    },
  });
  // Back from the payment provider.
  shell.route({
    method: 'GET',
    path: '/workspace/apply/:ref/paid',
    handler: async (context) => {
      const state = await applying(deps, context, '/paid');
      if (isReply(state)) return state;
      return paymentReturn(deps, context, state);
    },
  });
  shell.route({
    method: 'POST',
    path: '/workspace/apply/:ref/check',
    handler: async (context) => {
      const state = await applying(deps, context, '/check');
      if (isReply(state)) return state;
      return submit(deps, context, state);
    },
  });
}
