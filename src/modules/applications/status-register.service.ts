/**
 * The central status register (P8): every status change of every application,
 * whether it is processed on the platform or in an institution's own system —
 * one change at a time (an institution's system or case handler), or batches
 * of up to 1,000 events, each applied, found duplicate, or refused by name.
 * The engine that applies them is in status-register.engine.ts.
 */
import type { Text } from '../catalog/index.js';
import { hasRole, type Principal } from '../../platform/http/auth.js';
import { actorName, asRoot, institutionRole, viewerOf, withRetry, type ApplicationsDeps } from './applications.context.js';
import * as errors from './applications.errors.js';
import { EVENT_PROBLEMS } from './applications.errors.js';
import * as repo from './applications.repo.js';
import { MAX_BATCH, type EventResult, type StatusChange, type StatusEventInput, type StatusInput, type StatusLabels } from './applications.schemas.js';
import { applyEvents, normaliseEvent, refused, type EngineActor, type PendingEvent } from './status-register.engine.js';
import { DEFAULT_LABELS, isStatusCode, STATUS_CODES, type StatusCode } from './statuses.js';

export interface StatusRegisterService {
  /** one status change by the institution's system or a case handler; a repeated eventId changes nothing */
  recordStatus(actor: Principal, applicationId: string, input: StatusInput): Promise<StatusChange>;
  /** up to 1,000 events of the actor's institution, each applied, duplicate or refused by name */
  ingestBatch(actor: Principal, events: StatusEventInput[]): Promise<EventResult[]>;
  /** the status labels an institution shows (its own wording, or the platform's) */
  statusLabels(institutionId: string): Promise<Record<StatusCode, Text>>;
  /** an institution's own wording of the codes; administrators and service managers of the institution */
  setStatusLabels(actor: Principal, institutionId: string, labels: StatusLabels): Promise<Record<StatusCode, Text>>;
}

export function createStatusRegister(deps: ApplicationsDeps): StatusRegisterService {
  const root = deps.root;

  const statusLabels = async (institutionId: string): Promise<Record<StatusCode, Text>> => {
    const own = (await repo.labelsOf(root, [institutionId])).get(institutionId);
    return Object.fromEntries(STATUS_CODES.map((code) => [code, own?.get(code) ?? DEFAULT_LABELS[code]])) as Record<StatusCode, Text>;
  };

  return {
    async recordStatus(actor, applicationId, input) {
      const app = await repo.findApplication(root, applicationId);
      if (!app) throw errors.applicationNotFound(applicationId);
      const role = institutionRole(actor, app.institution_id);
      if (!role) {
        if (await viewerOf(deps, actor, app)) throw errors.notInstitution();
        throw errors.applicationNotFound(applicationId);
      }
      const event = normaliseEvent({ ...input, applicationId: app.id }, 0, deps.now(), { requireEventId: false });
      if (typeof event === 'string') throw errors.eventRefused(EVENT_PROBLEMS.invalidEvent, event);
      const engineActor: EngineActor = { name: actorName(actor), role, institutions: [app.institution_id], institutionId: app.institution_id };
      const outcome = await withRetry(() => root.transaction().execute((trx) => applyEvents(deps, trx, engineActor, [event], { action: 'applications.status_recorded' })));
      const [result] = outcome.results;
      if (!result || result.status === 'refused') throw errors.eventRefused(result?.problem?.code ?? EVENT_PROBLEMS.invalidEvent, result?.problem?.detail ?? 'refused');
      return { applicationId: app.id, number: app.number, code: event.code, occurredAt: event.occurredAt.toISOString(), result: result.status };
    },

    async ingestBatch(actor, events) {
      if (actor.kind !== 'system' || !actor.institutionId) throw errors.notInstitution();
      if (!Array.isArray(events) || events.length > MAX_BATCH) throw errors.batchTooLarge(MAX_BATCH);
      const now = deps.now();
      const early: EventResult[] = [];
      const pending: PendingEvent[] = [];
      events.forEach((input, index) => {
        const event = normaliseEvent(input, index, now, { requireEventId: true });
        if (typeof event === 'string') early.push(refused(index, typeof input?.eventId === 'string' ? input.eventId : null, EVENT_PROBLEMS.invalidEvent, event));
        else pending.push(event);
      });
      const institutionId = actor.institutionId;
      const engineActor: EngineActor = { name: actorName(actor), role: 'system', institutions: [institutionId], institutionId };
      const outcome =
        pending.length === 0
          ? { results: [] }
          : await withRetry(() => root.transaction().execute((trx) => applyEvents(deps, trx, engineActor, pending, { action: 'applications.status_ingested' })));
      return [...early, ...outcome.results].sort((a, b) => a.index - b.index);
    },

    statusLabels,

    async setStatusLabels(actor, institutionId, labels) {
      const allowed = hasRole(actor, 'platform_admin') || hasRole(actor, 'institution_admin', institutionId) || hasRole(actor, 'service_manager', institutionId);
      if (!allowed) throw errors.notManager();
      const entries: [string, Text][] = [];
      for (const [code, label] of Object.entries(labels)) {
        if (!isStatusCode(code)) throw errors.invalidInput(`"${code}" is not a status code`, `#/${code}`);
        if (!label || typeof label.lv !== 'string' || typeof label.en !== 'string' || !label.lv.trim() || !label.en.trim()) throw errors.invalidInput('a label has lv and en text', `#/${code}`);
        entries.push([code, { lv: label.lv.trim().slice(0, 200), en: label.en.trim().slice(0, 200) }]);
      }
      await root.transaction().execute(async (trx) => {
        await repo.replaceLabels(trx, institutionId, entries, actorName(actor));
        await deps.audit(asRoot(trx)).record({ actor: actorName(actor), action: 'applications.labels_changed', target: `institution:${institutionId}`, details: { codes: entries.map(([code]) => code) } });
      });
      return statusLabels(institutionId);
    },
  };
}
