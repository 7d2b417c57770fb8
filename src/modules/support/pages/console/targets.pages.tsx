/**
 * An institution's response-time targets (P13), set by its support agents:
 * the first reply and resolution in Latvian working days.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { at, consoleCrumbs, queryValue, seeOther, type ConsoleShell, type PageContext } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, SuccessBanner, TextInput } from '../../../../platform/web/fields.js';
import { otherLang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { Agent, SupportService } from '../../support.service.js';
import { t } from '../support.messages.js';

const PATH = '/console/support';

interface Deps {
  support: SupportService;
  catalog: { listInstitutions(): Promise<{ id: string; name: { lv: string; en: string } }[]> };
}

const bodyText = (context: PageContext, name: string): string => {
  const raw = context.body[name];
  return (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
};

async function targetsPage(deps: Deps, context: PageContext, institutionId: string, values: { first: string; resolution: string }, errors: ShownError[] = []): Promise<string> {
  const { lang, csrf } = context;
  const institution = (await deps.catalog.listInstitutions()).find((i) => i.id === institutionId);
  const title = t(lang, 'desk.targetsOf', { institution: institution?.name[lang] ?? '' });
  const done = queryValue(context.query.done) === 'targets' ? t(lang, 'desk.done.targets') : undefined;
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: `${at(otherLang(lang), `${PATH}/targets`)}?institution=${institutionId}`,
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, PATH), text: t(lang, 'desk.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={done} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <form method="post" action={`${at(lang, `${PATH}/targets`)}?institution=${institutionId}`} novalidate>
            <Csrf token={csrf} />
            <TextInput lang={lang} name="firstReplyDays" label={t(lang, 'desk.firstReplyDays')} value={values.first} width="3" inputmode="numeric" error={errors[0]?.text} />
            <TextInput lang={lang} name="resolutionDays" label={t(lang, 'desk.resolutionDays')} value={values.resolution} width="3" inputmode="numeric" />
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {t(lang, 'desk.saveTargets')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
}

export function registerTargetsPages(shell: ConsoleShell, deps: Deps, asAgent: (work: (context: PageContext, agent: Agent) => Promise<string | FastifyReply>) => (context: PageContext) => Promise<string | FastifyReply>): void {
  const { support } = deps;
  const institutionOf = (context: PageContext, agent: Agent): string | undefined => {
    const id = queryValue(context.query.institution);
    return agent.institutions.includes(id) ? id : undefined;
  };

  shell.route({
    method: 'GET',
    path: `${PATH}/targets`,
    need: 'staff',
    handler: asAgent(async (context, agent) => {
      const id = institutionOf(context, agent);
      if (!id) throw new AppError('support.not-found', 'not_found', 'Not an institution of yours.');
      const targets = await support.targets(id);
      return targetsPage(deps, context, id, { first: String(targets.firstReplyDays), resolution: String(targets.resolutionDays) });
    }),
  });

  shell.route({
    method: 'POST',
    path: `${PATH}/targets`,
    need: 'staff',
    handler: asAgent(async (context, agent) => {
      const id = institutionOf(context, agent);
      if (!id) throw new AppError('support.not-found', 'not_found', 'Not an institution of yours.');
      const values = { first: bodyText(context, 'firstReplyDays'), resolution: bodyText(context, 'resolutionDays') };
      try {
        await support.setTargets(id, { firstReplyDays: /^\d{1,3}$/.test(values.first) ? Number(values.first) : 0, resolutionDays: /^\d{1,3}$/.test(values.resolution) ? Number(values.resolution) : 0 });
      } catch (error) {
        if (!(error instanceof AppError && error.kind === 'invalid')) throw error;
        return sendHtml(context.reply, context.lang, 400, await targetsPage(deps, context, id, values, [{ id: 'firstReplyDays', text: t(context.lang, 'error.targets') }]));
      }
      return seeOther(context.reply, context.lang, `${PATH}/targets?institution=${id}&done=targets`);
    }),
  });
}
