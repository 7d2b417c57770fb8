/**
 * The access module's part of the workspace: the mandates pages and their
 * front-page tiles. (Whom the person acts for is `createActingResolver`,
 * handed to the shell when app.ts creates it.)
 */
import type { WorkspaceShell } from '../../../../platform/web/workspace.js';
import { at } from '../../../../platform/web/workspace.js';
import { canManageMandates, type AccessPagesDeps } from './acting.js';
import { registerMandateFormPages } from './mandate-form.pages.js';
import { t } from './mandates.messages.js';
import { registerMandatePages } from './mandates.pages.js';

export function registerAccessWorkspacePages(shell: WorkspaceShell, deps: AccessPagesDeps): void {
  shell.tile(({ lang, acting }) => [
    { href: at(lang, '/workspace/mandates'), title: t(lang, 'home.mandates'), text: t(lang, 'home.mandatesText') },
    // Only those who may give a mandate for the party they act for are offered to.
    ...(canManageMandates(acting) ? [{ href: at(lang, '/workspace/mandates/new'), title: t(lang, 'home.newMandate'), text: t(lang, 'home.newMandateText') }] : []),
  ]);
  registerMandatePages(shell, deps);
  registerMandateFormPages(shell, deps);
}
