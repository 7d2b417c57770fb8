/**
 * What a module's console pages program against: the staff member a page is
 * shown to, the context a page handler gets, the route a module registers
 * (with the need the shell checks before the handler runs) and the tile it
 * adds to the console's home page. The shell (src/shells/console) implements
 * `ConsoleShell`; modules import these types from here, never from the shell.
 *
 * Nothing here knows a capability: needs are stated in platform-level roles
 * (`RoleGrant`), and a module's tile decides for itself whom it shows to.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal, RoleGrant } from '../http/auth.js';
import { createTranslator, pathInLang, type Lang, type MessageTable } from './i18n.js';
import type { Breadcrumb } from './layout.js';

/** A signed-in staff member and what their roles let them do. */
export interface Staff {
  principal: Principal;
  name: string;
  roles: RoleGrant[];
  /** institutions whose services they manage */
  managerOf: string[];
  /** institutions whose staff roles they manage */
  adminOf: string[];
  platformAdmin: boolean;
}

/**
 * What a page needs: any staff role, or the right to manage services, staff
 * roles, or the platform; or only a signed-in person (`signedIn`: a page open to
 * people outside the institutions too, e.g. a third party's API client request).
 */
export type Need = 'staff' | 'services' | 'staffRoles' | 'platform' | 'signedIn';

/** Whether the staff member's roles meet a need (the shell's guard asks the same before a handler runs). */
export function allows(staff: Staff, need: Need): boolean {
  switch (need) {
    case 'signedIn':
      return true;
    case 'staff':
      return staff.roles.length > 0;
    case 'services':
      return staff.platformAdmin || staff.managerOf.length > 0;
    case 'staffRoles':
      return staff.platformAdmin || staff.adminOf.length > 0;
    case 'platform':
      return staff.platformAdmin;
  }
}

/** Institutions where the staff member holds a role (platform-wide grants have no institution). */
export function institutionsWithRole(staff: Staff, role: RoleGrant['role']): string[] {
  return [...new Set(staff.roles.filter((grant) => grant.role === role && grant.institutionId).map((grant) => grant.institutionId as string))];
}

/** Why a page refuses: a need the staff member lacks, a failed CSRF check, or the page's own explanation. */
export type Refusal = Need | 'csrf' | { text: string };

/** Everything a console page handler gets. */
export interface PageContext<Params = Record<string, string>, Query = Record<string, string | undefined>> {
  request: FastifyRequest;
  reply: FastifyReply;
  lang: Lang;
  staff: Staff;
  params: Params;
  query: Query;
  /** the form body of a POST (names → value, or values when repeated); empty for a multipart route, which reads its own parts */
  body: Record<string, string | string[] | undefined>;
  /** this request's CSRF token, for the page's forms */
  csrf: string;
  /** The console's 403 page. */
  forbidden(refusal: Refusal): Promise<FastifyReply>;
}

export type PageHandler = (context: PageContext) => Promise<FastifyReply | string>;

export interface ConsoleRoute {
  method: 'GET' | 'POST';
  /** the Latvian path; the English one is under /en */
  path: string;
  need: Need;
  handler: PageHandler;
  /**
   * A multipart POST: the shell cannot read its CSRF token before the parts
   * are read, so the handler reads them and checks the token itself
   * (`csrfMatches(context.request, field)` from platform/http/csrf.ts; the
   * token in `context.csrf` is masked afresh for each page, so never compare it).
   */
  multipart?: boolean;
  /** A file download: sent as it is stored, never compressed on the way (its bytes are often compressed already). */
  download?: boolean;
  /** Where an anonymous visitor comes back to after signing in (a POST's default: the console's home page). */
  returnTo?: (path: string) => string;
}

/** A link on the console's home page, shown to those it `shows` to. */
export interface ConsoleTile {
  /** the Latvian path; the English one is under /en */
  path: string;
  title: (lang: Lang) => string;
  text: (lang: Lang) => string;
  shows: (staff: Staff) => boolean;
  /** the tile's place on the home page (lower first) */
  order: number;
}

/** The console as a module sees it: where its pages and tiles go. */
export interface ConsoleShell {
  route(route: ConsoleRoute): void;
  tile(tile: ConsoleTile): void;
}

/** The path of a console page in the given language. */
export const at = (lang: Lang, path: string): string => pathInLang(path, lang);

/** The reply of a successful POST: back to a page (303), which shows what happened. */
export function seeOther(reply: FastifyReply, lang: Lang, path: string): FastifyReply {
  return reply.redirect(at(lang, path), 303);
}

/** A query value as a string (the first, when repeated). */
export function queryValue(value: unknown): string {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first.trim() : '';
}

const ROLE_NAMES: MessageTable<'service_manager' | 'case_handler' | 'support_agent' | 'institution_admin' | 'integration_manager' | 'platform_admin'> = {
  lv: {
    service_manager: 'Pakalpojumu pārvaldnieks',
    case_handler: 'Pieteikumu izskatītājs',
    support_agent: 'Klientu atbalsta speciālists',
    institution_admin: 'Iestādes administrators',
    integration_manager: 'Integrāciju pārvaldnieks',
    platform_admin: 'Platformas administrators',
  },
  en: {
    service_manager: 'Service manager',
    case_handler: 'Case handler',
    support_agent: 'Support agent',
    institution_admin: 'Institution administrator',
    integration_manager: 'Integration manager',
    platform_admin: 'Platform administrator',
  },
};
/** A staff role's name as people read it (the role's code when it is not one of the platform's). */
export const roleName = (lang: Lang, role: string): string => (Object.hasOwn(ROLE_NAMES[lang], role) ? ROLE_NAMES[lang][role as keyof (typeof ROLE_NAMES)['lv']] : role);

const titles: MessageTable<'title'> = { lv: { title: 'Iestāžu darba vieta' }, en: { title: 'Institution console' } };
/** The console's name: the first breadcrumb of every console page, and its home page's heading. */
export const consoleTitle = (lang: Lang): string => createTranslator(titles)(lang, 'title');

export const consoleCrumbs = (lang: Lang, ...more: Breadcrumb[]): Breadcrumb[] => [{ href: at(lang, '/console'), text: consoleTitle(lang) }, ...more];
