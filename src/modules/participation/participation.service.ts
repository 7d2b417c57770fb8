/**
 * The rules of participation (P14):
 * - page feedback: anonymous, the page's path without its query string, the
 *   language, device class and day; free text masked before storage; the
 *   comment after "No" added once through a one-time key; rate-limited per
 *   network in windows every instance shares;
 * - application facts: kept from applications.status_changed (first sight,
 *   expected completion, result), so figures and ratings need no other
 *   module's tables;
 * - ratings: once per application, after its result, by its applicant or by
 *   whoever submitted it for them;
 * - performance: per service and institution (performance.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Value } from '@sinclair/typebox/value';
import type { RootDb } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/database.js';
import { publish, type EventEnvelope } from '../../platform/jobs/outbox.js';
import { STATUS_CHANGED, StatusChangedData } from '../applications/index.js';
import type { CatalogService, Institution, Service } from '../catalog/index.js';
import * as errors from './participation.errors.js';
import { feedbackGiven, serviceRated } from './participation.events.js';
import { deviceClass, maskPersonalData, networkKey, type DeviceClass } from './participation.privacy.js';
import * as repo from './participation.repo.js';
import type { Db, FactsRow } from './participation.repo.js';
import { createFiguresCache, FIGURES_MAX_AGE_SECONDS } from './figures.cache.js';
import { computePerformance, shownRow, type Performance } from './performance.js';

export const MAX_COMMENT = 2000;
const RESULT_CODES = new Set(['decided', 'delivered', 'rejected']);

export interface FeedbackInput {
  /** the page's path; a query string is dropped */
  path: string;
  lang: 'lv' | 'en';
  useful: boolean;
  userAgent?: string | undefined;
  /** the sender's address, for the rate limit only (never stored) */
  ip: string;
}

export interface PageFeedback {
  id: string;
  path: string;
  lang: 'lv' | 'en';
  device: DeviceClass;
  day: string;
  useful: boolean;
  comment: string | null;
  serviceId: string | null;
  institutionId: string | null;
}

export interface Rating {
  id: string;
  applicationId: string;
  serviceId: string;
  institutionId: string;
  score: number;
  ease: 'easy' | 'hard' | null;
  comment: string | null;
  createdAt: string;
}

export interface RatingInput {
  score: number;
  ease?: 'easy' | 'hard' | null;
  comment?: string | null;
}

/** Who asks to rate: the signed-in person and whom they act for just now. */
export interface Rater {
  personalCode: string;
  /** the party the person acts for (themselves, a child, a company) */
  actingFor?: string;
}

/** An application as participation knows it, for its rating page. */
export interface RateableApplication {
  applicationId: string;
  number: string;
  serviceId: string;
  institutionId: string;
  completedCode: string | null;
  /** whether it has its result (decided, delivered, rejected) */
  rateable: boolean;
  rating: Rating | null;
}

export interface StaffFilter {
  institutionIds: string[];
  serviceId?: string | undefined;
  useful?: boolean | undefined;
  withComment?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
}

export interface ParticipationService {
  /** Records "was this page useful?"; after "No", the key that lets the sender add one comment. */
  giveFeedback(input: FeedbackInput): Promise<{ id: string; commentKey: string | null }>;
  /** Adds the comment (masked) to the feedback the key belongs to, once. */
  addComment(commentKey: string, text: string): Promise<PageFeedback>;
  /** Reacts to an event of the platform's bus (applications.status_changed); idempotent by event id. */
  handleEvent(event: EventEnvelope): Promise<void>;
  /** The application (by number) if the rater is its applicant or submitter; else not found. */
  rateable(rater: Rater, number: string): Promise<RateableApplication>;
  rate(rater: Rater, number: string, input: RatingInput): Promise<Rating>;
  servicePerformance(ref: string): Promise<{ service: Service; institution: Institution; performance: Performance }>;
  institutionPerformance(ref: string): Promise<{ institution: Institution; services: Service[]; performance: Performance }>;
  /** The whole platform's figures, and each institution's totals. */
  nationalPerformance(): Promise<{ performance: Performance; institutions: { institution: Institution; total: Performance['total'] }[] }>;
  /** Page feedback of the institutions' services, newest first (for their service managers). */
  feedbackFor(filter: StaffFilter): Promise<PageFeedback[]>;
  ratingsFor(filter: StaffFilter): Promise<Rating[]>;
}

