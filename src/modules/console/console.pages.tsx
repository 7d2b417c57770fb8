/**
 * The console's home page (`/console`, `/en/console`): the staff member's
 * institutions and roles, and links to what those roles let them do. Also
 * wires every console page into the app.
 */
import type { App } from '../../platform/http/server.js';
import { otherLang, type Lang } from '../../platform/web/i18n.js';
import { renderPage } from '../../platform/web/layout.js';
import { handlerOf, type CaseDeps } from './applications.context.js';
import { registerApplicationPages } from './applications.pages.js';
import { allows, consoleRoute, type Need, type Staff } from './console.access.js';
import { at } from './console.components.js';
import { t, type ConsoleKey } from './console.messages.js';
import { registerClientPages } from './clients.pages.js';
import { registerLabelPages } from './forms.labels.js';
import { registerFormPages } from './forms.pages.js';
import { registerInstitutionPages } from './institutions.pages.js';
import { registerServicePages } from './services.pages.js';
import { registerStaffPages } from './staff.pages.js';
import type { NotificationsService } from '../notifications/index.js';
import { registerNotificationPages, seesNotifications } from './notifications.pages.js';
import { tn } from './notifications.messages.js';

/** A tool shows when the staff member's roles meet its need (case handling: a case_handler role somewhere). */
const TOOLS: { need: Need | 'cases'; path: string; title: ConsoleKey; text: ConsoleKey }[] = [
  { need: 'cases', path: '/console/applications', title: 'console.applications', text: 'console.applicationsText' },
  { need: 'services', path: '/console/services', title: 'console.services', text: 'console.servicesText' },
  { need: 'services', path: '/console/status-labels', title: 'console.statusLabels', text: 'console.statusLabelsText' },
  { need: 'staffRoles', path: '/console/staff', title: 'console.staff', text: 'console.staffText' },
  { need: 'platform', path: '/console/institutions', title: 'console.institutions', text: 'console.institutionsText' },
  { need: 'platform', path: '/console/clients', title: 'console.clients', text: 'console.clientsText' },
];

const ROLE_ORDER = ['platform_admin', 'institution_admin', 'service_manager', 'case_handler', 'support_agent'];

async function homePage(deps: CaseDeps & { notifications?: NotificationsService }, lang: Lang, staff: Staff): Promise<string> {
  const institutions = new Map((await deps.catalog.listInstitutions()).map((institution) => [institution.id, institution]));
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
  const tools: { path: string; title: string; text: string }[] = TOOLS.filter((tool) => (tool.need === 'cases' ? handlerOf(staff).length > 0 : allows(staff, tool.need))).map((tool) => ({
    path: tool.path,
    title: t(lang, tool.title),
    text: t(lang, tool.text),
  }));
  if (deps.notifications && seesNotifications(staff)) tools.push({ path: '/console/notifications', title: tn(lang, 'tool.title'), text: tn(lang, 'tool.text') });
  return renderPage({
    lang,
    title: t(lang, 'console.title'),
    alternateUrl: at(otherLang(lang), '/console'),
    section: 'console',
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {t(lang, 'console.greeting', { name: staff.name })}
          </span>
          <h1 class="govuk-heading-l" safe>
            {t(lang, 'console.title')}
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
                      <li safe>{t(lang, `role.${role}` as ConsoleKey)}</li>
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

/** Every console page, in Latvian and English. */
export function registerConsolePages(app: App, deps: CaseDeps & { notifications?: NotificationsService }): void {
  consoleRoute(app, { method: 'GET', path: '/console', need: 'staff', handler: ({ lang, staff }) => homePage(deps, lang, staff) });
  registerApplicationPages(app, deps);
  registerFormPages(app, deps);
  registerLabelPages(app, deps);
  registerServicePages(app, deps);
  registerStaffPages(app, deps);
  registerInstitutionPages(app, deps);
  registerClientPages(app, deps);
  if (deps.notifications) registerNotificationPages(app, { ...deps, notifications: deps.notifications });
}
