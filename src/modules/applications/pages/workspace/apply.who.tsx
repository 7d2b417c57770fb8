/**
 * "Who is this application for?" (P9, P15): before a form starts, a person
 * who may act for others chooses the party — themselves, a child, a person
 * who gave them a mandate, a company; a business-only service offers only the
 * companies. The choice is the workspace's own "whom I act for" switch, posted
 * with the form's address to come back to, so the form that follows is
 * prefilled with the chosen party's data and the person is its submitter.
 */
import { AppError } from '../../../../platform/errors.js';
import { otherLang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle } from '../../../../platform/web/page.js';
import { workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { at, type ActingParty, type PageContext } from '../../../../platform/web/workspace.js';
import type { Right } from '../../../access/index.js';
import type { Service } from '../../../catalog/index.js';
import type { KnownAboutApplicant } from '../../index.js';
import { applyPath, type ApplyDeps } from './apply.context.js';
import { t } from './applications.messages.js';

/** The query flag of a start that has been through the question. */
export const CHOSEN = 'who=1';

/** The right to apply for `party` (undefined: oneself) in this service; a mandate may cover only some services. */
export async function rightFor(deps: ApplyDeps, context: PageContext, party: string | undefined, serviceId: string): Promise<Right | undefined> {
  try {
    return await deps.access.resolveActingFor(context.principal, party, serviceId);
  } catch (error) {
    if (error instanceof AppError && ['forbidden', 'invalid'].includes(error.kind)) return undefined;
    throw error;
  }
}

/** The right to apply for the party acted for, for this service (a mandate may cover only some services). */
export const currentRight = (deps: ApplyDeps, context: PageContext, serviceId: string): Promise<Right | undefined> =>
  rightFor(deps, context, context.acting.current.basis === 'self' ? undefined : context.acting.current.party, serviceId);

/**
 * What the platform knows about the party applied for: a person's name and
 * verified e-mail from the person register, a company's name from the
 * acting party. Without an address of the party's own (a child, a company),
 * the representative's is offered, since news of the application reaches them.
 */
export async function knownAbout(deps: ApplyDeps, context: PageContext, right: Right): Promise<KnownAboutApplicant> {
  const { principal, acting } = context;
  const codes = right.partyKind === 'person' && right.party !== principal.personalCode ? [right.party, principal.personalCode as string] : [principal.personalCode as string];
  const people = await deps.persons.findPersonsByCode(codes);
  const digits = (code: string): string => code.replace(/\D/g, '');
  const emailOf = (code: string): string | undefined => {
    const person = people.find((candidate) => candidate.personalCode === digits(code));
    return person?.email && person.emailVerified ? person.email : undefined;
  };
  const email = (right.partyKind === 'person' ? emailOf(right.party) : undefined) ?? emailOf(principal.personalCode as string);
  const name = right.basis === 'self' ? principal.displayName : acting.current.name;
  return { ...(email ? { email } : {}), ...(name ? { name } : {}) };
}

const businessOnly = (service: Service): boolean => service.audience.length === 1 && service.audience[0] === 'business';

/** Whom the person may apply for in this service; companies only for a business service (when they represent any). */
export async function partiesFor(deps: ApplyDeps, context: PageContext, service: Service): Promise<ActingParty[]> {
  const { acting } = context;
  const checked = await Promise.all(acting.options.map(async (option) => ((await rightFor(deps, context, option.basis === 'self' ? undefined : option.party, service.id)) ? option : undefined)));
  const allowed = checked.filter((option): option is ActingParty => option !== undefined);
  const companies = allowed.filter((option) => option.partyKind === 'company');
  return businessOnly(service) && companies.length > 0 ? companies : allowed;
}

/** The question, as radios posted to the workspace's switch, which then returns to the form's start. */
export function whoPage(context: PageContext, service: Service, parties: ActingParty[]): Promise<string> {
  const { lang, acting, csrf } = context;
  const title = t(lang, 'who.title');
  const chosen = parties.some((party) => party.party === acting.current.party) ? acting.current.party : parties[0]?.party;
  const returnTo = `${at(lang, applyPath(service.slug))}?${CHOSEN}`;
  return renderPage({
    lang,
    title: pageTitle(lang, `${title} — ${service.title[lang]}`, []),
    alternateUrl: at(otherLang(lang), applyPath(service.slug)),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <form method="post" action={at(lang, '/workspace/acting-for')} novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="returnTo" value={returnTo} />
            <div class="govuk-form-group">
              <fieldset class="govuk-fieldset" aria-describedby="who-hint">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
                  <span class="govuk-caption-l" safe>
                    {service.title[lang]}
                  </span>
                  <h1 class="govuk-fieldset__heading" safe>
                    {title}
                  </h1>
                </legend>
                <div id="who-hint" class="govuk-hint" safe>
                  {t(lang, businessOnly(service) ? 'who.hintBusiness' : 'who.hint')}
                </div>
                <div class="govuk-radios" data-module="govuk-radios">
                  {parties.map((party, index) => {
                    const id = index === 0 ? 'party' : `party-${index + 1}`;
                    return (
                      <div class="govuk-radios__item">
                        <input class="govuk-radios__input" id={id} name="party" type="radio" value={party.party} checked={party.party === chosen} aria-describedby={`${id}-basis`} />
                        <label class="govuk-label govuk-radios__label" for={id} safe>
                          {party.text}
                        </label>
                        <div id={`${id}-basis`} class="govuk-hint govuk-radios__hint" safe>
                          {party.basisText}
                        </div>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            </div>
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {t(lang, 'who.button')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
}
