/**
 * The events participation publishes on the platform's outbox, in the
 * transaction of the change. They carry no person: page feedback is anonymous,
 * and a rating names its application, service and institution only.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EventActor, EventEnvelope, NewEvent } from '../../platform/jobs/outbox.js';

export const PARTICIPATION_SOURCE = '/participation';
export const FEEDBACK_GIVEN = 'participation.feedback_given';
export const SERVICE_RATED = 'participation.service_rated';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const FeedbackGivenData = Type.Object({
  feedbackId: Type.String(),
  /** the page's path, without its query string */
  path: Type.String(),
  lang: Type.String(),
  useful: Type.Boolean(),
  serviceId: Nullable(Type.String()),
  institutionId: Nullable(Type.String()),
  day: Type.String(),
});
export type FeedbackGivenData = Static<typeof FeedbackGivenData>;

export const ServiceRatedData = Type.Object({
  ratingId: Type.String(),
  applicationId: Type.String(),
  serviceId: Type.String(),
  institutionId: Type.String(),
  score: Type.Integer({ minimum: 1, maximum: 5 }),
  ease: Type.Union([Type.Literal('easy'), Type.Literal('hard'), Type.Null()]),
  ratedAt: Type.String(),
});
export type ServiceRatedData = Static<typeof ServiceRatedData>;

export type FeedbackGivenEvent = EventEnvelope<typeof FEEDBACK_GIVEN, FeedbackGivenData>;
export type ServiceRatedEvent = EventEnvelope<typeof SERVICE_RATED, ServiceRatedData>;


export function feedbackGiven(data: FeedbackGivenData, time: Date): NewEvent<typeof FEEDBACK_GIVEN, FeedbackGivenData> {
  // Anonymous: the platform is the actor.
  return { type: FEEDBACK_GIVEN, source: PARTICIPATION_SOURCE, subject: data.feedbackId, time, actor: { kind: 'platform', id: 'participation' }, data };
}

/** A rating names no person, not even as its actor. */
export function serviceRated(data: ServiceRatedData, time: Date): NewEvent<typeof SERVICE_RATED, ServiceRatedData> {
  return { type: SERVICE_RATED, source: PARTICIPATION_SOURCE, subject: data.applicationId, time, actor: { kind: 'platform', id: 'participation' }, data };
}

export const IDEA_PROPOSED = 'participation.idea_proposed';
export const IDEA_STATE_CHANGED = 'participation.idea_state_changed';

export const IdeaData = Type.Object({
  ideaId: Type.String(),
  serviceId: Type.String(),
  institutionId: Type.String(),
  /** the author's personal code: a notification may tell them of the answer */
  author: Type.String(),
  title: Type.String(),
  state: Type.String(),
  reason: Nullable(Type.String()),
});
export type IdeaData = Static<typeof IdeaData>;
export type IdeaProposedEvent = EventEnvelope<typeof IDEA_PROPOSED, IdeaData>;
export type IdeaStateChangedEvent = EventEnvelope<typeof IDEA_STATE_CHANGED, IdeaData>;

export function ideaEvent(type: typeof IDEA_PROPOSED | typeof IDEA_STATE_CHANGED, data: IdeaData, actor: EventActor, time: Date): NewEvent<string, IdeaData> {
  return { type, source: PARTICIPATION_SOURCE, subject: data.ideaId, time, actor, data };
}

/** Every event type of the module with its payload's schema. */
export const participationEvents = { [FEEDBACK_GIVEN]: FeedbackGivenData, [SERVICE_RATED]: ServiceRatedData, [IDEA_PROPOSED]: IdeaData, [IDEA_STATE_CHANGED]: IdeaData } as const;
