/**
 * The case handlers' pages (P8, P11, P12; issue 4 item 7): the institution's
 * queue, one application with its timeline, and the actions on it. Wired
 * into the console by console.pages.tsx.
 */
import type { App } from '../../platform/http/server.js';
import { changeStatus, downloadFile, registerResultRoute, requestInformation } from './applications.actions.js';
import type { CaseDeps } from './applications.context.js';
import { queuePage } from './applications.queue.js';
import { applicationPage } from './applications.view.js';
import { consoleRoute } from './console.access.js';

export function registerApplicationPages(app: App, deps: CaseDeps): void {
  // 'staff' at the door; whether they handle this institution's cases is asked per page.
  consoleRoute(app, { method: 'GET', path: '/console/applications', need: 'staff', handler: (context) => queuePage(deps, context) });
  consoleRoute(app, { method: 'GET', path: '/console/applications/:number', need: 'staff', handler: (context) => applicationPage(deps, context, context.params.number ?? '') });
  consoleRoute(app, { method: 'GET', path: '/console/applications/:number/files/:fileId', need: 'staff', handler: (context) => downloadFile(deps, context) });
  consoleRoute(app, { method: 'POST', path: '/console/applications/:number/status', need: 'staff', handler: (context) => changeStatus(deps, context) });
  consoleRoute(app, { method: 'POST', path: '/console/applications/:number/request', need: 'staff', handler: (context) => requestInformation(deps, context) });
  registerResultRoute(app, deps);
}