export interface ParticipationServiceOptions {
  catalog: Pick<CatalogService, 'lookup' | 'getInstitution' | 'listPublishedOf' | 'listInstitutions'>;
  now: () => Date;
  /** feedback allowed per network and window (default 30 in 10 minutes) */
  rateLimit?: { hits: number; windowMs: number };
}

const PATH = /^\/(?!\/)[^\s?#\\]{0,300}$/;
/** A service's own pages: its portal page (either portal, either language) and its e-form. */
const SERVICE_PAGE = /^(?:\/en)?(?:\/business)?\/(?:services|workspace\/apply)\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\/|$)/;

const hashKey = (key: string): string => createHash('sha256').update(key).digest('base64url');
const digits = (code: string | null | undefined): string => (code ?? '').replace(/\D/g, '');

const toFeedback = (row: repo.FeedbackRow): PageFeedback => ({
  id: row.id,
  path: row.path,
  lang: row.lang,
  device: row.device,
  day: row.day,
  useful: row.useful,
  comment: row.comment,
  serviceId: row.service_id,
  institutionId: row.institution_id,
});

const toRating = (row: repo.RatingRow): Rating => ({
  id: row.id,
  applicationId: row.application_id,
  serviceId: row.service_id,
  institutionId: row.institution_id,
  score: row.score,
  ease: row.ease,
  comment: row.comment,
  createdAt: row.created_at.toISOString(),
});

