/**
 * One conformance run: the webhook probes first (they start the clock of the
 * status reports), then the sign-in and deep-link checks while the stand-in
 * watches what the system reports back and asks.
 */
import { randomUUID } from 'node:crypto';
import { checkDeepLinks } from './deep-links.js';
import { request, resolve } from './http.js';
import { checkMandate, checkStatusReports, settled, watch } from './reports.js';
import { CHECKS, type CheckResult } from './requirements.js';
import { checkSignIn } from './sign-in.js';
import type { StandIn } from './stand-in.js';
import { applicationEvent, checkWebhooks, newApplication, signedDelivery } from './webhooks.js';

export const DEFAULTS = {
  loginPath: '/login',
  webhookPath: '/webhooks/pakalpojumi',
  statusWithinSeconds: 60,
  /** Jānis Bērziņš of the demo data applies; Anna Kalniņa files for him without a mandate */
  applicant: '150685-12347',
  representative: '230390-11113',
} as const;

export interface ConformanceOptions {
  /** the institution system's address */
  system: string;
  /** the `whsec_…` secret the system verifies the kit's deliveries with */
  webhookSecret: string;
  /** the running stand-in, whose address the system uses as the platform's */
  standIn: StandIn;
  loginPath?: string;
  webhookPath?: string;
  deepLinks?: string[];
  /** the platform the portal signs in through, when not the stand-in (its discovery document names the authorization endpoint) */
  platform?: string;
  /** the time the requirement names for the first status report */
  statusWithinMs?: number;
  institutionId?: string;
  serviceId?: string;
}

export interface Report {
  system: string;
  platform: string;
  startedAt: string;
  finishedAt: string;
  passed: boolean;
  checks: CheckResult[];
}

export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const startedAt = new Date().toISOString();
  const { system, standIn } = options;
  const withinMs = options.statusWithinMs ?? DEFAULTS.statusWithinSeconds * 1000;
  const party = { institutionId: options.institutionId ?? randomUUID(), serviceId: options.serviceId ?? randomUUID() };
  const webhookUrl = resolve(system, options.webhookPath ?? DEFAULTS.webhookPath);
  const platform = options.platform ?? standIn.url;

  const main = newApplication(DEFAULTS.applicant);
  const webhooks = await checkWebhooks({ url: webhookUrl, secret: options.webhookSecret, party, main, applicant: DEFAULTS.applicant });
  const represented = newApplication(DEFAULTS.applicant, DEFAULTS.representative);
  const sent = await request(webhookUrl, { method: 'POST', ...signedDelivery(options.webhookSecret, JSON.stringify(applicationEvent(represented, party))) });
  const representedRefused = !sent.ok ? sent.why : sent.response.status < 200 || sent.response.status > 299 ? `answered ${sent.response.status}` : null;

  const [signIn, deepLinks] = await Promise.all([
    checkSignIn({ system, loginPath: options.loginPath ?? DEFAULTS.loginPath, platform }),
    checkDeepLinks(system, options.deepLinks ?? []),
    webhooks.deliveredAt === null && representedRefused
      ? undefined
      : watch(standIn, (webhooks.deliveredAt ?? Date.now()) + 2 * withinMs, () => settled(standIn, main, representedRefused ? null : represented)),
  ]);
  const checks = [...signIn, ...webhooks.checks, ...checkStatusReports(standIn, main, webhooks.deliveredAt, withinMs), checkMandate(standIn, represented, representedRefused), deepLinks];
  const order = Object.keys(CHECKS);
  checks.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return { system, platform, startedAt, finishedAt: new Date().toISOString(), passed: checks.every((check) => check.passed), checks };
}
