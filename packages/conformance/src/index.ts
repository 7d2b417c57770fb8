/**
 * The conformance kit (P5): checks that an institution's own system meets the
 * platform's unified technical requirements (REQUIREMENTS.md) — sign-in as an
 * OpenID relying party with PKCE, state and nonce; Standard Webhooks
 * verification that refuses bad signatures, replays and stale deliveries;
 * status reports with unique ids and ordered times, in time; the mandate check
 * before acting for a represented person; live deep links. It stands in for
 * the platform (a small HTTP server with the platform's API shapes) so that it
 * can see what the system sends back. The command is `pakalpojumi-conformance`
 * (src/cli.ts); `runConformance` is the same run as a library.
 */
export { main, USAGE } from './cli.js';
export { formatReport } from './report.js';
export { CHECKS, REQUIREMENTS, type CheckId, type CheckResult, type RequirementId } from './requirements.js';
export { DEFAULTS, runConformance, type ConformanceOptions, type Report } from './run.js';
export { startStandIn, type MandateQuery, type ReportedStatus, type StandIn } from './stand-in.js';
export { applicationEvent, signedDelivery, STALE_SECONDS } from './webhooks.js';
