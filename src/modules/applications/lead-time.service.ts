/**
 * Predictability (P12), the service side: each service's lead time (declared
 * by its managers, else taken from the register), what an application made
 * now may expect, and how long the service's recent applications really took.
 */
import { AppError } from '../../platform/errors.js';
import { hasRole, type Principal } from '../../platform/http/auth.js';
import type { Service } from '../catalog/index.js';
import { actorName, asRoot, leadTimeOf, type ApplicationsDeps } from './applications.context.js';
import * as errors from './applications.errors.js';
import * as repo from './applications.repo.js';
import type { CompletionStatistics, LeadTimeInput, ServiceLeadTime } from './applications.schemas.js';
import { expectedCompletion, leadTimeProblem, secondsToDuration } from './lead-time.js';

/** How many recent completed applications the statistics look at, and how few are too few to say anything. */
export const STATISTICS_SAMPLE = 200;
export const STATISTICS_MINIMUM = 3;

export interface LeadTimeService {
  getLeadTime(serviceId: string): Promise<ServiceLeadTime>;
  /** service managers of the service's institution */
  setLeadTime(actor: Principal, serviceId: string, input: LeadTimeInput): Promise<ServiceLeadTime>;
  /** median and 90th percentile of the recent completed applications; null until there are enough */
  completionStatistics(serviceId: string): Promise<CompletionStatistics | null>;
  /** when an application submitted now (or at `at`) is expected to be completed */
  expectedFor(serviceId: string, at?: Date): Promise<{ leadTime: ServiceLeadTime; expectedCompletionAt: string }>;
}

export async function statisticsOf(deps: ApplicationsDeps, serviceId: string): Promise<CompletionStatistics | null> {
  return statisticsFrom(await repo.completionStatistics(deps.root, serviceId, STATISTICS_SAMPLE));
}

/** The statistics to show from the sample's size, median and 90th percentile (seconds); null while the sample is too small. */
export function statisticsFrom({ n, median, p90 }: { n: number; median: number | null; p90: number | null }): CompletionStatistics | null {
  if (n < STATISTICS_MINIMUM || median === null || p90 === null) return null;
  const days = (seconds: number) => Math.round((seconds / 86_400) * 10) / 10;
  return { sampleSize: n, median: secondsToDuration(median), p90: secondsToDuration(p90), medianDays: days(median), p90Days: days(p90) };
}

export function createLeadTimes(deps: ApplicationsDeps): LeadTimeService {
  const root = deps.root;

  const service = async (serviceId: string): Promise<Service> => {
    if (!repo.isUuid(serviceId)) throw errors.serviceNotFound(serviceId);
    try {
      return await deps.catalog(asRoot(root)).get(serviceId);
    } catch (error) {
      if (error instanceof AppError && error.kind === 'not_found') throw errors.serviceNotFound(serviceId);
      throw error;
    }
  };

  const getLeadTime = async (serviceId: string): Promise<ServiceLeadTime> => {
    const found = await service(serviceId);
    return leadTimeOf(found, (await repo.findLeadTimes(root, [serviceId])).get(serviceId));
  };

  return {
    getLeadTime,

    async setLeadTime(actor, serviceId, input) {
      const found = await service(serviceId);
      if (!hasRole(actor, 'platform_admin') && !hasRole(actor, 'service_manager', found.institutionId)) throw errors.notManager();
      if (input.dayKind !== 'working' && input.dayKind !== 'calendar') throw errors.invalidInput('dayKind is working or calendar', '#/dayKind');
      const problem = leadTimeProblem(input);
      if (problem) throw errors.invalidLeadTime(problem);
      const legalBasis = input.legalBasis ?? null;
      if (legalBasis && (!legalBasis.lv?.trim() || !legalBasis.en?.trim())) throw errors.invalidInput('the legal basis has lv and en text', '#/legalBasis');
      await root.transaction().execute(async (trx) => {
        await repo.upsertLeadTime(trx, serviceId, { duration: input.duration, dayKind: input.dayKind, legalBasis }, actorName(actor));
        await deps.audit(asRoot(trx)).record({ actor: actorName(actor), action: 'applications.lead_time_set', target: `service:${serviceId}`, details: { duration: input.duration, dayKind: input.dayKind } });
      });
      return getLeadTime(serviceId);
    },

    completionStatistics: (serviceId) => statisticsOf(deps, serviceId),

    async expectedFor(serviceId, at) {
      const leadTime = await getLeadTime(serviceId);
      const start = at ?? deps.now();
      return { leadTime, expectedCompletionAt: expectedCompletion(start, leadTime, [], start).at.toISOString() };
    },
  };
}
