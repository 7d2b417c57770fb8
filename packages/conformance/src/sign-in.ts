/**
 * R1: the system's portal signs in through the platform. The kit asks for the
 * login page twice and reads the redirect: it must go to the platform's
 * authorization endpoint as an authorization-code request with PKCE (S256),
 * state and nonce, each new per sign-in. The kit checks the redirect only and
 * does not complete the sign-in: completing it needs a person's eID at the
 * platform, and the platform's own tests cover the provider's side.
 */
import { request, resolve } from './http.js';
import { result, type CheckResult } from './requirements.js';

const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
/** At least 96 bits of randomness in any usual encoding (a UUID, base64url of 16 bytes, hex of 12). */
const MIN_RANDOM_LENGTH = 16;

async function authorizationEndpoint(platform: string): Promise<string | { why: string }> {
  const discovery = resolve(platform, '/.well-known/openid-configuration');
  try {
    const response = await fetch(discovery, { signal: AbortSignal.timeout(10_000) });
    const document = (await response.json()) as { authorization_endpoint?: unknown };
    if (typeof document.authorization_endpoint === 'string') return document.authorization_endpoint;
    return { why: `${discovery} names no authorization_endpoint` };
  } catch (error) {
    return { why: `could not read ${discovery} (${error instanceof Error ? error.message : String(error)})` };
  }
}

async function loginRedirect(loginUrl: string): Promise<URL | { why: string }> {
  const answer = await request(loginUrl);
  if (!answer.ok) return { why: answer.why };
  const { status, headers } = answer.response;
  const location = headers.get('location');
  if (status < 300 || status > 399 || !location) return { why: `GET ${loginUrl} answered ${status}${location ? '' : ' without a Location'}: it must redirect to the platform’s authorization endpoint` };
  return new URL(location, loginUrl);
}

function redirectCheck(target: URL, endpoint: string): CheckResult {
  const problems: string[] = [];
  const where = `${target.origin}${target.pathname}`;
  if (where !== endpoint) problems.push(`it goes to ${where}, not the platform’s authorization endpoint ${endpoint}`);
  const query = target.searchParams;
  if (query.get('response_type') !== 'code') problems.push(`response_type is ${query.get('response_type') ?? 'missing'}, not code`);
  if (!query.get('client_id')) problems.push('client_id is missing');
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri || !URL.canParse(redirectUri)) problems.push('redirect_uri is missing or not an absolute URL');
  if (!(query.get('scope') ?? '').split(' ').includes('openid')) problems.push('scope does not include openid');
  return problems.length === 0
    ? result('sign-in.redirect', true, `the login redirects to ${endpoint} with response_type=code, client_id ${query.get('client_id')}, redirect_uri and scope openid`)
    : result('sign-in.redirect', false, `${problems.join('; ')}`);
}

function pkceCheck(first: URL, second: URL): CheckResult {
  const method = first.searchParams.get('code_challenge_method');
  const challenge = first.searchParams.get('code_challenge');
  if (!challenge) return result('sign-in.pkce', false, 'the redirect has no code_challenge: PKCE is required (RFC 7636, method S256)');
  if (method !== 'S256') return result('sign-in.pkce', false, `code_challenge_method is ${method ?? 'missing (which means plain)'}: only S256 is allowed`);
  if (!PKCE_CHALLENGE.test(challenge)) return result('sign-in.pkce', false, `the code_challenge "${challenge}" is not a base64url SHA-256 (43 characters)`);
  if (second.searchParams.get('code_challenge') === challenge) return result('sign-in.pkce', false, 'two sign-ins carried the same code_challenge: make a new code_verifier for each');
  return result('sign-in.pkce', true, 'code_challenge_method=S256 with a 43-character code_challenge, new for each sign-in');
}

function randomValueCheck(id: 'sign-in.state' | 'sign-in.nonce', name: string, first: URL, second: URL): CheckResult {
  const value = first.searchParams.get(name);
  if (!value) return result(id, false, `the redirect has no ${name}`);
  if (value.length < MIN_RANDOM_LENGTH) return result(id, false, `the ${name} "${value}" is too short to be unguessable (at least ${MIN_RANDOM_LENGTH} random characters)`);
  if (second.searchParams.get(name) === value) return result(id, false, `two sign-ins carried the same ${name}: make a new one for each`);
  return result(id, true, `a ${value.length}-character ${name}, new for each sign-in`);
}

export async function checkSignIn(options: { system: string; loginPath: string; platform: string }): Promise<CheckResult[]> {
  const ids = ['sign-in.redirect', 'sign-in.pkce', 'sign-in.state', 'sign-in.nonce'] as const;
  const loginUrl = resolve(options.system, options.loginPath);
  const [endpoint, first, second] = await Promise.all([authorizationEndpoint(options.platform), loginRedirect(loginUrl), loginRedirect(loginUrl)]);
  const failure = typeof endpoint !== 'string' ? endpoint : !(first instanceof URL) ? first : !(second instanceof URL) ? second : undefined;
  if (failure || typeof endpoint !== 'string' || !(first instanceof URL) || !(second instanceof URL)) {
    return ids.map((id) => result(id, false, failure?.why ?? 'no redirect'));
  }
  return [redirectCheck(first, endpoint), pkceCheck(first, second), randomValueCheck('sign-in.state', 'state', first, second), randomValueCheck('sign-in.nonce', 'nonce', first, second)];
}
