/** The widget's API client: bearer token, the error envelope surfaced as an ApiError, one token refresh on 401. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  /** Starts a GET now; the next `get` of the same path takes its answer instead of asking again. */
  prefetch(path: string): void;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  /** A file the API streams (a CSV export): fetched with the token, since a plain link could not send it. */
  file(path: string): Promise<Blob>;
}

/** Asked for a fresh token when the API answers 401; a falsy answer means the host has none to give. */
export type TokenRefresher = () => string | null | undefined | Promise<string | null | undefined>;

export interface ApiOptions {
  apiBase: string;
  token: string;
  onTokenExpired?: TokenRefresher;
  /** Told about each new token, so a remount or redraw starts from it. */
  onToken?: (token: string) => void;
}

export function createApi({ apiBase, token: initial, onTokenExpired, onToken }: ApiOptions): Api {
  let token = initial;
  // Requests that fail together share one refresh: the host is asked once, not once per request.
  let refreshing: Promise<string | null> | null = null;
  const refresh = (stale: string) => {
    if (token !== stale) return Promise.resolve(token);
    refreshing ??= Promise.resolve()
      .then(() => onTokenExpired?.())
      .then(
        (fresh) => {
          if (fresh) {
            token = fresh;
            onToken?.(fresh);
          }
          return fresh || null;
        },
        () => null,
      )
      .finally(() => (refreshing = null));
    return refreshing;
  };

  const send = (method: string, path: string, body: unknown, bearer: string) =>
    fetch(`${apiBase.replace(/\/$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const respond = async (method: string, path: string, body?: unknown) => {
    const used = token;
    const res = await send(method, path, body, used);
    if (res.status !== 401 || !onTokenExpired) return res;
    const fresh = await refresh(used);
    return fresh ? send(method, path, body, fresh) : res;
  };
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await respond(method, path, body);
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? 'error', json?.error?.message ?? res.statusText, json?.error?.field);
    return json as T;
  };
  const early = new Map<string, Promise<unknown>>();
  return {
    get: <T>(path: string) => {
      const started = early.get(path);
      early.delete(path);
      return (started as Promise<T> | undefined) ?? request<T>('GET', path);
    },
    prefetch: (path) => {
      const started = request('GET', path);
      started.catch(() => {}); // its error is reported to the `get` that takes it
      early.set(path, started);
    },
    post: (path, body) => request('POST', path, body),
    patch: (path, body) => request('PATCH', path, body),
    file: async (path) => {
      const res = await respond('GET', path);
      if (res.ok) return res.blob();
      const json = await res.json().catch(() => null);
      throw new ApiError(res.status, json?.error?.code ?? 'error', json?.error?.message ?? res.statusText, json?.error?.field);
    },
  };
}

/** The token's claims, read without verification: the server verifies; the widget only picks its views. */
export interface Claims {
  role: 'agent' | 'lead' | 'qa' | 'manager';
  sub: string;
  agent?: string;
  team?: string;
  store: string;
}
export function readClaims(token: string): Claims | null {
  try {
    const part = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(escape(atob(part)));
    return JSON.parse(json) as Claims;
  } catch {
    return null;
  }
}
