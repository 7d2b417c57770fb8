/**
 * The applications module's part of the workspace (P2, P7, P8, P11, P12):
 * applying through a service's e-form step by step with drafts, my
 * applications, and one application with its timeline, expected completion,
 * answer to the institution and result; and the front page's tile.
 */
import { at, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { LIST } from './applications.components.js';
import { t } from './applications.messages.js';
import { registerApplicationPages } from './applications.pages.js';
import { registerApplyPages } from './apply.pages.js';
import type { ApplyDeps } from './apply.context.js';

export type ApplicationsPagesDeps = ApplyDeps;

export function registerApplicationsWorkspacePages(shell: WorkspaceShell, deps: ApplicationsPagesDeps): void {
  shell.tile(({ lang }) => ({ href: at(lang, LIST), title: t(lang, 'home.applications'), text: t(lang, 'home.applicationsText') }));
  registerApplyPages(shell, deps);
  registerApplicationPages(shell, deps);
}
