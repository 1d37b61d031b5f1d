import type { Problem } from './types';

/** An error response of the API, parsed from its problem JSON (RFC 9457). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem.code;
  }

  /** The field errors, by field name (first message per field). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.field] ??= e.message;
    if (this.problem.field && !this.problem.errors?.length && this.problem.field !== '(body)') {
      out[this.problem.field] ??= this.problem.title;
    }
    return out;
  }
}

/** Turns whatever came back into a problem; a proxy's HTML error page becomes a generic one. */
export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && typeof (body as Problem).code === 'string') {
    const p = body as Partial<Problem>;
    return { ...p, type: p.type ?? 'about:blank', title: p.title ?? '', status: p.status ?? status, code: p.code! };
  }
  return { type: 'about:blank', title: `HTTP ${status}`, status, code: status >= 500 ? 'server_error' : 'http_error' };
}

let csrfToken: string | null = null;

/** The session's CSRF token, sent as `x-csrf-token` on every request that is not a GET. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let unauthorized: () => void = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** What happens when a call outside /api/auth/ finds the session gone (the app sends the user to /login). */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export async function api<T>(path: string, { method = 'GET', body, signal }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
  }

  const text = response.status === 204 ? '' : await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    const error = new ApiError(toProblem(response.status, data));
    if (response.status === 401 && !path.startsWith('/api/auth/')) unauthorized();
    throw error;
  }
  if (data && typeof data === 'object' && typeof (data as { csrfToken?: unknown }).csrfToken === 'string') {
    setCsrfToken((data as { csrfToken: string }).csrfToken);
  }
  return data as T;
}

/** Builds `path?query` from the filled-in values only. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
