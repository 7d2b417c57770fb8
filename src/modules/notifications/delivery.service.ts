/**
 * Delivering: a queued job carries only deliveries' ids (one, or up to
 * DELIVERIES_PER_JOB due at once); the worker claims each delivery (queued →
 * sending, one worker of all instances wins), sends it over
 * its channel, and records the outcome (sent, delivered, retrying, or failed —
 * the dead letter). Every attempt of a delivery carries the same Message-ID,
 * so a receiver can drop a repeat.
 *
 * Retries, as GOV.UK Notify does them: the delay doubles from
 * `retryDelaySeconds` up to `retryMaxDelaySeconds`, and a delivery is retried
 * until it has been trying for `retryWindowSeconds` (24 h by default) since
 * its first attempt; only a PermanentFailure (e.g. SMTP 5xx) fails at once.
 * A failure that says the channel itself is down (ChannelUnavailable) marks
 * the delivery as waiting for the channel; the next delivery over that channel
 * that gets through — on any instance — brings every such delivery forward to
 * now by clearing its `not_before` and queuing a job for it in one
 * transaction. So a long outage ends with the mail flowing at once rather than
 * at each delivery's own next retry (at most the cap away, which is also how
 * long it takes for the first probe to find the server back).
 *
 * Jobs carry the `not_before` they were queued for. A job that comes before
 * its delivery is due is put back only if it is still that delivery's current
 * schedule; otherwise whoever rescheduled the delivery queued its own job, and
 * the stale one is dropped (no job chains multiply).
 *
 * A worker that dies mid-send leaves its delivery in `sending`: once its lease
 * runs out (at start, in embedded mode, where only one process can exist) the
 * sweeper hands it back to the queue. The window between a provider accepting
 * a message and our recording it cannot be closed over SMTP; the fixed
 * Message-ID is what covers it.
 */
