/**
 * Applications: applying for any service digitally and receiving its result
 * digitally (P2), direct links to each application (P7), the central status
 * register of every application of every institution — processed on the
 * platform or in the institution's own system (P8), each application's
 * timeline (P11), and lead times with expected completion dates (P12).
 *
 * Exposes one ApplicationsService (e-forms, drafts and submission, the status
 * register with batch ingest, tracking and the institution's queue, lead
 * times, results), the file stores, its migrations and its demo data. Status
 * changes are announced on the platform's outbox as `applications.status_changed`
 * (applications.events.ts: the type and its payload's schema).
 */
import { fileURLToPath } from 'node:url';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import { createAccess } from '../access/index.js';
import { createAudit } from '../audit/index.js';
import { createCatalog } from '../catalog/index.js';
import type { ApplicationsDeps } from './applications.context.js';
import { loadApplicationsDemo } from './applications.demo.js';
import type { ApplicationsTables } from './applications.repo.js';
import { createSubmission, type SubmissionService } from './applications.service.js';
import { databaseFileStore, type FileStore } from './attachments.js';
import { createForms, type FormsService } from './forms.service.js';
import { createRegisterData, type RegisterDataService } from './forms.registers.js';
import { createPaidSubmission, type PaidSubmissionService } from './paid-submission.service.js';
import { createLeadTimes, type LeadTimeService } from './lead-time.service.js';
import { createResults, type ResultsService } from './results.service.js';
import { createStatusRegister, type StatusRegisterService } from './status-register.service.js';
import { createTracking, type TrackingService } from './tracking.service.js';

export type { FormsService, KnownAboutApplicant } from './forms.service.js';
export type { Given, GivenField, RegisterDataService } from './forms.registers.js';
export type { SubmissionService } from './applications.service.js';
export type { PaidSubmissionService, Held, HeldFile } from './paid-submission.service.js';
export { capturedSubscriber, PAID_EVENTS } from './paid-submission.subscriber.js';
export { draftFits } from './applications.service.js';
export type { StatusRegisterService } from './status-register.service.js';
export type { TrackingService } from './tracking.service.js';
export type { LeadTimeService } from './lead-time.service.js';
export type { ResultsService } from './results.service.js';
export type { FormFieldError } from './applications.errors.js';
export type * from './applications.schemas.js';
export {
  FormInput as FormInputSchema,
  LeadTimeInput as LeadTimeInputSchema,
  StatusBatch as StatusBatchSchema,
  StatusEventInput as StatusEventInputSchema,
  StatusInput as StatusInputSchema,
  StatusLabelsInput as StatusLabelsInputSchema,
  SubmitInput as SubmitInputSchema,
  MAX_BATCH,
} from './applications.schemas.js';
export { STATUS_CODES, FINAL_CODES, DEFAULT_LABELS, nextCodes, type StatusCode, type ActorRole } from './statuses.js';
export { expectedCompletion, isWorkingDay, rigaDate, type LeadTime, type DayKind, type Pause } from './lead-time.js';
export { databaseFileStore, filesystemFileStore, fileStoreFor, s3FileStore, type FileStore, type S3Settings } from './attachments.js';
/** The checks every uploaded file meets (count, size, declared type, content signature), for other modules' uploads (support's questions and replies). */
export { fileProblems, GENERAL_SLOT, safeFilename, sha256Of, type FileProblem } from './attachments.js';
/** Reading a page's form that may be multipart (fields, files, the CSRF token checked). */
export { readPostedForm, type PostedForm, type UploadedFile } from './pages/workspace/applications.uploads.js';
/** Files in a JSON body (base64), as the applications API takes them: the schema, its size limit and the strict decoder. */
export { Base64File, decodeFiles, JSON_UPLOAD_LIMIT } from './requests.routes.js';
export { workspaceLink } from './tracking.service.js';
export { registerApplicationsRoutes, type ApplicationsRouteDeps } from './applications.routes.js';

export const applicationsMigrations: MigrationSource = { module: 'applications', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

/** Everything the routes, pages and the console call. */
export type ApplicationsService = FormsService & RegisterDataService & SubmissionService & PaidSubmissionService & StatusRegisterService & TrackingService & LeadTimeService & ResultsService;

export interface ApplicationsOptions {
  /** where file contents live (default: the database, which every instance shares) */
  files?: FileStore;
  now?: () => Date;
  /** client rights (default: the access module's) */
  rights?: ApplicationsDeps['rights'];
  /** the state registers register-fed form fields read (default: none) */
  registers?: ApplicationsDeps['registers'];
  /** the platform takes fees online (a payment provider is configured): an application with a fee due waits for its payment */
  feesOnline?: boolean;
}

export function createApplications(db: RootDb, options: ApplicationsOptions = {}): ApplicationsService {
  const now = options.now ?? (() => new Date());
  const rights = options.rights ?? createAccess(db, { knownServices: async (ids) => ids, now }).access;
  const deps: ApplicationsDeps = {
    root: narrow<ApplicationsTables>(db),
    catalog: (executor) => createCatalog(executor),
    rights,
    audit: (executor) => createAudit(executor),
    files: options.files ?? databaseFileStore(),
    now,
    ...(options.registers ? { registers: options.registers } : {}),
    feesOnline: options.feesOnline ?? false,
  };
  const forms = createForms(deps);
  return {
    ...forms,
    ...createRegisterData(deps),
    ...createSubmission(deps, forms),
    ...createPaidSubmission(deps, forms),
    ...createStatusRegister(deps),
    ...createTracking(deps),
    ...createLeadTimes(deps),
    ...createResults(deps),
  };
}

/** DEMO mode: e-forms of the online demo services and PMLP's status wording. Run inside runOnce. */
export async function loadApplicationsDemoData(trx: RootDb): Promise<{ forms: number; flagship: number }> {
  return loadApplicationsDemo(narrow<ApplicationsTables>(trx), createCatalog(trx));
}

export { APPLICATIONS_SOURCE, STATUS_CHANGED, StatusChangedData, applicationsEvents, type ApplicationsEvent, type StatusChangedEvent } from './applications.events.js';
// The workspace's pages of this module: applying and tracking one's applications.
export { registerApplicationsWorkspacePages, type ApplicationsPagesDeps } from './pages/workspace/workspace.pages.js';
export { registerApplicationsConsolePages } from './pages/console/applications.pages.js';
export type { ApplicationPanel } from './pages/workspace/apply.context.js';
export type { CaseDeps as ApplicationsConsoleDeps, CasePanel } from './pages/console/applications.context.js';
/** A service's console page links to its e-form, preview and lead time (the catalog's service page shows it). */
export { ApplyingLinks } from './pages/console/forms.pages.js';
/** A service's portal page says why its form asks only the general questions, when it does. */
export { generalFormPanel } from './pages/portal/general-form.panel.js';
