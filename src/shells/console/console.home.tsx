/**
 * The console's home page (`/console`, `/en/console`): the staff member's
 * institutions and roles, and the tiles of the tools those roles open —
 * each tile registered by the module whose pages it leads to.
 */
import { at, consoleTitle, roleName, type ConsoleTile, type Staff } from '../../platform/web/console.js';
import { otherLang, type Lang } from '../../platform/web/i18n.js';
import { renderPage } from '../../platform/web/layout.js';
import { t } from './console.messages.js';

/** An institution's name in each language, for the roles table (handed to the shell when the app is assembled). */
export interface InstitutionName {
  id: string;
  name: Record<Lang, string>;
}

const ROLE_ORDER = ['platform_admin', 'institution_admin', 'service_manager', 'case_handler', 'support_agent', 'integration_manager'];

export async function homePage(institutionNames: () => Promise<InstitutionName[]>, tiles: readonly ConsoleTile[], lang: Lang, staff: Staff): Promise<string> {
  const institutions = new Map((await institutionNames()).map((institution) => [institution.id, institution]));
  // One row per institution (platform-wide roles first), its roles in a fixed order.
  const byPlace = new Map<string, string[]>();
  for (const grant of staff.roles) {
    const place = grant.institutionId ?? '';
    byPlace.set(place, [...(byPlace.get(place) ?? []), grant.role]);
  }
  const rows = [...byPlace.entries()]
    .map(([place, roles]) => ({
      place: place === '' ? t(lang, 'console.wholePlatform') : (institutions.get(place)?.name[lang] ?? place),
      platform: place === '',
      roles: [...new Set(roles)].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b)),
    }))
    .sort((a, b) => Number(b.platform) - Number(a.platform) || a.place.localeCompare(b.place, lang));
  const tools = [...tiles]
    .sort((a, b) => a.order - b.order)
    .filter((tile) => tile.shows(staff))
    .map((tile) => ({ path: tile.path, title: tile.title(lang), text: tile.text(lang) }));
  return renderPage({
    lang,
    title: consoleTitle(lang),
    alternateUrl: at(otherLang(lang), '/console'),
    section: 'console',
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {t(lang, 'console.greeting', { name: staff.name })}
          </span>
          <h1 class="govuk-heading-l" safe>
            {consoleTitle(lang)}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'console.lead')}
          </p>

          <h2 class="govuk-heading-m" safe>
            {t(lang, 'console.whatYouCanDo')}
          </h2>
          {tools.length > 0 ? (
            <ul class="govuk-list">
              {tools.map((tool) => (
                <li class="govuk-!-margin-bottom-4">
                  <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                    <a class="govuk-link" href={at(lang, tool.path)} safe>
                      {tool.title}
                    </a>
                  </h3>
                  <p class="govuk-body govuk-!-margin-bottom-0" safe>
                    {tool.text}
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body" safe>
              {t(lang, 'console.nothingYet')}
            </p>
          )}

          <h2 class="govuk-heading-m" safe>
            {t(lang, 'console.yourRoles')}
          </h2>
          <dl class="govuk-summary-list">
            {rows.map((row) => (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key" safe>
                  {row.place}
                </dt>
                <dd class="govuk-summary-list__value">
                  <ul class="govuk-list govuk-!-margin-bottom-0">
                    {row.roles.map((role) => (
                      <li safe>{roleName(lang, role)}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
          <p class="govuk-body">
            <a class="govuk-link" href={at(lang, '/logout')} safe>
              {t(lang, 'console.signOut')}
            </a>
          </p>
        </div>
      </div>
    ),
  });
}
