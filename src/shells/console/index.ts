/**
 * Console: the institution staff's workplace, a thin shell. It owns the
 * layout of `/console/…` and `/en/console/…`, the guards (a web session, a
 * staff role, the role a page needs, CSRF on every POST), failures as pages,
 * and the home page composed from the tiles modules register. Each
 * capability's console pages live in that module (`pages/console/`) and are
 * registered through the `ConsoleShell` contract in platform/web/console.ts.
 *
 * Imports only the platform; what it needs of a capability (institutions'
 * names for the roles table) is handed to it.
 */
import type { App } from '../../platform/http/server.js';
import type { ConsoleShell, ConsoleTile } from '../../platform/web/console.js';
import { consoleRoute } from './console.guards.js';
import { homePage, type InstitutionName } from './console.home.js';

export type { InstitutionName } from './console.home.js';

export interface ConsoleShellOptions {
  /** every institution's name, for the staff member's roles on the home page */
  institutionNames: () => Promise<InstitutionName[]>;
}

/** Registers the console's home page and returns the shell modules register their pages and tiles with. */
export function createConsoleShell(app: App, options: ConsoleShellOptions): ConsoleShell {
  const tiles: ConsoleTile[] = [];
  consoleRoute(app, { method: 'GET', path: '/console', need: 'staff', handler: ({ lang, staff }) => homePage(options.institutionNames, tiles, lang, staff) });
  return {
    route: (route) => consoleRoute(app, route),
    tile: (tile) => void tiles.push(tile),
  };
}
