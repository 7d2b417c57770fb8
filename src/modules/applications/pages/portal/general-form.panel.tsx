/**
 * On a service's portal page: when the service's e-form asks only the general
 * questions, why it does (P2: no service is left on the generic form without
 * a stated reason). Nothing when the service has a form of its own.
 */
import { createTranslator, type Lang } from '../../../../platform/web/i18n.js';
import type { FormsService } from '../../forms.service.js';

const t = createTranslator<'title'>({
  lv: { title: 'Kāpēc veidlapa ir vispārīga' },
  en: { title: 'Why the form is general' },
});

export function generalFormPanel(forms: Pick<FormsService, 'getForm'>) {
  return async function GeneralFormPanel({ lang, service }: { lang: Lang; service: { id: string } }): Promise<string> {
    const form = await forms.getForm(service.id).catch(() => undefined);
    const reason = form?.presentation.generalReason;
    if (!reason) return '';
    return (
      <aside class="pk-aside" aria-labelledby="general-form">
        <h2 class="govuk-heading-s" id="general-form" safe>
          {t(lang, 'title')}
        </h2>
        <p class="govuk-body" safe>
          {reason[lang]}
        </p>
      </aside>
    );
  };
}
