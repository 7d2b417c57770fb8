/**
 * The unified requirements the kit checks (P5), numbered as in
 * REQUIREMENTS.md, and the checks that stand for each. A check's id is stable:
 * reports, scripts and the JSON output name checks by it.
 */
export const REQUIREMENTS = {
  'sign-in': 'R1 Its portal signs in through the platform as an OpenID Connect relying party (authorization code, PKCE S256, state, nonce)',
  webhooks: 'R2 Its webhook endpoint accepts a correctly signed application and refuses a badly signed, a replayed and a stale one (Standard Webhooks)',
  'status-reports': 'R3 It reports statuses back to the status register with unique event ids and ordered times, in time',
  mandates: 'R4 It checks the mandate with the platform before acting for a represented person',
  'deep-links': 'R5 Its deep links to e-services answer',
} as const;

export type RequirementId = keyof typeof REQUIREMENTS;

export const CHECKS = {
  'sign-in.redirect': { requirement: 'sign-in', title: 'the login redirects to the platform’s authorization endpoint (response_type=code, client_id, redirect_uri, scope openid)' },
  'sign-in.pkce': { requirement: 'sign-in', title: 'the redirect carries a PKCE code_challenge with code_challenge_method=S256, new for each sign-in' },
  'sign-in.state': { requirement: 'sign-in', title: 'the redirect carries a state, new for each sign-in' },
  'sign-in.nonce': { requirement: 'sign-in', title: 'the redirect carries a nonce, new for each sign-in' },
  'webhooks.accepts-signed': { requirement: 'webhooks', title: 'a correctly signed application event is accepted (2xx), also when signed with two secrets during a rotation' },
  'webhooks.refuses-bad-signature': { requirement: 'webhooks', title: 'an event signed with another secret, or with its body changed, is refused (4xx)' },
  'webhooks.refuses-replay': { requirement: 'webhooks', title: 'the same request sent again (same webhook-id) is refused (4xx, 409 recommended)' },
  'webhooks.refuses-stale': { requirement: 'webhooks', title: 'a correctly signed event with a webhook-timestamp ten minutes old is refused (4xx)' },
  'status-reports.accepted': { requirement: 'status-reports', title: 'every status report is one the platform’s status register accepts (its schema: known fields, a status code of the common model)' },
  'status-reports.unique-ids': { requirement: 'status-reports', title: 'every status event carries an eventId, and different events have different ones' },
  'status-reports.ordered-times': { requirement: 'status-reports', title: 'status events are sent in the order they happened: occurredAt never goes back, not before submission, not in the future' },
  'status-reports.in-time': { requirement: 'status-reports', title: 'the first status event arrives within the time the requirement names after the application was delivered' },
  'mandates.checked': { requirement: 'mandates', title: 'an application filed by a representative without a mandate is checked with the platform’s mandate API and not acted on' },
  'deep-links.answer': { requirement: 'deep-links', title: 'every deep link to an e-service answers 200 or a redirect' },
} as const satisfies Record<string, { requirement: RequirementId; title: string }>;

export type CheckId = keyof typeof CHECKS;

export interface CheckResult {
  id: CheckId;
  requirement: RequirementId;
  title: string;
  passed: boolean;
  /** why it passed or failed, in a sentence a developer can act on */
  why: string;
}

export function result(id: CheckId, passed: boolean, why: string): CheckResult {
  const { requirement, title } = CHECKS[id];
  return { id, requirement, title, passed, why };
}
