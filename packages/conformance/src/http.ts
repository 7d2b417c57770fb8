/** The kit's HTTP calls to the system under test: never following redirects, each with a time limit, failures told in words. */
export const REQUEST_TIMEOUT_MS = 10_000;

export type Answer = { ok: true; response: Response } | { ok: false; why: string };

export async function request(url: string, init: RequestInit = {}): Promise<Answer> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...init });
    await response.body?.cancel();
    return { ok: true, response };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    return { ok: false, why: `${init.method ?? 'GET'} ${url} got no answer (${cause})` };
  }
}

/** A path is taken under the system's address (`https://x/app` + `/login` is `https://x/app/login`); an absolute URL as it is. */
export function resolve(base: string, pathOrUrl: string): string {
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
  return `${base.replace(/\/+$/, '')}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
}
