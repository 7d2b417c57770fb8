/**
 * The contract between the workspace shell and the modules whose pages live
 * in it. A module's workspace pages program against these types only; the
 * shell (src/shells/workspace) implements them: it signs the person in, works
 * out whom they act for through the `ActingResolver` it was handed, checks the
 * CSRF token of every POST, serves each page in Latvian and English and turns
 * failures into pages. No domain logic here: who may act for whom is decided
 * by whichever module hands the shell its resolver.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../http/auth.js';
import type { App } from '../http/server.js';
import { pathInLang, type Lang } from './i18n.js';

/** A party someone may act for, named for people to read. */
export interface ActingParty {
  /** the person's code or the company's registration number */
  party: string;
  partyKind: 'person' | 'company';
  /** the ground on which the person acts for the party, as the resolver names it; `self` is the person themselves */
  basis: string;
  /** the person's or company's name; undefined when no register knows it */
  name: string | undefined;
  /** the grant this right rests on, when it rests on one (its id, as the resolver knows it) */
  grantId?: string;
  /** the party in words, in the request's language ("Anna Kalniņa (230390-11113)") */
  text: string;
  /** the ground in words, in the request's language */
  basisText: string;
}

export interface Acting {
  self: ActingParty;
  /** whom the person acts for on this request (re-checked just now) */
  current: ActingParty;
  /** everyone they may act for, themselves first */
  options: ActingParty[];
  /** the party of an earlier choice that no longer holds, in words */
  dropped?: string;
}

/**
 * Decides whom a signed-in person may act for. The shell only remembers the
 * person's choice (a party's code, kept for the session) and asks again on
 * every request, so a right that has gone stops working at once.
 */
export interface ActingResolver {
  /**
   * Whom `principal` acts for given the remembered `choice` (undefined: themselves).
   * A choice whose right has gone is reported in `dropped` and the person acts
   * for themselves.
   */
  resolve(principal: Principal, choice: string | undefined, lang: Lang): Promise<Acting>;
  /**
   * Checks the person's right to act for `party` and records the choice;
   * undefined when they have no such right.
   */
  choose(request: FastifyRequest, principal: Principal, party: string, lang: Lang): Promise<ActingParty | undefined>;
  /** The front page's words about acting for others, in `lang`: its lead, and what to say when one may act only for oneself. */
  texts(lang: Lang): { lead: string; onlySelf: string };
}

/**
 * Keeps a form that was posted after the sender's session had ended, so that
 * after signing in again they find what they had typed (whoever owns web
 * sessions implements it; the shell only hands the token to the browser).
 */
export interface PostKeeper {
  /** keeps `fields` posted to `path` for a while; the one-time token that takes them back */
  keep(path: string, fields: Record<string, unknown>): Promise<string>;
  /** the fields kept with `token` for `path`, once (undefined: none, taken, expired or another page's) */
  take(token: string, path: string): Promise<Record<string, unknown> | undefined>;
}

/** What a workspace page is handed for one request. */
export interface PageContext {
  request: FastifyRequest;
  reply: FastifyReply;
  lang: Lang;
  /** the signed-in person (a web session: bearer tokens open no page) */
  principal: Principal;
  acting: Acting;
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** the form body of a POST (names → value, or values when repeated) */
  body: Record<string, unknown>;
  /** this request's CSRF token, for the page's forms */
  csrf: string;
  /**
   * What the person had posted to this page's form when their session ended,
   * kept while they signed in again (on the GET after sign-in, once); the page
   * shows it again instead of what was saved.
   */
  kept?: Record<string, unknown>;
  /**
   * The page that refuses a form whose CSRF token does not match, for
   * multipart forms whose handler reads the body and checks the token itself.
   * `path` is the page to offer going back to.
   */
  refuseCsrf(path: string): Promise<FastifyReply>;
}

export type PageHandler = (context: PageContext) => Promise<FastifyReply | string>;

export interface WorkspaceRoute {
  method: 'GET' | 'POST';
  /** the Latvian path (under /workspace); the English one is under /en */
  path: string;
  handler: PageHandler;
  /**
   * The form may be multipart (file uploads): the handler reads the body and
   * checks its CSRF token itself (`csrfMatches`), since the shell's check
   * reads urlencoded bodies.
   */
  multipart?: boolean;
  /** A file download: sent as it is stored, never compressed on the way (its bytes are often compressed already). */
  download?: boolean;
}

/** One entry of the workspace's front page: a link, its title and a line about it. */
export interface WorkspaceTile {
  href: string;
  title: string;
  text: string;
}

/**
 * A module's contribution to the front page, asked on every visit: it may
 * offer nothing (undefined or []), one tile or several (e.g. only when the
 * person acts for someone whose grants they may manage).
 */
export type TileSource = (context: PageContext) => Promise<WorkspaceTile | WorkspaceTile[] | undefined> | WorkspaceTile | WorkspaceTile[] | undefined;

/** What the shell offers the modules that put pages in it. */
export interface WorkspaceShell {
  /** the HTTP app, for assets a page needs outside the workspace (e.g. a script) */
  app: App;
  /** Registers a page in both languages behind the shell's guards. */
  route(route: WorkspaceRoute): void;
  /** Adds tiles to the front page, in the order modules register them. */
  tile(source: TileSource): void;
}

/** The path of a workspace page in the given language. */
export const at = (lang: Lang, path: string): string => pathInLang(path, lang);

/**
 * `value` when it is a workspace page of this site to come back to (a path,
 * possibly with a query), else undefined: never another site, never a path
 * outside the workspace.
 */
export function workspaceReturn(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  return /^\/(en\/)?workspace(\/[A-Za-z0-9._~%-]+)*\/?(\?[A-Za-z0-9._~%=&-]*)?$/.test(value) ? value : undefined;
}

/** The address of the "whom I act for" switch that comes back to `returnTo` once the person has chosen. */
export const switchPath = (lang: Lang, returnTo?: string): string => `${at(lang, '/workspace')}${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}#switch`;

/** The reply of a successful POST: on to a page (303), which shows what happened. */
export function seeOther(reply: FastifyReply, lang: Lang, path: string): FastifyReply {
  return reply.redirect(at(lang, path), 303);
}
