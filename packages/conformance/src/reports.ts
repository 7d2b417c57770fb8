/**
 * R3 and R4: what the system reports back to the platform's status register
 * and whether it asks the platform's mandate API, judged from the calls the
 * stand-in received. The kit watches for twice the named time (so a late
 * report is told as late, not as missing) and stops early once the system has
 * moved the application on past `received` and settled the represented one.
 */
import type { ReportedStatus, StandIn } from './stand-in.js';
import { result, type CheckResult } from './requirements.js';
import type { TestApplication } from './webhooks.js';

/** Codes that mean the institution acts on the application (not just notes receipt or refuses). */
const ACTING = ['in_progress', 'awaiting_client', 'decided', 'delivered'];
/** How far the system's clock may differ from the kit's. */
const CLOCK_SKEW_MS = 60_000;

const reportsOf = (standIn: StandIn, applicationId: string): ReportedStatus[] => standIn.statuses.filter((status) => status.applicationId === applicationId);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`;

/** Resolves when `done` holds or the time is up; looks again after every call the stand-in records. */
export function watch(standIn: StandIn, until: number, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const stop = standIn.onChange(() => done() && finish());
    const timer = setTimeout(finish, Math.max(0, until - Date.now()));
    if (done()) finish();
  });
}

/** Whether there is nothing more to wait for: the application moved on past `received` (or reported, with a report refused since, which waiting will not mend), and the represented one answered. */
export function settled(standIn: StandIn, main: TestApplication, represented: TestApplication | null): boolean {
  const reports = reportsOf(standIn, main.applicationId);
  const movedOn = reports.some((status) => status.code !== 'received' && status.code !== 'submitted') || (reports.length > 0 && standIn.refusedReports.length > 0);
  return movedOn && (!represented || reportsOf(standIn, represented.applicationId).length > 0);
}

function accepted(standIn: StandIn): CheckResult {
  const refused = standIn.refusedReports;
  if (refused.length === 0) return result('status-reports.accepted', true, `${standIn.statuses.length} status events in all, each one the status register accepts`);
  const first = refused[0]!;
  return result('status-reports.accepted', false, `the platform would refuse ${refused.length} status report${refused.length === 1 ? '' : 's'} (400): POST ${first.path}: ${first.why}`);
}

function uniqueIds(reports: ReportedStatus[]): CheckResult {
  if (reports.length === 0) return result('status-reports.unique-ids', true, 'no status events arrived, so none repeat an eventId (see status-reports.in-time)');
  const missing = reports.filter((report) => !report.eventId);
  if (missing.length > 0) return result('status-reports.unique-ids', false, `${missing.length} of ${reports.length} status events have no eventId: without one a retry cannot be told from a new event`);
  const byId = new Map<string, ReportedStatus>();
  for (const report of reports) {
    const seen = byId.get(report.eventId!);
    if (seen && JSON.stringify(seen.raw) !== JSON.stringify(report.raw)) {
      return result('status-reports.unique-ids', false, `two different events share eventId "${report.eventId}" (${seen.code} at ${seen.occurredAt}, ${report.code} at ${report.occurredAt}): the platform keeps the first and drops the other as a repeat`);
    }
    byId.set(report.eventId!, report);
  }
  return result('status-reports.unique-ids', true, `${byId.size} distinct events, each with its own eventId${byId.size < reports.length ? ` (${reports.length - byId.size} exact repeats, which is allowed)` : ''}`);
}

function orderedTimes(reports: ReportedStatus[], submittedAt: number): CheckResult {
  if (reports.length === 0) return result('status-reports.ordered-times', true, 'no status events arrived, so none are out of order (see status-reports.in-time)');
  let previous: ReportedStatus | undefined;
  for (const report of reports) {
    const at = report.occurredAt ? Date.parse(report.occurredAt) : NaN;
    if (Number.isNaN(at)) return result('status-reports.ordered-times', false, `the ${report.code} event has no occurredAt (an ISO 8601 time in UTC)`);
    if (at < submittedAt - CLOCK_SKEW_MS) return result('status-reports.ordered-times', false, `the ${report.code} event occurred at ${report.occurredAt}, before the application was submitted (${new Date(submittedAt).toISOString()})`);
    if (at > report.receivedAt + CLOCK_SKEW_MS) return result('status-reports.ordered-times', false, `the ${report.code} event occurred at ${report.occurredAt}, in the future when it arrived`);
    if (previous && at < Date.parse(previous.occurredAt!)) {
      return result('status-reports.ordered-times', false, `${report.code} (occurredAt ${report.occurredAt}) was sent after ${previous.code} (occurredAt ${previous.occurredAt}) but happened before it: send events in the order they happened`);
    }
    previous = report;
  }
  return result('status-reports.ordered-times', true, `${reports.map((report) => report.code).join(' → ')}, each occurredAt at or after the one before`);
}

function inTime(reports: ReportedStatus[], deliveredAt: number, withinMs: number): CheckResult {
  const first = reports[0];
  if (!first) return result('status-reports.in-time', false, `no status event arrived within ${seconds(2 * withinMs)} of the delivery; the requirement is ${seconds(withinMs)}`);
  const took = first.receivedAt - deliveredAt;
  return took <= withinMs
    ? result('status-reports.in-time', true, `the first status event (${first.code}) arrived ${seconds(Math.max(0, took))} after the delivery; the requirement is ${seconds(withinMs)}`)
    : result('status-reports.in-time', false, `the first status event (${first.code}) arrived ${seconds(took)} after the delivery; the requirement is ${seconds(withinMs)}`);
}

export function checkStatusReports(standIn: StandIn, main: TestApplication, deliveredAt: number | null, withinMs: number): CheckResult[] {
  if (deliveredAt === null) {
    const why = 'the application was not accepted by the webhook endpoint, so no status events could follow (see webhooks.accepts-signed)';
    return [result('status-reports.accepted', false, why), result('status-reports.unique-ids', false, why), result('status-reports.ordered-times', false, why), result('status-reports.in-time', false, why)];
  }
  const reports = reportsOf(standIn, main.applicationId);
  return [accepted(standIn), uniqueIds(reports), orderedTimes(reports, Date.parse(main.submittedAt)), inTime(reports, deliveredAt, withinMs)];
}

export function checkMandate(standIn: StandIn, represented: TestApplication, accepted: string | null): CheckResult {
  if (accepted) return result('mandates.checked', false, `the application filed by a representative was ${accepted}; it must be accepted with a 2xx`);
  const pair = `${represented.submittedBy} for ${represented.applicant}`;
  const query = standIn.mandateQueries.find((asked) => asked.representative === represented.submittedBy && asked.represented === represented.applicant);
  const reports = reportsOf(standIn, represented.applicationId);
  const acted = reports.find((report) => ACTING.includes(report.code));
  if (acted) return result('mandates.checked', false, `the system acted for the represented person without a mandate (${pair}): it reported ${acted.code}${query ? ' although the platform answered allowed: false' : ' and never asked GET /api/v1/mandates/check'}`);
  if (!query) return result('mandates.checked', false, `the system never asked the platform’s mandate API (GET /api/v1/mandates/check?representative=…&represented=…) about ${pair}`);
  if (reports[0] && reports[0].receivedAt < query.receivedAt) return result('mandates.checked', false, `the system reported ${reports[0].code} before asking the platform’s mandate API about ${pair}`);
  const refusal = reports.find((report) => report.code === 'rejected');
  return result('mandates.checked', true, `asked the platform’s mandate API about ${pair}, was told allowed: false, and ${refusal ? 'refused the application (rejected)' : 'did not act on it'}`);
}
