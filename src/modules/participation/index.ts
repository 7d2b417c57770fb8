/**
 * Participation: users say whether a page helped, rate a service after its
 * result, and everyone can see how services perform (P14). Page feedback is
 * anonymous (path, language, device class and day; free text masked);
 * ratings are once per application, by its applicant or submitter; the public
 * performance figures per service and institution (applications per month,
 * share decided by the expected date, median and P90 processing time,
 * satisfaction, feedback volume, cells under 5 suppressed) come from the
 * module's own facts, kept from applications.status_changed.
 *
 * Exposes the ParticipationService, the bus subscriber (PARTICIPATION_EVENTS),
 * the page-end form for the layout's slot, its routes and pages, its events
 * and migrations.
 */
import { fileURLToPath } from 'node:url';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import type { EventEnvelope } from '../../platform/jobs/outbox.js';
import type { App } from '../../platform/http/server.js';
import type { WorkspaceShell } from '../../platform/web/workspace.js';
import { STATUS_CHANGED } from '../applications/index.js';
import { createCatalog, type CatalogService } from '../catalog/index.js';
import type { ParticipationTables } from './participation.repo.js';
import type { IdeasTables } from './ideas.repo.js';
import { createIdeasService, type IdeasService } from './ideas.service.js';
import { loadParticipationDemo } from './participation.demo.js';
import { createVisitCounter, registerVisitCounting, visitsBy, type VisitsTables } from './visits.js';
import { createParticipationService, type ParticipationService, type ParticipationServiceOptions } from './participation.service.js';
import { registerFeedbackPages } from './pages/portal/feedback.pages.js';
import { registerPerformancePages } from './pages/portal/performance.pages.js';
import { ratingPanel, registerRatingPages } from './pages/workspace/rating.pages.js';
import { registerParticipationRoutes } from './participation.routes.js';
import { registerParticipationConsolePages as registerFeedbackConsolePages } from './pages/console/feedback.pages.js';
import { registerIdeasConsolePages } from './pages/console/ideas.pages.js';
import { registerVisitsConsolePages } from './pages/console/visits.pages.js';
import { registerIdeasPages, registerInstitutionIdeasPages } from './pages/portal/ideas.pages.js';
import { registerIdeasWorkspacePages } from './pages/workspace/ideas.pages.js';
import type { ConsoleShell } from '../../platform/web/console.js';

export type { FeedbackInput, PageFeedback, ParticipationService, RateableApplication, Rater, Rating, RatingInput, StaffFilter } from './participation.service.js';
export type { Performance, PerformanceRow } from './performance.js';
export type { Idea, IdeaState, IdeasService } from './ideas.service.js';
export { IDEA_STATES, ANSWER_STATES } from './ideas.service.js';
export { maskPersonalData, deviceClass } from './participation.privacy.js';
export { FEEDBACK_GIVEN, SERVICE_RATED, IDEA_PROPOSED, IDEA_STATE_CHANGED, participationEvents, type FeedbackGivenEvent, type ServiceRatedEvent } from './participation.events.js';
export { PageFeedbackForm } from './pages/portal/feedback.pages.js';
export { ratingPanel };

export const participationMigrations: MigrationSource = { module: 'participation', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

export interface ParticipationOptions {
  catalog?: CatalogService;
  now?: () => Date;
  rateLimit?: ParticipationServiceOptions['rateLimit'];
}

/** Feedback, ratings, figures, ideas and page visits: one service over the module's tables. */
export type Participation = ParticipationService &
  IdeasService & {
    /** page visits in [from, to] (YYYY-MM-DD) summed by one dimension, most first */
    visitsBy(by: 'path' | 'country' | 'device' | 'day', from: string, to: string, limit?: number): Promise<{ key: string; visits: number }[]>;
  };

export function createParticipation(db: RootDb, options: ParticipationOptions = {}): Participation {
  const catalog = options.catalog ?? createCatalog(db);
  const now = options.now ?? (() => new Date());
  return {
    ...createParticipationService(narrow<ParticipationTables>(db), { catalog, now, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) }),
    ...createIdeasService(narrow<IdeasTables>(db), { catalog, now }),
    visitsBy: (by, from, to, limit) => visitsBy(narrow<VisitsTables>(db), by, from, to, limit),
  };
}

/** DEMO mode: a year of figures, feedback, ratings and two ideas for a few services. Run inside runOnce. */
export async function loadParticipationDemoData(trx: RootDb, now = new Date()): Promise<{ services: number; applications: number }> {
  return loadParticipationDemo(narrow<ParticipationTables>(trx), narrow<IdeasTables>(trx), createCatalog(trx), now);
}

/** The event types participation keeps its facts from (its subscription on the platform's bus). */
export const PARTICIPATION_EVENTS = [STATUS_CHANGED] as const;

export function participationSubscriber(participation: Pick<ParticipationService, 'handleEvent'>): (event: EventEnvelope) => Promise<void> {
  return (event) => participation.handleEvent(event);
}

/** The public side: the feedback form's routes, the performance pages and the open-data API. */
export function registerParticipation(app: App, participation: Participation, options: { publicUrl: string; db: RootDb; countryHeader?: string | undefined }): void {
  registerVisitCounting(app, createVisitCounter(narrow<VisitsTables>(options.db), { countryHeader: options.countryHeader }));
  registerFeedbackPages(app, participation, options);
  registerPerformancePages(app, participation);
  registerIdeasPages(app, participation);
  registerInstitutionIdeasPages(app, participation);
  registerParticipationRoutes(app, { participation, publicUrl: options.publicUrl });
}

export function registerParticipationWorkspacePages(shell: WorkspaceShell, deps: { participation: Participation; catalog: Pick<CatalogService, 'getMany' | 'lookup'> }): void {
  registerRatingPages(shell, deps.participation);
  registerIdeasWorkspacePages(shell, { ideas: deps.participation, catalog: deps.catalog });
}

/** The console's pages: feedback and ratings, and ideas to answer. */
export function registerParticipationConsolePages(shell: ConsoleShell, deps: { participation: Participation; catalog: Pick<CatalogService, 'listPublishedOf' | 'listInstitutions' | 'getMany'> }): void {
  registerFeedbackConsolePages(shell, deps);
  registerVisitsConsolePages(shell, deps.participation);
  registerIdeasConsolePages(shell, { ideas: deps.participation, catalog: deps.catalog });
}