/** The widget's API client: bearer token, the error envelope's message surfaced as an Error. */
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
  post<T>(path: string, body: unknown): Promise<T>;
}

export function createApi(apiBase: string, token: string): Api {
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${apiBase.replace(/\/$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? 'error', json?.error?.message ?? res.statusText, json?.error?.field);
    return json as T;
  };
  return { get: (path) => request('GET', path), post: (path, body) => request('POST', path, body) };
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
