/** Small helpers for tests of the JSON API: calls with a bearer token, expected answers, asynchronous effects. */
import assert from 'node:assert/strict';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { pointer: string; in: string; detail: string; keyword?: string; messages?: { lv: string; en: string } }[];
}

export interface CallOptions {
  /** sent as JSON (content-type set) */
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** One API request to `base` with `token` (none when null), redirects not followed. */
export function callApi(base: string, method: string, path: string, token: string | null | undefined, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  return fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' });
}

/** The JSON body of a response that must have `status`. */
export async function expectJson<T>(response: Response, status = 200): Promise<T> {
  assert.equal(response.status, status, `${response.url} answered ${response.status}: ${await response.clone().text()}`);
  return (await response.json()) as T;
}

/** A problem+json answer with `status`, a stable type, a title and a detail; of type `/problems/<type>` when given. */
export async function expectProblem(response: Response, status: number, type?: string): Promise<Problem> {
  assert.equal(response.status, status, `${response.url} answered ${response.status}: ${await response.clone().text()}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = (await response.json()) as Problem;
  assert.equal(body.status, status);
  assert.match(body.type, /^\/problems\/[a-z.-]+$/);
  assert.ok(body.title && body.detail, 'a problem has a title and a detail');
  if (type) assert.equal(body.type, `/problems/${type}`);
  return body;
}

/** Asks again until `done` holds (for asynchronous pipelines); fails after `timeoutMs`, showing the last value. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: still ${JSON.stringify(value).slice(0, 600)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