import type { Kysely } from 'kysely';
import type { Job, JobInsert, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { inTransaction, type RootDb } from '../../platform/db/database.js';
import { groupCommit } from '../../platform/db/group-commit.js';
import { ensureQueue, executorAdapter } from '../../platform/jobs/queue.js';
import type { Channel, OutgoingMessage, SendOutcome } from './channels.js';
import { ChannelUnavailable, PermanentFailure } from './notifications.errors.js';
import * as repo from './notifications.repo.js';
import type { ClaimedDelivery, DeliveryRow, NotificationsTables } from './notifications.repo.js';
import type { ChannelName, TargetChannel } from './notifications.schemas.js';
import { absoluteLink, toHtml } from './templates.js';

export const DELIVER_QUEUE = 'notifications-deliver';

/**
 * Workers are woken at most this often: a lone commit wakes them at once, the commits of a burst
 * that follow are claimed, sent and recorded together at the end of the interval (a few statements
 * for the lot instead of a fetch, claim, record and completion per message).
 */
const WAKE_INTERVAL_MS = 100;

/**
 * How long a sent message's outcome waits at most for the rest of its batch before it is recorded:
 * the outcomes of a batch are one statement instead of one each (on the embedded database a
 * statement holds the thread, so nothing else arrives meanwhile to be written with it), and a crash
 * in this window sends the message again, with the same Message-ID, as a crash in the write would.
 */
const RECORD_LINGER_MS = 20;

export interface DeliveryOptions {
  root: Kysely<NotificationsTables>;
  boss: PgBoss;
  channels: Channel[];
  publicUrl: string;
  /** how long a claim holds before another worker may take the delivery over */
  leaseSeconds: number;
  /** first retry after this many seconds, doubling each time … */
  retryDelaySeconds: number;
  /** … up to this delay between attempts */
  retryMaxDelaySeconds: number;
  /** retried until the first attempt is this long ago, then failed for good */
  retryWindowSeconds: number;
  /** jobs a worker takes at once (their deliveries sent concurrently) */
  batchSize?: number;
  /** embedded database: no other process exists, so every `sending` left at start is stale */
  embedded: boolean;
  log?: Pick<Logger, 'warn' | 'error' | 'info'> | undefined;
}

/** How failed attempts are retried (the console tells staff). */
export interface RetryPolicy {
  /** the first retry waits this long, each next one twice as long … */
  delaySeconds: number;
  /** … up to this */
  maxDelaySeconds: number;
  /** retried until the first attempt is this long ago */
  windowSeconds: number;
}

export interface DeliveryWorker {
  readonly policy: RetryPolicy;
  /** queues deliveries inside the caller's transaction (`executor`) */
  enqueue(executor: RootDb, deliveries: { id: string; notBefore: Date | null }[]): Promise<void>;
  /** after a commit: let an idle worker look now (or, in a burst, at the end of WAKE_INTERVAL_MS) rather than at its next poll */
  wake(): void;
  start(): Promise<void>;
  /** takes no more jobs (those in hand finish while the job queue stops) */
  stop(): Promise<void>;
  /** closes the channels' connections */
  close(): Promise<void>;
  /**
   * One attempt at one delivery, as a worker would make it (tests, the console's "try again");
   * `scheduledFor`: the `not_before` its job was queued for (undefined: unknown).
   */
  attempt(deliveryId: string, scheduledFor?: Date | null): Promise<void>;
}

/**
 * A job's data: one delivery and the `not_before` it was queued for (ISO; absent in jobs from
 * before), or several deliveries due at once (`deliveryIds`: a batch made together, a backlog
 * resumed or swept back), each still claimed, sent and retried on its own.
 */
interface DeliverJob {
  deliveryId?: string;
  deliveryIds?: string[];
  notBefore?: string | null;
}

/** Deliveries due at once share a job of at most this many: a job less to queue, fetch and complete for each. */
const DELIVERIES_PER_JOB = 25;
/** Jobs a worker takes at once: at most JOBS_PER_FETCH × DELIVERIES_PER_JOB deliveries sent concurrently. */
const JOBS_PER_FETCH = 4;

/** Seconds to wait after the `attempts`-th failed attempt: doubling from `base`, never more than `cap`. */
export function retryDelay(attempts: number, base: number, cap: number): number {
  return Math.min(base * 2 ** Math.max(attempts - 1, 0), Math.max(cap, base));
}

/** Whether a delivery first tried at `firstAttemptAt` has used up its retry window by `now`. */
export function retryWindowOver(firstAttemptAt: Date | null, now: Date, windowSeconds: number): boolean {
  return firstAttemptAt !== null && now.getTime() - firstAttemptAt.getTime() >= windowSeconds * 1000;
}

/** Whether a job that came before its delivery was due still holds the delivery's schedule (else it is stale). */
function stillScheduled(scheduledFor: Date | null | undefined, notBefore: Date): boolean {
  return scheduledFor === undefined || (scheduledFor !== null && scheduledFor.getTime() === notBefore.getTime());
}

export function messageIdFor(deliveryId: string, publicUrl: string): string {
  return `<${deliveryId}@${new URL(publicUrl).hostname}>`;
}

/** A job's attempt: the delivery, and the `not_before` the job was queued for (undefined: unknown). */
interface Attempt {
  deliveryId: string;
  scheduledFor: Date | null | undefined;
}

interface Outcome {
  id: string;
  status: SendOutcome['status'];
  providerRef: string | null;
}

const scheduledFor = (job: DeliverJob): Date | null | undefined => (job.notBefore === undefined ? undefined : job.notBefore === null ? null : new Date(job.notBefore));

/** A job's attempts: its deliveries, each with the `not_before` the job was queued for. */
const attemptsOf = (job: DeliverJob): Attempt[] =>
  [...(job.deliveryIds ?? []), ...(job.deliveryId ? [job.deliveryId] : [])].map((deliveryId) => ({ deliveryId, scheduledFor: scheduledFor(job) }));

export function createDeliveryWorker(options: DeliveryOptions): DeliveryWorker {
  const { root, boss } = options;
  const channels = new Map<TargetChannel, Channel>(options.channels.map((channel) => [channel.name, channel]));
  const workerIds: string[] = [];
  let waking: NodeJS.Timeout | undefined;
  let lastWake = 0;
  let sweeper: NodeJS.Timeout | undefined;
  let running = false;

  // One statement however many: an outage's backlog is queued again at once when the channel is back.
  // Those due now share jobs; one due later has a job of its own that starts then.
  const enqueue = async (executor: RootDb, deliveries: { id: string; notBefore: Date | null }[]): Promise<void> => {
    if (deliveries.length === 0) return;
    const now = new Date();
    const later = deliveries.filter((delivery) => delivery.notBefore && delivery.notBefore > now);
    const due = deliveries.filter((delivery) => !(delivery.notBefore && delivery.notBefore > now)).map((delivery) => delivery.id);
    const jobs: JobInsert<DeliverJob>[] = [
      ...Array.from({ length: Math.ceil(due.length / DELIVERIES_PER_JOB) }, (_, i) => ({ data: { deliveryIds: due.slice(i * DELIVERIES_PER_JOB, (i + 1) * DELIVERIES_PER_JOB), notBefore: null } })),
      ...later.map((delivery) => ({ data: { deliveryId: delivery.id, notBefore: delivery.notBefore?.toISOString() ?? null }, startAfter: delivery.notBefore ?? now })),
    ];
    await boss.insert(DELIVER_QUEUE, jobs, { db: executorAdapter(executor) });
  };
  const asRoot = (db: Kysely<NotificationsTables>): RootDb => db as unknown as RootDb;

  const messageOf = (notification: NonNullable<ClaimedDelivery['notification']>, delivery: DeliveryRow): OutgoingMessage => {
    const link = absoluteLink(notification.link, notification.language, options.publicUrl);
    return {
      deliveryId: delivery.id,
      channel: delivery.channel as TargetChannel,
      address: delivery.address,
      language: notification.language,
      messageId: delivery.message_id ?? messageIdFor(delivery.id, options.publicUrl),
      subject: notification.subject,
      text: notification.body,
      html: toHtml(notification.body, notification.language, notification.subject),
      short: notification.short_text,
      link,
    };
  };

  /** Records a failed attempt; a retry is queued in the same transaction, so it cannot be lost. */
  const failed = async (delivery: DeliveryRow, error: unknown): Promise<void> => {
    const detail = error instanceof Error ? error.message : String(error);
    const final = error instanceof PermanentFailure || retryWindowOver(delivery.first_attempt_at, new Date(), options.retryWindowSeconds);
    if (final) {
      await repo.finishDelivery(root, delivery.id, { status: 'failed', error: detail });
      options.log?.warn({ deliveryId: delivery.id, channel: delivery.channel, attempts: delivery.attempts, error: detail }, 'notification delivery failed for good');
      return;
    }
    const delaySeconds = retryDelay(delivery.attempts, options.retryDelaySeconds, options.retryMaxDelaySeconds);
    const notBefore = new Date(Date.now() + delaySeconds * 1000);
    await inTransaction(root, async (trx) => {
      await repo.retryLater(trx, delivery.id, { error: detail, notBefore, waitsForChannel: error instanceof ChannelUnavailable });
      await enqueue(asRoot(trx), [{ id: delivery.id, notBefore }]);
    });
  };

  /** A delivery got through where others wait out an outage: the channel's waiting deliveries are due now. */
  const resume = async (channel: TargetChannel): Promise<void> => {
    const ids = await inTransaction(root, async (trx) => {
      const due = await repo.resumeWaiting(trx, channel);
      await enqueue(
        asRoot(trx),
        due.map((id) => ({ id, notBefore: null })),
      );
      return due;
    });
    if (ids.length === 0) return;
    options.log?.info({ channel, count: ids.length }, 'the channel answers again: deliveries waiting for it are due now');
    for (const id of workerIds) boss.notifyWorker(id);
  };

  // Successful sends are recorded a batch's worth at a time (batchRecorder), the batches of both
  // workers in one statement when they come together; the statement says which of their channels
  // have deliveries waiting out an outage.
  const recorder = groupCommit((batches: Outcome[][]) => repo.finishDeliveries(root, batches.flat()));

  /**
   * Collects the outcomes of the `sends` sends of one claimed batch and records them together: once
   * every send has settled, or RECORD_LINGER_MS after the first outcome began to wait.
   */
  const batchRecorder = (sends: number): { record(outcome: Outcome): Promise<Set<ChannelName>>; settled(): void } => {
    let open = sends;
    let waiting: { outcome: Outcome; resolve: (waiting: Set<ChannelName>) => void; reject: (error: unknown) => void }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = (): void => {
      clearTimeout(timer);
      timer = undefined;
      const batch = waiting;
      waiting = [];
      if (batch.length === 0) return;
      recorder(batch.map((entry) => entry.outcome)).then(
        (result) => batch.forEach((entry) => entry.resolve(result)),
        (error: unknown) => batch.forEach((entry) => entry.reject(error)),
      );
    };
    const settled = (): void => {
      open -= 1;
      if (open <= 0) flush();
      else if (waiting.length > 0) timer ??= setTimeout(flush, RECORD_LINGER_MS);
    };
    return {
      record: (outcome) =>
        new Promise((resolve, reject) => {
          waiting.push({ outcome, resolve, reject });
          settled();
        }),
      settled,
    };
  };

  /** Jobs whose delivery was not claimed: one that came before its delivery was due is put back, unless it is stale. */
  const putBackEarly = async (jobs: Attempt[]): Promise<void> => {
    const rows = new Map((await repo.findDeliveries(root, [...new Set(jobs.map((job) => job.deliveryId))])).map((row) => [row.id, row]));
    const now = new Date();
    const due = new Map<string, Date>();
    for (const job of jobs) {
      const row = rows.get(job.deliveryId);
      if (row && (row.status === 'queued' || row.status === 'retrying') && row.not_before && row.not_before > now && stillScheduled(job.scheduledFor, row.not_before)) due.set(row.id, row.not_before);
    }
    await enqueue(
      asRoot(root),
      [...due].map(([id, notBefore]) => ({ id, notBefore })),
    );
  };

  /** Sends one claimed delivery and records the outcome (with its batch's); when it got through, whether others of its channel wait for it. */
  const send = async (claimed: ClaimedDelivery, batch: ReturnType<typeof batchRecorder>): Promise<{ waiting: boolean } | undefined> => {
    let outcome: SendOutcome;
    try {
      const channel = channels.get(claimed.channel as TargetChannel);
      if (!claimed.notification) throw new PermanentFailure('The notification no longer exists.');
      if (!channel) throw new PermanentFailure(`No ${claimed.channel} channel is configured.`);
      outcome = await channel.send(messageOf(claimed.notification, claimed));
    } catch (error) {
      batch.settled();
      await failed(claimed, error);
      return undefined;
    }
    // Outside the try: a sent message is never scheduled again because recording it failed (the lease decides then).
    const waiting = await batch.record({ id: claimed.id, status: outcome.status, providerRef: outcome.providerRef ?? null });
    return { waiting: waiting.has(claimed.channel) };
  };

  /**
   * One attempt at each of several deliveries: claimed together in one statement (one worker of all
   * instances wins each), sent concurrently, recorded together as they are out.
   */
  const attemptAll = async (jobs: Attempt[]): Promise<void> => {
    const claimed = await repo.claimDeliveries(root, [...new Set(jobs.map((job) => job.deliveryId))], options.leaseSeconds);
    const taken = new Set(claimed.map((delivery) => delivery.id));
    // Sent already, taken by another worker, or not due yet.
    const missed = jobs.filter((job) => !taken.has(job.deliveryId));
    if (missed.length > 0) await putBackEarly(missed);
    const batch = batchRecorder(claimed.length);
    const settled = await Promise.allSettled(claimed.map(async (delivery) => ((await send(delivery, batch))?.waiting ? (delivery.channel as TargetChannel) : undefined)));
    // The messages are out whatever happens next; a failed resume leaves the others to their own retries.
    const resumed = new Set(settled.map((result) => (result.status === 'fulfilled' ? result.value : undefined)).filter((channel) => channel !== undefined));
    for (const channel of resumed) await resume(channel).catch((error: unknown) => options.log?.error({ err: error, channel }, 'resuming deliveries that wait for the channel failed'));
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  };

  const attempt = (deliveryId: string, scheduledFor?: Date | null): Promise<void> => attemptAll([{ deliveryId, scheduledFor }]);

  /** Sendings whose worker died go back to the queue. */
  const sweep = async (all: boolean): Promise<void> => {
    await inTransaction(root, async (trx) => {
      const ids = await repo.releaseStale(trx, all ? 'all' : options.leaseSeconds);
      if (ids.length > 0) options.log?.warn({ count: ids.length }, 'notification deliveries left by a stopped worker are queued again');
      await enqueue(
        asRoot(trx),
        ids.map((id) => ({ id, notBefore: null })),
      );
    });
  };

  return {
    policy: { delaySeconds: options.retryDelaySeconds, maxDelaySeconds: Math.max(options.retryMaxDelaySeconds, options.retryDelaySeconds), windowSeconds: options.retryWindowSeconds },
    enqueue,
    wake() {
      if (waking) return;
      const notify = (): void => {
        waking = undefined;
        lastWake = Date.now();
        for (const id of workerIds) boss.notifyWorker(id);
      };
      const wait = lastWake + WAKE_INTERVAL_MS - Date.now();
      if (wait <= 0) notify();
      else waking = setTimeout(notify, wait).unref();
    },
    attempt,
    async start() {
      await ensureQueue(boss, DELIVER_QUEUE, {
        name: DELIVER_QUEUE,
        // A job whose worker died expires after the lease and is tried again; ordinary failures are retried by `failed`.
        expireInSeconds: Math.max(options.leaseSeconds, 1),
        retryLimit: 3,
        retryDelay: Math.max(Math.ceil(options.retryDelaySeconds), 1),
        retryBackoff: true,
      });
      await sweep(options.embedded);
      const work = (jobs: Job<DeliverJob>[]): Promise<void> => attemptAll(jobs.flatMap((job) => attemptsOf(job.data)));
      const batchSize = options.batchSize ?? JOBS_PER_FETCH;
      for (let i = 0; i < 2; i++) workerIds.push(await boss.work(DELIVER_QUEUE, { batchSize, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true }, work));
      const every = Math.max(options.leaseSeconds / 2, 1) * 1000;
      running = true;
      const tick = (): void => {
        if (!running) return;
        sweeper = setTimeout(() => {
          sweep(false)
            .catch((error: unknown) => options.log?.error({ err: error }, 'notification sweeper failed'))
            .finally(tick);
        }, every);
      };
      tick();
    },
    async stop() {
      running = false;
      if (waking) clearTimeout(waking);
      waking = undefined;
      if (sweeper) clearTimeout(sweeper);
      sweeper = undefined;
      await Promise.all(workerIds.splice(0).map((id) => boss.offWork(DELIVER_QUEUE, { id })));
    },
    async close() {
      await Promise.all([...channels.values()].map((channel) => channel.close?.()));
    },
  };
}
