/**
 * The subjects of questions, a small taxonomy in Latvian and English that
 * platform administrators edit in the console: change a label, stop offering a
 * subject (its old tickets keep their name), add one. Plain forms, no
 * JavaScript.
 */
import { AppError } from '../../../../platform/errors.js';
import { at, consoleCrumbs, queryValue, seeOther, type ConsoleShell, type PageContext } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, SuccessBanner, TextInput } from '../../../../platform/web/fields.js';
import { otherLang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { SupportService } from '../../support.service.js';
import { t } from '../support.messages.js';

export const SUBJECTS_PATH = '/console/support/subjects';

async function subjectsPage(support: SupportService, context: PageContext, errors: ShownError[] = [], values: Record<string, string> = {}): Promise<string> {
  const { lang, csrf } = context;
  const subjects = await support.allSubjects();
  const title = t(lang, 'subjects.title');
  const done = queryValue(context.query.done) === 'saved' ? t(lang, 'subjects.saved') : undefined;
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), SUBJECTS_PATH),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, '/console/support'), text: t(lang, 'desk.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={done} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          {subjects.map((subject) => (
            <form method="post" action={at(lang, SUBJECTS_PATH)} novalidate class="govuk-!-margin-bottom-6">
              <Csrf token={csrf} />
              <input type="hidden" name="code" value={subject.code} />
              <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
                  {`${subject.label[lang]} (${subject.code})`}
                </legend>
                <TextInput lang={lang} name={`lv-${subject.code}`} label={t(lang, 'subjects.lv')} value={subject.label.lv} contentLang="lv" />
                <TextInput lang={lang} name={`en-${subject.code}`} label={t(lang, 'subjects.en')} value={subject.label.en} contentLang="en" />
                <div class="govuk-form-group">
                  <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    <div class="govuk-checkboxes__item">
                      <input class="govuk-checkboxes__input" id={`active-${subject.code}`} name="active" type="checkbox" value="yes" checked={subject.active !== false} />
                      <label class="govuk-label govuk-checkboxes__label" for={`active-${subject.code}`} safe>
                        {t(lang, 'subjects.active')}
                      </label>
                    </div>
                  </div>
                </div>
              </fieldset>
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                {t(lang, 'subjects.save')}
              </button>
            </form>
          ))}
          <h2 class="govuk-heading-m" safe>
            {t(lang, 'subjects.add')}
          </h2>
          <form method="post" action={at(lang, SUBJECTS_PATH)} novalidate>
            <Csrf token={csrf} />
            <input type="hidden" name="active" value="yes" />
            <TextInput lang={lang} name="code" label={t(lang, 'subjects.code')} hint={t(lang, 'subjects.codeHint')} value={values.code ?? ''} error={errors.find((error) => error.id === 'code')?.text} spellcheck={false} />
            <TextInput lang={lang} name="lv-new" label={t(lang, 'subjects.lv')} value={values.lv ?? ''} contentLang="lv" error={errors.find((error) => error.id === 'lv-new')?.text} />
            <TextInput lang={lang} name="en-new" label={t(lang, 'subjects.en')} value={values.en ?? ''} contentLang="en" error={errors.find((error) => error.id === 'en-new')?.text} />
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {t(lang, 'subjects.add')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
}

export function registerSubjectPages(shell: ConsoleShell, support: SupportService): void {
  shell.route({ method: 'GET', path: SUBJECTS_PATH, need: 'platform', handler: (context) => subjectsPage(support, context) });
  shell.route({
    method: 'POST',
    path: SUBJECTS_PATH,
    need: 'platform',
    handler: async (context) => {
      const field = (name: string): string => {
        const raw = context.body[name];
        return (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
      };
      const code = field('code');
      const existing = (await support.allSubjects()).some((subject) => subject.code === code);
      const suffix = existing ? code : 'new';
      const values = { code, lv: field(`lv-${suffix}`), en: field(`en-${suffix}`) };
      try {
        await support.saveSubject({ code, label: { lv: values.lv, en: values.en }, active: field('active') === 'yes' });
      } catch (error) {
        if (!(error instanceof AppError && error.kind === 'invalid')) throw error;
        const pointer = error.errors?.[0]?.pointer ?? '#/code';
        const id = pointer === '#/code' ? 'code' : pointer === '#/label/lv' ? `lv-${suffix}` : `en-${suffix}`;
        return sendHtml(context.reply, context.lang, 400, await subjectsPage(support, context, [{ id, text: t(context.lang, pointer === '#/code' ? 'subjects.codeError' : 'subjects.labelError') }], existing ? {} : values));
      }
      return seeOther(context.reply, context.lang, `${SUBJECTS_PATH}?done=saved`);
    },
  });
}
