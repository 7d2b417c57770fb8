/**
 * The applications module's console pages: the case handlers' pages (P8,
 * P11, P12; issue 4 item 7) — the institution's queue, one application with
 * its timeline, and the actions on it — and the service managers' e-form,
 * lead time and status label editors (forms.*), with their home page tiles.
 */
import { changeStatus, downloadFile, requestInformation, resultPage } from './applications.actions.js';
import type { CaseDeps } from './applications.context.js';
import { queuePage } from './applications.queue.js';
import { applicationPage } from './applications.view.js';
import { allows, type ConsoleShell } from '../../../../platform/web/console.js';
import { handlerOf } from './applications.context.js';
import { tc } from './applications.messages.js';
import { registerLabelPages } from './forms.labels.js';
import { tf } from './forms.messages.js';
import { registerFormPages } from './forms.pages.js';

/** Every console page of the applications module, and its tiles on the console's home page. */
export function registerApplicationsConsolePages(shell: ConsoleShell, deps: CaseDeps): void {
  shell.tile({ order: 10, path: '/console/applications', title: (lang) => tc(lang, 'tile.title'), text: (lang) => tc(lang, 'tile.text'), shows: (staff) => handlerOf(staff).length > 0 });
  shell.tile({ order: 30, path: '/console/status-labels', title: (lang) => tf(lang, 'tile.title'), text: (lang) => tf(lang, 'tile.text'), shows: (staff) => allows(staff, 'services') });
  registerApplicationPages(shell, deps);
  registerFormPages(shell, deps);
  registerLabelPages(shell, deps);
}

function registerApplicationPages(shell: ConsoleShell, deps: CaseDeps): void {
  // 'staff' at the door; whether they handle this institution's cases is asked per page.
  shell.route({ method: 'GET', path: '/console/applications', need: 'staff', handler: (context) => queuePage(deps, context) });
  shell.route({ method: 'GET', path: '/console/applications/:number', need: 'staff', handler: (context) => applicationPage(deps, context, context.params.number ?? '') });
  shell.route({ method: 'GET', path: '/console/applications/:number/files/:fileId', need: 'staff', download: true, handler: (context) => downloadFile(deps, context) });
  shell.route({ method: 'POST', path: '/console/applications/:number/status', need: 'staff', handler: (context) => changeStatus(deps, context) });
  shell.route({ method: 'POST', path: '/console/applications/:number/request', need: 'staff', handler: (context) => requestInformation(deps, context) });
  shell.route({
    method: 'POST',
    path: '/console/applications/:number/result',
    need: 'staff',
    multipart: true,
    // Signed out while the form was open: back to the application, not to its form's target.
    returnTo: (path) => path.replace(/\/result$/, ''),
    handler: (context) => resultPage(deps, context),
  });
}
