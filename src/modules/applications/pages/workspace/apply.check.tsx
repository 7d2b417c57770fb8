/**
 * "Check your answers" and submission: every answer with a link to change it,
 * the files chosen, problems of the whole form linked to the step that fixes
 * them, and the submission itself for the party acted for, which leads to the
 * confirmation page.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml } from '../../../../platform/web/page.js';
import type { FileInput } from '../../index.js';
import { answerText, formatSize, LinkedErrorSummary } from './apply.components.js';
import { FROM_CHECK, files, stepPath, valueOf, type ApplyDeps, type Applying } from './apply.context.js';
import { allShownSlots, CHECK, draftFiles, formData, inputId, shownFields, shownSlots, slotId, stepOfField } from './apply.form.js';
import { t } from './applications.messages.js';
import { choiceProblems, givenOf } from '../../forms.registers.js';
import { widgetWording } from './apply.wording.js';
import { feesOf, FeesDue, payAndSubmit, payLabel, PaymentNotice } from './apply.fees.js';
import { ActingBanner } from '../../../../platform/web/workspace.components.js';
import { at, seeOther, type PageContext } from '../../../../platform/web/workspace.js';

interface CheckProblem {
  href: string;
  text: string;
}

/** Every problem of the whole form, each linking to the step that can fix it. */
function problemsOf(deps: ApplyDeps, lang: Lang, state: Applying): CheckProblem[] {
  const { form, service, data } = state;
  const list: CheckProblem[] = [];
  for (const problem of [...deps.applications.validateData(form, formData(data)), ...choiceProblems(formData(data), givenOf(data))]) {
    const names = Object.keys(form.presentation.fields);
    const path = problem.pointer.replace(/^#\/data\/?/, '');
    const name = names.filter((candidate) => path === candidate || path.startsWith(`${candidate}/`)).sort((a, b) => b.length - a.length)[0];
    const step = name ? stepOfField(form, name) : undefined;
    const label = name ? (form.presentation.fields[name]?.label[lang] ?? name) : path;
    const field = step && name ? shownFields(form, step, data).find((candidate) => candidate.name === name) : undefined;
    const message = (field && widgetWording(lang, field, problem)) ?? problem.messages[lang];
    list.push({ href: step && name ? `${at(lang, stepPath(service.slug, step.id))}#${inputId(name)}` : at(lang, stepPath(service.slug, form.presentation.steps[0]?.id ?? CHECK)), text: t(lang, 'common.fieldError', { label, message }) });
  }
  const chosen = draftFiles(data);
  for (const step of form.presentation.steps) {
    for (const slot of shownSlots(form, step, data)) {
      if (slot.required && !chosen.some((file) => file.slot === slot.name)) {
        list.push({ href: `${at(lang, stepPath(service.slug, step.id))}#${slotId(slot.name)}`, text: t(lang, 'apply.fileRequired', { title: slot.title[lang] }) });
      }
    }
  }
  return list;
}

export async function checkPage(deps: ApplyDeps, context: PageContext, state: Applying, problems: CheckProblem[]): Promise<string> {
  const { lang, acting, csrf } = context;
  const { service, form, data } = state;
  const chosen = draftFiles(data);
  const given = givenOf(data);
  const title = t(lang, 'check.title');
  const institution = await deps.catalog.getInstitution(service.institutionId).catch(() => undefined);
  const lastStep = form.presentation.steps[form.presentation.steps.length - 1];
  const fees = feesOf(deps, state);
  return renderPage({
    lang,
    title: pageTitle(lang, `${title} — ${service.title[lang]}`, problems),
    alternateUrl: at(otherLang(lang), stepPath(service.slug, CHECK)),
    section: 'workspace',
    children: (
      <>
        <a href={at(lang, stepPath(service.slug, lastStep?.id ?? CHECK))} class="govuk-back-link" safe>
          {t(lang, 'common.back')}
        </a>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <LinkedErrorSummary lang={lang} errors={problems} />
            <PaymentNotice lang={lang} context={context} />
            <ActingBanner lang={lang} acting={acting} returnTo={at(lang, stepPath(service.slug, CHECK))} />
            <span class="govuk-caption-l" safe>
              {service.title[lang]}
            </span>
            <h1 class="govuk-heading-l" safe>
              {title}
            </h1>
            <dl class="govuk-summary-list govuk-!-margin-bottom-9">
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key" safe>
                  {t(lang, 'check.partyKey')}
                </dt>
                <dd class="govuk-summary-list__value" safe>
                  {acting.current.text}
                </dd>
              </div>
              {acting.current.basis === 'self' ? (
                ''
              ) : (
                <div class="govuk-summary-list__row" id="submitted-by">
                  <dt class="govuk-summary-list__key" safe>
                    {t(lang, 'check.submittedByKey')}
                  </dt>
                  <dd class="govuk-summary-list__value" safe>
                    {acting.self.text}
                  </dd>
                </div>
              )}
            </dl>
            {form.presentation.steps.map((step) => {
              const fields = shownFields(form, step, data);
              const slots = shownSlots(form, step, data);
              // A change goes back to this page once saved, not on through the steps.
              const href = `${at(lang, stepPath(service.slug, step.id))}?${FROM_CHECK}`;
              return (
                <>
                  <h2 class="govuk-heading-m" safe>
                    {step.title[lang]}
                  </h2>
                  <dl class="govuk-summary-list govuk-!-margin-bottom-9">
                    {fields.map((field) => {
                      const fromRegister = given[field.name]?.value !== undefined ? given[field.name] : undefined;
                      return fromRegister ? (
                        <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                          <dt class="govuk-summary-list__key" safe>
                            {field.hint.label[lang]}
                          </dt>
                          <dd class="govuk-summary-list__value">
                            {e(answerText(lang, field, fromRegister.value))}
                            <span class="govuk-hint govuk-!-margin-bottom-0" safe>
                              {t(lang, 'check.givenFrom', { register: fromRegister.registerName[lang] })}
                            </span>
                          </dd>
                        </div>
                      ) : (
                        <div class="govuk-summary-list__row">
                          <dt class="govuk-summary-list__key" safe>
                            {field.hint.label[lang]}
                          </dt>
                          <dd class="govuk-summary-list__value" safe>
                            {answerText(lang, field, valueOf(data, field.name))}
                          </dd>
                          <dd class="govuk-summary-list__actions">
                            <a class="govuk-link" href={`${href}#${inputId(field.name)}`}>
                              {e(t(lang, 'check.change'))}
                              <span class="govuk-visually-hidden" safe>
                                {` ${field.hint.label[lang]}`}
                              </span>
                            </a>
                          </dd>
                        </div>
                      );
                    })}
                    {slots.map((slot) => {
                      const inSlot = chosen.filter((file) => file.slot === slot.name);
                      return (
                        <div class="govuk-summary-list__row">
                          <dt class="govuk-summary-list__key" safe>
                            {slot.title[lang]}
                          </dt>
                          <dd class="govuk-summary-list__value">
                            {inSlot.length > 0 ? (
                              <ul class="govuk-list">
                                {inSlot.map((file) => (
                                  <li safe>{`${file.filename} (${formatSize(file.size, lang)})`}</li>
                                ))}
                              </ul>
                            ) : (
                              e(t(lang, 'check.noFiles'))
                            )}
                          </dd>
                          <dd class="govuk-summary-list__actions">
                            <a class="govuk-link" href={`${href}#${slotId(slot.name)}`}>
                              {e(t(lang, 'check.change'))}
                              <span class="govuk-visually-hidden" safe>
                                {` ${slot.title[lang]}`}
                              </span>
                            </a>
                          </dd>
                        </div>
                      );
                    })}
                  </dl>
                </>
              );
            })}
            <FeesDue lang={lang} fees={fees} />
            <h2 class="govuk-heading-m" safe>
              {t(lang, 'check.send')}
            </h2>
            <p class="govuk-body" safe>
              {t(lang, 'check.sendText', { institution: institution?.name[lang] ?? '' })}
            </p>
            <form method="post" action={at(lang, stepPath(service.slug, CHECK))} novalidate>
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit" class="govuk-button" data-module="govuk-button" safe>
                {fees.length > 0 ? payLabel(lang, fees) : t(lang, 'check.submit')}
              </button>
            </form>
          </div>
        </div>
      </>
    ),
  });
}

/** Maps what the service refused at submission onto the check page. */
function refusalsOf(lang: Lang, state: Applying, error: AppError): CheckProblem[] {
  const { form, service } = state;
  const chosen = draftFiles(state.data);
  const list: CheckProblem[] = [];
  for (const problem of error.errors ?? []) {
    const fileAt = /^#\/attachments\/(\d+)$/.exec(problem.pointer);
    const slotAt = /^#\/attachments\/([a-z][a-z0-9_]*)$/.exec(problem.pointer);
    const file = fileAt ? chosen[Number(fileAt[1])] : undefined;
    const slotName = file?.slot ?? slotAt?.[1];
    const step = form.presentation.steps.find((candidate) => slotName && candidate.attachments?.includes(slotName));
    const href = step && slotName ? `${at(lang, stepPath(service.slug, step.id))}#${slotId(slotName)}` : at(lang, stepPath(service.slug, CHECK));
    const slot = form.presentation.attachments.find((candidate) => candidate.name === slotName);
    const text = file
      ? error.kind === 'too_large'
        ? t(lang, 'apply.fileTooLarge', { name: file.filename, size: formatSize(slot?.maxBytes ?? 0, lang) })
        : t(lang, 'apply.fileContent', { name: file.filename })
      : problem.messages?.[lang] ?? (slot ? t(lang, 'apply.fileRequired', { title: slot.title[lang] }) : problem.detail);
    list.push({ href, text });
  }
  return list.length > 0 ? list : [{ href: at(lang, stepPath(service.slug, CHECK)), text: t(lang, 'check.incomplete') }];
}

export async function submit(deps: ApplyDeps, context: PageContext, state: Applying): Promise<FastifyReply | string> {
  const { lang, reply, principal } = context;
  const problems = problemsOf(deps, lang, state);
  if (problems.length > 0) return sendHtml(reply, lang, 400, await checkPage(deps, context, state, problems));
  const shownSlotNames = new Set(allShownSlots(state.form, state.data).map((slot) => slot.name));
  const attachments: FileInput[] = [];
  for (const file of draftFiles(state.data).filter((candidate) => shownSlotNames.has(candidate.slot))) {
    const content = await files.get(deps.db, file.sha256);
    if (content) attachments.push({ slot: file.slot, filename: file.filename, mediaType: file.mediaType, content });
  }
  try {
    // A service with a fee: the answers wait for the payment, and the provider's page comes next.
    const paying = await payAndSubmit(deps, context, state);
    if (paying) return paying.reply;
    const receipt = await deps.applications.submit(principal, state.right, { serviceId: state.service.id, data: formData(state.data), attachments });
    return seeOther(reply, lang, `/workspace/applications/${receipt.number}/submitted`);
  } catch (error) {
    if (!(error instanceof AppError) || !['invalid', 'too_large', 'unsupported_media_type'].includes(error.kind)) throw error;
    if (error.kind === 'invalid' && error.code === 'applications.invalid-data') {
      return sendHtml(reply, lang, 400, await checkPage(deps, context, state, problemsOf(deps, lang, state)));
    }
    return sendHtml(reply, lang, 400, await checkPage(deps, context, state, refusalsOf(lang, state, error)));
  }
}

