/**
 * The workspace shell: the signed-in person's own place on the portal (P4),
 * in Latvian at /workspace and English at /en/workspace, working without
 * JavaScript. It holds no capability of its own: it signs the person in (a web
 * session; bearer tokens open no page), remembers whom they chose to act for
 * (P9) and asks the `ActingResolver` it is handed again on every request,
 * checks the CSRF token of every POST, turns failures into pages, and composes
 * its front page from the tiles modules register.
 *
 * Modules put their pages in it through the `WorkspaceShell` contract of
 * platform/web/workspace.ts; app.ts creates the shell and hands it to them.
 */
import type { App } from '../../platform/http/server.js';
import type { ActingResolver, PostKeeper, TileSource, WorkspaceShell } from '../../platform/web/workspace.js';
import { KEEP_ALIVE_PATH, registerIdleWarning } from '../../platform/web/idle-warning.js';
import { homeRoutes } from './home.pages.js';
import { workspaceRoute } from './workspace.guard.js';

export interface WorkspaceShellOptions {
  /** decides whom a signed-in person may act for, and names those parties */
  acting: ActingResolver;
  /** keeps a form posted after the session ended, so signing in again brings back what was typed */
  keeper?: PostKeeper;
  /** how long an idle session lasts, in minutes: stated on every page */
  idleMinutes?: number;
}

export function createWorkspaceShell(app: App, options: WorkspaceShellOptions): WorkspaceShell {
  const tiles: TileSource[] = [];
  const home = homeRoutes(options.acting, tiles);
  const guard = { ...(options.keeper ? { keeper: options.keeper } : {}), ...(options.idleMinutes ? { idleMinutes: options.idleMinutes } : {}) };
  registerIdleWarning(app);
  // "Stay signed in": any signed-in request keeps the session alive; this one answers nothing more.
  workspaceRoute(app, options.acting, { method: 'GET', path: KEEP_ALIVE_PATH, handler: async ({ reply }) => reply.code(204).header('cache-control', 'no-store').send() }, guard);
  workspaceRoute(app, options.acting, home.home, guard);
  workspaceRoute(app, options.acting, home.choose, guard);
  return {
    app,
    route: (route) => workspaceRoute(app, options.acting, route, guard),
    tile: (source) => void tiles.push(source),
  };
}
