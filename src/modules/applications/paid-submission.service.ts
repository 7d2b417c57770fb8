/**
 * Applications with a fee (P2): submitted only once the fee is paid. When the
 * register says a fee is due for the answers given (catalog's `feesDue`), the
 * answers are held as they are paid for, under the id the application will
 * have; the payment names that id. When the payment is captured — told by the
 * payer's return from the provider or by the `payments.captured` event,
 * whichever comes first, and again after a crash — `submitPaid` submits the
 * held application. It is idempotent: the hold's row is locked, it records
 * when it was submitted, and the id is the application's primary key, so the
 * application is submitted exactly once. Until then the draft stays, marked
 * as awaiting payment; a failed or cancelled payment can be tried again.
 *
 * The right to apply is checked when the answers are held, not again at
 * capture: the money is taken by then, and refusing the application after
 * taking it would be worse than honouring a right that ended minutes before.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { narrow } from '../../platform/db/database.js';
import type { Principal } from '../../platform/http/auth.js';
import type { Right } from '../access/index.js';
import { feesDue } from '../catalog/index.js';
import { choiceProblems, queryGiven, withGivenValues } from './forms.registers.js';
import { actingPersonOf, attachmentProblems, canonicalJson, publishedServiceOf, recordSubmission } from './applications.service.js';
import { asRoot, leadTimeOf, withRetry, type ApplicationsDeps } from './applications.context.js';
import * as errors from './applications.errors.js';
import * as repo from './applications.repo.js';
import type { FileInput, Receipt } from './applications.schemas.js';
import { databaseFileStore, sha256Of } from './attachments.js';
import type { FormsService } from './forms.service.js';

/** A file chosen in the draft, kept by its SHA-256 in the drafts' store. */
export interface HeldFile {
  slot: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface FeeLine {
  code: string;
  description: { lv: string; en: string };
  /** cents */
  amount: number;
}

export interface Held {
  applicationId: string;
  serviceId: string;
  applicant: string;
  author: string;
  fees: FeeLine[];
  /** cents */
  amount: number;
  currency: string;
  createdAt: string;
  submittedAt: string | null;
}

export interface PaidSubmissionService {
  /** holds the answers for payment (the same answers held before are held once); refuses answers that could not be submitted */
  holdForPayment(principal: Principal, right: Right, serviceId: string, answers: { data: Record<string, unknown>; files: HeldFile[] }): Promise<Held>;
  /** the person's hold by the application's id (for the party acted for), or undefined */
  heldApplication(principal: Principal, right: Right, applicationId: string): Promise<Held | undefined>;
  /** the services whose answers wait for their fee, for the party acted for: when they were last held (a draft begun later waits for nothing) */
  awaitingPayment(principal: Principal, right: Right): Promise<Map<string, string>>;
  /** submits a held application once its fee is paid; again, it returns the same receipt; undefined when nothing is held under the id */
  submitPaid(applicationId: string, payment: { id: string; amount: number; currency: string }): Promise<Receipt | undefined>;
}

interface HeldTable {
  application_id: string;
  service_id: string;
  applicant: string;
  applicant_kind: 'person' | 'company';
  author: string;
  basis: Right['basis'];
  mandate_id: string | null;
  form_version: number;
  data: Record<string, unknown>;
  files: HeldFile[];
  data_sha256: string;
  fees: FeeLine[];
  created_at: Date;
  submitted_at: Date | null;
}
type HeldDb = Kysely<{ 'applications.held_submissions': HeldTable }>;

const toHeld = (row: HeldTable): Held => ({
  applicationId: row.application_id,
  serviceId: row.service_id,
  applicant: row.applicant,
  author: row.author,
  fees: row.fees,
  amount: row.fees.reduce((sum, fee) => sum + fee.amount, 0),
  currency: 'EUR',
  createdAt: row.created_at.toISOString(),
  submittedAt: row.submitted_at?.toISOString() ?? null,
});

/** Where the workspace keeps the files of drafts (apply.context.ts): the database, shared by every instance. */
const draftStore = databaseFileStore();

export function createPaidSubmission(deps: ApplicationsDeps, forms: FormsService): PaidSubmissionService {
  const held = (db = deps.root): HeldDb => narrow(asRoot(db));

  return {
    async holdForPayment(principal, right, serviceId, answers) {
      const author = await actingPersonOf(deps, principal, right, serviceId);
      const service = await publishedServiceOf(deps, serviceId);
      const form = await forms.getForm(service.id);
      // Once only, as at once-submission: register-fed fields carry the register's values; choices must be its entries.
      const given = await queryGiven(deps.registers, principal, right, form, deps.now());
      answers = { ...answers, data: withGivenValues(answers.data, given) };
      const problems = [...forms.validateData(form, answers.data), ...choiceProblems(answers.data, given)];
      if (problems.length > 0) throw errors.invalidData(problems);
      const contents: FileInput[] = [];
      for (const file of answers.files) {
        const content = await draftStore.get(asRoot(deps.root), file.sha256);
        if (content) contents.push({ slot: file.slot, filename: file.filename, mediaType: file.mediaType, content });
      }
      attachmentProblems(form, answers.data, contents);
      const fees: FeeLine[] = feesDue(service.costs, answers.data).map((cost) => ({ code: cost.code as string, description: cost.description, amount: Math.round(cost.value * 100) }));
      if (fees.length === 0) throw errors.noFeeDue();
      const files = answers.files.filter((file) => contents.some((content) => content.slot === file.slot && content.filename === file.filename));
      const dataSha256 = sha256Of(canonicalJson({ data: answers.data, files, fees, formVersion: form.version }));
      const db = held();
      const same = await db
        .selectFrom('applications.held_submissions')
        .selectAll()
        .where('service_id', '=', service.id)
        .where('applicant', '=', right.party)
        .where('author', '=', author)
        .where('data_sha256', '=', dataSha256)
        .where('submitted_at', 'is', null)
        .executeTakeFirst();
      if (same) return toHeld(same);
      const row: HeldTable = {
        application_id: randomUUID(),
        service_id: service.id,
        applicant: right.party,
        applicant_kind: right.partyKind,
        author,
        basis: right.basis,
        mandate_id: right.mandateId ?? null,
        form_version: form.version,
        data: answers.data,
        files,
        data_sha256: dataSha256,
        fees,
        created_at: deps.now(),
        submitted_at: null,
      };
      await db
        .insertInto('applications.held_submissions')
        .values({ ...row, data: repo.jsonb(row.data), files: repo.jsonb(row.files), fees: repo.jsonb(row.fees) })
        .execute();
      return toHeld(row);
    },

    async heldApplication(principal, right, applicationId) {
      if (!repo.isUuid(applicationId)) return undefined;
      const author = await actingPersonOf(deps, principal, right);
      const row = await held().selectFrom('applications.held_submissions').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
      return row && row.applicant === right.party && row.author === author ? toHeld(row) : undefined;
    },

    async awaitingPayment(principal, right) {
      const author = await actingPersonOf(deps, principal, right);
      const rows = await held()
        .selectFrom('applications.held_submissions')
        .select(['service_id', 'created_at'])
        .where('applicant', '=', right.party)
        .where('author', '=', author)
        .where('submitted_at', 'is', null)
        .orderBy('created_at')
        .execute();
      return new Map(rows.map((row) => [row.service_id, row.created_at.toISOString()]));
    },

    async submitPaid(applicationId, payment) {
      if (!repo.isUuid(applicationId)) return undefined;
      const first = await held().selectFrom('applications.held_submissions').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
      if (!first) return undefined;
      if (first.submitted_at) return (await repo.findApplication(deps.root, applicationId))?.receipt ?? undefined;
      // Everything read from other tables is read before the transaction: on embedded PGlite a query outside it would wait for it.
      const service = await deps.catalog(asRoot(deps.root)).get(first.service_id);
      const form = { ...(await forms.getForm(service.id)), version: first.form_version };
      const declared = (await repo.findLeadTimes(deps.root, [service.id])).get(service.id);
      const { source: _source, serviceId: _serviceId, ...leadTime } = leadTimeOf(service, declared);
      const files: HeldFile[] = [];
      for (const file of first.files) {
        const content = await draftStore.get(asRoot(deps.root), file.sha256);
        if (!content) continue;
        // The drafts' store is the database; a store of another kind gets its own copy first.
        if (!deps.files.transactional) await deps.files.put(asRoot(deps.root), file.sha256, content);
        files.push({ slot: file.slot, filename: file.filename, mediaType: file.mediaType, size: file.size, sha256: file.sha256 });
      }
      return withRetry(() =>
        deps.root.transaction().execute(async (trx) => {
          const row = await held(trx).selectFrom('applications.held_submissions').selectAll().where('application_id', '=', applicationId).forUpdate().executeTakeFirstOrThrow();
          if (row.submitted_at) return (await repo.findApplication(trx, applicationId))?.receipt ?? undefined;
          const receipt = await recordSubmission(deps, trx, {
            id: row.application_id,
            service,
            form,
            right: { party: row.applicant, partyKind: row.applicant_kind, basis: row.basis, mandateId: row.mandate_id ?? undefined },
            submittedBy: row.author,
            actor: `person:${row.author}`,
            data: row.data,
            files,
            leadTime,
            payment,
          });
          await held(trx).updateTable('applications.held_submissions').set({ submitted_at: deps.now() }).where('application_id', '=', applicationId).execute();
          return receipt;
        }),
      );
    },
  };
}