/** The path as stored: no query string or fragment; undefined when it is not a path of this site. */
export function cleanPath(path: string): string | undefined {
  const bare = path.split(/[?#]/)[0] ?? '';
  return PATH.test(bare) ? bare : undefined;
}

export function createParticipationService(root: Db, options: ParticipationServiceOptions): ParticipationService {
  const { catalog, now } = options;
  const limit = options.rateLimit ?? { hits: 30, windowMs: 600_000 };
  // The published figures, kept (figures.cache.ts): a change stored below makes them stale.
  const figures = createFiguresCache({ maxAgeMs: FIGURES_MAX_AGE_SECONDS * 1000, limit: 2_000 });

  async function checkRate(ip: string): Promise<void> {
    const at = now().getTime();
    const windowStart = new Date(Math.floor(at / limit.windowMs) * limit.windowMs);
    const hits = await repo.hitRateWindow(root, networkKey(ip), windowStart);
    if (hits > limit.hits) throw errors.feedbackRateLimited();
    if (hits === 1) await repo.pruneRateWindows(root, new Date(windowStart.getTime() - limit.windowMs));
  }

  /** The service a page is about (its portal page or e-form), if it is a published one. */
  async function serviceOfPage(path: string): Promise<Service | undefined> {
    const slug = SERVICE_PAGE.exec(path)?.[1];
    if (!slug) return undefined;
    const found = await catalog.lookup(slug).catch(() => undefined);
    return found && found.kind !== 'missing' ? found.service : undefined;
  }

  async function onStatusChanged(event: EventEnvelope, data: StatusChangedData): Promise<void> {
    if (!repo.isUuid(data.applicationId) || !repo.isUuid(data.serviceId) || !repo.isUuid(data.institutionId)) return;
    const occurred = new Date(data.occurredAt);
    if (Number.isNaN(occurred.getTime())) return;
    await inTransaction(root, async (trx) => {
      if (repo.isUuid(event.id) && !(await repo.claimEvent(trx, event.id))) return;
      const expected = data.expectedCompletionAt ? new Date(data.expectedCompletionAt) : null;
      const result = RESULT_CODES.has(data.code);
      const known = await repo.findFacts(trx, data.applicationId);
      if (!known) {
        await repo.insertFacts(trx, {
          application_id: data.applicationId,
          number: data.number,
          service_id: data.serviceId,
          institution_id: data.institutionId,
          applicant: data.applicant,
          submitted_by: data.submittedBy,
          started_at: occurred,
          expected_at: expected,
          completed_at: result ? occurred : null,
          completed_code: result ? data.code : null,
          last_event_at: occurred,
        });
        return;
      }
      const change: Partial<FactsRow> = { last_event_at: occurred };
      // The expected date that stood when the result came: the last one given before it (a result carries none).
      if (expected && !known.completed_at) change.expected_at = expected;
      if (result && !known.completed_at) {
        change.completed_at = occurred;
        change.completed_code = data.code;
      } else if (result && known.completed_code === 'decided' && data.code === 'delivered') {
        // Delivery after a decision keeps the decision's time: the institution's part was done then.
        change.completed_code = 'delivered';
      } else if (data.code === 'withdrawn' || data.code === 'cancelled') {
        if (!known.completed_at) change.completed_code = data.code;
      }
      await repo.updateFacts(trx, data.applicationId, change);
    });
    figures.changed();
  }

  async function mine(rater: Rater, number: string): Promise<FactsRow> {
    const facts = /^\d{4}-\d{6}$/.test(number) ? await repo.findFactsByNumber(root, number) : undefined;
    if (!facts) throw errors.applicationNotFound();
    const self = digits(rater.personalCode);
    const parties = new Set([self, digits(rater.actingFor)].filter(Boolean));
    const allowed = parties.has(digits(facts.applicant)) || (self !== '' && digits(facts.submitted_by) === self);
    if (!allowed) throw errors.applicationNotFound();
    return facts;
  }

  function performanceOf(scope: { serviceId?: string; institutionId?: string }): Promise<Performance> {
    return figures.get(`${scope.serviceId ?? ''}/${scope.institutionId ?? ''}`, async () => {
      const [facts, ratings, feedback] = await Promise.all([repo.factFigures(root, scope), repo.ratingsPerMonth(root, scope), repo.feedbackPerMonth(root, scope)]);
      return computePerformance(facts, ratings, feedback);
    });
  }

  /** Every institution's figures in total (the national overview's table), in three grouped statements. */
  function institutionTotals(): Promise<Map<string, Performance['total']>> {
    return figures.get('institutions', async () => {
      const [facts, ratings, feedback] = await Promise.all([repo.factTotalsByInstitution(root), repo.ratingTotalsByInstitution(root), repo.feedbackTotalsByInstitution(root)]);
      const ids = new Set([...facts.keys(), ...ratings.keys(), ...feedback.keys()]);
      return new Map([...ids].map((id) => [id, shownRow('total', facts.get(id), ratings.get(id), feedback.get(id))]));
    });
  }

  return {
    async giveFeedback(input) {
      const path = cleanPath(input.path);
      if (!path) throw errors.invalidFeedback('not a page of this site', '#/page');
      await checkRate(input.ip);
      const service = await serviceOfPage(path);
      const commentKey = input.useful ? null : randomBytes(24).toString('base64url');
      const day = now().toISOString().slice(0, 10);
      const id = await inTransaction(root, async (trx) => {
        const inserted = await repo.insertFeedback(trx, {
          path,
          lang: input.lang,
          device: deviceClass(input.userAgent),
          day,
          useful: input.useful,
          comment: null,
          comment_key: commentKey ? hashKey(commentKey) : null,
          service_id: service?.id ?? null,
          institution_id: service?.institutionId ?? null,
        });
        await publish(
          trx as unknown as RootDb,
          feedbackGiven({ feedbackId: inserted, path, lang: input.lang, useful: input.useful, serviceId: service?.id ?? null, institutionId: service?.institutionId ?? null, day }, now()),
        );
        return inserted;
      });
      figures.changed();
      return { id, commentKey };
    },

    async addComment(commentKey, text) {
      const comment = maskPersonalData(text.trim());
      if (!comment) throw errors.invalidFeedback('write what went wrong', '#/comment');
      if (comment.length > MAX_COMMENT) throw errors.invalidFeedback(`at most ${MAX_COMMENT} characters`, '#/comment');
      if (!/^[A-Za-z0-9_-]{32}$/.test(commentKey)) throw errors.commentClosed();
      const row = await repo.addComment(root, hashKey(commentKey), comment);
      if (!row) throw errors.commentClosed();
      return toFeedback(row);
    },

    async handleEvent(event) {
      if (event.type === STATUS_CHANGED && Value.Check(StatusChangedData, event.data)) await onStatusChanged(event, event.data);
    },

    async rateable(rater, number) {
      const facts = await mine(rater, number);
      const rating = await repo.findRating(root, facts.application_id);
      return {
        applicationId: facts.application_id,
        number: facts.number,
        serviceId: facts.service_id,
        institutionId: facts.institution_id,
        completedCode: facts.completed_code,
        rateable: facts.completed_at !== null && RESULT_CODES.has(facts.completed_code ?? ''),
        rating: rating ? toRating(rating) : null,
      };
    },

    async rate(rater, number, input) {
      if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) throw errors.invalidRating('a whole number from 1 to 5', '#/score');
      if (input.ease != null && input.ease !== 'easy' && input.ease !== 'hard') throw errors.invalidRating('easy or hard', '#/ease');
      const comment = input.comment ? maskPersonalData(input.comment.trim()) : '';
      if (comment.length > MAX_COMMENT) throw errors.invalidRating(`at most ${MAX_COMMENT} characters`, '#/comment');
      const facts = await mine(rater, number);
      if (!facts.completed_at || !RESULT_CODES.has(facts.completed_code ?? '')) throw errors.notRateable();
      const at = now();
      const rating = await inTransaction(root, async (trx) => {
        const row = {
          application_id: facts.application_id,
          service_id: facts.service_id,
          institution_id: facts.institution_id,
          score: input.score,
          ease: input.ease ?? null,
          comment: comment || null,
          created_at: at,
        };
        if (!(await repo.insertRating(trx, row))) throw errors.alreadyRated();
        const stored = (await repo.findRating(trx, facts.application_id)) as repo.RatingRow;
        await publish(
          trx as unknown as RootDb,
          serviceRated(
            { ratingId: stored.id, applicationId: stored.application_id, serviceId: stored.service_id, institutionId: stored.institution_id, score: stored.score, ease: stored.ease, ratedAt: at.toISOString() },
            at,
          ),
        );
        return toRating(stored);
      });
      figures.changed();
      return rating;
    },

    async servicePerformance(ref) {
      const found = await catalog.lookup(ref).catch(() => undefined);
      if (!found || found.kind === 'missing') throw errors.unknownService(ref);
      const [institution, performance] = await Promise.all([catalog.getInstitution(found.service.institutionId), performanceOf({ serviceId: found.service.id })]);
      return { service: found.service, institution, performance };
    },

    async institutionPerformance(ref) {
      const institution = await catalog.getInstitution(ref).catch(() => undefined);
      if (!institution) throw errors.unknownInstitution(ref);
      const services = await catalog.listPublishedOf(institution.id);
      return { institution, services, performance: await performanceOf({ institutionId: institution.id }) };
    },

    async nationalPerformance() {
      const [institutions, performance, totals] = await Promise.all([catalog.listInstitutions(), performanceOf({}), institutionTotals()]);
      return { performance, institutions: institutions.map((institution) => ({ institution, total: totals.get(institution.id) ?? shownRow('total', undefined, undefined, undefined) })) };
    },

    async feedbackFor(filter) {
      const rows = await repo.listFeedback(root, {
        institutionIds: filter.institutionIds.filter(repo.isUuid),
        ...(filter.serviceId && repo.isUuid(filter.serviceId) ? { serviceId: filter.serviceId } : {}),
        ...(filter.useful !== undefined ? { useful: filter.useful } : {}),
        ...(filter.withComment ? { withComment: true } : {}),
        ...(filter.from && /^\d{4}-\d{2}-\d{2}$/.test(filter.from) ? { from: filter.from } : {}),
        ...(filter.to && /^\d{4}-\d{2}-\d{2}$/.test(filter.to) ? { to: filter.to } : {}),
        limit: Math.min(Math.max(filter.limit ?? 500, 1), 5000),
      });
      return rows.map(toFeedback);
    },

    async ratingsFor(filter) {
      const rows = await repo.listRatings(root, {
        institutionIds: filter.institutionIds.filter(repo.isUuid),
        ...(filter.serviceId && repo.isUuid(filter.serviceId) ? { serviceId: filter.serviceId } : {}),
        ...(filter.from && /^\d{4}-\d{2}-\d{2}$/.test(filter.from) ? { from: filter.from } : {}),
        ...(filter.to && /^\d{4}-\d{2}-\d{2}$/.test(filter.to) ? { to: filter.to } : {}),
        limit: Math.min(Math.max(filter.limit ?? 500, 1), 5000),
      });
      return rows.map(toRating);
    },
  };
}
