/**
 * What the applications pages share: their address, status tags in the
 * status register's words, download links to an application's files, and
 * the right of the party acted for.
 */
import { escapeHtml as e } from '@kitajs/html';
import { AppError } from '../../../../platform/errors.js';
import type { Lang } from '../../../../platform/web/i18n.js';
import type { Right } from '../../../access/index.js';
import type { ApplicationSummary, FileInfo, StatusCode } from '../../index.js';
import { formatSize } from './apply.components.js';
import type { ApplyDeps } from './apply.context.js';
import { at, type PageContext } from '../../../../platform/web/workspace.js';

export const LIST = '/workspace/applications';
export const PAGE_SIZE = 20;
export const OPEN: readonly StatusCode[] = ['submitted', 'received', 'in_progress', 'awaiting_client'];

const TAG: Record<StatusCode, string> = {
  submitted: 'govuk-tag--blue',
  received: 'govuk-tag--light-blue',
  in_progress: 'govuk-tag--purple',
  awaiting_client: 'govuk-tag--orange',
  decided: 'govuk-tag--turquoise',
  delivered: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
  cancelled: 'govuk-tag--grey',
};

export function StatusTag({ lang, status }: { lang: Lang; status: ApplicationSummary['status'] }): JSX.Element {
  return (
    <strong class={`govuk-tag ${TAG[status.code]}`} safe>
      {status.label[lang]}
    </strong>
  );
}

const fileHref = (lang: Lang, number: string, file: FileInfo): string => at(lang, `${LIST}/${number}/files/${file.id}`);

export function FileLinks({ lang, number, files }: { lang: Lang; number: string; files: FileInfo[] }): JSX.Element {
  return (
    <ul class="govuk-list">
      {files.map((file) => (
        <li>
          <a class="govuk-link" href={fileHref(lang, number, file)} safe>
            {file.filename}
          </a>
          {e(` (${formatSize(file.size, lang)})`)}
        </li>
      ))}
    </ul>
  );
}

/** The right for the party acted for (no particular service): what drafts are listed under. */
export async function currentRight(deps: ApplyDeps, context: PageContext): Promise<Right | undefined> {
  const { principal, acting } = context;
  try {
    return await deps.access.resolveActingFor(principal, acting.current.basis === 'self' ? undefined : acting.current.party);
  } catch (error) {
    if (error instanceof AppError && ['forbidden', 'invalid'].includes(error.kind)) return undefined;
    throw error;
  }
}

