/**
 * Results (P2): the institution delivers the result of an application — a
 * summary in both languages, structured data, and documents — into the
 * applicant's workspace. Delivery records `decided` (when not yet) and
 * `delivered` in the status register, in the same transaction as the result.
 */
import type { Principal } from '../../platform/http/auth.js';
import { actorName, asRoot, institutionRole, viewerOf, withRetry, type ApplicationsDeps } from './applications.context.js';
import * as errors from './applications.errors.js';
import * as repo from './applications.repo.js';
import type { ResultInput, StatusChange } from './applications.schemas.js';
import { checkFiles, safeFilename, sha256Of } from './attachments.js';
import { applyEvents, normaliseEvent, type EngineActor, type PendingEvent } from './status-register.engine.js';

export interface ResultsService {
  /** by the institution's systems and case handlers; moves the application to delivered */
  deliverResult(actor: Principal, ref: string, input: ResultInput): Promise<StatusChange>;
}

const MAX_RESULT_DATA = 1024 * 1024;

export function createResults(deps: ApplicationsDeps): ResultsService {
  const root = deps.root;

  return {
    async deliverResult(actor, ref, input) {
      const row = await repo.findApplication(root, ref);
      if (!row) throw errors.applicationNotFound(ref);
      const role = institutionRole(actor, row.institution_id);
      if (!role) {
        if (await viewerOf(deps, actor, row)) throw errors.notInstitution();
        throw errors.applicationNotFound(ref);
      }
      const summary = input.summary;
      if (!summary || typeof summary.lv !== 'string' || typeof summary.en !== 'string' || !summary.lv.trim() || !summary.en.trim()) {
        throw errors.invalidInput('the result’s summary has lv and en text', '#/summary');
      }
      if (input.data !== undefined && JSON.stringify(input.data).length > MAX_RESULT_DATA) throw errors.invalidInput(`structured data is at most ${MAX_RESULT_DATA} bytes of JSON`, '#/data');
      const documents = input.documents ?? [];
      checkFiles(documents, null, '#/documents');
      const delivered = normaliseEvent({ applicationId: row.id, code: 'delivered', ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}), ...(input.eventId ? { eventId: input.eventId } : {}) }, 1, deps.now(), { requireEventId: false });
      if (typeof delivered === 'string') throw errors.invalidInput(delivered, '#/occurredAt');
      const events: PendingEvent[] = [delivered];
      if (row.status !== 'decided' && row.status !== 'delivered') {
        events.unshift({ ...delivered, index: 0, code: 'decided', eventId: input.eventId ? `${input.eventId}:decided` : null });
      }
      if (!deps.files.transactional) for (const file of documents) await deps.files.put(asRoot(root), sha256Of(file.content), file.content);
      const engineActor: EngineActor = { name: actorName(actor), role, institutions: [row.institution_id], institutionId: row.institution_id };
      return withRetry(() =>
        root.transaction().execute(async (trx) => {
          const outcome = await applyEvents(deps, trx, engineActor, events, { action: 'applications.result_delivered' });
          const result = outcome.results.find((candidate) => candidate.index === 1);
          if (result?.status === 'duplicate') {
            return { applicationId: row.id, number: row.number, code: 'delivered' as const, occurredAt: delivered.occurredAt.toISOString(), result: 'duplicate' as const };
          }
          const problem = outcome.results.find((candidate) => candidate.status === 'refused')?.problem;
          if (problem || result?.status !== 'applied') throw errors.eventRefused(problem?.code ?? 'applications.invalid-transition', problem?.detail ?? 'The result cannot be delivered now.');
          await repo.insertResult(trx, { applicationId: row.id, summary: { lv: summary.lv.trim(), en: summary.en.trim() }, data: input.data ?? null, deliveredAt: delivered.occurredAt, deliveredBy: actorName(actor) });
          for (const file of documents) {
            const sha256 = sha256Of(file.content);
            if (deps.files.transactional) await deps.files.put(asRoot(trx), sha256, file.content);
            await repo.insertFile(trx, { application_id: row.id, purpose: 'result', slot: null, status_event_id: outcome.eventRowIds.get(1) ?? null, filename: safeFilename(file.filename), media_type: file.mediaType, size: file.content.byteLength, sha256 });
          }
          return { applicationId: row.id, number: row.number, code: 'delivered' as const, occurredAt: delivered.occurredAt.toISOString(), result: 'applied' as const };
        }),
      );
    },
  };
}
