/**
 * Files on the support pages: the optional file field of the forms that ask,
 * answer and reply (multipart, no JavaScript needed), reading a posted form's
 * files, the words for a refused file, and the files of a thread entry as
 * links (files.download.ts sends one).
 */
import { AppError } from '../../../platform/errors.js';
import { FileUpload } from '../../../platform/web/fields.js';
import type { Lang } from '../../../platform/web/i18n.js';
import type { PostedForm } from '../../applications/index.js';
import type { EntryFile, Upload } from '../files.service.js';
import { t } from './support.messages.js';

/** The optional file field (its form must be multipart/form-data). */
export function FilesField({ lang, error, label }: { lang: Lang; error: string | undefined; label?: string }): JSX.Element {
  return <FileUpload lang={lang} name="files" label={label ?? t(lang, 'ask.files')} labelClass="govuk-label--s" hint={t(lang, 'files.hint')} error={error} multiple />;
}

/** The files posted in the `files` field. */
export const uploadsOf = (posted: PostedForm): Upload[] =>
  posted.files.filter((file) => file.field === 'files').map((file) => ({ filename: file.filename, mediaType: file.mediaType, content: file.content }));

/** The first text field of that name in a posted form. */
export function postedText(posted: PostedForm, name: string): string {
  const raw = posted.fields[name];
  return (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
}

/** Why the posted files cannot be taken (over the server's limit, unreadable), before the service sees them. */
export function uploadProblem(lang: Lang, posted: PostedForm): string | undefined {
  if (posted.malformed) return t(lang, 'error.malformed');
  if (posted.tooLarge.length > 0) return t(lang, 'error.files', { name: '' });
  return undefined;
}

/** The words for a file the service refused (`#/files/<index>`), or undefined for any other error. */
export function refusedFile(lang: Lang, error: unknown, uploads: Upload[]): string | undefined {
  if (!(error instanceof AppError) || error.kind !== 'invalid') return undefined;
  const index = /^#\/files\/(\d+)$/.exec(error.errors?.[0]?.pointer ?? '')?.[1];
  if (index === undefined) return undefined;
  return t(lang, 'error.files', { name: uploads[Number(index)]?.filename ?? '' });
}

const sizeText = (bytes: number, lang: Lang): string =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toLocaleString(lang === 'lv' ? 'lv-LV' : 'en-GB', { maximumFractionDigits: 1 })} MB`;

/** A thread entry's files as download links. */
export function EntryFiles({ lang, files, href }: { lang: Lang; files: EntryFile[]; href: (file: EntryFile) => string }): JSX.Element {
  if (files.length === 0) return <></>;
  return (
    <>
      <p class="govuk-body-s govuk-!-margin-bottom-1" safe>
        {t(lang, 'files.list')}
      </p>
      <ul class="govuk-list govuk-list--bullet pk-files">
        {files.map((file) => (
          <li>
            <a class="govuk-link" href={href(file)} safe>
              {`${file.filename} (${sizeText(file.size, lang)})`}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
